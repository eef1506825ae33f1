import { AppFailure } from '../../shared/result';
import { rolePermissions, roles, type Permission } from '../../shared/roles';
import { all, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/**
 * Nobody approves what they proposed while someone else could (issue 14). The others who
 * could are the active staff with a sign-in account whose role holds the permission: a staff
 * card without an account cannot approve anything, and waiting for it would block the branch.
 */
export function otherApprovers(db: Sqlite, permission: Permission, me: number): number[] {
  const holding = roles.filter((role) => rolePermissions[role].includes(permission));
  return all(
    db,
    qb
      .selectFrom('staff')
      .select('id')
      .where('active', '=', 1)
      .where('username', 'is not', null)
      .where('role', 'in', holding)
      .where('id', '<>', me)
      .orderBy('id'),
  ).map((r) => r.id);
}

/**
 * How `me` may approve a proposal `proposedBy` made: not theirs, plainly; their own, only as
 * the one approver, and then marked as self-approved; otherwise it waits for another.
 */
export type Grant = 'other' | 'self' | 'awaitsAnother';

export function grantOf(db: Sqlite, permission: Permission, me: number, proposedBy: number): Grant {
  if (proposedBy !== me) return 'other';
  return otherApprovers(db, permission, me).length > 0 ? 'awaitsAnother' : 'self';
}

const ownProposalWords = {
  plan: 'another manager must approve a repayment plan you proposed',
  override: 'another manager must approve an override you proposed',
  approval: 'another manager must approve a visit you asked approval for',
} as const;

/**
 * The refusal when the proposer tries to approve while another approver exists. 'approval':
 * the visit's own approval (vulnerable borrower, workplace), asked for by whoever planned it.
 */
export function ownProposalFailure(what: 'override' | 'plan' | 'approval'): AppFailure {
  return new AppFailure('FORBIDDEN', ownProposalWords[what], {
    fields: { _: what === 'approval' ? 'e.approval.ownRequest' : 'e.approval.ownProposal' },
    details: { ownProposal: what },
  });
}
