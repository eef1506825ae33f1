import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { InstalmentStatus, PlanStatus } from '../../shared/schemas/records';
import type { Evaluation } from '../../shared/schemas/records-views';
import type { Visitdesk } from '../app/visitdesk';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { appendAudit } from '../audit/audit';
import { addDays, dateIn } from '../../shared/dates';
import type { DB } from '../db/schema';
import { loadRecordsSettings, readRecordsSettings } from './settings';
import type { PaymentsTable } from '../cases/tables';
import type {
  PlanInstalmentsTable,
  PromisePaymentsTable,
  PromisesTable,
  RepaymentPlansTable,
} from './tables';
import { branchTimeZone, loadBranchToday } from '../settings/branch-clock';

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

type Parts = AllocatedVerdict['parts'];
const partsKey = (parts: Parts) => parts.map((p) => `${p.paymentId}:${p.amountFen}`).join(',');

/** What a borrower's evaluation reads: payments, open promises, their links, instalments. */
interface BorrowerFacts {
  payments: Payment[];
  promises: PromiseSqlRow[];
  /** The promise links on file (a superseded promise's among them). */
  links: Selectable<PromisePaymentsTable>[];
  instalments: InstalmentSqlRow[];
}

/** What it writes, besides the borrower's broken-promise marker. */
interface BorrowerWrites {
  promises: { id: number; status: InstalmentStatus; paidFen: number }[];
  /** Promises whose links are deleted, and those whose links are replaced by `parts`. */
  clearLinks: number[];
  setLinks: { promiseId: number; parts: Parts }[];
  instalments: { planId: number; seq: number; status: InstalmentStatus; paidFen: number }[];
  plans: { id: number; status: PlanStatus }[];
}

/**
 * Pure: the borrower's verdicts from the facts, the changes they make (for the audit row) and
 * the rows to write. Which payments kept each promise is rewritten where it changed; a
 * superseded promise counts nowhere, so it keeps no payments either.
 */
function judgeBorrower(
  facts: BorrowerFacts,
  asOf: string,
  graceDays: number,
): { changes: Change[]; writes: BorrowerWrites } {
  const changes: Change[] = [];
  const writes: BorrowerWrites = {
    promises: [],
    clearLinks: [],
    setLinks: [],
    instalments: [],
    plans: [],
  };
  const { payments, promises, instalments } = facts;
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
    if (mustWrite(p, verdict)) {
      writes.promises.push({ id: p.id, status: verdict.status, paidFen: verdict.paidFen });
    }
  });

  const allocated = new Map(promises.map((p, index) => [p.id, promiseVerdicts[index]!.parts]));
  const stored = new Map<number, Parts>();
  for (const row of facts.links) {
    const list = stored.get(row.promise_id) ?? [];
    list.push({ paymentId: row.payment_id, amountFen: row.amount_fen });
    stored.set(row.promise_id, list);
  }
  for (const promiseId of stored.keys()) {
    if (!allocated.has(promiseId)) writes.clearLinks.push(promiseId);
  }
  for (const [promiseId, parts] of allocated) {
    const before = stored.get(promiseId) ?? [];
    const after = [...parts].sort((a, b) => a.paymentId - b.paymentId);
    if (partsKey(before) !== partsKey(after)) writes.setLinks.push({ promiseId, parts: after });
  }

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
        writes.instalments.push({
          planId,
          seq: i.seq,
          status: verdict.status,
          paidFen: verdict.paidFen,
        });
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
      writes.plans.push({ id: planId, status: planStatus });
    }
  }
  return { changes, writes };
}

const paymentOf = (
  p: Pick<Selectable<PaymentsTable>, 'id' | 'loan_id' | 'paid_on' | 'paid_from' | 'amount_fen'>,
): Payment => ({
  id: p.id,
  loanId: p.loan_id,
  paidOn: p.paid_on,
  paidFrom: p.paid_from,
  amountFen: p.amount_fen,
});

