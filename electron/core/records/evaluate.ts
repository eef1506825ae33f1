import type { Selectable } from 'kysely';
import type { InstalmentStatus, PlanStatus } from '../../shared/schemas/records';
import type { Evaluation } from '../../shared/schemas/records-views';
import type { Visitdesk } from '../app/visitdesk';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { appendAudit } from '../audit/audit';
import { addDays, dateIn } from '../../shared/dates';
import { readRecordsSettings } from './settings';
import type { PaymentsTable } from '../cases/tables';
import type {
  PlanInstalmentsTable,
  PromisePaymentsTable,
  PromisesTable,
  RepaymentPlansTable,
} from './tables';
import { branchTimeZone, branchToday } from '../settings/branch-clock';

/**
 * Promises and plan instalments judged against payments.
 *
 * Payments are allocated oldest first to obligations in order of due date: a payment counts
 * for an obligation when it was paid inside the obligation's window (from the promise or plan
 * date to the due date plus the grace days) and on or before the as-of date, and each fen
 * counts once. So two promises never both claim the same payment, and a payment imported
 * late (dated inside a window already judged) changes the verdict when evaluation runs again:
 * evaluation always recomputes every promise of a borrower from the payments on file.
 *
 * Verdicts: kept as soon as the amount is paid (no need to wait for the due date); once the
 * window has closed, partly kept when some was paid, broken when nothing was.
 *
 * A payment a head-office file showed without saying the day (the principal fell between the
 * previous file and this one) is known only as "paid in that interval". It is judged in the
 * borrower's favour: it counts for an obligation when any day of the interval lies in the
 * obligation's window. It becomes known on the file's date, so it counts from that as-of date on.
 *
 * Which payments kept a promise, and how much of each, is written beside it
 * (promise_payments), so the promise can say which payment and which source decided it.
 */

export interface Payment {
  id: number;
  loanId: number;
  /** The day it was paid; when only an interval is known, its last day (the file's date). */
  paidOn: string;
  /** The interval's first day, when the day itself is not known. */
  paidFrom?: string | null;
  amountFen: number;
}

export interface Obligation {
  /** Only payments on this loan count; null: any of the borrower's loans. */
  loanId: number | null;
  /** First day a payment counts. */
  from: string;
  dueOn: string;
  amountFen: number;
}

export interface Verdict {
  paidFen: number;
  status: InstalmentStatus;
}

/** A verdict with the payments that made it: how much of each counted for the obligation. */
export interface AllocatedVerdict extends Verdict {
  parts: { paymentId: number; amountFen: number }[];
}

/** Pure: obligations in the order they claim money (due date, then creation). */
export function allocateWithParts(
  obligations: readonly Obligation[],
  payments: readonly Payment[],
  asOf: string,
  graceDays: number,
): AllocatedVerdict[] {
  const left = new Map(payments.map((p) => [p.id, p.amountFen]));
  const byDate = [...payments].sort((a, b) =>
    a.paidOn === b.paidOn ? a.id - b.id : a.paidOn < b.paidOn ? -1 : 1,
  );
  return obligations.map((o) => {
    const closesOn = addDays(o.dueOn, graceDays);
    let paidFen = 0;
    const parts: AllocatedVerdict['parts'] = [];
    for (const p of byDate) {
      if (paidFen >= o.amountFen) break;
      // Known only on paidOn; paid on some day from paidFrom to paidOn (the same day when known).
      if (p.paidOn > asOf || p.paidOn < o.from || (p.paidFrom ?? p.paidOn) > closesOn) continue;
      if (o.loanId !== null && p.loanId !== o.loanId) continue;
      const take = Math.min(left.get(p.id)!, o.amountFen - paidFen);
      if (take <= 0) continue;
      left.set(p.id, left.get(p.id)! - take);
      paidFen += take;
      parts.push({ paymentId: p.id, amountFen: take });
    }
    const status: InstalmentStatus =
      paidFen >= o.amountFen
        ? 'kept'
        : asOf <= closesOn
          ? 'pending'
          : paidFen > 0
            ? 'partly_kept'
            : 'broken';
    return { paidFen, status, parts };
  });
}

/** The verdicts alone. */
export function allocate(
  obligations: readonly Obligation[],
  payments: readonly Payment[],
  asOf: string,
  graceDays: number,
): Verdict[] {
  return allocateWithParts(obligations, payments, asOf, graceDays).map(({ paidFen, status }) => ({
    paidFen,
    status,
  }));
}

