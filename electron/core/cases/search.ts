import { sql, type Kysely, type Selectable } from 'kysely';
import { statement } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { readSearch, searchColumns, type SearchSource } from './search-tokens';
import { otherPhonesColumn, type BorrowersTable } from './tables';

export { namePinyin, nameSortKey, type SearchSource } from './search-tokens';

/**
 * The case search index (FTS5; the one SQLite-specific piece of case search).
 *
 * Columns of `borrower_search` (rowid = borrower id):
 * - name:   Han characters of the name as single tokens ("张 三") plus any Latin words, so a
 *           2-character name or a 1-character surname is an ordinary phrase query. (The
 *           trigram tokenizer would silently find nothing under 3 characters.)
 * - pinyin: the full spelling joined ("zhangsan") and the initials ("zs"), queried by prefix,
 *           so "zs", "zhang" and "zhangsan" all find 张三.
 * - place:  township and village, single Han tokens, so "石桥" or "王家村" finds the village.
 * - ids, phones, loans: resident ID, the borrower's and contacts' phones, loan numbers.
 * - tails:  all of those reversed, so a tail ("1234" of an ID, "5678" of a phone) is a prefix
 *           query; FTS5 cannot match suffixes.
 * The table is contentless (`content=''`, `contentless_delete=1`): it stores only the index.
 *
 * What goes into each column and how typed text is read are shared with PostgreSQL's search
 * (search-tokens.ts); the minimum lengths there keep every query selective (a query matching
 * most of 100,000 borrowers costs tens of milliseconds in FTS alone).
 */

/*
 * The index's statements stay SQL, behind the named functions below: the contentless FTS5 table
 * and MATCH are SQLite's own (PostgreSQL's token table is search-postgres.ts), and the import calls
 * these once per borrower, where a prepared statement saves Kysely's compile on every row.
 */

/** Rewrites the borrower's index row (a contentless table has no UPDATE of its text). */
export function indexBorrower(db: Sqlite, borrowerId: number, source: SearchSource): void {
  statement(db, 'DELETE FROM borrower_search WHERE rowid = ?').run(borrowerId);
  insertSearchRow(db, borrowerId, source);
}

/** Indexes a borrower who has no index row yet (a new borrower). */
export function insertSearchRow(db: Sqlite, borrowerId: number, source: SearchSource): void {
  const c = searchColumns(source);
  statement(
    db,
    `INSERT INTO borrower_search (rowid, name, pinyin, place, ids, phones, loans, tails)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(borrowerId, c.name, c.pinyin, c.place, c.ids, c.phones, c.loans, c.tails);
}

/** Reads what the index needs from the tables, then indexes. */
export function reindexBorrower(db: Sqlite, borrowerId: number): void {
  const row = statement(
    db,
    'SELECT name, township, village, id_number, mobile, other_phones FROM borrowers WHERE id = ?',
  ).get(borrowerId) as
    | Pick<
        Selectable<BorrowersTable>,
        'name' | 'township' | 'village' | 'id_number' | 'mobile' | 'other_phones'
      >
    | undefined;
  if (!row) return;
  const loans = statement(db, 'SELECT loan_no FROM loans WHERE borrower_id = ? ORDER BY id')
    .all(borrowerId)
    .map((r) => (r as { loan_no: string }).loan_no);
  const contacts = statement(
    db,
    'SELECT phone FROM contacts WHERE borrower_id = ? AND phone IS NOT NULL',
  )
    .all(borrowerId)
    .map((r) => (r as { phone: string }).phone);
  indexBorrower(db, borrowerId, {
    name: row.name,
    township: row.township,
    village: row.village,
    idNumber: row.id_number,
    phones: [row.mobile, ...otherPhonesColumn.read(row.other_phones), ...contacts],
    loanNos: loans,
  });
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

/**
 * Turns what the user typed into an FTS5 MATCH expression (the words as readSearch reads them):
 * `null` means nothing searchable was typed. Only letters, digits and Han characters reach the
 * expression, so no FTS5 syntax can be injected.
 */
export function matchExpression(text: string): string | null {
  const words = readSearch(text);
  if (!words) return null;
  const clauses = words.map((word) => {
    const options = word.matches.map((m) => {
      const fields = m.fields.length > 1 ? `{${m.fields.join(' ')}}` : m.fields.join('');
      return `${fields} : ${quote(m.text)}${m.prefix ? '*' : ''}`;
    });
    return word.kind === 'han' ? options.join(' OR ') : `(${options.join(' OR ')})`;
  });
  return clauses.join(' AND ');
}

/** The borrower ids matching a MATCH expression, ascending. */
export function searchBorrowerIds(db: Sqlite, match: string): number[] {
  return statement(db, 'SELECT rowid AS id FROM borrower_search WHERE borrower_search MATCH ?')
    .all(match)
    .map((r) => (r as { id: number }).id);
}

/** The same, through Kysely on `db` (a write's tx: the case list's filter in a reassignment). */
export async function loadSearchBorrowerIds(db: Kysely<DB>, match: string): Promise<number[]> {
  const { rows } = await sql<{
    id: number;
  }>`SELECT rowid AS id FROM borrower_search WHERE borrower_search MATCH ${match}`.execute(db);
  return rows.map((r) => r.id);
}
