import { pinyin } from 'pinyin-pro';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/**
 * The case search index (FTS5; the one SQLite-specific piece of case search).
 *
 * Columns of `borrower_search` (rowid = borrower id):
 * - name:     Han characters of the name as single tokens ("张 三") plus any Latin words, so a
 *             2-character name or a 1-character surname is an ordinary phrase query. (The
 *             trigram tokenizer would silently find nothing under 3 characters.)
 * - pinyin:   the full spelling joined ("zhangsan") and the initials ("zs"), queried by prefix,
 *             so "zs", "zhang" and "zhangsan" all find 张三.
 * - place:    township and village, single Han tokens, so "石桥" or "王家村" finds the village.
 * - numbers:  resident ID, phones, loan numbers (prefix search: "110105", "138", "DK2024").
 * - reversed: the same strings reversed, so a tail ("1234" of an ID, "5678" of a phone) is a
 *             prefix query too; FTS5 cannot match suffixes.
 * The table is contentless (`content=''`, `contentless_delete=1`): it stores only the index.
 */

const HAN = /\p{Script=Han}/u;

export interface SearchSource {
  name: string;
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

/** "zhangsan zs" for 张三; surname readings (单 shan, 曾 zeng) follow pinyin-pro's surname mode. */
export function pinyinTerms(name: string): string {
  const han = [...name].filter((ch) => HAN.test(ch)).join('');
  if (!han) return '';
  const syllables = pinyin(han, { toneType: 'none', type: 'array', surname: 'head', v: true });
  const full = syllables.join('').toLowerCase();
  const initials = syllables
    .map((s) => s[0] ?? '')
    .join('')
    .toLowerCase();
  return `${full} ${initials}`;
}

/** The sort key for names: pinyin syllables ("zhang san"), so lists follow reading order. */
export function nameSortKey(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true });
  return syllables.join(' ').toLowerCase().slice(0, 200);
}

const reverse = (s: string) => [...s].reverse().join('');

export function searchColumns(source: SearchSource) {
  const numbers = [source.idNumber, ...source.phones, ...source.loanNos].filter(
    (v): v is string => !!v,
  );
  return {
    name: hanTokens(source.name),
    pinyin: pinyinTerms(source.name),
    place: hanTokens(`${source.township} ${source.village}`),
    numbers: numbers.join(' '),
    reversed: numbers.map(reverse).join(' '),
  };
}

/** Rewrites the borrower's index row (a contentless table has no UPDATE of its text). */
export function indexBorrower(db: Sqlite, borrowerId: number, source: SearchSource): void {
  const c = searchColumns(source);
  statement(db, 'DELETE FROM borrower_search WHERE rowid = ?').run(borrowerId);
  statement(
    db,
    'INSERT INTO borrower_search (rowid, name, pinyin, place, numbers, reversed) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(borrowerId, c.name, c.pinyin, c.place, c.numbers, c.reversed);
}

/** Reads what the index needs from the tables, then indexes. */
export function reindexBorrower(db: Sqlite, borrowerId: number): void {
  const row = statement(
    db,
    'SELECT name, township, village, id_number, mobile, other_phones FROM borrowers WHERE id = ?',
  ).get(borrowerId) as
    | {
        name: string;
        township: string;
        village: string;
        id_number: string;
        mobile: string | null;
        other_phones: string;
      }
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
    phones: [row.mobile, ...(JSON.parse(row.other_phones) as string[]), ...contacts],
    loanNos: loans,
  });
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

/**
 * Turns what the user typed into an FTS5 MATCH expression, or null when nothing searchable is
 * left. Each whitespace-separated word must match (AND):
 * - with Han characters: a phrase of single characters in the name or the place;
 * - letters only: a prefix of the joined pinyin or the initials, or of a loan number;
 * - with digits: a prefix of an ID, phone or loan number, or a tail of one (reversed prefix).
 * Only letters, digits and Han characters reach the expression, so no FTS5 syntax can be
 * injected.
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
    const alnum = word.replace(/[^a-z0-9]+/g, ' ').trim();
    if (han.length > 0) {
      clauses.push(`{name place} : ${quote(han.join(' '))}`);
      continue;
    }
    if (!alnum) continue;
    const phrase = quote(alnum);
    if (/^[a-z ]+$/.test(alnum)) {
      clauses.push(`({pinyin numbers} : ${quote(alnum.replace(/ /g, ''))}*)`);
      continue;
    }
    const tail = quote(reverse(alnum));
    clauses.push(`(numbers : ${phrase}* OR reversed : ${tail}*)`);
  }
  return clauses.length ? clauses.join(' AND ') : null;
}
