import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  CheckResult,
  checkVisitInput,
  planVisitInput,
  rescheduleVisitInput,
  updateVisitInput,
  VisitDetail,
  VisitPlace,
  VisitPurpose,
} from '../../shared/schemas/planning';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import { visitSubject } from '../audit/seal';
import type { DB } from '../db/schema';
import { approvalRuleCodes, fieldRuleCodes, type Violation } from '../../shared/compliance';
import { loadOtherApprovers } from './approvers';
import { placeNeedsApproval, type ProposedVisit } from './compliance';
import {
  decide,
  evaluate,
  isManager,
  overrideColumns,
  overridePending,
  type Decision,
} from './decide';
import { assertBorrowerLoans, vulnerableOn, type BorrowerProfile } from './facts';
import { refuseFutureNotice } from './notice';
import { complianceContext } from './rules';
import { visitLoans } from './visit-loans';
import { checkVisitVersion, loadOpenVisit, loadVisitDetail, type OpenVisitRow } from './visit-read';
import { readFlag, writeFlag } from '../db/columns';

/**
 * Planning and changing visits: every change runs the rules again, one write each, in which the
 * facts are read, judged and the visit written (decide.ts's `evaluate`).
 */

export interface NewVisit {
  borrowerId: number;
  loanIds: readonly number[];
  date: string;
  start: string;
  end: string;
  staffIds: readonly number[];
  purpose: VisitPurpose;
  priority: 'high' | 'normal' | 'low';
  borrowerRequested: boolean;
  note: string;
  notice: ProposedVisit['notice'];
  approvedAt: string | null;
  approvalBy: number | null;
  rescheduledFrom?: number;
  routeOrder?: number;
  /** Where: home unless said otherwise (route planner and roster import visit homes). */
  place?: VisitPlace;
  placeNote?: string;
  disclosureRisk?: boolean;
  /** Why a vulnerable borrower's visit is not about a repayment arrangement. */
  purposeReason?: string;
  /** Who asked for an approval carried over (a reschedule keeps the original's). */
  approvalRequestedBy?: number | null;
  approvalSelfApproved?: boolean;
}

export function plannerId(app: Visitdesk): number {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return staffId;
}

