import fc from 'fast-check';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  indexBorrowerPostgres,
  indexBorrowersPostgres,
  type BorrowerSearchSource,
  type SearchTokensDatabase,
} from '../../../electron/core/cases/search-postgres';
import {
  indexTokens,
  searchColumns,
  searchFields,
  type SearchSource,
} from '../../../electron/core/cases/search-tokens';
import { searchDdl } from '../../../electron/core/db/postgres/search-ddl';
import { freshDatabase, type TestDatabase } from '../support/postgres';
import { residentId } from './support';

/**
 * Indexing many borrowers in one batch (the copy from SQLite does) leaves exactly the token
 * rows that indexing them one at a time leaves, however the rows fall into INSERTs; and a batch
 * replaces the tokens of its borrowers in its own branch and of no one else.
 */

interface TokenRow {
  borrower: number;
  field: string;
  pos: number;
  token: string;
  next: string | null;
}

const byKey = (a: TokenRow, b: TokenRow) =>
  a.borrower - b.borrower || (a.field < b.field ? -1 : a.field > b.field ? 1 : a.pos - b.pos);

/**
 * The rows a borrower should have, read from the columns as the FTS5 index reads them: one per
 * token of each field, with the token after it. Written out here, not taken from the indexer,
 * so that what the arrays carry to PostgreSQL is checked against the text it came from.
 */
function expectedRows(id: number, source: SearchSource): TokenRow[] {
  const columns = searchColumns(source);
  return searchFields.flatMap((field) =>
    indexTokens(columns[field]).map((token, pos, all) => ({
      borrower: id,
      field,
      pos,
      token,
      next: all[pos + 1] ?? null,
    })),
  );
}

/** A superuser's connection for one branch: row-level security does not bind it. */
function branchConnection(url: string, branch: number) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    options: `-c visitdesk.branch_id=${branch}`,
  });
  return new Kysely<SearchTokensDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Text that tests the arrays' quoting as well as the tokenizer: quotes, braces, "NULL". */
