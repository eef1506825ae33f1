import type { Sqlite } from '../sqlite';
import type { Migration } from './types';

/**
 * Money counted once, and credited to the visit that brought it (issue 15).
 *
 * - `file_repayments`: what a head-office file said was repaid on a loan since the loan's
 *   previous file (the fall in outstanding principal), with the file's own payment date when it
 *   had a usable one, and `payment_id`, the part no visit cash explains (a payment with source
 *   'import'; NULL when visit cash explains all of it). Always:
 *   reduction_fen = sum(its confirmations) + the amount of its payment.
 * - `payment_confirmations`: which visit cash (a payment with source 'visit' and its receipt) a
 *   file's reduction was. The cash stays the one payment on file; the file confirms it.
 * - `payments.paid_from`: when only an interval is known (a file without a payment-date column),
 *   the first day the payment may have been made (the day after the previous file); `paid_on`
 *   is then the file's date. NULL: `paid_on` is the day itself.
 * - `promise_payments`: which payments kept a promise, and how much of each, as the latest
 *   evaluation allocated them; the promise shows which payment and which source decided it.
 * - Visits get the loans they are about (`visit_loans`), which "amount collected" counts.
 *
 * Data brought forward:
 * - Visits with no loans get the borrower's loans that were overdue at the visit date by the
 *   loan's latest snapshot on or before that date; when none of the borrower's loans is known
 *   to have been overdue then (no snapshot that early, or all current), all of the borrower's
 *   loans. This is the rule new visits follow (all overdue loans unless the planner narrowed
 *   it), read from the snapshots the branch has.
 * - Payments an import inferred (reference `import <previous> → <date>`) become file
 *   repayments, their interval is recorded, and each is matched against the visit cash on its
 *   loan as an import now does (see records/reconcile.ts; the rule is copied here so that this
 *   migration never changes): the part that was visit cash is removed from the import payment.
 * - Judged promises and plans are marked unevaluated, so the next evaluation (at sign-in) judges
 *   them again with these rules and records which payments decided them.
 */

/**
 * Visit cash handed in and posted after a file's date shows in the next file: cash taken in the
 * 7 days before the previous file, or before it with that file the only one since, can still be
 * this file's (records/reconcile.ts).
 */
const POSTING_LAG_DAYS = 7;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const INFERRED = /^import (\d{4}-\d{2}-\d{2}) → (\d{4}-\d{2}-\d{2})$/;

function reconcileInferredPayments(db: Sqlite): void {
  const inferred = db
    .prepare(
      `SELECT id, loan_id, paid_on, amount_fen, reference, created_at FROM payments
       WHERE source = 'import' ORDER BY loan_id, paid_on, id`,
    )
    .all() as {
    id: number;
    loan_id: number;
    paid_on: string;
    amount_fen: number;
    reference: string;
    created_at: string;
  }[];
  const insertFile = db.prepare(
    `INSERT INTO file_repayments (loan_id, as_of, previous_as_of, reduction_fen, paid_on,
       payment_id, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)`,
  );
  const openCash = db.prepare(
    `SELECT p.id, p.amount_fen - coalesce(
       (SELECT sum(c.amount_fen) FROM payment_confirmations c WHERE c.visit_payment_id = p.id), 0)
       AS open
     FROM payments p
     WHERE p.loan_id = @loan AND p.source = 'visit' AND p.paid_on <= @asOf
       AND (p.paid_on > @lagFloor OR (SELECT count(*) FROM loan_snapshots s
         WHERE s.loan_id = @loan AND s.as_of >= p.paid_on AND s.as_of < @asOf) <= 1)
     ORDER BY p.paid_on, p.id`,
  );
  const confirm = db.prepare(
    `INSERT INTO payment_confirmations (file_repayment_id, visit_payment_id, amount_fen, created_at)
     VALUES (?, ?, ?, ?)`,
  );
  const setPayment = db.prepare('UPDATE payments SET amount_fen = ?, paid_from = ? WHERE id = ?');
  const detach = db.prepare('UPDATE file_repayments SET payment_id = NULL WHERE id = ?');
  const remove = db.prepare('DELETE FROM payments WHERE id = ?');
  const seen = new Set<string>();
  for (const p of inferred) {
    const match = INFERRED.exec(p.reference);
    if (!match) continue;
    const [, previous, asOf] = match as unknown as [string, string, string];
    // One file repayment per loan and file date (a file imported twice inferred nothing more).
    const key = `${p.loan_id}/${asOf}`;
    if (previous >= asOf || seen.has(key)) continue;
    seen.add(key);
    const fileId = Number(
      insertFile.run(p.loan_id, asOf, previous, p.amount_fen, p.id, p.created_at).lastInsertRowid,
    );
    let left = p.amount_fen;
    const cash = openCash.all({
      loan: p.loan_id,
      asOf,
      lagFloor: addDays(previous, -POSTING_LAG_DAYS),
    }) as {
      id: number;
      open: number;
    }[];
    for (const c of cash) {
      if (left === 0) break;
      if (c.open <= 0) continue;
      const take = Math.min(left, c.open);
      confirm.run(fileId, c.id, take, p.created_at);
      left -= take;
    }
    if (left > 0) {
      setPayment.run(left, addDays(previous, 1), p.id);
    } else {
      detach.run(fileId);
      remove.run(p.id);
    }
  }
}

