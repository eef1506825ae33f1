import type { Selectable } from 'kysely';
import { pinyin } from 'pinyin-pro';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { otherPhonesColumn, type BorrowersTable } from './tables';

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
 * Minimum lengths keep every query selective (a query matching most of 100,000 borrowers costs
 * tens of milliseconds in FTS alone): a branch's resident IDs all start with its county code
 * and its loan numbers with one prefix, so an ID is searched from the front only from 14
 * characters (through the birth date) and otherwise by its tail; phones from 7 digits; tails
 * and loan numbers from 4 characters; pinyin from 2 letters. A Han character is always enough.
 */

const HAN = /\p{Script=Han}/u;

export interface SearchSource {
  name: string;
  /** namePinyin(name).terms when the caller has it already. */
  pinyinTerms?: string;
  township: string;
  village: string;
  idNumber: string;
  phones: readonly (string | null)[];
  loanNos: readonly string[];
}

function hanTokens(text: string): string {
  const out: string[] = [];
  let latin = '';
  for (const ch of text) {
    if (HAN.test(ch)) {
      if (latin) out.push(latin);
      latin = '';
      out.push(ch);
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      latin += ch;
    } else {
      if (latin) out.push(latin);
      latin = '';
    }
  }
  if (latin) out.push(latin);
  return out.join(' ').toLowerCase();
}

/**
 * A name's pinyin, computed once per name (pinyin-pro is the costly step of indexing):
 * `terms` "zhangsan zs" for the index, `sort` "zhang san" for sorting by name. Surname
 * readings (单 shan, 曾 zeng) follow pinyin-pro's surname mode.
 */
export function namePinyin(name: string): { terms: string; sort: string } {
  // Names repeat a great deal in a branch (and in every import): remember the answers.
  const known = pinyinCache.get(name);
  if (known) return known;
  const spelled = spellName(name);
  if (pinyinCache.size >= 20_000) pinyinCache.clear();
  pinyinCache.set(name, spelled);
  return spelled;
}

const pinyinCache = new Map<string, { terms: string; sort: string }>();

function spellName(name: string): { terms: string; sort: string } {
  const han = [...name].filter((ch) => HAN.test(ch)).join('');
  if (!han) return { terms: '', sort: name.toLowerCase().slice(0, 200) };
  const syllables = pinyin(han, { toneType: 'none', type: 'array', surname: 'head', v: true }).map(
    (s) => s.toLowerCase(),
  );
  return {
    terms: `${syllables.join('')} ${syllables.map((s) => s[0] ?? '').join('')}`,
    sort: syllables.join(' ').slice(0, 200),
  };
}

export const pinyinTerms = (name: string) => namePinyin(name).terms;
export const nameSortKey = (name: string) => namePinyin(name).sort;

const reverse = (s: string) => [...s].reverse().join('');

export function searchColumns(source: SearchSource) {
  const phones = source.phones.filter((v): v is string => !!v);
  const numbers = [source.idNumber, ...phones, ...source.loanNos];
  return {
    name: hanTokens(source.name),
    pinyin: source.pinyinTerms ?? pinyinTerms(source.name),
    place: hanTokens(`${source.township} ${source.village}`),
    ids: source.idNumber,
    phones: phones.join(' '),
    loans: source.loanNos.join(' '),
    tails: numbers.map(reverse).join(' '),
  };
}

/*
 * The index's statements stay SQL, behind the named functions below: the contentless FTS5 table
 * and MATCH are SQLite's own (PostgreSQL gets its own search, issue #19), and the import calls
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
 * Turns what the user typed into an FTS5 MATCH expression. Each whitespace-separated word must
 * match (AND); a word too short to be selective is left out, and `null` means nothing
 * searchable was typed (the caller then lists without a search and says so). Only letters,
 * digits and Han characters reach the expression, so no FTS5 syntax can be injected.
 */
export function matchExpression(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const clauses: string[] = [];
  for (const word of words) {
    const han = [...word].filter((ch) => HAN.test(ch));
    if (han.length > 0) {
      clauses.push(`{name place} : ${quote(han.join(' '))}`);
      continue;
    }
    const alnum = word.replace(/[^a-z0-9]+/g, ' ').trim();
    const compact = alnum.replace(/ /g, '');
    if (/^[a-z]+$/.test(compact)) {
      if (compact.length >= 2) clauses.push(`({pinyin loans} : ${quote(compact)}*)`);
      continue;
    }
    const options: string[] = [];
    if (compact.length >= 4) options.push(`tails : ${quote(reverse(alnum))}*`);
    if (compact.length >= 4) options.push(`loans : ${quote(alnum)}*`);
    if (/^\d+$/.test(compact) && compact.length >= 7) options.push(`phones : ${quote(compact)}*`);
    if (compact.length >= 14) options.push(`ids : ${quote(compact)}*`);
    if (options.length) clauses.push(`(${options.join(' OR ')})`);
  }
  return clauses.length ? clauses.join(' AND ') : null;
}

/** The borrower ids matching a MATCH expression, ascending. */
export function searchBorrowerIds(db: Sqlite, match: string): number[] {
  return statement(db, 'SELECT rowid AS id FROM borrower_search WHERE borrower_search MATCH ?')
    .all(match)
    .map((r) => (r as { id: number }).id);
}