const nameArb = fc
  .array(
    fc.constantFrom(
      '张',
      '三',
      '李',
      '曾',
      '单',
      '𠀀',
      'É',
      'Null',
      'NULL',
      'a"b',
      'c\\d',
      '{x}',
      'y,z',
      ' ',
      '·',
      '\uE000',
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(''));

const phoneArb = fc
  .array(fc.constantFrom('1', '3', '8', '9'), { minLength: 7, maxLength: 11 })
  .map((d) => d.join(''));

const sourceArb: fc.Arbitrary<SearchSource> = fc.record({
  name: nameArb,
  township: fc.constantFrom('东源镇', '仁庄镇', '', 'St. "A"'),
  village: fc.constantFrom('红光村', '石桥', 'NULL', '{村}'),
  idNumber: fc
    .integer({ min: 100, max: 120 })
    .map((seq) => residentId('1980-05-17', seq))
    .chain((id) => fc.constantFrom(id, id.slice(0, 17) + 'x', '')),
  phones: fc.array(fc.option(phoneArb, { nil: null }), { maxLength: 3 }),
  loanNos: fc.array(
    fc
      .tuple(fc.constantFrom('QT2026-', 'qt\\2026/', 'ＱＴ', '"LN",'), fc.nat({ max: 999 }))
      .map(([head, n]) => head + String(n)),
    { maxLength: 3 },
  ),
});

/** A small branch: borrowers by distinct id (not in order), with their sources. */
const borrowersArb = fc.uniqueArray(
  fc.record({ id: fc.integer({ min: 1, max: 40 }), source: sourceArb }),
  { minLength: 1, maxLength: 8, selector: (b) => b.id },
);

describe('indexing borrowers for search on PostgreSQL in batches', () => {
  let database: TestDatabase;
  let branchOne: Kysely<SearchTokensDatabase>;
  let branchTwo: Kysely<SearchTokensDatabase>;

  beforeAll(async () => {
    database = await freshDatabase();
    branchOne = branchConnection(database.url, 1);
    branchTwo = branchConnection(database.url, 2);
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(searchDdl);
    await owner.end();
  });
  afterAll(async () => {
    await branchOne.destroy();
    await branchTwo.destroy();
    await database.drop();
  });

  /** Every token row of a branch, in key order (the connection sees every branch). */
  const rowsOf = async (branch: number): Promise<TokenRow[]> => {
    const rows = await branchOne
      .selectFrom('borrower_search_tokens')
      .select(['branch_id', 'borrower_id', 'field', 'pos', 'token', 'next_token'])
      .where('branch_id', '=', branch)
      .execute();
    return rows
      .map((r) => ({
        borrower: Number(r.borrower_id),
        field: r.field,
        pos: r.pos,
        token: r.token,
        next: r.next_token,
      }))
      .sort(byKey);
  };
  const clear = (branch: number) =>
    branchOne.deleteFrom('borrower_search_tokens').where('branch_id', '=', branch).execute();

  it('writes the rows of borrower-by-borrower indexing, on both sides of every INSERT boundary', async () => {
    let boundariesCrossed = 0;
    await fc.assert(
      fc.asyncProperty(
        borrowersArb,
        borrowersArb,
        fc.nat(),
        async (borrowers, changed, extraSize) => {
          await clear(1);
          await clear(2);
          // Another branch holds the same borrower ids (other people): never touched.
          await indexBorrowersPostgres(
            branchTwo,
            borrowers.map((b, i) => ({
              id: b.id,
              source: borrowers[borrowers.length - 1 - i]!.source,
            })),
          );
          const neighbours = await rowsOf(2);

          for (const b of borrowers) await indexBorrowerPostgres(branchOne, b.id, b.source);
          const oneByOne = await rowsOf(1);
          expect(oneByOne).toEqual(
            borrowers.flatMap((b) => expectedRows(b.id, b.source)).sort(byKey),
          );

          // Chunk sizes either side of the row count (one INSERT, or one more), one row each,
          // and any other; each into an empty branch and again over its own rows.
          const total = oneByOne.length;
          const sizes = new Set(
            [1, total - 1, total, total + 1, 1 + (extraSize % (total + 2))].filter((n) => n >= 1),
          );
          for (const size of sizes) {
            await clear(1);
            await indexBorrowersPostgres(branchOne, borrowers, size);
            expect(await rowsOf(1), `rows per INSERT ${size}`).toEqual(oneByOne);
            await indexBorrowersPostgres(branchOne, borrowers, size);
            expect(await rowsOf(1), `again, rows per INSERT ${size}`).toEqual(oneByOne);
            if (size < total) boundariesCrossed++;
          }

          // A re-index of some borrowers (some of them new) replaces only theirs.
          const size = 1 + (extraSize % (total + 1));
          await indexBorrowersPostgres(branchOne, changed, size);
          const changedIds = new Set(changed.map((b) => b.id));
          expect(await rowsOf(1)).toEqual(
            [
              ...oneByOne.filter((r) => !changedIds.has(r.borrower)),
              ...changed.flatMap((b) => expectedRows(b.id, b.source)),
            ].sort(byKey),
          );
          expect(await rowsOf(2)).toEqual(neighbours);
        },
      ),
      { numRuns: 40 },
    );
    expect(boundariesCrossed).toBeGreaterThan(40);
  });

  it('indexes a borrower named twice in a batch from the later source, and nothing for none', async () => {
    await clear(1);
    const first: BorrowerSearchSource = {
      id: 7,
      source: {
        name: '张三',
        township: '东源镇',
        village: '红光村',
        idNumber: residentId('1980-05-17', 131),
        phones: ['13812345678'],
        loanNos: [],
      },
    };
    const later: BorrowerSearchSource = {
      id: 7,
      source: { ...first.source, name: '李四', loanNos: ['QT2026-000123'] },
    };
    await indexBorrowersPostgres(branchOne, [first, later], 3);
    expect(await rowsOf(1)).toEqual(expectedRows(7, later.source).sort(byKey));

    await indexBorrowersPostgres(branchOne, []);
    expect(await rowsOf(1)).toEqual(expectedRows(7, later.source).sort(byKey));
    await expect(indexBorrowersPostgres(branchOne, [first], 0)).rejects.toThrow(/per INSERT/);
  });
});
