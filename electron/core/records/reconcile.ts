import type { PaymentTrail } from '../../shared/schemas/payment-trail';
import type { Kysely } from 'kysely';
import { statement } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { addDays } from '../../shared/dates';

/**
 * Money counted once: cash taken on a visit (with its receipt) and the fall in principal that
 * head office's next file shows are the same money.
 *
 * When a file shows a loan's outstanding principal lower than its previous file did, the fall
 * is first matched with the visit cash on that loan that no file has confirmed yet, oldest
 * first; only what is left (if anything) is new money, a payment with source 'import'. The
 * match is on the loan alone: cash on another loan of the same borrower is not this money.
 *
 * Which cash a file can confirm: taken on or before the file's date, and after the previous
 * file's date (the rule), or shortly before it: in the POSTING_LAG_DAYS before the
 * previous file, or before it with that previous file the only one since the cash. Cash is
 * handed in at the branch the same day or the next working day and head office posts it after
 * that, so cash taken just before one file often shows only in the next; matching only "since
 * the previous file" would count it twice then. The second condition gives monthly files the
 * same one file of lag that the first gives daily and weekly ones. Older cash that no file
 * showed stays unconfirmed, and the case timeline says so (a shortfall to look into: the cash
 * may have gone to interest and penalty, which a fall in principal does not show, or it was
 * not handed in).
 *
 * The other order: an officer records a visit's cash after a file dated on or after that visit
 * was imported. The file's new money then included the cash; recording it takes it out of the
 * file's import payment (confirmCashAgainstFiles), so the payments on file still add up to
 * the fall the files showed plus the cash no file has shown yet.
 *
 * Invariant, per file repayment: reduction_fen = sum(its confirmations) + its payment's amount.
 */

export const POSTING_LAG_DAYS = 7;

/**
 * The window a file matches visit cash in (recordFileRepayment's SQL spells the same rule):
 * cash taken on `paidOn` can be confirmed by a file whose previous file is `previousAsOf` when
 * it is within the posting lag of that previous file, or when at most one file came between
 * the cash and this one (`filesBefore`: files dated from the cash's day up to, not including,
 * this file). For the loan's next file, the previous file is the latest one and `filesBefore`
 * counts every file since the cash: once neither holds, no file can show the cash any more,
 * and it is a shortfall to look into.
 */
export function fileMayConfirm(paidOn: string, previousAsOf: string, filesBefore: number): boolean {
  return paidOn > addDays(previousAsOf, -POSTING_LAG_DAYS) || filesBefore <= 1;
}

export interface FileRepaymentInput {
  loanId: number;
  borrowerId: number;
  /** The file's date, and the loan's previous file date (the fall is between the two). */
  asOf: string;
  previousAsOf: string;
  reductionFen: number;
  /** The file's own payment date for the loan (a valid date; checked against the interval here). */
  paidOn: string | null;
  staffId: number | null;
  /** ISO instant for created_at. */
  now: string;
}

export type PaidOnUnused = 'afterAsOf' | 'beforePrevious';

export interface FileRepaymentResult {
  /** Visit cash this file confirmed. */
  confirmedFen: number;
  /** New money: the import payment written (0 when visit cash explains the whole fall). */
  newFen: number;
  paymentId: number | null;
  /** Why the file's payment date was not used, when it had one that is impossible. */
  paidOnUnused: PaidOnUnused | null;
}

/*
 * Prepared SQL on the import's measured path: recordFileRepayment runs for every loan whose
 * principal fell, and the statements are reused row after row without a compile each time.
 * The trail readers below share the reason (one case page reads every payment's trail).
 */
