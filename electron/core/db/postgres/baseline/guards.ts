/**
 * The baseline's write-once rules (baseline.ts): SQLite's triggers as PostgreSQL triggers with the
 * same conditions and messages.
 */

/** Columns of visit_records that a retention redaction must leave as they are (migration 008). */
const recordFacts = [
  'branch_id',
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

/** Columns of print_log that a retention redaction must leave as they are (migration 008). */
const printFacts = [
  'branch_id',
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

const unchanged = (columns: string[]) =>
  columns.map((c) => `NEW.${c} IS NOT DISTINCT FROM OLD.${c}`).join(' AND ');

const changed = (columns: string[]) =>
  columns.map((c) => `NEW.${c} IS DISTINCT FROM OLD.${c}`).join(' OR ');

/** Refuses UPDATE, DELETE and TRUNCATE of `table` with SQLite's messages. */
function writeOnce(table: string, messages: { update?: string; delete?: string }): string {
  const refuse = (message: string) =>
    `EXECUTE FUNCTION visitdesk_refuse('${message.replaceAll("'", "''")}')`;
  const statements: string[] = [];
  if (messages.update) {
    statements.push(
      `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
       FOR EACH ROW ${refuse(messages.update)};`,
    );
  }
  if (messages.delete) {
    statements.push(
      `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
       FOR EACH ROW ${refuse(messages.delete)};`,
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
       FOR EACH STATEMENT ${refuse(messages.delete)};`,
    );
  }
  return statements.join('\n');
}

/**
 * The write-once rules of migrations 001–016. The SQLite triggers' WHEN conditions become the
 * PostgreSQL triggers' WHEN, except the visit-record redaction, which reads the borrower's name
 * (a subquery, which WHEN cannot hold) and so checks in its function. What SQLite lets through,
 * PostgreSQL does too: print_log rows can be deleted, only audit_subject_keys rows are shredded.
 */
export const guards = `
  CREATE FUNCTION visitdesk_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
  END
  $$;

  ${writeOnce('audit_log', {
    update: 'audit log is append-only',
    delete: 'audit log is append-only',
  })}

  -- Changed only by the retention redaction of its free text, once the borrower is anonymised.
  CREATE FUNCTION visitdesk_visit_records_redaction_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NOT (
      (SELECT b.name FROM borrowers b
        WHERE b.branch_id = OLD.branch_id AND b.id = OLD.borrower_id) = '已匿名'
      AND ${unchanged(recordFacts)}
      AND NEW.borrower_words = '' AND NEW.next_action = ''
      AND NEW.recording_ref = '（已匿名）'
      AND NEW.amend_reason IS NOT DISTINCT FROM
        (CASE WHEN OLD.amend_reason IS NULL THEN NULL ELSE '（已匿名）' END)
    ) THEN
      RAISE EXCEPTION 'visit records are never changed; amend them'
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END
  $$;
  CREATE TRIGGER visit_records_no_update BEFORE UPDATE ON visit_records
    FOR EACH ROW EXECUTE FUNCTION visitdesk_visit_records_redaction_only();
  ${writeOnce('visit_records', { delete: 'visit records are never deleted' })}

  ${writeOnce('receipts', {
    update: 'receipts are never changed',
    delete: 'receipts are never deleted',
  })}

  -- Changed only by the retention redaction of its content, which marks it.
  CREATE TRIGGER print_log_no_update BEFORE UPDATE ON print_log FOR EACH ROW
    WHEN (NOT (${unchanged(printFacts)} AND NEW.content_json ->> 'anonymisedAt' IS NOT NULL))
    EXECUTE FUNCTION visitdesk_refuse('the print log is never rewritten');

  -- The frozen figures and their anchor never change; only the reopen columns are filled once.
  CREATE TRIGGER month_closes_frozen BEFORE UPDATE ON month_closes FOR EACH ROW
    WHEN (${changed([
      'branch_id',
      'figures_json',
      'figures_sha256',
      'audit_head',
      'closed_by',
      'closed_at',
      'month',
    ])} OR OLD.reopened_at IS NOT NULL)
    EXECUTE FUNCTION visitdesk_refuse('a month close is frozen; reopen it instead');
  ${writeOnce('month_closes', { delete: 'month closes are never deleted' })}

  ${writeOnce('visit_record_violations', {
    update: "a record's violations are never changed; amend the record",
    delete: "a record's violations are never deleted",
  })}

  ${writeOnce('cash_handins', { delete: 'hand-ins are never deleted' })}
  CREATE TRIGGER cash_handins_sign_off_only BEFORE UPDATE ON cash_handins FOR EACH ROW
    WHEN (${changed([
      'branch_id',
      'officer_id',
      'day',
      'expected_fen',
      'counted_fen',
      'explanation',
      'handed_in_on',
      'recorded_by',
      'recorded_at',
    ])} OR OLD.signed_off_by IS NOT NULL)
    EXECUTE FUNCTION visitdesk_refuse('a hand-in changes only by its one sign-off');

  ${writeOnce('cash_handin_receipts', {
    update: 'hand-in receipts are never changed',
    delete: 'hand-in receipts are never deleted',
  })}
`;
