import type { Migration } from './types';

/** Columns of visit_records that a retention redaction must leave as they are. */
const recordFacts = [
  'id',
  'visit_id',
  'borrower_id',
  'amends',
  'actual_date',
  'actual_start',
  'actual_end',
  'met',
  'outcome',
  'assessment_id',
  'staff_cards_shown',
  'rights_explained',
  'no_third_party_disclosure',
  'recorded_on_media',
  'follow_up_on',
  'recorded_by',
  'recorded_at',
];

/** Columns of print_log that a retention redaction must leave as they are. */
const printFacts = [
  'id',
  'printed_at',
  'staff_id',
  'kind',
  'lang',
  'subject',
  'borrower_id',
  'visit_id',
  'template_version',
  'reference_no',
  'issue_date',
  'facts_sha256',
  'content_sha256',
  'is_copy',
  'original_id',
];

const unchanged = (columns: string[]) => columns.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ');

/**
 * Retention reaches the audit log and the write-once tables.
 *
 * - `audit_subject_keys`: one random AES-256 key per borrower; audit rows about a borrower
 *   (`audit_log.subject_id`) store their before/after sealed with it, and anonymising the
 *   borrower deletes the key (electron/core/audit/seal.ts). The chain hashes the sealed text,
 *   so it and the head hashes exported by closed months verify with or without the key.
 *   `subject_id` is an index, not part of the hash: the envelope in the hashed text names
 *   the subject too.
 * - Audit rows written before this migration keep their plain text: changing it would break
 *   the chain and every head hash exported since. `meta.audit_sealed_from_id` records the
 *   first row written with sealing, so retention's preview can count the older plain rows
 *   that still describe a borrower.
 * - `visit_records` and `print_log` refuse UPDATE; the one change they now accept is the
 *   retention redaction of their free text (visit records only once the borrower is
 *   anonymised; print-log content only with the redaction mark), every other column equal.
 */
export const migration008: Migration = {
  version: 8,
  name: 'audit: per-borrower keys sealing audit details; retention redaction of write-once text',
  sql: `
    CREATE TABLE audit_subject_keys (
      borrower_id INTEGER PRIMARY KEY,
      key BLOB NOT NULL CHECK (length(key) = 32),
      created_at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE audit_log ADD COLUMN subject_id INTEGER;
    CREATE INDEX audit_log_subject ON audit_log (subject_id) WHERE subject_id IS NOT NULL;
    INSERT INTO meta (key, value)
      SELECT 'audit_sealed_from_id', CAST(coalesce(max(id), 0) + 1 AS TEXT) FROM audit_log;

    DROP TRIGGER visit_records_no_update;
    CREATE TRIGGER visit_records_no_update BEFORE UPDATE ON visit_records
    WHEN NOT (
      (SELECT name FROM borrowers WHERE id = OLD.borrower_id) = '已匿名'
      AND ${unchanged(recordFacts)}
      AND NEW.borrower_words = '' AND NEW.next_action = ''
      AND NEW.recording_ref = '（已匿名）'
      AND NEW.amend_reason IS (CASE WHEN OLD.amend_reason IS NULL THEN NULL ELSE '（已匿名）' END)
    )
    BEGIN SELECT RAISE(ABORT, 'visit records are never changed; amend them'); END;

    DROP TRIGGER print_log_no_update;
    CREATE TRIGGER print_log_no_update BEFORE UPDATE ON print_log
    WHEN NOT (
      ${unchanged(printFacts)}
      AND json_extract(NEW.content_json, '$.anonymisedAt') IS NOT NULL
    )
    BEGIN SELECT RAISE(ABORT, 'the print log is never rewritten'); END;
  `,
};