/*
 * On the engine: each read and write through Kysely on the write's `tx`, for the actions of a
 * session (a record, a plan's approval, the due evaluation).
 */

async function loadFacts(tx: Kysely<DB>, borrowerId: number, asOf: string): Promise<BorrowerFacts> {
  const payments = await tx
    .selectFrom('payments')
    .select(['id', 'loan_id', 'paid_on', 'paid_from', 'amount_fen'])
    .where('borrower_id', '=', borrowerId)
    .where('paid_on', '<=', asOf)
    .orderBy('paid_on')
    .orderBy('id')
    .execute();
  const promises = await tx
    .selectFrom('promises')
    .select([
      'id',
      'loan_id',
      'promised_on',
      'due_on',
      'amount_fen',
      'status',
      'paid_fen',
      'evaluated_at',
    ])
    .where('borrower_id', '=', borrowerId)
    .where('status', '<>', 'superseded')
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  const links = await tx
    .selectFrom('promises as p')
    .innerJoin('promise_payments as pp', 'pp.promise_id', 'p.id')
    .select(['pp.promise_id', 'pp.payment_id', 'pp.amount_fen'])
    .where('p.borrower_id', '=', borrowerId)
    .orderBy('pp.promise_id')
    .orderBy('pp.payment_id')
    .execute();
  const instalments = await tx
    .selectFrom('plan_instalments as i')
    .innerJoin('repayment_plans as r', 'r.id', 'i.plan_id')
    .innerJoin('visit_records as vr', 'vr.id', 'r.visit_record_id')
    .select([
      'i.plan_id',
      'i.seq',
      'i.due_on',
      'i.amount_fen',
      'i.status',
      'i.paid_fen',
      'r.loan_id',
      'vr.actual_date as from_date',
      'r.status as plan_status',
    ])
    .where('r.borrower_id', '=', borrowerId)
    .where('r.status', 'in', ['approved', 'completed', 'broken'])
    .orderBy('i.plan_id')
    .orderBy('i.seq')
    .execute();
  return { payments: payments.map(paymentOf), promises, links, instalments };
}

async function saveWrites(
  tx: Kysely<DB>,
  borrowerId: number,
  writes: BorrowerWrites,
  at: string,
): Promise<void> {
  for (const p of writes.promises) {
    await tx
      .updateTable('promises')
      .set({ status: p.status, paid_fen: p.paidFen, evaluated_at: at })
      .where('id', '=', p.id)
      .execute();
  }
  const cleared = [...writes.clearLinks, ...writes.setLinks.map((l) => l.promiseId)];
  if (cleared.length > 0) {
    await tx.deleteFrom('promise_payments').where('promise_id', 'in', cleared).execute();
  }
  const links = writes.setLinks.flatMap((l) =>
    l.parts.map((p) => ({
      promise_id: l.promiseId,
      payment_id: p.paymentId,
      amount_fen: p.amountFen,
    })),
  );
  if (links.length > 0) await tx.insertInto('promise_payments').values(links).execute();
  for (const i of writes.instalments) {
    await tx
      .updateTable('plan_instalments')
      .set({ status: i.status, paid_fen: i.paidFen, evaluated_at: at })
      .where('plan_id', '=', i.planId)
      .where('seq', '=', i.seq)
      .execute();
  }
  for (const p of writes.plans) {
    await tx
      .updateTable('repayment_plans')
      .set({ status: p.status, evaluated_at: at })
      .where('id', '=', p.id)
      .execute();
  }
  // The case list and the worklist read the marker from the borrower row.
  const broken = (eb: ExpressionBuilder<DB, 'borrowers'>) =>
    eb
      .selectFrom('promises')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .where('promises.borrower_id', '=', borrowerId)
      .where('promises.status', '=', 'broken');
  await tx
    .updateTable('borrowers')
    .set((eb) => ({ broken_promises: broken(eb) }))
    .where('id', '=', borrowerId)
    .where((eb) => eb('broken_promises', '<>', broken(eb)))
    .execute();
}

