import type { Kysely } from 'kysely';
import type { PlanSection, PlanStatus } from '../../shared/schemas/records';
import type { PlanRow } from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadGrant, ownProposalFailure } from '../planning/approvers';
import { evaluateAfterPayments } from './evaluate';
import { planRows, requirePlan } from './read';
import { generateSchedule, overdueNowFen, totalsProblems } from './schedule';
import { writeFlag } from '../db/columns';

/** Repayment plans: proposed in a visit record, decided by a manager, tracked by instalment. */

/**
 * Writes a proposal with its schedule, on the record's write `tx`; a total above the overdue
 * amount, or below it without a reason, is refused with the field to fix.
 */
export async function proposePlan(
  app: Visitdesk,
  tx: Kysely<DB>,
  plan: PlanSection,
  borrowerId: number,
  visitRecordId: number,
): Promise<number> {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  const overdueFen = await overdueNowFen(tx, borrowerId, plan.loanId);
  const problems = totalsProblems(plan.totalFen, overdueFen, plan.shortfallReason);
  if (Object.keys(problems).length > 0) {
    throw new AppFailure('VALIDATION', 'the plan total does not fit the overdue amount', {
      fields: Object.fromEntries(Object.entries(problems).map(([k, v]) => [`plan.${k}`, v])),
      details: { overdueFen },
    });
  }
  const schedule = generateSchedule(plan);
  const { id: planId } = await tx
    .insertInto('repayment_plans')
    .values({
      borrower_id: borrowerId,
      loan_id: plan.loanId,
      visit_record_id: visitRecordId,
      total_fen: plan.totalFen,
      overdue_fen: overdueFen,
      shortfall_reason: plan.totalFen < overdueFen ? plan.shortfallReason : '',
      status: 'proposed',
      proposed_by: staffId,
      proposed_at: app.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('plan_instalments')
    .values(
      schedule.map((instalment) => ({
        plan_id: planId,
        seq: instalment.seq,
        due_on: instalment.dueOn,
        amount_fen: instalment.amountFen,
      })),
    )
    .execute();
  return planId;
}

/** True when a draft would produce exactly the plan on file (an amendment that keeps it). */
export function samePlan(existing: PlanRow, plan: PlanSection): boolean {
  const schedule = generateSchedule(plan);
  return (
    existing.loanId === plan.loanId &&
    existing.totalFen === plan.totalFen &&
    existing.instalments.length === schedule.length &&
    existing.instalments.every(
      (i, index) =>
        i.dueOn === schedule[index]!.dueOn && i.amountFen === schedule[index]!.amountFen,
    )
  );
}

/** A manager's decision: one write, the plan and the approvers read on its tx. */
function decide(
  app: Visitdesk,
  id: number,
  status: Extract<PlanStatus, 'approved' | 'rejected'>,
  reason: string,
): Promise<PlanRow> {
  return app.write(async (tx) => {
    const before = await requirePlan(tx, id);
    if (before.status !== 'proposed') {
      throw new AppFailure(
        'CONFLICT',
        `plan ${id} is ${before.status}, not waiting for a decision`,
      );
    }
    const me = app.session?.staffId;
    if (!me) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
    // Approving one's own proposal: refused while another approver exists, else marked.
    // Rejecting it withdraws nothing from anyone, so it stays open to the proposer.
    const grant =
      status === 'approved'
        ? await loadGrant(tx, 'plans.approve', me, before.proposedBy.id)
        : 'other';
    if (grant === 'awaitsAnother') throw ownProposalFailure('plan');
    await tx
      .updateTable('repayment_plans')
      .set({
        status,
        decided_by: me,
        decided_at: app.now().toISOString(),
        decision_reason: reason,
        self_approved: writeFlag(grant === 'self'),
      })
      .where('id', '=', id)
      .execute();
    // Instalments already due (a plan approved late) are judged at once.
    if (status === 'approved') await evaluateAfterPayments(app, tx, [before.borrowerId]);
    const after = await requirePlan(tx, id);
    await app.record(tx, {
      action: status === 'approved' ? 'plan.approve' : 'plan.reject',
      entity: 'repayment_plan',
      entityId: id,
      subject: before.borrowerId,
      before,
      // `after.selfApproved` says whether the proposer approved their own plan.
      after,
    });
    return after;
  });
}

export const approvePlan = (app: Visitdesk, input: { id: number; reason: string }) =>
  decide(app, input.id, 'approved', input.reason);

export const rejectPlan = (app: Visitdesk, input: { id: number; reason: string }) =>
  decide(app, input.id, 'rejected', input.reason);

export async function listPlans(
  db: Kysely<DB>,
  input: { borrowerId?: number | undefined; statuses?: PlanStatus[] | undefined; limit: number },
): Promise<PlanRow[]> {
  let query = db
    .selectFrom('repayment_plans')
    .select('id')
    .orderBy('proposed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit);
  if (input.borrowerId !== undefined) query = query.where('borrower_id', '=', input.borrowerId);
  if (input.statuses?.length) query = query.where('status', 'in', input.statuses);
  return planRows(
    db,
    (await query.execute()).map((r) => r.id),
  );
}

/** The undecided or rejected plan an amendment replaces, on its write `tx`; decided plans stand. */
export async function supersedePlan(tx: Kysely<DB>, planId: number): Promise<void> {
  const row = await tx
    .selectFrom('repayment_plans')
    .select('status')
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!row) return;
  if (row.status === 'proposed') {
    await tx
      .updateTable('repayment_plans')
      .set({ status: 'superseded' })
      .where('id', '=', planId)
      .execute();
    return;
  }
  if (row.status !== 'rejected' && row.status !== 'superseded') {
    throw new AppFailure(
      'CONFLICT',
      `plan ${planId} is ${row.status}; a decided plan cannot be changed by an amendment`,
      { fields: { plan: 'v.invalid' } },
    );
  }
}
