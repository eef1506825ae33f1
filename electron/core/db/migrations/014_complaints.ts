import type { Migration } from './types';

/**
 * The complaints register (issue 15): who complained (the borrower, a relative or someone
 * else, by name), the channel, the day it was received, the visit and the staff it concerns,
 * what it says, what was done, and the day it was closed with its outcome.
 *
 * - `closed_on` and `outcome` come together: a complaint is open until both are set, and it is
 *   never closed before it was received.
 * - `complaint_staff`: the staff a complaint concerns (the monthly summary counts complaints
 *   per officer through it). Naming a visit without naming staff names the visit's staff.
 *
 * Before this migration the product had no register (a complaint could only be written as a
 * note or a contact), so nothing is carried over.
 */
export const migration014: Migration = {
  version: 14,
  name: 'complaints register',
  sql: `
    CREATE TABLE complaints (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      received_on TEXT NOT NULL
        CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      complainant TEXT NOT NULL CHECK (complainant IN ('borrower', 'relative', 'other')),
      complainant_name TEXT NOT NULL DEFAULT '',
      channel TEXT NOT NULL
        CHECK (channel IN ('phone', 'in_person', 'letter', 'regulator', 'other')),
      visit_id INTEGER REFERENCES visits(id),
      summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
      action_taken TEXT NOT NULL DEFAULT '',
      closed_on TEXT CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      outcome TEXT CHECK (outcome IN ('upheld', 'partly_upheld', 'not_upheld', 'withdrawn')),
      outcome_note TEXT NOT NULL DEFAULT '',
      recorded_by INTEGER REFERENCES staff(id),
      recorded_at TEXT NOT NULL,
      closed_by INTEGER REFERENCES staff(id),
      updated_at TEXT NOT NULL,
      CHECK ((closed_on IS NULL) = (outcome IS NULL)),
      CHECK (closed_on IS NULL OR closed_on >= received_on)
    ) STRICT;
    CREATE INDEX complaints_borrower ON complaints (borrower_id, received_on);
    CREATE INDEX complaints_received ON complaints (received_on);
    CREATE INDEX complaints_closed ON complaints (closed_on) WHERE closed_on IS NOT NULL;

    CREATE TABLE complaint_staff (
      complaint_id INTEGER NOT NULL REFERENCES complaints(id),
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      PRIMARY KEY (complaint_id, staff_id)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX complaint_staff_staff ON complaint_staff (staff_id, complaint_id);
  `,
};
