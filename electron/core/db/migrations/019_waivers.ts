import type { Migration } from './types';

/**
 * Waivers and settlements (减免 / 和解结清, issue 18). A proposal on one loan, made from the case
 * or from a visit record, with the amounts owed when it was made (integer fen, from the loan
 * on file), the amount waived and the reason:
 *
 * - `penalty`: waive penalty interest (罚息); waived ≤ the penalty owed.
 * - `interest`: waive overdue interest (利息); waived ≤ the interest owed.
 * - `settlement`: settle for less (和解结清): the borrower pays `settle_pay_fen` by `pay_by` and
 *   the rest of what is owed (principal + interest + penalty) is waived, so
 *   waived + pay = owed, both above zero.
 *
 * Status: proposed → first_approved → approved, or rejected (with a reason) or withdrawn while
 * undecided; an approved settlement whose pay-by date passed without the money on the loan
 * becomes lapsed. Two approvals, each with who, their role at the time and when; the proposer
 * gives neither and nobody gives both (the service checks which roles, the table the rest).
 * One undecided proposal per loan at a time.
 */
export const migration019: Migration = {
  version: 19,
  name: 'waivers and settlements',
  sql: `
    CREATE TABLE waivers (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      loan_id INTEGER NOT NULL REFERENCES loans(id),
      visit_record_id INTEGER REFERENCES visit_records(id),
      kind TEXT NOT NULL CHECK (kind IN ('penalty', 'interest', 'settlement')),
      principal_owed_fen INTEGER NOT NULL CHECK (principal_owed_fen >= 0),
      interest_owed_fen INTEGER NOT NULL CHECK (interest_owed_fen >= 0),
      penalty_owed_fen INTEGER NOT NULL CHECK (penalty_owed_fen >= 0),
      waived_fen INTEGER NOT NULL CHECK (waived_fen > 0),
      settle_pay_fen INTEGER CHECK (settle_pay_fen IS NULL OR settle_pay_fen > 0),
      pay_by TEXT CHECK (pay_by IS NULL OR pay_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN
        ('proposed', 'first_approved', 'approved', 'rejected', 'withdrawn', 'lapsed')),
      proposed_by INTEGER NOT NULL REFERENCES staff(id),
      proposed_at TEXT NOT NULL,
      proposed_on TEXT NOT NULL,
      approval1_by INTEGER REFERENCES staff(id),
      approval1_role TEXT CHECK (approval1_role IS NULL OR approval1_role IN ('manager', 'auditor')),
      approval1_at TEXT,
      approval1_note TEXT NOT NULL DEFAULT '',
      approval2_by INTEGER REFERENCES staff(id),
      approval2_role TEXT CHECK (approval2_role IS NULL OR approval2_role IN ('manager', 'auditor')),
      approval2_at TEXT,
      approval2_note TEXT NOT NULL DEFAULT '',
      approved_on TEXT,
      closed_by INTEGER REFERENCES staff(id),
      closed_at TEXT,
      close_reason TEXT NOT NULL DEFAULT '',
      CHECK (kind = 'settlement' OR (settle_pay_fen IS NULL AND pay_by IS NULL)),
      CHECK (kind <> 'settlement' OR (settle_pay_fen IS NOT NULL AND pay_by IS NOT NULL
        AND waived_fen + settle_pay_fen = principal_owed_fen + interest_owed_fen + penalty_owed_fen)),
      CHECK (kind <> 'penalty' OR waived_fen <= penalty_owed_fen),
      CHECK (kind <> 'interest' OR waived_fen <= interest_owed_fen),
      CHECK ((approval1_by IS NULL) = (approval1_at IS NULL)
        AND (approval1_by IS NULL) = (approval1_role IS NULL)),
      CHECK ((approval2_by IS NULL) = (approval2_at IS NULL)
        AND (approval2_by IS NULL) = (approval2_role IS NULL)),
      CHECK (approval2_by IS NULL OR approval1_by IS NOT NULL),
      CHECK (approval1_by IS NULL OR approval1_by <> proposed_by),
      CHECK (approval2_by IS NULL OR (approval2_by <> proposed_by AND approval2_by <> approval1_by)),
      CHECK ((status IN ('approved', 'lapsed')) = (approval2_by IS NOT NULL)),
      CHECK ((approved_on IS NULL) = (approval2_by IS NULL)),
      CHECK (status <> 'first_approved' OR (approval1_by IS NOT NULL AND approval2_by IS NULL)),
      CHECK (status <> 'proposed' OR approval1_by IS NULL),
      CHECK (status <> 'rejected' OR length(trim(close_reason)) > 0),
      CHECK ((status IN ('rejected', 'withdrawn', 'lapsed')) = (closed_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX waivers_borrower ON waivers (borrower_id, id);
    CREATE UNIQUE INDEX waivers_open_per_loan ON waivers (loan_id)
      WHERE status IN ('proposed', 'first_approved');
    CREATE INDEX waivers_approved_on ON waivers (approved_on) WHERE approved_on IS NOT NULL;
    CREATE INDEX waivers_awaiting ON waivers (status) WHERE status IN ('proposed', 'first_approved');
  `,
};