/** Writes a visit the rules (and `decide`) have accepted, with its staff and loans, on `tx`. */
export async function insertVisit(
  app: Visitdesk,
  tx: Kysely<DB>,
  visit: NewVisit,
  profile: BorrowerProfile,
  decision: Decision,
): Promise<number> {
  const me = plannerId(app);
  const at = app.now().toISOString();
  // An override waiting for the other manager leaves the whole visit to their approval.
  const approved = overridePending(decision)
    ? { by: null, at: null, self: false }
    : decision.approveNow
      ? { by: me, at, self: decision.approvalSelfApproved === true }
      : { by: visit.approvalBy, at: visit.approvedAt, self: visit.approvalSelfApproved === true };
  const needsApproval = decision.awaitingApproval || decision.approveNow || approved.at !== null;
  const { id } = await tx
    .insertInto('visits')
    .values({
      borrower_id: visit.borrowerId,
      date: visit.date,
      start_time: visit.start,
      end_time: visit.end,
      purpose: visit.purpose,
      priority: visit.priority,
      township: profile.township,
      village: profile.village,
      status: visit.notice.status === 'none' ? 'planned' : 'notified',
      notice_status: visit.notice.status,
      notice_at: visit.notice.at,
      borrower_requested: writeFlag(visit.borrowerRequested),
      planned_by: me,
      planned_at: at,
      ...overrideColumns(decision, me),
      needs_approval: writeFlag(needsApproval),
      approval_by: approved.by,
      approved_at: approved.at,
      approval_requested_by: needsApproval ? (visit.approvalRequestedBy ?? me) : null,
      approval_self_approved: writeFlag(approved.self),
      rescheduled_from: visit.rescheduledFrom ?? null,
      route_order: visit.routeOrder ?? null,
      note: visit.note,
      place: visit.place ?? 'home',
      place_note: visit.placeNote ?? '',
      disclosure_risk: writeFlag(visit.disclosureRisk === true),
      purpose_reason: visit.purposeReason ?? '',
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkStaffAndLoans(tx, id, visit.borrowerId, visit.staffIds, visit.loanIds);
  return id;
}

/**
 * The visit's staff and loans as given; the loans not narrowed by the planner are all of the
 * borrower's overdue loans (visit-loans.ts).
 */
async function linkStaffAndLoans(
  tx: Kysely<DB>,
  visitId: number,
  borrowerId: number,
  staffIds: readonly number[] | null,
  loanIds: readonly number[] | null,
): Promise<void> {
  for (const staffId of staffIds ?? []) {
    await tx.insertInto('visit_staff').values({ visit_id: visitId, staff_id: staffId }).execute();
  }
  if (loanIds === null) return;
  for (const loanId of await visitLoans(tx, borrowerId, loanIds)) {
    await tx.insertInto('visit_loans').values({ visit_id: visitId, loan_id: loanId }).execute();
  }
}

/**
 * The audit rows of an accepted plan: the override or approval it carried. An override that
 * waits for the other manager is no decision yet: the visit's own row shows it as pending, and
 * the 'visit.override' row is written when it is granted, naming who proposed and who granted.
 */
export async function auditDecision(
  app: Visitdesk,
  tx: Kysely<DB>,
  visitId: number,
  decision: Decision,
  violations: unknown,
): Promise<void> {
  const override = decision.override;
  if (override && override.grant !== 'awaitsAnother') {
    await app.record(tx, {
      action: 'visit.override',
      entity: 'visit',
      entityId: visitId,
      subject: await visitSubject(tx, visitId),
      after: {
        reason: override.reason,
        codes: override.codes,
        violations,
        proposedBy: override.proposedBy,
        grantedBy: plannerId(app),
        selfApproved: override.grant === 'self',
      },
    });
  }
  if (decision.approveNow) {
    await app.record(tx, {
      action: 'visit.approve',
      entity: 'visit',
      entityId: visitId,
      subject: await visitSubject(tx, visitId),
      after: {
        approvedWithPlan: true,
        selfApproved: decision.approvalSelfApproved === true,
        reasons: approvalReasons(violations),
      },
    });
  }
}

/** The approval rules a decision answered, named in the approval's audit row. */
function approvalReasons(violations: unknown) {
  if (!Array.isArray(violations)) return [];
  return (violations as Violation[])
    .filter((v) => approvalRuleCodes.includes(v.code))
    .map((v) => ({ code: v.code, message: v.message }));
}

/**
 * A phone notice given while planning. Notice first means a notice in the past: a time after
 * now is refused (DOMAIN.md), with the field named, before any rule runs.
 */
export function phoneNotice(app: Visitdesk, phonedAt: string | undefined): ProposedVisit['notice'] {
  if (!phonedAt) return { status: 'none', at: null };
  const at = new Date(phonedAt);
  refuseFutureNotice(app, at, 'phonedAt');
  return { status: 'phoned', at: at.toISOString() };
}

export function planVisit(
  app: Visitdesk,
  input: z.output<typeof planVisitInput>,
): Promise<VisitDetail> {
  return app.write(async (tx) => {
    await assertBorrowerLoans(tx, input.borrowerId, input.loanIds);
    const notice = phoneNotice(app, input.phonedAt);
    const visit: NewVisit = { ...input, notice, approvedAt: null, approvalBy: null };
    const ctx = await complianceContext(app, tx);
    const { profile, violations } = await evaluate(tx, ctx, visit, []);
    const decision = await decide(app, tx, violations, input.override);
    const id = await insertVisit(app, tx, visit, profile, decision);
    const after = await loadVisitDetail(tx, id);
    await app.record(tx, {
      action: 'visit.plan',
      entity: 'visit',
      entityId: id,
      subject: after.borrowerId,
      after,
    });
    await auditDecision(app, tx, id, decision, violations);
    return after;
  });
}

/** The rules for a draft, or for a change to an existing visit, without saving anything. */
export async function checkDraft(
  app: Visitdesk,
  input: z.output<typeof checkVisitInput>,
): Promise<CheckResult> {
  const db = app.engine.db;
  const ctx = await complianceContext(app, db);
  let notice = phoneNotice(app, input.phonedAt);
  let approvedAt: string | null = null;
  if (input.visitId !== undefined) {
    const existing = await loadOpenVisit(db, input.visitId);
    const moved =
      existing.date !== input.date ||
      existing.start_time !== input.start ||
      existing.end_time !== input.end;
    if (!moved && existing.notice_status !== 'none') {
      notice = { status: existing.notice_status, at: existing.notice_at };
    }
    const placeAsked =
      placeNeedsApproval(input.place, input.disclosureRisk) &&
      !placeNeedsApproval(existing.place, readFlag(existing.disclosure_risk));
    approvedAt = placeAsked ? null : existing.approved_at;
  }
  const { profile, violations } = await evaluate(
    db,
    ctx,
    { ...input, notice, approvedAt },
    input.visitId ? [input.visitId] : [],
  );
  const manager = isManager(app);
  const me = plannerId(app);
  const approval = violations.some((v) => approvalRuleCodes.includes(v.code));
  const blocking = violations.filter((v) => !approvalRuleCodes.includes(v.code));
  const canOverride =
    manager &&
    blocking.length > 0 &&
    blocking.every((v) => v.severity !== 'legal' && !fieldRuleCodes.includes(v.code));
  const othersApprove = (await loadOtherApprovers(db, 'visits.override', me)).length > 0;
  return {
    violations,
    canOverride,
    // A manager's own ask waits too while the branch has another manager (issue 14).
    needsApproval: approval && (!manager || othersApprove),
    approvalSelf: approval && manager && !othersApprove,
    overrideWaitsForAnother: canOverride && othersApprove,
    vulnerable: [...vulnerableOn(profile, input.date, ctx.rules.elderlyAge).vulnerable],
  };
}

export async function currentStaff(db: Kysely<DB>, visitId: number): Promise<number[]> {
  return (await loadVisitDetail(db, visitId)).staff.map((s) => s.id);
}

/**
 * Moves, resizes or re-staffs a visit. A new date or time makes the old notice wrong, so the
 * notice goes back to none and the rules judge whether there is still time for a new one.
 */
export function updateVisit(
  app: Visitdesk,
  input: z.output<typeof updateVisitInput>,
): Promise<VisitDetail> {
  return app.write(async (tx) => {
    // A change that started from another version is refused before anything else is judged.
    const before = await checkVisitVersion(tx, input.id, input.version);
    const row = await loadOpenVisit(tx, input.id);
    const next = {
      date: input.date ?? row.date,
      start: input.start ?? row.start_time,
      end: input.end ?? row.end_time,
    };
    if (next.end <= next.start) {
      throw new AppFailure('VALIDATION', 'the end must be after the start', {
        fields: { end: 'v.endAfterStart' },
      });
    }
    const moved =
      next.date !== row.date || next.start !== row.start_time || next.end !== row.end_time;
    const notice: ProposedVisit['notice'] = moved
      ? { status: 'none', at: null }
      : { status: row.notice_status, at: row.notice_at };
    const staffIds = input.staffIds ?? before.staff.map((s) => s.id);
    const loanIds = input.loanIds ?? before.loanIds;
    await assertBorrowerLoans(tx, row.borrower_id, loanIds);
    const borrowerRequested = input.borrowerRequested ?? readFlag(row.borrower_requested);
    const where = {
      place: input.place ?? row.place,
      placeNote: input.placeNote ?? row.place_note,
      disclosureRisk: input.disclosureRisk ?? readFlag(row.disclosure_risk),
    };
    // An approval given for a home visit does not cover a new workplace or disclosure risk.
    const placeAsked =
      placeNeedsApproval(where.place, where.disclosureRisk) &&
      !placeNeedsApproval(row.place, readFlag(row.disclosure_risk));
    const kept = placeAsked
      ? { by: null, at: null, self: false }
      : { by: row.approval_by, at: row.approved_at, self: readFlag(row.approval_self_approved) };
    const purpose = input.purpose ?? row.purpose;
    const purposeReason = input.purposeReason ?? row.purpose_reason;
    const proposal = {
      borrowerId: row.borrower_id,
      ...next,
      staffIds,
      borrowerRequested,
      notice,
      approvedAt: kept.at,
      purpose,
      purposeReason,
      ...where,
    };
    const ctx = await complianceContext(app, tx);
    const { violations } = await evaluate(tx, ctx, proposal, [row.id]);
    const decision = await decide(app, tx, violations, input.override);
    const me = plannerId(app);
    const asked = decision.awaitingApproval || decision.approveNow;
    // A new override waiting for the other manager waits with the whole visit.
    const approval = overridePending(decision)
      ? { by: null, at: null, self: false }
      : decision.approveNow
        ? { by: me, at: app.now().toISOString(), self: decision.approvalSelfApproved === true }
        : kept;
    await tx
      .updateTable('visits')
      .set({
        date: next.date,
        start_time: next.start,
        end_time: next.end,
        purpose,
        purpose_reason: purposeReason,
        priority: input.priority ?? row.priority,
        note: input.note ?? row.note,
        borrower_requested: writeFlag(borrowerRequested),
        notice_status: notice.status,
        notice_at: notice.at,
        status: notice.status === 'none' ? 'planned' : row.status,
        place: where.place,
        place_note: where.placeNote,
        disclosure_risk: writeFlag(where.disclosureRisk),
        // The old override answered the old plan; only a new one may stand now.
        ...overrideColumns(decision, me),
        needs_approval: writeFlag(readFlag(row.needs_approval) || asked),
        approval_by: approval.by,
        approved_at: approval.at,
        approval_self_approved: writeFlag(approval.self),
        // Whoever changed the visit so that it needs a new approval asked for it.
        approval_requested_by:
          asked && (placeAsked || !readFlag(row.needs_approval)) ? me : row.approval_requested_by,
        updated_at: app.now().toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    if (input.staffIds) {
      await tx.deleteFrom('visit_staff').where('visit_id', '=', row.id).execute();
    }
    if (input.loanIds) {
      await tx.deleteFrom('visit_loans').where('visit_id', '=', row.id).execute();
    }
    await linkStaffAndLoans(
      tx,
      row.id,
      row.borrower_id,
      input.staffIds ? staffIds : null,
      input.loanIds ? loanIds : null,
    );
    const after = await loadVisitDetail(tx, row.id);
    await app.record(tx, {
      action: 'visit.update',
      entity: 'visit',
      entityId: row.id,
      subject: after.borrowerId,
      before,
      after,
    });
    await auditDecision(app, tx, row.id, decision, violations);
    return after;
  });
}

/** A new visit replaces the old one, which stays as 'rescheduled' and points forward. */
export function rescheduleVisit(
  app: Visitdesk,
  input: z.output<typeof rescheduleVisitInput>,
): Promise<VisitDetail> {
  return app.write(async (tx) => {
    const before = await checkVisitVersion(tx, input.id, input.version);
    const row: OpenVisitRow = await loadOpenVisit(tx, input.id);
    const visit: NewVisit = {
      borrowerId: row.borrower_id,
      loanIds: before.loanIds,
      date: input.date,
      start: input.start,
      end: input.end,
      staffIds: input.staffIds ?? before.staff.map((s) => s.id),
      purpose: row.purpose,
      purposeReason: row.purpose_reason,
      priority: row.priority,
      borrowerRequested: false,
      note: row.note,
      notice: { status: 'none', at: null },
      // The manager approved visiting this borrower there; a new time does not undo that.
      approvedAt: row.approved_at,
      approvalBy: row.approval_by,
      approvalRequestedBy: row.approval_requested_by,
      approvalSelfApproved: readFlag(row.approval_self_approved),
      rescheduledFrom: row.id,
      place: row.place,
      placeNote: row.place_note,
      disclosureRisk: readFlag(row.disclosure_risk),
    };
    const ctx = await complianceContext(app, tx);
    const { profile, violations } = await evaluate(tx, ctx, visit, [row.id]);
    const decision = await decide(app, tx, violations, input.override);
    await tx
      .updateTable('visits')
      .set({
        status: 'rescheduled',
        status_note: input.reason,
        updated_at: app.now().toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    const id = await insertVisit(app, tx, visit, profile, decision);
    const after = await loadVisitDetail(tx, id);
    await app.record(tx, {
      action: 'visit.reschedule',
      entity: 'visit',
      entityId: row.id,
      subject: after.borrowerId,
      before,
      after: { ...after, reason: input.reason },
    });
    await auditDecision(app, tx, id, decision, violations);
    return after;
  });
}
