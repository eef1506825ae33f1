import {
  expressionBuilder,
  sql,
  type ColumnType,
  type Expression,
  type Kysely,
  type SqlBool,
} from 'kysely';
import {
  indexTokens,
  readSearch,
  searchColumns,
  searchFields,
  type PhraseMatch,
  type SearchField,
  type SearchSource,
} from './search-tokens';
import { otherPhonesColumn } from './tables';

/**
 * Case search on PostgreSQL: the tokens SQLite's FTS5 index would hold for a borrower, one row
 * each in `borrower_search_tokens` (db/postgres/search-ddl.ts), matched the way FTS5 matches
 * them, so both engines find the same borrowers for the same typed text:
 * - a phrase is its first token in one of the word's fields with the second as the token after
 *   it (one range of the lookup index), then each further token at the next position of the
 *   same field;
 * - a prefix is a range of `token` (`>=` and `<`, which the "C" collation orders by code point;
 *   row-level security lets only leakproof operators such as these into an index scan, which
 *   rules out LIKE);
 * - the words of a query are intersected, the ways one word can match united; the ids come back
 *   ascending, as FTS5 returns rowids.
 */

export interface BorrowerSearchTokensTable {
  branch_id: ColumnType<number, number | undefined, never>;
  /** bigint: pg reads it as a string (and takes one). */
  borrower_id: ColumnType<string, number | string, never>;
  field: SearchField;
  pos: number;
  token: string;
  /** The token at the next position of the field; null for the last. */
  next_token: string | null;
}

/** What a database needs for case search (any schema that has the token table will do). */
export interface SearchTokensDatabase {
  borrower_search_tokens: BorrowerSearchTokensTable;
}

const asSearch = <DB extends SearchTokensDatabase>(db: Kysely<DB>) =>
  db as unknown as Kysely<SearchTokensDatabase>;

/**
 * The connection's branch, said in every delete as well as enforced by row-level security: a
 * maintenance login (which sees every branch) must still touch only this branch's tokens.
 */
const connectionBranch = sql<number>`current_setting('visitdesk.branch_id')::integer`;

/**
 * Replaces a borrower's tokens (in the caller's transaction, or in one of its own): a case's
 * create and edit and a contact added (cases/repo.ts).
 */
export async function indexBorrowerPostgres<DB extends SearchTokensDatabase>(
  db: Kysely<DB>,
  borrowerId: number,
  source: SearchSource,
): Promise<void> {
  await indexBorrowersPostgres(db, [{ id: borrowerId, source }]);
}

/** A borrower and what makes it searchable, for indexBorrowersPostgres. */
export interface BorrowerSearchSource {
  id: number;
  source: SearchSource;
}

/** pg reads jsonb parsed: the stored list of other phones, whichever form it arrives in. */
export function phonesOf(stored: unknown): string[] {
  return typeof stored === 'string' ? otherPhonesColumn.read(stored) : (stored as string[]);
}

/**
 * Some borrowers' rows as the search reads them, on either engine (`other_phones` as its
 * driver gives it): the borrowers, and their loans and their contacts with a phone, each
 * borrower's in id order.
 */
export interface SearchSourceRows {
  borrowers: readonly {
    id: number;
    name: string;
    township: string;
    village: string;
    id_number: string;
    mobile: string | null;
    other_phones: unknown;
  }[];
  loans: readonly { borrower_id: number; loan_no: string }[];
  contacts: readonly { borrower_id: number; phone: string | null }[];
}

/**
 * The borrowers' search sources, in the borrowers' order, from the columns `reindexBorrower`
 * reads: name, township, village, ID, the mobile, other phones and the contacts' phones, the
 * loan numbers (what the import's and the SQLite copy's rebuilds of the token table index).
 */
export function searchSourcesOf(rows: SearchSourceRows): BorrowerSearchSource[] {
  const listOf = <R extends { borrower_id: number }, V>(list: readonly R[], value: (r: R) => V) => {
    const byBorrower = new Map<number, V[]>();
    for (const r of list) {
      const values = byBorrower.get(r.borrower_id);
      if (values) values.push(value(r));
      else byBorrower.set(r.borrower_id, [value(r)]);
    }
    return byBorrower;
  };
  const loanNos = listOf(rows.loans, (l) => l.loan_no);
  const phones = listOf(rows.contacts, (c) => c.phone);
  return rows.borrowers.map((b) => ({
    id: b.id,
    source: {
      name: b.name,
      township: b.township,
      village: b.village,
      idNumber: b.id_number,
      phones: [b.mobile, ...phonesOf(b.other_phones), ...(phones.get(b.id) ?? [])],
      loanNos: loanNos.get(b.id) ?? [],
    },
  }));
}

