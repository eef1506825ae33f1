import type { Migration } from './types';

/**
 * Visit planning: staff certificates and leave, branch holiday overrides, visits with their
 * staff and loans, monthly targets. Rule settings live in `settings` under `planningRules`.
 *
 * Indexes serve the hot reads: the calendar by date, the frequency caps and the worklist by
 * (borrower, date), double-booking by (staff, visit).
 */
export const migration003: Migration = {
  version: 3,
  name: 'planning: certificates, leave, holidays, visits, targets',
  sql: `
    CREATE TABLE staff_certificates (
      id INTEGER PRIMARY KEY,
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      kind TEXT NOT NULL CHECK (kind IN ('training', 'qualification')),
      number TEXT NOT NULL,
      issued_on TEXT,
      expires_on TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (staff_id, kind, number)
    ) STRICT;
    CREATE INDEX staff_certificates_staff ON staff_certificates (staff_id, expires_on);

    CREATE TABLE staff_leave (
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      date TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      PRIMARY KEY (staff_id, date)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX staff_leave_date ON staff_leave (date);

    CREATE TABLE branch_holidays (
      date TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
      note TEXT NOT NULL DEFAULT '',
      created_by INTEGER REFERENCES staff(id),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE visits (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      date TEXT NOT NULL,
      start_time TEXT NOT NULL,
      end_time TEXT NOT NULL CHECK (end_time > start_time),
      purpose TEXT NOT NULL CHECK (purpose IN
        ('reminder', 'negotiation', 'situation_check', 'repayment_plan', 'payment_receipt')),
      priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low')),
      township TEXT NOT NULL DEFAULT '',
      village TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
        ('planned', 'notified', 'done', 'not_done', 'cancelled', 'rescheduled')),
      status_note TEXT NOT NULL DEFAULT '',
      notice_status TEXT NOT NULL DEFAULT 'none' CHECK (notice_status IN
        ('none', 'printed', 'phoned', 'delivered')),
      notice_at TEXT,
      borrower_requested INTEGER NOT NULL DEFAULT 0 CHECK (borrower_requested IN (0, 1)),
      planned_by INTEGER NOT NULL REFERENCES staff(id),
      planned_at TEXT NOT NULL,
      override_reason TEXT,
      override_codes TEXT,
      overridden_by INTEGER REFERENCES staff(id),
      needs_approval INTEGER NOT NULL DEFAULT 0 CHECK (needs_approval IN (0, 1)),
      approval_by INTEGER REFERENCES staff(id),
      approved_at TEXT,
      rescheduled_from INTEGER REFERENCES visits(id),
      route_order INTEGER,
      note TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX visits_date ON visits (date, start_time);
    CREATE INDEX visits_borrower_date ON visits (borrower_id, date);
    CREATE INDEX visits_rescheduled_from ON visits (rescheduled_from)
      WHERE rescheduled_from IS NOT NULL;

    CREATE TABLE visit_staff (
      visit_id INTEGER NOT NULL REFERENCES visits(id),
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      PRIMARY KEY (visit_id, staff_id)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX visit_staff_staff ON visit_staff (staff_id, visit_id);

    CREATE TABLE visit_loans (
      visit_id INTEGER NOT NULL REFERENCES visits(id),
      loan_id INTEGER NOT NULL REFERENCES loans(id),
      PRIMARY KEY (visit_id, loan_id)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX visit_loans_loan ON visit_loans (loan_id);

    CREATE TABLE monthly_targets (
      id INTEGER PRIMARY KEY,
      month TEXT NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      visits_target INTEGER NOT NULL CHECK (visits_target >= 0),
      amount_target_fen INTEGER NOT NULL CHECK (amount_target_fen >= 0),
      updated_by INTEGER REFERENCES staff(id),
      updated_at TEXT NOT NULL
    ) STRICT;
    -- One branch target (staff_id NULL) and one per officer per month.
    CREATE UNIQUE INDEX monthly_targets_month_staff ON monthly_targets (month, ifnull(staff_id, 0));
  `,
};
