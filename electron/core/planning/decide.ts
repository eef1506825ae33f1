import {
  approvalRuleCodes,
  fieldRuleCodes,
  type RuleCode,
  type Violation,
} from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import { can } from '../../shared/roles';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadGrant, ownProposalFailure, type Grant } from './approvers';
import { checkVisit, type ComplianceContext, type ProposedVisit } from './compliance';
import { borrowerFacts, borrowerProfile, staffFacts, type BorrowerProfile } from './facts';
import { writeFlag } from '../db/columns';
import { overrideCodesColumn } from './tables';

/**
 * From violations to a decision: save, save awaiting approval, save overridden, or refuse.
 *
 * A vulnerable borrower's visit, or one at a workplace or where an employer or neighbour would
 * learn of the debt, is not refused: the manager's approval is what the rule asks for. Anyone's
 * plan asks for it and waits for `planning:approveVisit`; a manager planning it approves it by doing
 * so only as the branch's one active manager (then marked self-approved, issue 14), and
 * otherwise it waits for another manager like everyone's. A rule answered by a field (a
 * vulnerable borrower's purpose, or why not) refuses until the field is filled; no override
 * answers it. Every other violation refuses the plan unless a manager overrides it with a
 * written reason; a 'legal' violation cannot be overridden by anyone.
 *
 * The manager who writes an override's reason proposes it (issue 14). Writing and granting it
 * in one action is approving one's own proposal: allowed to the branch's only active manager,
 * and then marked self-approved; while there is another, the visit is saved with the proposal
 * and waits for the other manager's `planning:approveVisit`, which grants it.
 */

export interface Decision {
  /** The plan waits for the manager's approval. */
  awaitingApproval: boolean;
  /** The signed-in manager approves it now. */
  approveNow: boolean;
  /** …being the one who asked for it and the branch's only active manager. */
  approvalSelfApproved?: boolean;
  override: {
    reason: string;
    codes: RuleCode[];
    proposedBy: number;
    /** 'awaitsAnother': proposed, not granted; the visit waits for the other manager. */
    grant: Grant;
  } | null;
}

/** An override reason: typed now by the signed-in manager, or proposed earlier by another. */
export interface OverrideProposal {
  reason: string;
  proposedBy?: number;
}

/** True when the decision's override waits for a second manager. */
export const overridePending = (decision: Decision): boolean =>
  decision.override?.grant === 'awaitsAnother';

/** The visit columns that store a decision's override (all cleared when there is none). */
export function overrideColumns(decision: Decision, me: number) {
  const o = decision.override;
  return {
    override_reason: o?.reason ?? null,
    override_codes: o ? overrideCodesColumn.write(o.codes) : null,
    override_proposed_by: o?.proposedBy ?? null,
    overridden_by: o && o.grant !== 'awaitsAnother' ? me : null,
    override_self_approved: writeFlag(o?.grant === 'self'),
  };
}

export interface Evaluation {
  profile: BorrowerProfile;
  violations: Violation[];
}

/**
 * The rules on a proposed visit, with the facts read on `db`. To save the visit, call it on the
 * write's `tx` and insert in the same write: the branch's writes run one at a time (SQLite's
 * one writer, PostgreSQL's branch write lock), so the caps and double-booking it checked still
 * hold when the visit commits, whatever other desks plan at once (issue 19).
 */
export async function evaluate(
  db: Kysely<DB>,
  ctx: ComplianceContext,
  visit: ProposedVisit & { borrowerId: number },
  exclude: readonly number[],
): Promise<Evaluation> {
  const profile = await borrowerProfile(db, visit.borrowerId);
  const facts = {
    borrower: await borrowerFacts(db, profile, visit.date, exclude, ctx.rules.elderlyAge),
    staff: await staffFacts(db, visit.staffIds, visit.date, exclude),
  };
  return { profile, violations: checkVisit(visit, facts, ctx) };
}

export const isManager = (app: Visitdesk) => can(app.session?.role, 'visits.override');

export function ruleFailure(
  violations: readonly Violation[],
  canOverride: boolean,
  fields?: Record<string, string>,
): AppFailure {
  const summary = violations.map((v) => v.message.en).join('; ');
  return new AppFailure('RULE_VIOLATION', `the plan breaks the rules: ${summary}`, {
    details: { violations, canOverride },
    ...(fields ? { fields } : {}),
  });
}

/**
 * How `me` may grant the approval a visit asks for, asked by `requestedBy`: as another manager,
 * as the only one (self-approved), or not at all while another manager could (issue 14).
 */
export function approvalGrant(
  db: Kysely<DB>,
  me: number,
  requestedBy: number = me,
): Promise<Grant> {
  return loadGrant(db, 'visits.override', me, requestedBy);
}

/** The decision on a plan's violations; who else could approve is read on `db`. */
export async function decide(
  app: Visitdesk,
  db: Kysely<DB>,
  violations: readonly Violation[],
  override: OverrideProposal | undefined,
  options: {
    allowOverride?: boolean;
    allowApproval?: boolean;
    /** Refuse (rather than leave waiting) an override the signed-in manager proposed. */
    refuseOwnProposal?: boolean;
  } = {},
): Promise<Decision> {
  const manager = isManager(app);
  const approval = violations.some((v) => approvalRuleCodes.includes(v.code));
  const rest = violations.filter((v) => !approvalRuleCodes.includes(v.code));
  if (approval && options.allowApproval === false) throw ruleFailure(violations, false);
  if (rest.some((v) => fieldRuleCodes.includes(v.code))) {
    throw ruleFailure(violations, false, { purposeReason: 'v.purposeReason' });
  }
  // The planner asks for the approval; a manager grants their own ask only as the only one.
  const selfGrant = approval && manager ? await approvalGrant(db, app.session!.staffId) : null;
  const decision: Decision = {
    awaitingApproval: approval && selfGrant !== 'self',
    approveNow: selfGrant === 'self',
    approvalSelfApproved: selfGrant === 'self',
    override: null,
  };
  if (rest.length === 0) return decision;
  const legal = rest.some((v) => v.severity === 'legal');
  const overridable = options.allowOverride !== false && !legal;
  if (!override || !overridable) throw ruleFailure(violations, overridable && manager);
  if (!manager) {
    throw new AppFailure('FORBIDDEN', 'only the manager may override a rule', {
      details: { violations },
    });
  }
  const me = app.session!.staffId;
  const proposedBy = override.proposedBy ?? me;
  const grant = await loadGrant(db, 'visits.override', me, proposedBy);
  if (grant === 'awaitsAnother' && options.refuseOwnProposal) throw ownProposalFailure('override');
  const codes = rest.map((v) => v.code);
  if (grant === 'awaitsAnother') {
    // Nothing is approved now: the other manager approves the visit and the override together.
    return {
      awaitingApproval: true,
      approveNow: false,
      approvalSelfApproved: false,
      override: { reason: override.reason, codes, proposedBy, grant },
    };
  }
  return { ...decision, override: { reason: override.reason, codes, proposedBy, grant } };
}
