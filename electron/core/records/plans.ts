import type { PlanSection, PlanStatus } from '../../shared/schemas/records';
import type { PlanRow } from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, qb, run } from '../db/query';
import { grantOf, ownProposalFailure } from '../planning/approvers';
import { evaluateAfterPayments } from './evaluate';
import { planRows, requirePlan } from './read';
import { generateSchedule, overdueNowFen, totalsProblems } from './schedule';
import { writeFlag } from '../db/columns';

/** Repayment plans: proposed in a visit record, decided by a manager, tracked by instalment. */

/**
 * Writes a proposal with its schedule. Runs inside the record's transaction; a total above
 * the overdue amount, or below it without a reason, is refused with the field to fix.
 */
export function proposePlan(
  app: Visitdesk,
  plan: PlanSection,
  borrowerId: number,
  visitRecordId: number,
): number {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  const overdueFen = overdueNowFen(app.db, borrowerId, plan.loanId);
  const problems = totalsProblems(plan.totalFen, overdueFen, plan.shortfallReason);
  if (Object.keys(problems).length > 0) {
    throw new AppFailure('VALIDATION', 'the plan total does not fit the overdue amount', {
      fields: Object.fromEntries(Object.entries(problems).map(([k, v]) => [`plan.${k}`, v])),
      details: { overdueFen },
    });
  }
  const schedule = generateSchedule(plan);
  const planId = run(
    app.db,
    qb.insertInto('repayment_plans').values({
      borrower_id: borrowerId,
      loan_id: plan.loanId,
      visit_record_id: visitRecordId,
      total_fen: plan.totalFen,
      overdue_fen: overdueFen,
      shortfall_reason: plan.totalFen < overdueFen ? plan.shortfallReason : '',
      status: 'proposed',
      proposed_by: staffId,
      proposed_at: app.now().toISOString(),
    }),
  ).lastInsertRowid;
  for (const instalment of schedule) {
    run(
      app.db,
      qb.insertInto('plan_instalments').values({
        plan_id: planId,
        seq: instalment.seq,
        due_on: instalment.dueOn,
        amount_fen: instalment.amountFen,
      }),
    );
  }
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

function decide(
  app: Visitdesk,
  id: number,
  status: Extract<PlanStatus, 'approved' | 'rejected'>,
  reason: string,
): PlanRow {
  return app.db.transaction(() => {
    const before = requirePlan(app.db, id);
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
      status === 'approved' ? grantOf(app.db, 'plans.approve', me, before.proposedBy.id) : 'other';
    if (grant === 'awaitsAnother') throw ownProposalFailure('plan');
    run(
      app.db,
      qb
        .updateTable('repayment_plans')
        .set({
          status,
          decided_by: me,
          decided_at: app.now().toISOString(),
          decision_reason: reason,
          self_approved: writeFlag(grant === 'self'),
        })
        .where('id', '=', id),
    );
    // Instalments already due (a plan approved late) are judged at once.
    if (status === 'approved') evaluateAfterPayments(app, [before.borrowerId]);
    const after = requirePlan(app.db, id);
    app.audit({
      action: status === 'approved' ? 'plan.approve' : 'plan.reject',
      entity: 'repayment_plan',
      entityId: id,
      subject: before.borrowerId,
      before,
      // `after.selfApproved` says whether the proposer approved their own plan.
      after,
    });
    return after;
  })();
}

export const approvePlan = (app: Visitdesk, input: { id: number; reason: string }) =>
  decide(app, input.id, 'approved', input.reason);

export const rejectPlan = (app: Visitdesk, input: { id: number; reason: string }) =>
  decide(app, input.id, 'rejected', input.reason);

export function listPlans(
  app: Visitdesk,
  input: { borrowerId?: number | undefined; statuses?: PlanStatus[] | undefined; limit: number },
): PlanRow[] {
  let query = qb
    .selectFrom('repayment_plans')
    .select('id')
    .orderBy('proposed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit);
  if (input.borrowerId !== undefined) query = query.where('borrower_id', '=', input.borrowerId);
  if (input.statuses?.length) query = query.where('status', 'in', input.statuses);
  return planRows(
    app.db,
    all(app.db, query).map((r) => r.id),
  );
}

/** The undecided or rejected plan an amendment replaces; decided plans stand. */
export function supersedePlan(app: Visitdesk, planId: number): void {
  const row = first(
    app.db,
    qb.selectFrom('repayment_plans').select('status').where('id', '=', planId),
  );
  if (!row) return;
  if (row.status === 'proposed') {
    run(
      app.db,
      qb.updateTable('repayment_plans').set({ status: 'superseded' }).where('id', '=', planId),
    );
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
