import type { Migration } from './types';

/**
 * Cash handed in at the branch (缴款, issue 18): the money an officer took on visits reaches
 * the branch against its receipts, the same day or at the latest the next working day.
 *
 * - `cash_handins`: one hand-in, by one officer, of receipts taken on one day (`day`, the
 *   receipts' local date). `expected_fen` is the sum of the receipts it covers, `counted_fen`
 *   what the clerk counted; a difference needs a written explanation (CHECK), and a manager's
 *   sign-off (`signed_off_by`, `signed_off_at`, `sign_off_note`), set later by a separate
 *   action. `handed_in_on` is the branch's date when it was recorded (lateness is judged on it).
 * - `cash_handin_receipts`: the receipts a hand-in covers. `receipt_id` is UNIQUE, so a receipt
 *   is handed in once, whatever the code does.
 * - \`receipts_paid_at\`: a day's receipts are found by their local payment time.
 * - A hand-in is never deleted, and only its sign-off columns may ever change (triggers).
 *
 * Before this migration the product did not record hand-ins, so nothing is carried over: every
 * receipt issued before it stays not handed in (the branch can record them afterwards).
 */
export const migration016: Migration = {
  version: 16,
  name: 'cash hand-ins',
  sql: `
    CREATE TABLE cash_handins (
      id INTEGER PRIMARY KEY,
      officer_id INTEGER NOT NULL REFERENCES staff(id),
      day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      expected_fen INTEGER NOT NULL CHECK (expected_fen >= 0),
      counted_fen INTEGER NOT NULL CHECK (counted_fen >= 0),
      explanation TEXT NOT NULL DEFAULT '',
      handed_in_on TEXT NOT NULL
        CHECK (handed_in_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      recorded_by INTEGER NOT NULL REFERENCES staff(id),
      recorded_at TEXT NOT NULL,
      signed_off_by INTEGER REFERENCES staff(id),
      signed_off_at TEXT,
      sign_off_note TEXT NOT NULL DEFAULT '',
      CHECK (counted_fen = expected_fen OR length(trim(explanation)) > 0),
      CHECK ((signed_off_by IS NULL) = (signed_off_at IS NULL)),
      CHECK (signed_off_by IS NULL OR counted_fen <> expected_fen),
      CHECK (handed_in_on >= day)
    ) STRICT;
    CREATE INDEX cash_handins_officer_day ON cash_handins (officer_id, day);
    CREATE INDEX cash_handins_day ON cash_handins (day);
    CREATE INDEX cash_handins_open ON cash_handins (day)
      WHERE counted_fen <> expected_fen AND signed_off_by IS NULL;
    CREATE TRIGGER cash_handins_no_delete BEFORE DELETE ON cash_handins
    BEGIN SELECT RAISE(ABORT, 'hand-ins are never deleted'); END;
    CREATE TRIGGER cash_handins_sign_off_only BEFORE UPDATE ON cash_handins
    WHEN NEW.officer_id IS NOT OLD.officer_id OR NEW.day IS NOT OLD.day
      OR NEW.expected_fen IS NOT OLD.expected_fen OR NEW.counted_fen IS NOT OLD.counted_fen
      OR NEW.explanation IS NOT OLD.explanation OR NEW.handed_in_on IS NOT OLD.handed_in_on
      OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
      OR OLD.signed_off_by IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a hand-in changes only by its one sign-off'); END;

    CREATE TABLE cash_handin_receipts (
      handin_id INTEGER NOT NULL REFERENCES cash_handins(id),
      receipt_id INTEGER NOT NULL UNIQUE REFERENCES receipts(id),
      amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
      PRIMARY KEY (handin_id, receipt_id)
    ) WITHOUT ROWID, STRICT;
    CREATE TRIGGER cash_handin_receipts_no_change BEFORE UPDATE ON cash_handin_receipts
    BEGIN SELECT RAISE(ABORT, 'hand-in receipts are never changed'); END;
    CREATE TRIGGER cash_handin_receipts_no_delete BEFORE DELETE ON cash_handin_receipts
    BEGIN SELECT RAISE(ABORT, 'hand-in receipts are never deleted'); END;

    CREATE INDEX receipts_paid_at ON receipts (paid_at);
  `,
};
