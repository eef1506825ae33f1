import { AppFailure } from '../../shared/result';
import { rolePermissions, roles, type Permission } from '../../shared/roles';
import type { Kysely } from 'kysely';
import { writeFlag } from '../db/columns';
import type { DB } from '../db/schema';

/**
 * Nobody approves what they proposed while someone else could (issue 14). The others who
 * could are the active staff with a sign-in account whose role holds the permission: a staff
 * card without an account cannot approve anything, and waiting for it would block the branch.
 */
const otherApproversQuery = (db: Kysely<DB>, permission: Permission, me: number) =>
  db
    .selectFrom('staff')
    .select('id')
    .where('active', '=', writeFlag(true))
    .where('username', 'is not', null)
    .where(
      'role',
      'in',
      roles.filter((role) => rolePermissions[role].includes(permission)),
    )
    .where('id', '<>', me)
    .orderBy('id');

/** The others who could approve, on the engine (`db`, or a write's `tx`). */
export async function loadOtherApprovers(
  db: Kysely<DB>,
  permission: Permission,
  me: number,
): Promise<number[]> {
  return (await otherApproversQuery(db, permission, me).execute()).map((r) => r.id);
}

/**
 * How `me` may approve a proposal `proposedBy` made: not theirs, plainly; their own, only as
 * the one approver, and then marked as self-approved; otherwise it waits for another.
 */
export type Grant = 'other' | 'self' | 'awaitsAnother';

const grantFrom = (me: number, proposedBy: number, others: number[]): Grant =>
  proposedBy !== me ? 'other' : others.length > 0 ? 'awaitsAnother' : 'self';

export async function loadGrant(
  db: Kysely<DB>,
  permission: Permission,
  me: number,
  proposedBy: number,
): Promise<Grant> {
  if (proposedBy !== me) return 'other';
  return grantFrom(me, proposedBy, await loadOtherApprovers(db, permission, me));
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