/**
 * Token rows per INSERT: each statement sends the rows as five arrays (one parameter each)
 * that `unnest` turns back into rows, so no row count nears PostgreSQL's 65,535 parameters; a
 * few thousand rows keep each array's text a few hundred kilobytes. Measured on 2,000 and
 * 20,000 borrowers (about 18 rows each) in pages of 1,000, this was 1.4–1.6 times as fast as
 * multi-row VALUES (five parameters a row) and 3.4–5 times as fast as a DELETE and an INSERT
 * per borrower; what is left is mostly PostgreSQL maintaining the table's two indexes (the
 * same number of rows made by an INSERT … SELECT on the server takes nearly as long).
 */
export const TOKEN_ROWS_PER_INSERT = 5_000;

/**
 * Replaces the tokens of many borrowers at once (in the caller's transaction, or in one of its
 * own): one DELETE for all of them, then their rows `rowsPerInsert` at a time. The rows are
 * exactly those indexing each borrower on its own would leave; a borrower named twice is
 * indexed from its last source, as the later of two separate calls would leave it.
 */
export async function indexBorrowersPostgres<DB extends SearchTokensDatabase>(
  db: Kysely<DB>,
  borrowers: readonly BorrowerSearchSource[],
  rowsPerInsert = TOKEN_ROWS_PER_INSERT,
): Promise<void> {
  if (!Number.isSafeInteger(rowsPerInsert) || rowsPerInsert < 1) {
    throw new Error(`internal: ${rowsPerInsert} token rows per INSERT`);
  }
  if (borrowers.length === 0) return;
  const latest = new Map<number, SearchSource>();
  for (const b of borrowers) latest.set(b.id, b.source);
  const ids = [...latest.keys()].map(String);
  const rows = tokenRows(latest);
  const write = async (trx: Kysely<SearchTokensDatabase>) => {
    // One array parameter, however many borrowers (an IN list would take one each).
    await trx
      .deleteFrom('borrower_search_tokens')
      .where('branch_id', '=', connectionBranch)
      .where('borrower_id', '=', sql<string>`any(${ids}::bigint[])`)
      .execute();
    for (let from = 0; from < rows.borrowerId.length; from += rowsPerInsert) {
      const part = <T>(column: T[]) => column.slice(from, from + rowsPerInsert);
      const unnested = sql<Omit<BorrowerSearchTokensTable, 'branch_id'>>`unnest(
        ${part(rows.borrowerId)}::bigint[], ${part(rows.field)}::text[],
        ${part(rows.pos)}::integer[], ${part(rows.token)}::text[],
        ${part(rows.nextToken)}::text[])`.as<'t'>(
        sql`t(borrower_id, field, pos, token, next_token)`,
      );
      await trx
        .insertInto('borrower_search_tokens')
        .columns(['borrower_id', 'field', 'pos', 'token', 'next_token'])
        .expression(trx.selectFrom(unnested).selectAll())
        .execute();
    }
  };
  const search = asSearch(db);
  if (search.isTransaction) await write(search);
  else await search.transaction().execute(write);
}

/** The token rows of the borrowers, column by column (as `unnest` takes them). */
function tokenRows(borrowers: ReadonlyMap<number, SearchSource>) {
  const rows = {
    borrowerId: [] as number[],
    field: [] as SearchField[],
    pos: [] as number[],
    token: [] as string[],
    nextToken: [] as (string | null)[],
  };
  for (const [borrowerId, source] of borrowers) {
    const columns = searchColumns(source);
    for (const field of searchFields) {
      const tokens = indexTokens(columns[field]);
      tokens.forEach((token, pos) => {
        rows.borrowerId.push(borrowerId);
        rows.field.push(field);
        rows.pos.push(pos);
        rows.token.push(token);
        rows.nextToken.push(tokens[pos + 1] ?? null);
      });
    }
  }
  return rows;
}

