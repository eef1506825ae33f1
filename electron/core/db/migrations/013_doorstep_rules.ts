import type { Migration } from './types';

/**
 * Rules that also hold at the doorstep (issue 15).
 *
 * - Where a visit happens: `visits.place` (home, workplace, other; home for every visit planned
 *   before, which is what the product planned then), `place_note` (which workplace, which other
 *   place), and `disclosure_risk`: the planner says an employer or neighbour would learn of the
 *   debt there. Either a workplace or that flag needs the manager's approval.
 * - `visits.purpose_reason`: why a vulnerable borrower's visit is not about a repayment
 *   arrangement (required then, empty otherwise).
 * - `visits.approval_requested_by`: who asked for the manager's approval (the planner, or whoever
 *   changed the visit so that it needs one), so that nobody approves their own request while the
 *   branch has another manager; `approval_self_approved` marks the one who did as the only one.
 *   Approvals given before this migration were given by the manager planning the visit or by
 *   another one; which, nothing recorded, so none is marked.
 * - `visit_records.place`, `place_note`: where the visit took place (home for older records).
 * - `visit_record_violations`: the rules a record broke when it was saved (hours, certificates,
 *   staff count, notice, place). Written with the record, never changed (like the record). Older
 *   records were saved before the re-check existed and carry none.
 * - `elderly_clearances`: a manager's written decision that a borrower the ID's birth date makes
 *   elderly is not to be treated as vulnerable on that ground.
 */
export const migration013: Migration = {
  version: 13,
  name: 'doorstep rules: visit place, purpose reason, approval requests, record violations',
  sql: `
    ALTER TABLE visits ADD COLUMN place TEXT NOT NULL DEFAULT 'home'
      CHECK (place IN ('home', 'workplace', 'other'));
    ALTER TABLE visits ADD COLUMN place_note TEXT NOT NULL DEFAULT '';
    ALTER TABLE visits ADD COLUMN disclosure_risk INTEGER NOT NULL DEFAULT 0
      CHECK (disclosure_risk IN (0, 1));
    ALTER TABLE visits ADD COLUMN purpose_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE visits ADD COLUMN approval_requested_by INTEGER REFERENCES staff(id);
    ALTER TABLE visits ADD COLUMN approval_self_approved INTEGER NOT NULL DEFAULT 0
      CHECK (approval_self_approved IN (0, 1));
    UPDATE visits SET approval_requested_by = planned_by WHERE needs_approval = 1;

    ALTER TABLE visit_records ADD COLUMN place TEXT NOT NULL DEFAULT 'home'
      CHECK (place IN ('home', 'workplace', 'other'));
    ALTER TABLE visit_records ADD COLUMN place_note TEXT NOT NULL DEFAULT '';

    CREATE TABLE visit_record_violations (
      record_id INTEGER NOT NULL REFERENCES visit_records(id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      code TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('block', 'legal')),
      params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
      PRIMARY KEY (record_id, seq)
    ) WITHOUT ROWID, STRICT;
    CREATE TRIGGER visit_record_violations_no_update BEFORE UPDATE ON visit_record_violations
    BEGIN SELECT RAISE(ABORT, 'a record''s violations are never changed; amend the record'); END;
    CREATE TRIGGER visit_record_violations_no_delete BEFORE DELETE ON visit_record_violations
    BEGIN SELECT RAISE(ABORT, 'a record''s violations are never deleted'); END;

    CREATE TABLE elderly_clearances (
      borrower_id INTEGER PRIMARY KEY REFERENCES borrowers(id),
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      cleared_by INTEGER NOT NULL REFERENCES staff(id),
      cleared_at TEXT NOT NULL
    ) STRICT;
  `,
};
