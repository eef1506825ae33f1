import type { Migration } from './types';

/**
 * Cases that leave doorstep collection (issue 18): written off (核销), passed to litigation or
 * to an outside agency, or settled. The manager sets it with the day it took effect and the
 * bank's reference (the write-off approval, the court's case number, the agency contract); the
 * case is then `closed` and the compliance engine refuses new visits with the reason.
 *
 * An exit can be undone (a mistake, a case called back from the agency): the row stays with who
 * undid it, when and why, so the case's history keeps both. At most one exit of a case is in
 * force (`reopened_at IS NULL`).
 *
 * Before this migration a case could only be set to `closed` by editing it, without a kind or a
 * reference; those cases stay closed and have no exit row.
 */
export const migration017: Migration = {
  version: 17,
  name: 'case exits',
  sql: `
    CREATE TABLE case_exits (
      id INTEGER PRIMARY KEY,
      borrower_id INTEGER NOT NULL REFERENCES borrowers(id),
      kind TEXT NOT NULL CHECK (kind IN ('written_off', 'litigation', 'agency', 'settled')),
      exit_on TEXT NOT NULL
        CHECK (exit_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),
      note TEXT NOT NULL DEFAULT '',
      previous_status TEXT NOT NULL CHECK (previous_status IN ('active', 'disputed', 'on_hold')),
      set_by INTEGER NOT NULL REFERENCES staff(id),
      set_at TEXT NOT NULL,
      reopened_at TEXT,
      reopened_by INTEGER REFERENCES staff(id),
      reopen_reason TEXT,
      CHECK ((reopened_at IS NULL) = (reopened_by IS NULL)),
      CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX case_exits_in_force ON case_exits (borrower_id) WHERE reopened_at IS NULL;
    CREATE INDEX case_exits_kind ON case_exits (kind) WHERE reopened_at IS NULL;
  `,
};