/*
 * On the connection, for the case import still synchronous: prepared SQL with rows typed from
 * the schema, since evaluation runs once per borrower after every import (thousands in a row),
 * where Kysely's compile of each query would cost more than the query itself. The same facts
 * read and the same rows written as loadFacts and saveWrites above; judgeBorrower decides.
 */

function readFacts(db: Sqlite, borrowerId: number, asOf: string): BorrowerFacts {
  const payments = (
    statement(
      db,
      `SELECT id, loan_id, paid_on, paid_from, amount_fen FROM payments
       WHERE borrower_id = ? AND paid_on <= ? ORDER BY paid_on, id`,
    ).all(borrowerId, asOf) as Pick<
      Selectable<PaymentsTable>,
      'id' | 'loan_id' | 'paid_on' | 'paid_from' | 'amount_fen'
    >[]
  ).map(paymentOf);
  const promises = statement(
    db,
    `SELECT id, loan_id, promised_on, due_on, amount_fen, status, paid_fen, evaluated_at FROM promises
     WHERE borrower_id = ? AND status <> 'superseded' ORDER BY due_on, id`,
  ).all(borrowerId) as PromiseSqlRow[];
  const links = statement(
    db,
    `SELECT pp.promise_id, pp.payment_id, pp.amount_fen FROM promises p
     JOIN promise_payments pp ON pp.promise_id = p.id
     WHERE p.borrower_id = ? ORDER BY pp.promise_id, pp.payment_id`,
  ).all(borrowerId) as Selectable<PromisePaymentsTable>[];
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
  return { payments, promises, links, instalments };
}

function writeWrites(db: Sqlite, borrowerId: number, writes: BorrowerWrites, at: string): void {
  const setPromise = statement(
    db,
    'UPDATE promises SET status = ?, paid_fen = ?, evaluated_at = ? WHERE id = ?',
  );
  for (const p of writes.promises) setPromise.run(p.status, p.paidFen, at, p.id);
  const clear = statement(db, 'DELETE FROM promise_payments WHERE promise_id = ?');
  const insert = statement(
    db,
    'INSERT INTO promise_payments (promise_id, payment_id, amount_fen) VALUES (?, ?, ?)',
  );
  for (const promiseId of writes.clearLinks) clear.run(promiseId);
  for (const { promiseId, parts } of writes.setLinks) {
    clear.run(promiseId);
    for (const p of parts) insert.run(promiseId, p.paymentId, p.amountFen);
  }
  const setInstalment = statement(
    db,
    'UPDATE plan_instalments SET status = ?, paid_fen = ?, evaluated_at = ? WHERE plan_id = ? AND seq = ?',
  );
  for (const i of writes.instalments) setInstalment.run(i.status, i.paidFen, at, i.planId, i.seq);
  const setPlan = statement(
    db,
    'UPDATE repayment_plans SET status = ?, evaluated_at = ? WHERE id = ?',
  );
  for (const p of writes.plans) setPlan.run(p.status, at, p.id);
  statement(
    db,
    `UPDATE borrowers SET broken_promises =
       (SELECT count(*) FROM promises WHERE borrower_id = @id AND status = 'broken')
     WHERE id = @id AND broken_promises <>
       (SELECT count(*) FROM promises WHERE borrower_id = @id AND status = 'broken')`,
  ).run({ id: borrowerId });
}

/**
 * Borrowers whose verdicts can change: open promises and running plans, judged ones that
 * received a payment since they were judged (a late import), and judged ones never stamped
 * with the current rules (migration 012 clears the stamp so they are judged again).
 */
