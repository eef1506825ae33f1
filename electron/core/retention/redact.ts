import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/** What replaces free text that must stay non-empty (a CHECK, or "there was a reason"). */
export const REDACTED = '（已匿名）';
/** The name an anonymised borrower keeps; also how the rest of the app tells them apart. */
export const ANONYMISED_NAME = '已匿名';

/**
 * Removes what identifies the borrowers in `ids` from every table that holds it, in one pass
 * per table (ids travel as a JSON array). Kept: loans, amounts, dates, statuses and outcomes
 * (monthly summaries and roll rates need them), the township (area figures), birth year and
 * sex. Free text written about the person goes: notes, assessments, contact-event and visit
 * words, reasons, follow-up actions, consent evidence, the recording reference.
 *
 * Order matters: borrowers first, because visit records accept their redaction only once the
 * borrower reads as anonymised (migration 008's trigger).
 */
export function redactBorrowerTables(db: Sqlite, ids: readonly number[]): void {
  const list = JSON.stringify(ids);
  const inList = 'IN (SELECT value FROM json_each(?))';
  const exec = (sql: string) => statement(db, sql).run(list);

  // The resident-ID column must stay unique and 18 characters: it becomes a placeholder.
  exec(
    `UPDATE borrowers SET name = '${ANONYMISED_NAME}', name_sort = '',
       id_number = 'ANON' || printf('%014d', id), birth_date = substr(birth_date, 1, 4) || '-01-01',
       mobile = NULL, other_phones = '[]', province_code = NULL, city_code = NULL,
       county_code = NULL, township_code = NULL, village = '', village_code = NULL,
       address_detail = '', occupation = '', household_members = '[]',
       preferred_contact_times = '', vulnerability_notes = ''
     WHERE id ${inList}`,
  );
  exec(
    `UPDATE contacts SET name = '${ANONYMISED_NAME}', phone = NULL, note = '' WHERE borrower_id ${inList}`,
  );
  exec(`UPDATE consents SET evidence = '', note = '' WHERE borrower_id ${inList}`);
  exec(`UPDATE notes SET text = '${REDACTED}' WHERE borrower_id ${inList}`);
  exec(
    `UPDATE assessments SET income = '', expenses = '', assets = '', livelihood = '', note = ''
     WHERE borrower_id ${inList}`,
  );
  exec(`UPDATE contact_events SET note = '' WHERE borrower_id ${inList}`);
  // A complaint keeps its dates, channel and outcome (the summary counts them), not its words.
  exec(
    `UPDATE complaints SET complainant_name = '', summary = '${REDACTED}',
       action_taken = CASE WHEN action_taken = '' THEN '' ELSE '${REDACTED}' END, outcome_note = ''
     WHERE borrower_id ${inList}`,
  );
  // An override keeps its mark (the monthly summary counts overrides), not its wording.
  exec(
    `UPDATE visits SET village = '', status_note = '', note = '',
       override_reason = CASE WHEN override_reason IS NULL THEN NULL ELSE '${REDACTED}' END
     WHERE borrower_id ${inList}`,
  );
  exec(
    `UPDATE visit_records SET borrower_words = '', next_action = '', recording_ref = '${REDACTED}',
       amend_reason = CASE WHEN amend_reason IS NULL THEN NULL ELSE '${REDACTED}' END
     WHERE borrower_id ${inList}`,
  );
  exec(
    `UPDATE repayment_plans SET
       shortfall_reason = CASE WHEN shortfall_reason = '' THEN '' ELSE '${REDACTED}' END,
       decision_reason = CASE WHEN decision_reason = '' THEN '' ELSE '${REDACTED}' END
     WHERE borrower_id ${inList}`,
  );
  exec(`UPDATE follow_ups SET action = '' WHERE borrower_id ${inList}`);
  // A waiver keeps its kind, amounts, dates and approvers (the summary counts them), not its words.
  exec(
    `UPDATE waivers SET reason = '${REDACTED}', approval1_note = '', approval2_note = '',
       close_reason = CASE WHEN close_reason = '' THEN '' ELSE '${REDACTED}' END
     WHERE borrower_id ${inList}`,
  );
  // Who held the case and when stays; a manager's reason may be about the person (an import's
  // reason is the file's name).
  exec(
    `UPDATE assignments SET reason = '${REDACTED}' WHERE source = 'manual' AND borrower_id ${inList}`,
  );
}

/**
 * Drops the borrowers from the search index, for good. The index is contentless: a delete
 * (here, and every re-index after an edit) only records a tombstone, and the deleted terms,
 * old phone numbers and ID included, stay in the index pages until their segment is merged.
 * 'optimize' merges every segment into one without them. It rewrites the whole index (about
 * 1–3 s at 100,000 borrowers on a slow PC), once per anonymisation, which is rare.
 */
export function dropFromSearch(db: Sqlite, ids: readonly number[]): void {
  statement(db, 'DELETE FROM borrower_search WHERE rowid IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(ids),
  );
  statement(db, `INSERT INTO borrower_search (borrower_search) VALUES ('optimize')`).run();
}