export const migration012: Migration = {
  version: 12,
  name: 'money once: file repayments, visit cash confirmed by files, promise payments, visit loans',
  sql: `
    ALTER TABLE payments ADD COLUMN paid_from TEXT;

    CREATE TABLE file_repayments (
      id INTEGER PRIMARY KEY,
      loan_id INTEGER NOT NULL REFERENCES loans(id),
      as_of TEXT NOT NULL,
      previous_as_of TEXT NOT NULL CHECK (previous_as_of < as_of),
      reduction_fen INTEGER NOT NULL CHECK (reduction_fen > 0),
      paid_on TEXT CHECK (paid_on IS NULL OR (paid_on >= previous_as_of AND paid_on <= as_of)),
      payment_id INTEGER UNIQUE REFERENCES payments(id),
      created_at TEXT NOT NULL,
      UNIQUE (loan_id, as_of)
    ) STRICT;

    CREATE TABLE payment_confirmations (
      file_repayment_id INTEGER NOT NULL REFERENCES file_repayments(id),
      visit_payment_id INTEGER NOT NULL REFERENCES payments(id),
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      created_at TEXT NOT NULL,
      PRIMARY KEY (file_repayment_id, visit_payment_id)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX payment_confirmations_visit ON payment_confirmations (visit_payment_id);

    CREATE TABLE promise_payments (
      promise_id INTEGER NOT NULL REFERENCES promises(id),
      payment_id INTEGER NOT NULL REFERENCES payments(id),
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      PRIMARY KEY (promise_id, payment_id)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX promise_payments_payment ON promise_payments (payment_id);

    WITH unloaded AS (
      SELECT v.id, v.borrower_id, v.date FROM visits v
      WHERE NOT EXISTS (SELECT 1 FROM visit_loans x WHERE x.visit_id = v.id)
    ),
    candidates AS (
      SELECT u.id AS visit_id, l.id AS loan_id, coalesce((
        SELECT s.overdue_principal_fen + s.overdue_interest_fen + s.penalty_fen > 0
        FROM loan_snapshots s WHERE s.loan_id = l.id AND s.as_of <= u.date
        ORDER BY s.as_of DESC LIMIT 1), 0) AS overdue
      FROM unloaded u JOIN loans l ON l.borrower_id = u.borrower_id
    )
    INSERT INTO visit_loans (visit_id, loan_id)
    SELECT c.visit_id, c.loan_id FROM candidates c
    WHERE c.overdue = 1 OR NOT EXISTS (
      SELECT 1 FROM candidates o WHERE o.visit_id = c.visit_id AND o.overdue = 1);

    UPDATE promises SET evaluated_at = NULL WHERE status IN ('kept', 'partly_kept', 'broken');
    UPDATE repayment_plans SET evaluated_at = NULL WHERE status IN ('completed', 'broken');
  `,
  after: reconcileInferredPayments,
};