async function borrowersToEvaluate(db: Kysely<DB>): Promise<number[]> {
  const rows = await db
    .selectFrom('promises')
    .select('borrower_id')
    .where('status', '=', 'pending')
    .union(
      db
        .selectFrom('promises')
        .select('borrower_id')
        .where('evaluated_at', 'is', null)
        .where('status', '<>', 'superseded'),
    )
    .union(
      db
        .selectFrom('repayment_plans')
        .select('borrower_id')
        .where('evaluated_at', 'is', null)
        .where('status', 'in', ['completed', 'broken']),
    )
    .union(
      db
        .selectFrom('promises as p')
        .select('p.borrower_id')
        .where('p.status', 'in', ['broken', 'partly_kept'])
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('payments as x')
              .select('x.id')
              .whereRef('x.borrower_id', '=', 'p.borrower_id')
              .where((x) =>
                x.or([
                  x('p.evaluated_at', 'is', null),
                  x('x.created_at', '>', x.ref('p.evaluated_at')),
                ]),
              ),
          ),
        ),
    )
    .union(db.selectFrom('repayment_plans').select('borrower_id').where('status', '=', 'approved'))
    .union(
      db
        .selectFrom('repayment_plans as r')
        .select('r.borrower_id')
        .where('r.status', 'in', ['broken', 'completed'])
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('payments as x')
              .select('x.id')
              .whereRef('x.borrower_id', '=', 'r.borrower_id')
              .where((x) =>
                x.or([
                  x('r.evaluated_at', 'is', null),
                  x('x.created_at', '>', x.ref('r.evaluated_at')),
                ]),
              ),
          ),
        ),
    )
    .execute();
  return rows.map((r) => r.borrower_id);
}

function summary(asOf: string, changes: readonly Change[]): Evaluation {
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

const evaluationAudit = (asOf: string, graceDays: number, changes: Change[]) => ({
  action: 'promises.evaluate',
  entity: 'promise',
  after: { asOf, graceDays, changes },
});

/** Judges the borrowers on the write `tx`, audited through app.record when anything changed. */
async function evaluateOn(
  app: Pick<Visitdesk, 'now' | 'record'>,
  tx: Kysely<DB>,
  borrowerIds: readonly number[],
  asOf: string,
): Promise<Evaluation> {
  const { promiseGraceDays } = await loadRecordsSettings(tx);
  const at = app.now().toISOString();
  const changes: Change[] = [];
  for (const id of borrowerIds) {
    const judged = judgeBorrower(await loadFacts(tx, id, asOf), asOf, promiseGraceDays);
    await saveWrites(tx, id, judged.writes, at);
    changes.push(...judged.changes);
  }
  if (changes.length > 0) {
    await app.record(tx, { ...evaluationAudit(asOf, promiseGraceDays, changes), at });
  }
  return summary(asOf, changes);
}

/**
 * Evaluates everything that can have changed, as of a date (default: the branch's today): one
 * write whose borrowers are found and judged on its tx.
 */
export function evaluateDue(app: Visitdesk, asOf?: string): Promise<Evaluation> {
  return app.write(async (tx) => {
    const day = asOf ?? (await loadBranchToday(tx, app.now()));
    return evaluateOn(app, tx, await borrowersToEvaluate(tx), day);
  });
}

/**
 * Re-judges the given borrowers' promises and instalments after payments were recorded, on the
 * caller's write `tx`.
 */
export async function evaluateAfterPayments(
  app: Pick<Visitdesk, 'now' | 'record'>,
  tx: Kysely<DB>,
  borrowerIds: readonly number[],
  asOf?: string,
): Promise<Evaluation> {
  const day = asOf ?? (await loadBranchToday(tx, app.now()));
  return evaluateOn(app, tx, [...new Set(borrowerIds)], day);
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
  const work = () => {
    const { promiseGraceDays } = readRecordsSettings(db);
    const changes: Change[] = [];
    for (const id of new Set(options.borrowerIds)) {
      const judged = judgeBorrower(readFacts(db, id, day), day, promiseGraceDays);
      writeWrites(db, id, judged.writes, at);
      changes.push(...judged.changes);
    }
    if (changes.length > 0) {
      appendAudit(db, {
        staffId: options.staffId,
        at,
        ...evaluationAudit(day, promiseGraceDays, changes),
      });
    }
    return summary(day, changes);
  };
  return db.inTransaction ? work() : db.transaction(work)();
}
