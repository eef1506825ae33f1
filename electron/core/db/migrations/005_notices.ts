import type { Migration } from './types';

const kinds = `'visitNotice', 'reminderLetter', 'demandLetter', 'paymentReceipt',
        'repaymentPlanAgreement', 'dayRouteSheet'`;

/**
 * Printing: versioned document templates, reference-number sequences, the print log and the
 * notice settings (logo, designated repayment channels).
 *
 * - `document_templates`: every saved version is kept; the highest version per (kind, lang) is in
 *   force. Version 0 is the built-in wording and is not stored.
 * - `reference_sequences`: one counter per branch code and year, bumped inside the print
 *   transaction, so numbers have no gaps and never repeat (a failed batch rolls its numbers back).
 * - `print_log`: who printed what for whom, with the template version and a SHA-256 of the
 *   content. `content_json` is the document exactly as printed, so a reprint reproduces it as a
 *   copy (副本) with the same number. A copy points at its original. Borrower and visit ids are
 *   not foreign keys: the log must outlive rows a retention purge removes, and rows are never
 *   updated.
 */
export const migration005: Migration = {
  version: 5,
  name: 'notices: templates, reference sequences, print log, notice settings',
  sql: `
    CREATE TABLE document_templates (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN (${kinds})),
      lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
      version INTEGER NOT NULL CHECK (version >= 1),
      body TEXT NOT NULL CHECK (length(body) <= 20000),
      created_by INTEGER REFERENCES staff(id),
      created_at TEXT NOT NULL,
      UNIQUE (kind, lang, version)
    ) STRICT;

    CREATE TABLE reference_sequences (
      branch_code TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
      last_no INTEGER NOT NULL CHECK (last_no >= 1),
      PRIMARY KEY (branch_code, year)
    ) WITHOUT ROWID, STRICT;

    CREATE TABLE print_log (
      id INTEGER PRIMARY KEY,
      printed_at TEXT NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      kind TEXT NOT NULL CHECK (kind IN (${kinds})),
      lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
      subject TEXT NOT NULL,
      borrower_id INTEGER,
      visit_id INTEGER,
      template_version INTEGER NOT NULL CHECK (template_version >= 0),
      reference_no TEXT NOT NULL,
      issue_date TEXT NOT NULL,
      facts_sha256 TEXT NOT NULL CHECK (length(facts_sha256) = 64),
      content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
      content_json TEXT NOT NULL CHECK (json_valid(content_json)),
      is_copy INTEGER NOT NULL CHECK (is_copy IN (0, 1)),
      original_id INTEGER REFERENCES print_log(id),
      CHECK ((is_copy = 0) = (original_id IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX print_log_reference ON print_log (reference_no) WHERE is_copy = 0;
    CREATE INDEX print_log_subject ON print_log (kind, subject, facts_sha256);
    CREATE INDEX print_log_borrower ON print_log (borrower_id, id);
    CREATE INDEX print_log_visit ON print_log (visit_id, id);
    CREATE TRIGGER print_log_no_update BEFORE UPDATE ON print_log
    BEGIN SELECT RAISE(ABORT, 'the print log is never rewritten'); END;

    CREATE TABLE notice_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) STRICT;
  `,
};
