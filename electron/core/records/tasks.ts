import type { TasksOutput } from '../../shared/schemas/records-views';
import { can } from '../../shared/roles';
import type { Visitdesk } from '../app/visitdesk';
import { addDays } from '../../shared/dates';
import { awaitingResults } from './awaiting';
import { evaluateDue } from './evaluate';
import { listPlans } from './plans';
import { promiseRows } from './read';
import { requireStaffId } from './parts';
import { loadBranchToday } from '../settings/branch-clock';

/**
 * The signed-in officer's task list: follow-ups due, promises and plan instalments falling
 * due on their cases, visits they went on that still need an outcome, and for a manager the
 * plans waiting for approval.
 *
 * "Their cases": the case's assigned officer, or, for a case without one, whoever recorded
 * the visit the promise or plan came from.
 */
export async function officerTasks(
  app: Visitdesk,
  input: { asOf?: string | undefined; daysAhead: number },
): Promise<TasksOutput> {
  const me = requireStaffId(app);
  const db = app.engine.db;
  const asOf = input.asOf ?? (await loadBranchToday(db, app.now()));
  const until = addDays(asOf, input.daysAhead);
  // Verdicts first (their own write), so that what is listed as due is still open.
  if (can(app.session?.role, 'visits.record')) await evaluateDue(app, asOf);

  const followUps = (
    await db
      .selectFrom('follow_ups as f')
      .innerJoin('borrowers as b', 'b.id', 'f.borrower_id')
      .select(['f.id', 'f.borrower_id', 'b.name', 'f.due_on', 'f.action', 'f.visit_record_id'])
      .where('f.status', '=', 'open')
      .where('f.staff_id', '=', me)
      .where('f.due_on', '<=', until)
      .orderBy('f.due_on')
      .orderBy('f.id')
      .limit(200)
      .execute()
  ).map((f) => ({
    id: f.id,
    borrowerId: f.borrower_id,
    borrowerName: f.name,
    dueOn: f.due_on,
    action: f.action,
    visitRecordId: f.visit_record_id,
  }));

  const promiseIds = (
    await db
      .selectFrom('promises as p')
      .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
      .innerJoin('visit_records as vr', 'vr.id', 'p.visit_record_id')
      .select('p.id')
      .where('p.status', '=', 'pending')
      .where('p.due_on', '<=', until)
      .where((eb) => eb(eb.fn.coalesce('b.assigned_officer_id', 'vr.recorded_by'), '=', me))
      .orderBy('p.due_on')
      .orderBy('p.id')
      .limit(200)
      .execute()
  ).map((r) => r.id);

  const instalmentsDue = (
    await db
      .selectFrom('plan_instalments as i')
      .innerJoin('repayment_plans as r', 'r.id', 'i.plan_id')
      .innerJoin('borrowers as b', 'b.id', 'r.borrower_id')
      .innerJoin('visit_records as vr', 'vr.id', 'r.visit_record_id')
      .select([
        'i.plan_id',
        'i.seq',
        'i.due_on',
        'i.amount_fen',
        'i.paid_fen',
        'r.borrower_id',
        'b.name',
      ])
      .where('r.status', '=', 'approved')
      .where('i.status', '=', 'pending')
      .where('i.due_on', '<=', until)
      .where((eb) => eb(eb.fn.coalesce('b.assigned_officer_id', 'vr.recorded_by'), '=', me))
      .orderBy('i.due_on')
      .orderBy('i.plan_id')
      .orderBy('i.seq')
      .limit(200)
      .execute()
  ).map((i) => ({
    planId: i.plan_id,
    seq: i.seq,
    dueOn: i.due_on,
    amountFen: i.amount_fen,
    status: 'pending' as const,
    paidFen: i.paid_fen,
    borrowerId: i.borrower_id,
    borrowerName: i.name,
  }));

  // The visits they were planned to go on, as the branch-wide list gives them.
  const visitsToRecord = (await awaitingResults(app, { staffId: me, limit: 200 }, asOf)).rows;

  return {
    asOf,
    followUps,
    promisesDue: await promiseRows(db, promiseIds),
    instalmentsDue,
    visitsToRecord,
    plansAwaitingApproval: can(app.session?.role, 'plans.approve')
      ? await listPlans(db, { statuses: ['proposed'], limit: 200 })
      : [],
  };
}