/** A plan is broken once an instalment is, or when all are judged and not all kept. */
export function planStatusFrom(statuses: readonly InstalmentStatus[]): PlanStatus {
  if (statuses.includes('broken')) return 'broken';
  if (statuses.every((s) => s === 'kept')) return 'completed';
  if (statuses.includes('pending')) return 'approved';
  return 'broken';
}

type PromiseSqlRow = Pick<
  Selectable<PromisesTable>,
  | 'id'
  | 'evaluated_at'
  | 'loan_id'
  | 'promised_on'
  | 'due_on'
  | 'amount_fen'
  | 'status'
  | 'paid_fen'
>;

type InstalmentSqlRow = Pick<
  Selectable<PlanInstalmentsTable>,
  'plan_id' | 'seq' | 'due_on' | 'amount_fen' | 'status' | 'paid_fen'
> & {
  loan_id: RepaymentPlansTable['loan_id'];
  /** The plan's visit date: payments count for it from then on. */
  from_date: string;
  plan_status: PlanStatus;
};

export interface Change {
  kind: 'promise' | 'instalment' | 'plan';
  id: string;
  from: string;
  to: string;
  paidFen?: number;
}

/**
 * Unchanged open verdicts are not rewritten (the task list evaluates on every visit). Judged
 * ones are stamped each time: their evaluation time is what tells a later run whether a
 * payment arrived since (borrowersToEvaluate).
 */
function mustWrite(row: PromiseSqlRow, verdict: Verdict): boolean {
  return (
    verdict.status !== row.status ||
    verdict.paidFen !== row.paid_fen ||
    row.evaluated_at === null ||
    verdict.status === 'broken' ||
    verdict.status === 'partly_kept'
  );
}

/*
 * The statements below stay prepared SQL with rows typed from the schema: evaluation runs once
 * per borrower after every import (thousands in a row), where Kysely's compile of each query
 * would cost more than the query itself.
 */

function paymentsOf(db: Sqlite, borrowerId: number, asOf: string): Payment[] {
  return (
    statement(
      db,
      `SELECT id, loan_id, paid_on, paid_from, amount_fen FROM payments
       WHERE borrower_id = ? AND paid_on <= ? ORDER BY paid_on, id`,
    ).all(borrowerId, asOf) as Pick<
      Selectable<PaymentsTable>,
      'id' | 'loan_id' | 'paid_on' | 'paid_from' | 'amount_fen'
    >[]
  ).map((p) => ({
    id: p.id,
    loanId: p.loan_id,
    paidOn: p.paid_on,
    paidFrom: p.paid_from,
    amountFen: p.amount_fen,
  }));
}

type Parts = AllocatedVerdict['parts'];
const partsKey = (parts: Parts) => parts.map((p) => `${p.paymentId}:${p.amountFen}`).join(',');

/**
 * Writes which payments kept each promise, where that changed. A superseded promise counts
 * nowhere, so it keeps no payments either.
 */
function writePromisePayments(
  db: Sqlite,
  borrowerId: number,
  allocated: ReadonlyMap<number, Parts>,
): void {
  // One read per borrower: the links on file (a superseded promise's among them).
  const stored = new Map<number, Parts>();
  for (const row of statement(
    db,
    `SELECT pp.promise_id, pp.payment_id, pp.amount_fen FROM promises p
     JOIN promise_payments pp ON pp.promise_id = p.id
     WHERE p.borrower_id = ? ORDER BY pp.promise_id, pp.payment_id`,
  ).all(borrowerId) as Selectable<PromisePaymentsTable>[]) {
    const list = stored.get(row.promise_id) ?? [];
    list.push({ paymentId: row.payment_id, amountFen: row.amount_fen });
    stored.set(row.promise_id, list);
  }
  const clear = statement(db, 'DELETE FROM promise_payments WHERE promise_id = ?');
  const insert = statement(
    db,
    'INSERT INTO promise_payments (promise_id, payment_id, amount_fen) VALUES (?, ?, ?)',
  );
  for (const promiseId of stored.keys()) if (!allocated.has(promiseId)) clear.run(promiseId);
  for (const [promiseId, parts] of allocated) {
    const before = stored.get(promiseId) ?? [];
    const after = [...parts].sort((a, b) => a.paymentId - b.paymentId);
    if (partsKey(before) === partsKey(after)) continue;
    clear.run(promiseId);
    for (const p of after) insert.run(promiseId, p.paymentId, p.amountFen);
  }
}

