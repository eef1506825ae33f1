import type { ExpressionBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import { removeBorrowerPostgres, type SearchTokensDatabase } from '../cases/search-postgres';
import type { Engine } from '../db/engine';
import { idChunks } from '../db/id-chunks';
import type { DB } from '../db/schema';

/** What replaces free text that must stay non-empty (a CHECK, or "there was a reason"). */
export const REDACTED = '（已匿名）';
/** The name an anonymised borrower keeps; also how the rest of the app tells them apart. */
export const ANONYMISED_NAME = '已匿名';

/**
 * The resident-ID column must stay unique and 18 characters: it becomes a placeholder made of
 * the borrower's id, `ANON00000000000017`.
 */
export const anonymisedIdNumber = (borrowerId: number) =>
  `ANON${String(borrowerId).padStart(14, '0')}`;

/** A column of table `T`. */
type Column<T extends keyof DB> = keyof DB[T] & string;

/** A reason that was written becomes the redaction mark; an empty one stays empty. */
function markIfWritten<T extends keyof DB>(eb: ExpressionBuilder<DB, T>, column: Column<T>) {
  const ref = sql.ref<string>(column);
  return eb.case().when(ref, '=', '').then('').else(REDACTED).end();
}

/** A reason that was given becomes the redaction mark; none (NULL) stays none. */
function markIfGiven<T extends keyof DB>(eb: ExpressionBuilder<DB, T>, column: Column<T>) {
  const ref = sql.ref<string | null>(column);
  return eb
    .case()
    .when(ref, 'is', null)
    .then(sql<string | null>`NULL`)
    .else(REDACTED)
    .end();
}

/**
 * Removes what identifies the borrowers in `ids` from every table that holds it, inside the
 * caller's transaction, in one pass per table (ids travel as one JSON parameter). Kept: loans,
 * amounts, dates, statuses and outcomes (monthly summaries and roll rates need them), the
 * township (area figures), birth year and sex. Free text written about the person goes: notes,
 * assessments, contact-event and visit words, reasons, follow-up actions, consent evidence, the
 * recording reference.
 *
 * Order matters: borrowers first, because visit records accept their redaction only once the
 * borrower reads as anonymised (migration 008's trigger).
 */
export async function redactBorrowerTables(tx: Kysely<DB>, ids: readonly number[]): Promise<void> {
  for (const chunk of idChunks(ids)) await redactChunk(tx, chunk);
}

/** redactBorrowerTables for up to a thousand borrowers (one `IN` list). */
async function redactChunk(tx: Kysely<DB>, theirs: readonly number[]): Promise<void> {
  // The placeholder and the birth year are worked out here, one borrower at a time, so the
  // statement says the same on both engines (PostgreSQL's birth_date is a date, not text).
  const people = await tx
    .selectFrom('borrowers')
    .select(['id', 'birth_date'])
    .where('id', 'in', theirs)
    .execute();
  for (const person of people) {
    await tx
      .updateTable('borrowers')
      .set({
        name: ANONYMISED_NAME,
        name_sort: '',
        id_number: anonymisedIdNumber(person.id),
        birth_date: `${person.birth_date.slice(0, 4)}-01-01`,
        mobile: null,
        other_phones: '[]',
        province_code: null,
        city_code: null,
        county_code: null,
        township_code: null,
        village: '',
        village_code: null,
        address_detail: '',
        occupation: '',
        household_members: '[]',
        preferred_contact_times: '',
        vulnerability_notes: '',
      })
      .where('id', '=', person.id)
      .execute();
  }
  await tx
    .updateTable('contacts')
    .set({ name: ANONYMISED_NAME, phone: null, note: '' })
    .where('borrower_id', 'in', theirs)
    .execute();
  await tx
    .updateTable('consents')
    .set({ evidence: '', note: '' })
    .where('borrower_id', 'in', theirs)
    .execute();
  await tx
    .updateTable('notes')
    .set({ text: REDACTED })
    .where('borrower_id', 'in', theirs)
    .execute();
  await tx
    .updateTable('assessments')
    .set({ income: '', expenses: '', assets: '', livelihood: '', note: '' })
    .where('borrower_id', 'in', theirs)
    .execute();
  await tx
    .updateTable('contact_events')
    .set({ note: '' })
    .where('borrower_id', 'in', theirs)
    .execute();
  // A complaint keeps its dates, channel and outcome (the summary counts them), not its words.
  await tx
    .updateTable('complaints')
    .set((eb) => ({
      complainant_name: '',
      summary: REDACTED,
      action_taken: markIfWritten(eb, 'action_taken'),
      outcome_note: '',
    }))
    .where('borrower_id', 'in', theirs)
    .execute();
  // An override keeps its mark (the monthly summary counts overrides), not its wording.
  await tx
    .updateTable('visits')
    .set((eb) => ({
      village: '',
      status_note: '',
      note: '',
      override_reason: markIfGiven(eb, 'override_reason'),
    }))
    .where('borrower_id', 'in', theirs)
    .execute();
  await tx
    .updateTable('visit_records')
    .set((eb) => ({
      borrower_words: '',
      next_action: '',
      recording_ref: REDACTED,
      amend_reason: markIfGiven(eb, 'amend_reason'),
    }))
    .where('borrower_id', 'in', theirs)
    .execute();
  await tx
    .updateTable('repayment_plans')
    .set((eb) => ({
      shortfall_reason: markIfWritten(eb, 'shortfall_reason'),
      decision_reason: markIfWritten(eb, 'decision_reason'),
    }))
    .where('borrower_id', 'in', theirs)
    .execute();
  await tx
    .updateTable('follow_ups')
    .set({ action: '' })
    .where('borrower_id', 'in', theirs)
    .execute();
  // A waiver keeps its kind, amounts, dates and approvers (the summary counts them), not its words.
  await tx
    .updateTable('waivers')
    .set((eb) => ({
      reason: REDACTED,
      approval1_note: '',
      approval2_note: '',
      close_reason: markIfWritten(eb, 'close_reason'),
    }))
    .where('borrower_id', 'in', theirs)
    .execute();
  // Who held the case and when stays; a manager's reason may be about the person (an import's
  // reason is the file's name).
  await tx
    .updateTable('assignments')
    .set({ reason: REDACTED })
    .where('source', '=', 'manual')
    .where('borrower_id', 'in', theirs)
    .execute();
}

/**
 * Drops the borrowers from the search index, for good, inside the caller's transaction.
 * Engine-specific, as the index is:
 *
 * - SQLite's FTS5 index is contentless: a delete (here, and every re-index after an edit) only
 *   records a tombstone, and the deleted terms, old phone numbers and ID included, stay in the
 *   index pages until their segment is merged. 'optimize' merges every segment into one
 *   without them. It rewrites the whole index (about 1–3 s at 100,000 borrowers on a slow PC),
 *   once per anonymisation, which is rare.
 * - PostgreSQL's token table (cases/search-postgres.ts) loses the borrowers' rows outright.
 */
export async function dropFromSearch(
  engine: Pick<Engine, 'kind'>,
  tx: Kysely<DB>,
  ids: readonly number[],
): Promise<void> {
  if (engine.kind === 'sqlite') {
    for (const chunk of idChunks(ids)) {
      await tx.deleteFrom('borrower_search').where('rowid', 'in', chunk).execute();
    }
    await sql`INSERT INTO borrower_search (borrower_search) VALUES ('optimize')`.execute(tx);
    return;
  }
  // The token table is PostgreSQL's alone, so DB does not name it.
  const tokens = tx as unknown as Kysely<SearchTokensDatabase>;
  for (const id of ids) await removeBorrowerPostgres(tokens, id);
}