const SQL = {
  openCash: `SELECT p.id, p.amount_fen - coalesce(
      (SELECT sum(c.amount_fen) FROM payment_confirmations c WHERE c.visit_payment_id = p.id), 0)
      AS open
    FROM payments p
    WHERE p.loan_id = @loan AND p.paid_on <= @asOf AND p.source = 'visit'
      AND (p.paid_on > @lagFloor OR (SELECT count(*) FROM loan_snapshots s
        WHERE s.loan_id = @loan AND s.as_of >= p.paid_on AND s.as_of < @asOf) <= 1)
    ORDER BY p.paid_on, p.id`,
  insertFile: `INSERT INTO file_repayments (loan_id, as_of, previous_as_of, reduction_fen, paid_on,
      payment_id, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)`,
  confirm: `INSERT INTO payment_confirmations (file_repayment_id, visit_payment_id, amount_fen,
      created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (file_repayment_id, visit_payment_id)
      DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen`,
  insertPayment: `INSERT INTO payments (loan_id, borrower_id, paid_on, paid_from, amount_fen, source,
      method, reference, recorded_by, created_at)
      VALUES (?, ?, ?, ?, ?, 'import', 'principal_reduction', ?, ?, ?)`,
  attach: 'UPDATE file_repayments SET payment_id = ? WHERE id = ?',
};

/** A file's payment date is used only inside the interval the fall happened in. */
export function checkFilePaidOn(
  paidOn: string | null,
  previousAsOf: string,
  asOf: string,
): { paidOn: string | null; unused: PaidOnUnused | null } {
  if (paidOn === null) return { paidOn: null, unused: null };
  if (paidOn > asOf) return { paidOn: null, unused: 'afterAsOf' };
  if (paidOn < previousAsOf) return { paidOn: null, unused: 'beforePrevious' };
  return { paidOn, unused: null };
}

/**
 * Records what a file said was repaid on a loan since its previous file, matched against the
 * visit cash on the loan. Runs inside the importer's transaction.
 */
export function recordFileRepayment(db: Sqlite, input: FileRepaymentInput): FileRepaymentResult {
  const checked = checkFilePaidOn(input.paidOn, input.previousAsOf, input.asOf);
  const fileId = Number(
    statement(db, SQL.insertFile).run(
      input.loanId,
      input.asOf,
      input.previousAsOf,
      input.reductionFen,
      checked.paidOn,
      input.now,
    ).lastInsertRowid,
  );
  const cash = statement(db, SQL.openCash).all({
    loan: input.loanId,
    asOf: input.asOf,
    lagFloor: addDays(input.previousAsOf, -POSTING_LAG_DAYS),
  }) as { id: number; open: number }[];
  let left = input.reductionFen;
  for (const c of cash) {
    if (left === 0) break;
    if (c.open <= 0) continue;
    const take = Math.min(left, c.open);
    statement(db, SQL.confirm).run(fileId, c.id, take, input.now);
    left -= take;
  }
  let paymentId: number | null = null;
  if (left > 0) {
    // Known to the day when the file says so; otherwise only as "after the previous file, by
    // this one", which promises are judged against in the borrower's favour (evaluate.ts).
    const paidOn = checked.paidOn ?? input.asOf;
    const from = checked.paidOn === null ? addDays(input.previousAsOf, 1) : null;
    paymentId = Number(
      statement(db, SQL.insertPayment).run(
        input.loanId,
        input.borrowerId,
        paidOn,
        from !== null && from < paidOn ? from : null,
        left,
        `import ${input.previousAsOf} → ${input.asOf}`,
        input.staffId,
        input.now,
      ).lastInsertRowid,
    );
    statement(db, SQL.attach).run(paymentId, fileId);
  }
  return {
    confirmedFen: input.reductionFen - left,
    newFen: left,
    paymentId,
    paidOnUnused: checked.unused,
  };
}

export interface CashConfirmation {
  fileAsOf: string;
  amountFen: number;
}

/**
 * Visit cash recorded after files dated on or after it were imported: each such file whose
 * new money can have been this cash gives up as much of it as the cash explains, oldest file
 * first. Runs on the write `tx` that records the cash; the caller re-judges promises.
 */