function evaluateBorrower(
  db: Sqlite,
  borrowerId: number,
  asOf: string,
  graceDays: number,
  at: string,
): Change[] {
  const changes: Change[] = [];
  const payments = paymentsOf(db, borrowerId, asOf);
  const promises = statement(
    db,
    `SELECT id, loan_id, promised_on, due_on, amount_fen, status, paid_fen, evaluated_at FROM promises
     WHERE borrower_id = ? AND status <> 'superseded' ORDER BY due_on, id`,
  ).all(borrowerId) as PromiseSqlRow[];
  const promiseVerdicts = allocateWithParts(
    promises.map((p) => ({
      loanId: p.loan_id,
      from: p.promised_on,
      dueOn: p.due_on,
      amountFen: p.amount_fen,
    })),
    payments,
    asOf,
    graceDays,
  );
  const setPromise = statement(
    db,
    'UPDATE promises SET status = ?, paid_fen = ?, evaluated_at = ? WHERE id = ?',
  );
  promises.forEach((p, index) => {
    const verdict = promiseVerdicts[index]!;
    if (verdict.status !== p.status || verdict.paidFen !== p.paid_fen) {
      changes.push({
        kind: 'promise',
        id: String(p.id),
        from: p.status,
        to: verdict.status,
        paidFen: verdict.paidFen,
      });
    }
    if (mustWrite(p, verdict)) setPromise.run(verdict.status, verdict.paidFen, at, p.id);
  });
  writePromisePayments(
    db,
    borrowerId,
    new Map(promises.map((p, index) => [p.id, promiseVerdicts[index]!.parts])),
  );

  const instalments = statement(
    db,
    `SELECT i.plan_id, i.seq, i.due_on, i.amount_fen, i.status, i.paid_fen, r.loan_id,
            vr.actual_date AS from_date, r.status AS plan_status
     FROM plan_instalments i
     JOIN repayment_plans r ON r.id = i.plan_id
     JOIN visit_records vr ON vr.id = r.visit_record_id
     WHERE r.borrower_id = ? AND r.status IN ('approved', 'completed', 'broken')
     ORDER BY i.plan_id, i.seq`,
  ).all(borrowerId) as InstalmentSqlRow[];
  const setInstalment = statement(
    db,
    'UPDATE plan_instalments SET status = ?, paid_fen = ?, evaluated_at = ? WHERE plan_id = ? AND seq = ?',
  );
  const setPlan = statement(
    db,
    'UPDATE repayment_plans SET status = ?, evaluated_at = ? WHERE id = ?',
  );
  for (const planId of new Set(instalments.map((i) => i.plan_id))) {
    const rows = instalments.filter((i) => i.plan_id === planId);
    const verdicts = allocate(
      rows.map((i) => ({
        loanId: i.loan_id,
        from: i.from_date,
        dueOn: i.due_on,
        amountFen: i.amount_fen,
      })),
      payments,
      asOf,
      graceDays,
    );
    rows.forEach((i, index) => {
      const verdict = verdicts[index]!;
      if (verdict.status !== i.status || verdict.paidFen !== i.paid_fen) {
        changes.push({
          kind: 'instalment',
          id: `${planId}/${i.seq}`,
          from: i.status,
          to: verdict.status,
          paidFen: verdict.paidFen,
        });
      }
      if (verdict.status !== i.status || verdict.paidFen !== i.paid_fen) {
        setInstalment.run(verdict.status, verdict.paidFen, at, planId, i.seq);
      }
    });
    const planStatus = planStatusFrom(verdicts.map((v) => v.status));
    if (planStatus !== rows[0]!.plan_status) {
      changes.push({
        kind: 'plan',
        id: String(planId),
        from: rows[0]!.plan_status,
        to: planStatus,
      });
    }
    // A judged plan keeps its evaluation time fresh, like a judged promise (see mustWrite).
    if (planStatus !== rows[0]!.plan_status || planStatus !== 'approved') {
      setPlan.run(planStatus, at, planId);
    }
  }

  // The case list and the worklist read the marker from the borrower row.
  statement(
    db,
    `UPDATE borrowers SET broken_promises =
       (SELECT count(*) FROM promises WHERE borrower_id = @id AND status = 'broken')
     WHERE id = @id AND broken_promises <>
       (SELECT count(*) FROM promises WHERE borrower_id = @id AND status = 'broken')`,
  ).run({ id: borrowerId });
  return changes;
}

