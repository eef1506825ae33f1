import type { Migration } from './types';

/**
 * Visit records: what happened on a visit, and what it set in motion (promises to pay,
 * payments with receipts, repayment plans, follow-ups).
 *
 * - `visit_records` are written once. A correction is a new row whose `amends` points at the
 *   original (always the original, never another amendment); the newest row of a chain is the
 *   effective one. Triggers refuse UPDATE and DELETE, so "the original is never changed" holds
 *   even against a bug in a service. The compliance checklist is enforced here too: a record
 *   without staff cards shown, rights explained, no third-party disclosure and a recording
 *   reference cannot exist.
 * - `promises`, `repayment_plans` and `plan_instalments` change status as payments arrive
 *   (evaluation); `superseded` marks a promise or an undecided plan that an amendment replaced,
 *   so it counts nowhere (worklist, monthly summary) while staying on file.
 * - `receipts` number the payments taken during visits per branch code and year. The number is
 *   max(seq) + 1 read and written inside the transaction that records the payment, and
 *   (branch_code, year, seq) is unique: a rolled-back or crashed transaction takes its number
 *   with it, so the sequence has no gaps and no repeats.
 * - `follow_ups` are the officer's next steps; a later record for the same borrower closes them.
 */
export const migration004: Migration = {
  version: 4,
  name: 'records: visit records, promises, receipts, repayment plans, follow-ups',
  sql: `
    CREATE TABLE visit_records (
      id INTEGER PRIMARY KEY,
      visit_id INTEGER NOT NULL REFERENCES visits(id),
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      amends INTEGER REFERENCES visit_records(id),
      amend_reason TEXT,
      actual_date TEXT NOT NULL,
      actual_start TEXT NOT NULL,
      actual_end TEXT NOT NULL CHECK (actual_end > actual_start),
      met TEXT NOT NULL CHECK (met IN ('borrower', 'spouse', 'family', 'nobody')),
      outcome TEXT NOT NULL CHECK (outcome IN
        ('paid_full', 'partial_payment', 'promise_to_pay', 'plan_proposed', 'refused',
         'hardship', 'not_home', 'moved', 'disputes', 'deceased')),
      borrower_words TEXT NOT NULL DEFAULT '',
      assessment_id INTEGER REFERENCES assessments(id),
      staff_cards_shown INTEGER NOT NULL CHECK (staff_cards_shown = 1),
      rights_explained INTEGER NOT NULL CHECK (rights_explained = 1),
      no_third_party_disclosure INTEGER NOT NULL CHECK (no_third_party_disclosure = 1),
      recorded_on_media INTEGER NOT NULL CHECK (recorded_on_media = 1),
      recording_ref TEXT NOT NULL CHECK (length(trim(recording_ref)) > 0),
      next_action TEXT NOT NULL DEFAULT '',
      follow_up_on TEXT,
      recorded_by INTEGER NOT NULL REFERENCES staff(id),
      recorded_at TEXT NOT NULL,
      CHECK ((amends IS NULL) = (amend_reason IS NULL))
    ) STRICT;
    -- One original per visit; amendments hang off it.
    CREATE UNIQUE INDEX visit_records_visit ON visit_records (visit_id) WHERE amends IS NULL;
    CREATE INDEX visit_records_amends ON visit_records (amends) WHERE amends IS NOT NULL;
    CREATE INDEX visit_records_borrower ON visit_records (borrower_id, actual_date);
    CREATE INDEX visit_records_date ON visit_records (actual_date);
    CREATE TRIGGER visit_records_no_update BEFORE UPDATE ON visit_records
    BEGIN SELECT RAISE(ABORT, 'visit records are never changed; amend them'); END;
    CREATE TRIGGER visit_records_no_delete BEFORE DELETE ON visit_records
    BEGIN SELECT RAISE(ABORT, 'visit records are never deleted'); END;

    CREATE TABLE visit_record_staff (
      record_id INTEGER NOT NULL REFERENCES visit_records(id),
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      PRIMARY KEY (record_id, staff_id)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX visit_record_staff_staff ON visit_record_staff (staff_id, record_id);

    CREATE TABLE promises (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      loan_id INTEGER REFERENCES loans(id),
      visit_record_id INTEGER NOT NULL REFERENCES visit_records(id),
      promised_on TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      due_on TEXT NOT NULL CHECK (due_on >= promised_on),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
        ('pending', 'kept', 'partly_kept', 'broken', 'superseded')),
      evaluated_at TEXT,
      paid_fen INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX promises_borrower ON promises (borrower_id, due_on);
    CREATE INDEX promises_due ON promises (due_on, status);
    CREATE INDEX promises_record ON promises (visit_record_id);

    CREATE TABLE receipts (
      id INTEGER PRIMARY KEY,
      receipt_no TEXT NOT NULL UNIQUE,
      branch_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      seq INTEGER NOT NULL CHECK (seq >= 1),
      payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
      visit_record_id INTEGER NOT NULL REFERENCES visit_records(id),
      paid_at TEXT NOT NULL,
      issued_by INTEGER NOT NULL REFERENCES staff(id),
      issued_at TEXT NOT NULL,
      UNIQUE (branch_code, year, seq)
    ) STRICT;
    CREATE INDEX receipts_record ON receipts (visit_record_id);
    CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
    BEGIN SELECT RAISE(ABORT, 'receipts are never changed'); END;
    CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
    BEGIN SELECT RAISE(ABORT, 'receipts are never deleted'); END;

    CREATE TABLE repayment_plans (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      loan_id INTEGER REFERENCES loans(id),
      visit_record_id INTEGER NOT NULL REFERENCES visit_records(id),
      total_fen INTEGER NOT NULL CHECK (total_fen > 0),
      overdue_fen INTEGER NOT NULL CHECK (overdue_fen >= 0),
      shortfall_reason TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN
        ('proposed', 'approved', 'rejected', 'completed', 'broken', 'superseded')),
      proposed_by INTEGER NOT NULL REFERENCES staff(id),
      proposed_at TEXT NOT NULL,
      decided_by INTEGER REFERENCES staff(id),
      decided_at TEXT,
      decision_reason TEXT NOT NULL DEFAULT '',
      evaluated_at TEXT,
      CHECK (total_fen <= overdue_fen),
      CHECK (total_fen = overdue_fen OR length(trim(shortfall_reason)) > 0)
    ) STRICT;
    CREATE INDEX repayment_plans_borrower ON repayment_plans (borrower_id, status);
    CREATE INDEX repayment_plans_status ON repayment_plans (status, proposed_at);
    CREATE INDEX repayment_plans_record ON repayment_plans (visit_record_id);

    CREATE TABLE plan_instalments (
      plan_id INTEGER NOT NULL REFERENCES repayment_plans(id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      due_on TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
        ('pending', 'kept', 'partly_kept', 'broken')),
      paid_fen INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
      evaluated_at TEXT,
      PRIMARY KEY (plan_id, seq)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX plan_instalments_due ON plan_instalments (due_on, status);

    CREATE TABLE follow_ups (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      visit_record_id INTEGER NOT NULL REFERENCES visit_records(id),
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      due_on TEXT NOT NULL,
      action TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'replaced')),
      closed_at TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX follow_ups_open ON follow_ups (staff_id, due_on) WHERE status = 'open';
    CREATE INDEX follow_ups_borrower ON follow_ups (borrower_id) WHERE status = 'open';
  `,
};
