import type { Kysely } from 'kysely';
import type { PaymentSection } from '../../shared/schemas/records';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { confirmCashAgainstFiles, type CashConfirmation } from './reconcile';

/**
 * Receipts for money taken during a visit: `QS001-SJ-2026-000123` is branch code, SJ (收据),
 * year and a six-digit sequence per branch code and year. The SJ keeps the receipt series
 * visibly apart from the document reference numbers of the print log (QS001-2026-000123),
 * which a printed receipt also carries. Receipts issued before the SJ series keep the numbers
 * they were given (QS001-2026-000001…): receipts are never changed, and the sequence simply
 * continues, so no number is used twice.
 *
 * The sequence is a row per branch code and year, `receipt_sequences.last_seq` (migration 020):
 * a payment moves it on by one (UPDATE … RETURNING) inside the same write transaction as the
 * payment and its receipt. On PostgreSQL the update locks the row until the payment commits,
 * so a second payment of the series waits for the first and then moves on from its number (a
 * branch's writes queue behind its write lock anyway, SERIALIZABLE); on SQLite the write
 * transaction is the lock, its one writer. A payment that rolls back or dies with the process
 * takes its increment with it, so the next payment gets the same number and the series never
 * has a gap. A series' first payment inserts its row, continuing after the receipts the series
 * already has (none for a new year; on PostgreSQL, another branch's receipts that migration
 * 020's login could not see). The UNIQUE (branch_code, year, seq) constraint on receipts turns
 * any bug into an error instead of a duplicate. The year is the payment's own (local) year.
 */
const RECEIPT_SERIES = 'SJ';

export function formatReceiptNo(branchCode: string, year: number, seq: number): string {
  return `${branchCode}-${RECEIPT_SERIES}-${year}-${String(seq).padStart(6, '0')}`;
}

/** The next number of the year's series, taken on the payment's write `tx`. */
async function nextSeq(tx: Kysely<DB>, branchCode: string, year: number): Promise<number> {
  const moved = await tx
    .updateTable('receipt_sequences')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('branch_code', '=', branchCode)
    .where('year', '=', year)
    .returning('last_seq')
    .executeTakeFirst();
  if (moved) return moved.last_seq;
  const issued = await tx
    .selectFrom('receipts')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('branch_code', '=', branchCode)
    .where('year', '=', year)
    .executeTakeFirst();
  const seq = Number(issued?.seq ?? 0) + 1;
  await tx
    .insertInto('receipt_sequences')
    .values({ branch_code: branchCode, year, last_seq: seq })
    .execute();
  return seq;
}

/** The branch's code, on the engine or a write's `tx`. */
export async function loadBranchCode(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('branch').select('code').executeTakeFirst();
  if (!row) throw new AppFailure('NOT_SET_UP', 'the branch is not set up');
  return row.code;
}

export interface TakenPayment {
  paymentId: number;
  receiptId: number;
  receiptNo: string;
  /** Head-office files already imported that turn out to have shown this cash. */
  confirmedBy: CashConfirmation[];
}

/**
 * Books a payment taken on a visit into the cases `payments` table (source 'visit') and issues
 * its receipt, on the caller's write `tx` (the record that took the money).
 *
 * When a head-office file dated on or after the visit was imported before the cash was
 * recorded, the file counted the cash as new money; that part of the file's payment becomes a
 * confirmation of this cash instead (records/reconcile.ts), audited, so the money stays counted
 * once. The caller re-judges the borrower's promises, as after any payment.
 */
export async function takeVisitPayment(
  app: Visitdesk,
  tx: Kysely<DB>,
  payment: PaymentSection & {
    borrowerId: number;
    visitRecordId: number;
    paidOn: string;
    /** Local time of payment, HH:MM. */
    paidTime: string;
  },
): Promise<TakenPayment> {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  const loan = await tx
    .selectFrom('loans')
    .select(['id', 'borrower_id'])
    .where('id', '=', payment.loanId)
    .executeTakeFirst();
  if (!loan || loan.borrower_id !== payment.borrowerId) {
    throw new AppFailure('VALIDATION', 'the loan is not the borrower’s', {
      fields: { 'payment.loanId': 'v.invalid' },
    });
  }
  const code = await loadBranchCode(tx);
  const year = Number(payment.paidOn.slice(0, 4));
  const seq = await nextSeq(tx, code, year);
  const receiptNo = formatReceiptNo(code, year, seq);
  const at = app.now().toISOString();
  const { id: paymentId } = await tx
    .insertInto('payments')
    .values({
      loan_id: payment.loanId,
      borrower_id: payment.borrowerId,
      paid_on: payment.paidOn,
      amount_fen: payment.amountFen,
      source: 'visit',
      method: payment.method,
      receipt_no: receiptNo,
      reference: `visit-record:${payment.visitRecordId}`,
      recorded_by: staffId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: receiptId } = await tx
    .insertInto('receipts')
    .values({
      receipt_no: receiptNo,
      branch_code: code,
      year,
      seq,
      payment_id: paymentId,
      visit_record_id: payment.visitRecordId,
      paid_at: `${payment.paidOn}T${payment.paidTime}`,
      issued_by: staffId,
      issued_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const confirmedBy = await confirmCashAgainstFiles(
    tx,
    { paymentId, loanId: payment.loanId, paidOn: payment.paidOn, amountFen: payment.amountFen },
    at,
  );
  if (confirmedBy.length > 0) {
    await app.record(tx, {
      action: 'payments.reconcile',
      entity: 'payment',
      entityId: paymentId,
      subject: payment.borrowerId,
      after: { receiptNo, loanId: payment.loanId, paidOn: payment.paidOn, confirmedBy },
    });
  }
  return { paymentId, receiptId, receiptNo, confirmedBy };
}
