import { pinyin } from 'pinyin-pro';

/**
 * The engine-free part of case search: what a borrower's fields make searchable, and how typed
 * text is read. SQLite hands the columns to its FTS5 index and the words to MATCH (search.ts);
 * PostgreSQL stores the tokens FTS5 would hold in a table and matches the words against it
 * (search-postgres.ts). Both read the query here, so a too-short query is too short on both.
 *
 * Columns (see search.ts for why each exists):
 * - name:   Han characters of the name as single tokens ("张 三") plus any Latin words.
 * - pinyin: the full spelling joined ("zhangsan") and the initials ("zs").
 * - place:  township and village, single Han tokens.
 * - ids, phones, loans: resident ID, the borrower's and contacts' phones, loan numbers.
 * - tails:  all of those reversed, so a tail is a prefix.
 */

export const HAN = /\p{Script=Han}/u;

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

export const searchFields = ['name', 'pinyin', 'place', 'ids', 'phones', 'loans', 'tails'] as const;
export type SearchField = (typeof searchFields)[number];
export type SearchColumns = Record<SearchField, string>;

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

export const reverse = (s: string) => [...s].reverse().join('');

/** The text of each index column for a borrower (FTS5 tokenizes it; see indexTokens). */
export function searchColumns(source: SearchSource): SearchColumns {
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

/**
 * One way a typed word can match: `text`, read as a phrase (consecutive tokens) in any one of
 * `fields`, its last token as a prefix when `prefix` is set.
 */
export interface PhraseMatch {
  fields: readonly SearchField[];
  text: string;
  prefix: boolean;
}

/**
 * A typed word and the ways it can match (any one will do): Han characters are a phrase in the
 * name or the place; letters a prefix of a pinyin spelling or a loan number; anything else a
 * tail, a loan number, a phone or a resident ID, as long as it is long enough for each.
 */
export interface SearchWord {
  kind: 'han' | 'letters' | 'number';
  matches: readonly PhraseMatch[];
}

/**
 * Reads what the user typed. Each whitespace-separated word must match (AND); a word too short
 * to be selective is left out, and `null` means nothing searchable was typed (the caller then
 * lists without a search and says so). Only letters, digits and Han characters are kept, so
 * nothing typed reaches either engine as syntax.
 *
 * Minimum lengths keep every query selective: a branch's resident IDs all start with its county
 * code and its loan numbers with one prefix, so an ID is searched from the front only from 14
 * characters (through the birth date) and otherwise by its tail; phones from 7 digits; tails
 * and loan numbers from 4 characters; pinyin from 2 letters. A Han character is always enough.
 */
export function readSearch(text: string): SearchWord[] | null {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const out: SearchWord[] = [];
  for (const word of words) {
    const han = [...word].filter((ch) => HAN.test(ch));
    if (han.length > 0) {
      const phrase = { fields: ['name', 'place'] as const, text: han.join(' '), prefix: false };
      out.push({ kind: 'han', matches: [phrase] });
      continue;
    }
    const alnum = word.replace(/[^a-z0-9]+/g, ' ').trim();
    const compact = alnum.replace(/ /g, '');
    if (/^[a-z]+$/.test(compact)) {
      if (compact.length >= 2) {
        const phrase = { fields: ['pinyin', 'loans'] as const, text: compact, prefix: true };
        out.push({ kind: 'letters', matches: [phrase] });
      }
      continue;
    }
    const matches: PhraseMatch[] = [];
    if (compact.length >= 4) {
      matches.push({ fields: ['tails'], text: reverse(alnum), prefix: true });
      matches.push({ fields: ['loans'], text: alnum, prefix: true });
    }
    if (/^\d+$/.test(compact) && compact.length >= 7) {
      matches.push({ fields: ['phones'], text: compact, prefix: true });
    }
    if (compact.length >= 14) matches.push({ fields: ['ids'], text: compact, prefix: true });
    if (matches.length) out.push({ kind: 'number', matches });
  }
  return out.length ? out : null;
}

/** unicode61 counts a character it does not know as a letter; unassigned ones are such. */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}\p{Cn}]/u;

/**
 * The combining marks FTS5's unicode61 counts as diacritics (U+0300–U+0331, less a few): they
 * continue a token without starting one, and remove_diacritics drops them.
 */
function isDiacritic(code: number): boolean {
  if (code < 768 || code > 817) return false;
  return code < 800
    ? ((0x08029fdf >>> (code - 768)) & 1) === 1
    : ((0x000361f8 >>> (code - 800)) & 1) === 1;
}

/** Where unicode61's folding differs from lower case less accents, among Latin letters. */
const FOLD_EXCEPTIONS: Record<string, string> = { ſ: 's', ẛ: 's', ǡ: 'ǡ', Ǡ: 'ǡ' };

/** Lower case without the accents of a Latin letter ("É" → "e"), as remove_diacritics does. */
function fold(ch: string): string {
  const known = FOLD_EXCEPTIONS[ch];
  if (known) return known;
  const lower = ch.toLowerCase();
  const accented = /^([a-z])\p{M}+$/u.exec(lower.normalize('NFD'));
  return accented ? accented[1]! : lower;
}

/**
 * The tokens FTS5 makes of a column's text (tokenizer `unicode61 remove_diacritics 2`), in
 * order: runs of letters, digits and private-use characters (a run of Han characters stays one
 * token, which is why hanTokens spaces them), folded to lower case without accents. The same
 * reading applies to the text of a phrase, as FTS5 tokenizes a quoted phrase the same way.
 *
 * For names, places, pinyin and numbers of letters, digits and punctuation this is exactly
 * FTS5's reading (the property test in search-engines.test.ts holds it to that). unicode61
 * classifies by Unicode 6.1 and takes any character it does not know for a letter, so symbols
 * added since (most emoji) are part of a token there and separators here; such a character
 * inside a loan number or phone is where the two engines could differ.
 */
export function indexTokens(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (TOKEN_CHAR.test(ch)) current += fold(ch);
    else if (current && isDiacritic(code)) continue;
    else if (current) {
      tokens.push(current);
      current = '';
    }
  }
  if (current) tokens.push(current);
  return tokens;
}
