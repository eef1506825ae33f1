import type { TasksOutput } from '../../shared/schemas/records-views';
import { can } from '../../shared/roles';
import type { Visitdesk } from '../app/visitdesk';
import { statement } from '../db/query';
import { addDays } from '../../shared/dates';
import { awaitingResults } from './awaiting';
import { evaluateDue } from './evaluate';
import { listPlans } from './plans';
import { promiseRows } from './read';
import { requireStaffId } from './parts';
import { branchToday } from '../settings/branch-clock';

/**
 * The signed-in officer's task list: follow-ups due, promises and plan instalments falling
 * due on their cases, visits they went on that still need an outcome, and for a manager the
 * plans waiting for approval.
 *
 * "Their cases": the case's assigned officer, or, for a case without one, whoever recorded
 * the visit the promise or plan came from.
 */
export function officerTasks(
  app: Visitdesk,
  input: { asOf?: string | undefined; daysAhead: number },
): TasksOutput {
  const me = requireStaffId(app);
  const asOf = input.asOf ?? branchToday(app.db, app.now());
  const until = addDays(asOf, input.daysAhead);
  // Verdicts first, so that what is listed as due is still open.
  if (can(app.session?.role, 'visits.record')) evaluateDue(app, asOf);
  const db = app.db;

  const followUps = (
    statement(
      db,
      `SELECT f.id, f.borrower_id, b.name, f.due_on, f.action, f.visit_record_id
       FROM follow_ups f JOIN borrowers b ON b.id = f.borrower_id
       WHERE f.status = 'open' AND f.staff_id = ? AND f.due_on <= ?
       ORDER BY f.due_on, f.id LIMIT 200`,
    ).all(me, until) as {
      id: number;
      borrower_id: number;
      name: string;
      due_on: string;
      action: string;
      visit_record_id: number;
    }[]
  ).map((f) => ({
    id: f.id,
    borrowerId: f.borrower_id,
    borrowerName: f.name,
    dueOn: f.due_on,
    action: f.action,
    visitRecordId: f.visit_record_id,
  }));

  const promiseIds = (
    statement(
      db,
      `SELECT p.id FROM promises p
       JOIN borrowers b ON b.id = p.borrower_id
       JOIN visit_records vr ON vr.id = p.visit_record_id
       WHERE p.status = 'pending' AND p.due_on <= ?
         AND coalesce(b.assigned_officer_id, vr.recorded_by) = ?
       ORDER BY p.due_on, p.id LIMIT 200`,
    ).all(until, me) as { id: number }[]
  ).map((r) => r.id);

  const instalmentsDue = (
    statement(
      db,
      `SELECT i.plan_id, i.seq, i.due_on, i.amount_fen, i.status, i.paid_fen,
              r.borrower_id, b.name
       FROM plan_instalments i
       JOIN repayment_plans r ON r.id = i.plan_id
       JOIN borrowers b ON b.id = r.borrower_id
       JOIN visit_records vr ON vr.id = r.visit_record_id
       WHERE r.status = 'approved' AND i.status = 'pending' AND i.due_on <= ?
         AND coalesce(b.assigned_officer_id, vr.recorded_by) = ?
       ORDER BY i.due_on, i.plan_id, i.seq LIMIT 200`,
    ).all(until, me) as {
      plan_id: number;
      seq: number;
      due_on: string;
      amount_fen: number;
      status: 'pending';
      paid_fen: number;
      borrower_id: number;
      name: string;
    }[]
  ).map((i) => ({
    planId: i.plan_id,
    seq: i.seq,
    dueOn: i.due_on,
    amountFen: i.amount_fen,
    status: i.status,
    paidFen: i.paid_fen,
    borrowerId: i.borrower_id,
    borrowerName: i.name,
  }));

  // The visits they were planned to go on, as the branch-wide list gives them.
  const visitsToRecord = awaitingResults(app, { staffId: me, limit: 200 }, asOf).rows;

  return {
    asOf,
    followUps,
    promisesDue: promiseRows(db, promiseIds),
    instalmentsDue,
    visitsToRecord,
    plansAwaitingApproval: can(app.session?.role, 'plans.approve')
      ? listPlans(app, { statuses: ['proposed'], limit: 200 })
      : [],
  };
}