export async function confirmCashAgainstFiles(
  tx: Kysely<DB>,
  cash: { paymentId: number; loanId: number; paidOn: string; amountFen: number },
  now: string,
): Promise<CashConfirmation[]> {
  const files = await tx
    .selectFrom('file_repayments as f')
    .innerJoin('payments as p', 'p.id', 'f.payment_id')
    .select(['f.id', 'f.as_of', 'f.previous_as_of', 'f.payment_id', 'p.amount_fen'])
    .where('f.loan_id', '=', cash.loanId)
    .where('f.as_of', '>=', cash.paidOn)
    .orderBy('f.as_of')
    .execute();
  const confirmed: CashConfirmation[] = [];
  let left = cash.amountFen;
  for (const f of files) {
    if (left === 0) break;
    const between = await tx
      .selectFrom('loan_snapshots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('loan_id', '=', cash.loanId)
      .where('as_of', '>=', cash.paidOn)
      .where('as_of', '<', f.as_of)
      .executeTakeFirstOrThrow();
    if (!fileMayConfirm(cash.paidOn, f.previous_as_of, Number(between.n))) continue;
    const take = Math.min(left, f.amount_fen);
    // The cash was booked in this write: no confirmation of it exists to add to.
    await tx
      .insertInto('payment_confirmations')
      .values({
        file_repayment_id: f.id,
        visit_payment_id: cash.paymentId,
        amount_fen: take,
        created_at: now,
      })
      .execute();
    if (take === f.amount_fen) {
      await tx
        .updateTable('file_repayments')
        .set({ payment_id: null })
        .where('id', '=', f.id)
        .execute();
      // The promise links are written again by the evaluation that follows.
      await tx.deleteFrom('promise_payments').where('payment_id', '=', f.payment_id!).execute();
      await tx.deleteFrom('payments').where('id', '=', f.payment_id!).execute();
    } else {
      await tx
        .updateTable('payments')
        .set((eb) => ({ amount_fen: eb('amount_fen', '-', take) }))
        .where('id', '=', f.payment_id!)
        .execute();
    }
    confirmed.push({ fileAsOf: f.as_of, amountFen: take });
    left -= take;
  }
  return confirmed;
}

/*
 * A payment's trail is read in five queries, each a builder run on the engine (loadPaymentTrails).
 */

const trailPayments = (db: Kysely<DB>, ids: readonly number[]) =>
  db
    .selectFrom('payments as p')
    .innerJoin('loans as l', 'l.id', 'p.loan_id')
    .select([
      'p.id',
      'p.loan_id',
      'l.loan_no',
      'p.source',
      'p.amount_fen',
      'p.paid_on',
      'p.paid_from',
      'p.receipt_no',
    ])
    .where('p.id', 'in', [...ids]);

const trailFiles = (db: Kysely<DB>, paymentIds: readonly number[]) =>
  db
    .selectFrom('file_repayments')
    .select(['id', 'payment_id', 'as_of', 'previous_as_of', 'reduction_fen', 'paid_on'])
    .where('payment_id', 'in', [...paymentIds]);

/** The visit cash each file confirmed. */
const trailFileCash = (db: Kysely<DB>, fileIds: readonly number[]) =>
  db
    .selectFrom('payment_confirmations as c')
    .innerJoin('payments as p', 'p.id', 'c.visit_payment_id')
    .select(['c.file_repayment_id', 'p.receipt_no', 'c.amount_fen'])
    .where('c.file_repayment_id', 'in', [...fileIds])
    .orderBy('p.paid_on')
    .orderBy('p.id');

/** The files that confirmed each visit payment. */
const trailConfirmations = (db: Kysely<DB>, paymentIds: readonly number[]) =>
  db
    .selectFrom('payment_confirmations as c')
    .innerJoin('file_repayments as f', 'f.id', 'c.file_repayment_id')
    .select(['c.visit_payment_id', 'f.as_of', 'c.amount_fen'])
    .where('c.visit_payment_id', 'in', [...paymentIds])
    .orderBy('f.as_of');

/** The loans' files from the earliest payment's day on. */
const trailSnapshots = (db: Kysely<DB>, loanIds: readonly number[], from: string) =>
  db
    .selectFrom('loan_snapshots')
    .select(['loan_id', 'as_of'])
    .where('loan_id', 'in', [...loanIds])
    .where('as_of', '>=', from);

type Rows<Q extends (...args: never[]) => { execute(): Promise<unknown[]> }> = Awaited<
  ReturnType<ReturnType<Q>['execute']>
>;

interface TrailRows {
  payments: Rows<typeof trailPayments>;
  files: Rows<typeof trailFiles>;
  fileCash: Rows<typeof trailFileCash>;
  confirmations: Rows<typeof trailConfirmations>;
  snapshots: Rows<typeof trailSnapshots>;
}

/** What each query after the payments' needs from the ones before it. */
const visitPayments = (rows: TrailRows['payments']) => rows.filter((p) => p.source !== 'import');
const importIds = (rows: TrailRows['payments']) =>
  rows.filter((p) => p.source === 'import').map((p) => p.id);
const earliest = (rows: TrailRows['payments']) =>
  rows.reduce((min, p) => (p.paid_on < min ? p.paid_on : min), rows[0]!.paid_on);

function assembleTrails(ids: readonly number[], rows: TrailRows): Map<number, PaymentTrail> {
  const trails = new Map<number, PaymentTrail>();
  const byId = new Map(rows.payments.map((p) => [p.id, p]));
  for (const id of ids) {
    const p = byId.get(id);
    if (!p) continue;
    const base = {
      paymentId: p.id,
      source: p.source,
      loanNo: p.loan_no,
      amountFen: p.amount_fen,
      paidOn: p.paid_on,
      paidFrom: p.paid_from,
      receiptNo: p.receipt_no,
    };
    if (p.source === 'import') {
      const f = rows.files.find((file) => file.payment_id === p.id);
      trails.set(p.id, {
        ...base,
        file: f
          ? {
              asOf: f.as_of,
              previousAsOf: f.previous_as_of,
              reductionFen: f.reduction_fen,
              dateFromFile: f.paid_on !== null,
              visitCash: rows.fileCash
                .filter((c) => c.file_repayment_id === f.id)
                .map((c) => ({ receiptNo: c.receipt_no, amountFen: c.amount_fen })),
            }
          : null,
        confirmedBy: [],
        unconfirmedFen: 0,
        latestFileAsOf: null,
        stillExpected: false,
      });
      continue;
    }
    const confirmedBy = rows.confirmations
      .filter((c) => c.visit_payment_id === p.id)
      .map((c) => ({ fileAsOf: c.as_of, amountFen: c.amount_fen }));
    const confirmedFen = confirmedBy.reduce((sum, c) => sum + c.amountFen, 0);
    const since = rows.snapshots.filter((s) => s.loan_id === p.loan_id && s.as_of >= p.paid_on);
    const latest = since.reduce<string | null>(
      (max, s) => (max === null || s.as_of > max ? s.as_of : max),
      null,
    );
    const unconfirmedFen = Math.max(0, p.amount_fen - confirmedFen);
    trails.set(p.id, {
      ...base,
      file: null,
      confirmedBy,
      unconfirmedFen,
      latestFileAsOf: latest,
      stillExpected:
        unconfirmedFen > 0 && (latest === null || fileMayConfirm(p.paid_on, latest, since.length)),
    });
  }
  return trails;
}

/** Each payment's sources, for the promises it kept and its receipt, on the engine or a `tx`. */
export async function loadPaymentTrails(
  db: Kysely<DB>,
  paymentIds: readonly number[],
): Promise<Map<number, PaymentTrail>> {
  const ids = [...new Set(paymentIds)];
  if (ids.length === 0) return new Map();
  const payments = await trailPayments(db, ids).execute();
  const files = importIds(payments).length
    ? await trailFiles(db, importIds(payments)).execute()
    : [];
  const fileCash = files.length
    ? await trailFileCash(
        db,
        files.map((f) => f.id),
      ).execute()
    : [];
  const cash = visitPayments(payments);
  const confirmations = cash.length
    ? await trailConfirmations(
        db,
        cash.map((p) => p.id),
      ).execute()
    : [];
  const snapshots = cash.length
    ? await trailSnapshots(db, [...new Set(cash.map((p) => p.loan_id))], earliest(cash)).execute()
    : [];
  return assembleTrails(ids, { payments, files, fileCash, confirmations, snapshots });
}
