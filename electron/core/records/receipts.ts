import type { Kysely } from 'kysely';
import type { PaymentSection } from '../../shared/schemas/records';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { first, qb, run, statement } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { confirmCashAgainstFiles, type CashConfirmation } from './reconcile';

/**
 * Receipts for money taken during a visit: `QS001-SJ-2026-000123` is branch code, SJ (收据),
 * year and a six-digit sequence per branch code and year. The SJ keeps the receipt series
 * visibly apart from the document reference numbers of the print log (QS001-2026-000123),
 * which a printed receipt also carries. Receipts issued before the SJ series keep the numbers
 * they were given (QS001-2026-000001…): receipts are never changed, and the sequence simply
 * continues, so no number is used twice.
 *
 * Why max(seq) + 1 and no separate counter: the number is read and used inside the same write
 * transaction as the payment it belongs to. SQLite runs one writer at a time, so no two
 * transactions can read the same max; a transaction that rolls back or dies with the process
 * takes its number with it, so the next payment gets the same number and the sequence never
 * has a gap. The UNIQUE (branch_code, year, seq) constraint turns any bug into an error
 * instead of a duplicate. The year is the payment's own (local) year.
 */
const RECEIPT_SERIES = 'SJ';

export function formatReceiptNo(branchCode: string, year: number, seq: number): string {
  return `${branchCode}-${RECEIPT_SERIES}-${year}-${String(seq).padStart(6, '0')}`;
}

function nextSeq(db: Sqlite, branchCode: string, year: number): number {
  const row = statement(
    db,
    'SELECT coalesce(max(seq), 0) + 1 AS next FROM receipts WHERE branch_code = ? AND year = ?',
  ).get(branchCode, year) as { next: number };
  return row.next;
}

const branchCodeQuery = (db: Kysely<DB>) => db.selectFrom('branch').select('code');

function codeOf(row: { code: string } | undefined): string {
  if (!row) throw new AppFailure('NOT_SET_UP', 'the branch is not set up');
  return row.code;
}

/** The branch's code, on the engine or a write's `tx`. */
export async function loadBranchCode(db: Kysely<DB>): Promise<string> {
  return codeOf(await branchCodeQuery(db).executeTakeFirst());
}

/** `loadBranchCode` on the connection. */
export function branchCode(db: Sqlite): string {
  return codeOf(first(db, branchCodeQuery(qb)));
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
 * its receipt. Must run inside the caller's transaction (the record that took the money).
 *
 * When a head-office file dated on or after the visit was imported before the cash was
 * recorded, the file counted the cash as new money; that part of the file's payment becomes a
 * confirmation of this cash instead (records/reconcile.ts), audited, so the money stays counted
 * once. The caller re-judges the borrower's promises, as after any payment.
 */
export function takeVisitPayment(
  app: Visitdesk,
  payment: PaymentSection & {
    borrowerId: number;
    visitRecordId: number;
    paidOn: string;
    /** Local time of payment, HH:MM. */
    paidTime: string;
  },
): TakenPayment {
  if (!app.db.inTransaction) throw new Error('takeVisitPayment runs inside a transaction');
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  const loan = first(
    app.db,
    qb.selectFrom('loans').select(['id', 'borrower_id']).where('id', '=', payment.loanId),
  );
  if (!loan || loan.borrower_id !== payment.borrowerId) {
    throw new AppFailure('VALIDATION', 'the loan is not the borrower’s', {
      fields: { 'payment.loanId': 'v.invalid' },
    });
  }
  const code = branchCode(app.db);
  const year = Number(payment.paidOn.slice(0, 4));
  const seq = nextSeq(app.db, code, year);
  const receiptNo = formatReceiptNo(code, year, seq);
  const at = app.now().toISOString();
  const paymentId = run(
    app.db,
    qb.insertInto('payments').values({
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
    }),
  ).lastInsertRowid;
  const receiptId = run(
    app.db,
    qb.insertInto('receipts').values({
      receipt_no: receiptNo,
      branch_code: code,
      year,
      seq,
      payment_id: paymentId,
      visit_record_id: payment.visitRecordId,
      paid_at: `${payment.paidOn}T${payment.paidTime}`,
      issued_by: staffId,
      issued_at: at,
    }),
  ).lastInsertRowid;
  const confirmedBy = confirmCashAgainstFiles(
    app.db,
    { paymentId, loanId: payment.loanId, paidOn: payment.paidOn, amountFen: payment.amountFen },
    at,
  );
  if (confirmedBy.length > 0) {
    app.audit({
      action: 'payments.reconcile',
      entity: 'payment',
      entityId: paymentId,
      subject: payment.borrowerId,
      after: { receiptNo, loanId: payment.loanId, paidOn: payment.paidOn, confirmedBy },
    });
  }
  return { paymentId, receiptId, receiptNo, confirmedBy };
}
