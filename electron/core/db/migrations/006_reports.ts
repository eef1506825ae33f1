import type { Migration } from './types';

/**
 * Monthly summary closes. A close freezes the month's figures as JSON with their SHA-256 and
 * the audit chain's head hash at that moment: head office keeps the hash, so a branch that
 * later rewrote its chain (anyone with the key could) would no longer match the anchor.
 *
 * Reopening keeps the row (reopened_by/at/reason filled in) and a new close adds a new row, so
 * every close that was ever exported stays on file. At most one standing close per month.
 */
export const migration006: Migration = {
  version: 6,
  name: 'reports: month closes with frozen figures and the audit anchor',
  sql: `
    CREATE TABLE month_closes (
      id INTEGER PRIMARY KEY,
      month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
      figures_json TEXT NOT NULL CHECK (json_valid(figures_json)),
      figures_sha256 TEXT NOT NULL CHECK (length(figures_sha256) = 64),
      audit_head TEXT NOT NULL CHECK (length(audit_head) = 64),
      closed_by INTEGER NOT NULL REFERENCES staff(id),
      closed_at TEXT NOT NULL,
      reopened_by INTEGER REFERENCES staff(id),
      reopened_at TEXT,
      reopen_reason TEXT,
      CHECK ((reopened_at IS NULL) = (reopened_by IS NULL)),
      CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL)),
      CHECK (reopen_reason IS NULL OR length(trim(reopen_reason)) > 0)
    ) STRICT;
    CREATE UNIQUE INDEX month_closes_standing ON month_closes (month) WHERE reopened_at IS NULL;
    CREATE INDEX month_closes_month ON month_closes (month, id);
    -- The frozen figures and their anchor never change; only the reopen columns are filled once.
    CREATE TRIGGER month_closes_frozen BEFORE UPDATE ON month_closes
    WHEN NEW.figures_json IS NOT OLD.figures_json OR NEW.figures_sha256 IS NOT OLD.figures_sha256
      OR NEW.audit_head IS NOT OLD.audit_head OR NEW.closed_by IS NOT OLD.closed_by
      OR NEW.closed_at IS NOT OLD.closed_at OR NEW.month IS NOT OLD.month
      OR OLD.reopened_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a month close is frozen; reopen it instead'); END;
    CREATE TRIGGER month_closes_no_delete BEFORE DELETE ON month_closes
    BEGIN SELECT RAISE(ABORT, 'month closes are never deleted'); END;
  `,
};