/** Removes a borrower from the search (anonymisation, deletion). */
export async function removeBorrowerPostgres<DB extends SearchTokensDatabase>(
  db: Kysely<DB>,
  borrowerId: number,
): Promise<void> {
  await asSearch(db)
    .deleteFrom('borrower_search_tokens')
    .where('branch_id', '=', connectionBranch)
    .where('borrower_id', '=', String(borrowerId))
    .execute();
}

/**
 * The borrower ids matching what the user typed, ascending, at most `limit` of them; `null`
 * when nothing searchable was typed (readSearch: too short), as matchExpression says on SQLite.
 * The case list's search on PostgreSQL (list.ts).
 */
export async function searchBorrowerIdsPostgres<DB extends SearchTokensDatabase>(
  db: Kysely<DB>,
  text: string,
  limit?: number,
): Promise<number[] | null> {
  const words = readSearch(text);
  if (!words) return null;
  const search = asSearch(db);
  // Each word: the borrowers matching any of its ways. A phrase with no token left (only
  // characters FTS5 does not index) matches nothing, as in FTS5, and so does a word of those.
  const wordQueries = [];
  for (const word of words) {
    const phrases = word.matches.flatMap((m) => {
      const tokens = indexTokens(m.text);
      return tokens.length ? [phraseQuery(search, m, tokens)] : [];
    });
    const [one, ...others] = phrases;
    if (!one) return [];
    wordQueries.push(others.reduce((all, next) => all.union(next), one));
  }
  const [first, ...rest] = wordQueries;
  // A word of one phrase can match a borrower more than once (two tokens starting "zh").
  let query = search.selectFrom(first!.as('m')).select('m.borrower_id').distinct();
  for (const other of rest) query = query.where('m.borrower_id', 'in', other);
  query = query.orderBy('m.borrower_id');
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  return rows.map((r) => Number(r.borrower_id));
}

/**
 * The borrowers in whom `tokens` stand at consecutive positions of one of the phrase's fields:
 * the first two found together in the lookup index, each further one at its position.
 */
function phraseQuery(db: Kysely<SearchTokensDatabase>, match: PhraseMatch, tokens: string[]) {
  const prefix = (i: number) => match.prefix && i === tokens.length - 1;
  let query = db
    .selectFrom('borrower_search_tokens as s')
    .select('s.borrower_id')
    .where('s.field', 'in', match.fields)
    .where((eb) => tokenIs(eb.ref('s.token'), tokens[0]!, prefix(0)));
  if (tokens.length > 1) {
    query = query.where((eb) => tokenIs(eb.ref('s.next_token'), tokens[1]!, prefix(1)));
  }
  for (let i = 2; i < tokens.length; i++) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('borrower_search_tokens as n')
          .select('n.pos')
          .whereRef('n.branch_id', '=', 's.branch_id')
          .whereRef('n.borrower_id', '=', 's.borrower_id')
          .whereRef('n.field', '=', 's.field')
          .where('n.pos', '=', eb('s.pos', '+', i))
          .where((inner) => tokenIs(inner.ref('n.token'), tokens[i]!, prefix(i))),
      ),
    );
  }
  return query;
}

/** The token equals `token`, or starts with it as a prefix. */
function tokenIs(
  column: Expression<string | null>,
  token: string,
  prefix: boolean,
): Expression<SqlBool> {
  const eb = expressionBuilder<SearchTokensDatabase, never>();
  if (!prefix) return eb(column, '=', token);
  const end = prefixEnd(token);
  return end === null
    ? eb(column, '>=', token)
    : eb.and([eb(column, '>=', token), eb(column, '<', end)]);
}

/**
 * The least string after every string that starts with `prefix`, in code point order: the
 * prefix with its last character advanced (a last U+10FFFF is dropped and the one before it
 * advanced instead); `null` when no string is after them all. readSearch's prefixes are lower
 * case ASCII, so in practice the last letter or digit is advanced.
 */
function prefixEnd(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length) {
    const code = chars.pop()!.codePointAt(0)!;
    if (code < 0x10ffff) {
      // No string holds a surrogate: after U+D7FF comes U+E000.
      return chars.join('') + String.fromCodePoint(code === 0xd7ff ? 0xe000 : code + 1);
    }
  }
  return null;
}