/**
 * Borrowers whose verdicts can change: open promises and running plans, judged ones that
 * received a payment since they were judged (a late import), and judged ones never stamped
 * with the current rules (migration 012 clears the stamp so they are judged again).
 */
function borrowersToEvaluate(db: Sqlite): number[] {
  return (
    statement(
      db,
      `SELECT borrower_id FROM promises WHERE status = 'pending'
       UNION
       SELECT borrower_id FROM promises WHERE evaluated_at IS NULL AND status <> 'superseded'
       UNION
       SELECT borrower_id FROM repayment_plans
       WHERE evaluated_at IS NULL AND status IN ('completed', 'broken')
       UNION
       SELECT p.borrower_id FROM promises p
       WHERE p.status IN ('broken', 'partly_kept') AND EXISTS (
         SELECT 1 FROM payments x WHERE x.borrower_id = p.borrower_id
           AND x.created_at > coalesce(p.evaluated_at, ''))
       UNION
       SELECT borrower_id FROM repayment_plans WHERE status = 'approved'
       UNION
       SELECT r.borrower_id FROM repayment_plans r
       WHERE r.status IN ('broken', 'completed') AND EXISTS (
         SELECT 1 FROM payments x WHERE x.borrower_id = r.borrower_id
           AND x.created_at > coalesce(r.evaluated_at, ''))`,
    ).all() as { borrower_id: number }[]
  ).map((r) => r.borrower_id);
}

/** Who evaluates and when: a session, or an import running in a worker thread. */
interface EvaluationContext {
  db: Sqlite;
  staffId: number | null;
  /** ISO instant, stamped on verdicts and the audit row. */
  at: string;
}

function runEvaluation(
  ctx: EvaluationContext,
  borrowerIds: readonly number[],
  asOf: string,
): Evaluation {
  const { promiseGraceDays } = readRecordsSettings(ctx.db);
  const changes = borrowerIds.flatMap((id) =>
    evaluateBorrower(ctx.db, id, asOf, promiseGraceDays, ctx.at),
  );
  if (changes.length > 0) {
    appendAudit(ctx.db, {
      staffId: ctx.staffId,
      at: ctx.at,
      action: 'promises.evaluate',
      entity: 'promise',
      after: { asOf, graceDays: promiseGraceDays, changes },
    });
  }
  return {
    asOf,
    promisesChanged: changes.filter((c) => c.kind === 'promise').length,
    instalmentsChanged: changes.filter((c) => c.kind === 'instalment').length,
    plansChanged: changes.filter((c) => c.kind === 'plan').length,
    brokenNow: changes
      .filter((c) => c.kind === 'promise' && c.to === 'broken')
      .map((c) => Number(c.id)),
  };
}

const sessionContext = (app: Visitdesk): EvaluationContext => ({
  db: app.db,
  staffId: app.session?.staffId ?? null,
  at: app.now().toISOString(),
});

/** Evaluates everything that can have changed, as of a date (default: the branch's today). */
export function evaluateDue(app: Visitdesk, asOf?: string): Evaluation {
  const day = asOf ?? branchToday(app.db, app.now());
  return app.db.transaction(() =>
    runEvaluation(sessionContext(app), borrowersToEvaluate(app.db), day),
  )();
}

/**
 * Re-judges the given borrowers' promises and instalments after payments were recorded. Runs
 * inside the caller's transaction when there is one, else in its own.
 */
export function evaluateAfterPayments(
  app: Visitdesk,
  borrowerIds: readonly number[],
  asOf?: string,
): Evaluation {
  const day = asOf ?? branchToday(app.db, app.now());
  const unique = [...new Set(borrowerIds)];
  const work = () => runEvaluation(sessionContext(app), unique, day);
  return app.db.inTransaction ? work() : app.db.transaction(work)();
}

/**
 * The same for code with a connection but no session, such as the case importer in its
 * worker thread: call it inside the import's transaction with the borrowers whose payments
 * the file added, so payments and verdicts commit together. `asOf` defaults to the branch's
 * today at `at`.
 */
export function evaluateBorrowersInDb(
  db: Sqlite,
  options: { borrowerIds: readonly number[]; staffId: number | null; at?: string; asOf?: string },
): Evaluation {
  const at = options.at ?? new Date().toISOString();
  const day = options.asOf ?? dateIn(branchTimeZone(db), new Date(at));
  const work = () =>
    runEvaluation({ db, staffId: options.staffId, at }, [...new Set(options.borrowerIds)], day);
  return db.inTransaction ? work() : db.transaction(work)();
}
