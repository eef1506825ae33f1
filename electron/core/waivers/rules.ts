import type { Role } from '../../shared/roles';
import type { SecondApproverRole } from '../../shared/schemas/waivers';

/**
 * The two-approval rule of a waiver or settlement, as a pure function: why `me` may not give
 * the next approval (a message key), or null. The proposer approves nothing; nobody approves
 * twice; one approval comes from a manager and the other from the role the branch set as
 * second approver (two different managers when that role is the manager).
 */
export function approvalRefusal(
  proposal: { proposedBy: number; approvals: readonly { staffId: number; role: string }[] },
  me: { staffId: number; role: Role },
  secondRole: SecondApproverRole,
): 'e.waiver.ownProposal' | 'e.waiver.twice' | 'e.waiver.role' | null {
  if (me.staffId === proposal.proposedBy) return 'e.waiver.ownProposal';
  if (proposal.approvals.some((a) => a.staffId === me.staffId)) return 'e.waiver.twice';
  if (!mayDecide(me.role, secondRole)) return 'e.waiver.role';
  const first = proposal.approvals[0];
  if (first && secondRole !== 'manager') {
    // One of each: the second approval is the role the first one was not.
    const needed = first.role === 'manager' ? secondRole : 'manager';
    if (me.role !== needed) return 'e.waiver.role';
  }
  return null;
}

/** Whether a role takes part in deciding waivers at all (approve or reject). */
export const mayDecide = (role: Role, secondRole: SecondApproverRole): boolean =>
  role === 'manager' || role === secondRole;
