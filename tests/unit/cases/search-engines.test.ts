import crypto from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  indexBorrower,
  matchExpression,
  namePinyin,
  searchBorrowerIds,
} from '../../../electron/core/cases/search';
import {
  indexBorrowerPostgres,
  removeBorrowerPostgres,
  searchBorrowerIdsPostgres,
  type SearchTokensDatabase,
} from '../../../electron/core/cases/search-postgres';
import type { SearchSource } from '../../../electron/core/cases/search-tokens';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { searchDdl } from '../../../electron/core/db/postgres/search-ddl';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';
import { asSuperuser, freshDatabase, withDatabase, type TestDatabase } from '../support/postgres';
import { residentId } from './support';

/** Case search as a caller sees it, on one engine: `null` is "too short to search". */
interface SearchEngine {
  index(id: number, source: SearchSource): Promise<void>;
  remove(id: number): Promise<void>;
  search(text: string): Promise<number[] | null>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

function sqliteEngine(): SearchEngine {
  const db = openEncrypted(path.join(tempDir(), 'search.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db);
  return {
    index: async (id, source) => indexBorrower(db, id, source),
    remove: async (id) => {
      db.prepare('DELETE FROM borrower_search WHERE rowid = ?').run(id);
    },
    search: async (text) => {
      const match = matchExpression(text);
      return match === null ? null : searchBorrowerIds(db, match);
    },
    clear: async () => {
      db.prepare(`INSERT INTO borrower_search (borrower_search) VALUES ('delete-all')`).run();
    },
    close: async () => {
      db.close();
    },
  };
}

/** A Kysely whose connections work for one branch (set at startup: before any query). */
function postgresFor(url: string, branch = 1) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    options: `-c visitdesk.branch_id=${branch}`,
  });
  return { pool, db: new Kysely<SearchTokensDatabase>({ dialect: new PostgresDialect({ pool }) }) };
}

async function postgresEngine(database?: TestDatabase): Promise<SearchEngine> {
  database ??= await freshDatabase();
  const { pool, db } = postgresFor(database.url);
  await pool.query(searchDdl);
  return {
    index: (id, source) => indexBorrowerPostgres(db, id, source),
    remove: (id) => removeBorrowerPostgres(db, id),
    search: (text) => searchBorrowerIdsPostgres(db, text),
    clear: async () => {
      await db.deleteFrom('borrower_search_tokens').execute();
    },
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

const engines = { sqlite: async () => sqliteEngine(), postgres: () => postgresEngine() };

function source(over: Partial<SearchSource> & { name: string }): SearchSource {
  return {
    township: '东源镇',
    village: '红光村',
    idNumber: residentId('1975-01-01', 101),
    phones: [],
    loanNos: [],
    ...over,
  };
}

const LI_SI_ID = residentId('1983-08-20', 137);

/** The fixture branch, by id (as in cases/search.test.ts, plus a contact phone and Latin). */
const branch: Record<number, SearchSource> = {
  1: source({
    name: '张三',
    idNumber: residentId('1980-05-17', 131),
    phones: ['13812345678'],
    loanNos: ['QT2026-000101'],
  }),
  2: source({
    name: '张伟明',
    idNumber: residentId('1981-06-18', 133),
    phones: ['13900001111'],
    village: '五星村',
  }),
  3: source({ name: '王张', idNumber: residentId('1982-07-19', 135), village: '五星村' }),
  4: source({
    name: '李四',
    idNumber: LI_SI_ID,
    phones: ['15600002222', null, '0578-6543210'],
    township: '船寮镇',
    village: '大路村',
  }),
  5: source({ name: '欧阳娜娜', idNumber: residentId('1990-01-02', 240) }),
  6: source({
    name: '赵六',
    idNumber: residentId('1970-03-03', 51),
    township: '高湖镇',
    village: '高湖村',
    loanNos: ['QT2026-000123'],
  }),
  7: source({ name: '李Anna芳', idNumber: residentId('1995-04-04', 202) }),
  8: source({ name: '阿依古丽·买买提', idNumber: residentId('1988-09-09', 302) }),
};

describe.each(Object.keys(engines) as (keyof typeof engines)[])('case search on %s', (kind) => {
  let engine: SearchEngine;
  const found = (text: string) => engine.search(text);

  beforeAll(async () => {
    engine = await engines[kind]();
  });
  afterAll(() => engine.close());
  beforeEach(async () => {
    await engine.clear();
    for (const [id, borrower] of Object.entries(branch)) await engine.index(Number(id), borrower);
  });

  it('finds a two-character name, and only names containing it', async () => {
    expect(await found('张三')).toEqual([1]);
    expect(await found('张-三')).toEqual([1]);
    expect(await found('三张')).toEqual([]);
  });

  it('finds a one-character surname anywhere in the name', async () => {
    expect(await found('张')).toEqual([1, 2, 3]);
    expect(await found('李')).toEqual([4, 7]);
  });

  it('finds by pinyin full spelling and initials, each by prefix', async () => {
    expect(await found('zs')).toEqual([1]);
    expect(await found('zhangsan')).toEqual([1]);
    expect(await found('ZhangSan')).toEqual([1]);
    expect(await found('ＺＳ')).toEqual([1]);
    expect(await found('zhang')).toEqual([1, 2]);
    expect(await found('zh')).toEqual([1, 2, 6]);
    expect(await found('zwm')).toEqual([2]);
    expect(await found('oynn')).toEqual([5]);
    expect(await found('zhangsanfeng')).toEqual([]);
  });

  it('finds by the tail of the resident ID, and by the ID from the front from 14 characters', async () => {
    expect(await found(LI_SI_ID.slice(-4))).toEqual([4]);
    expect(await found(LI_SI_ID.slice(-6))).toEqual([4]);
    expect(await found(LI_SI_ID)).toEqual([4]);
    expect(await found(LI_SI_ID.toLowerCase())).toEqual([4]);
    expect(await found(LI_SI_ID.slice(0, 14))).toEqual([4]);
    // Through the birth date but one: the county code and the year are in every ID.
    expect(await found(LI_SI_ID.slice(0, 13))).toEqual([]);
  });

  it("finds by a phone, whole, from the front from 7 digits, or by its tail, contacts' too", async () => {
    expect(await found('13900001111')).toEqual([2]);
    expect(await found('1390000')).toEqual([2]);
    expect(await found('1111')).toEqual([2]);
    expect(await found('3210')).toEqual([4]);
    expect(await found('6543210')).toEqual([4]);
    expect(await found('0578-6543210')).toEqual([4]);
    expect(await found('139000')).toEqual([]);
  });

  it('finds by loan number, whole, by prefix, by a tail, and by its parts', async () => {
    expect(await found('QT2026-000123')).toEqual([6]);
    expect(await found('qt2026')).toEqual([1, 6]);
    expect(await found('QT2026-0001')).toEqual([1, 6]);
    expect(await found('000123')).toEqual([6]);
    expect(await found('2026-000123')).toEqual([6]);
    expect(await found('qt')).toEqual([1, 6]);
  });

  it('finds by village and township', async () => {
    expect(await found('五星村')).toEqual([2, 3]);
    expect(await found('五星')).toEqual([2, 3]);
    expect(await found('船寮')).toEqual([4]);
    expect(await found('东源镇')).toEqual([1, 2, 3, 5, 7, 8]);
    expect(await found('高湖')).toEqual([6]);
  });

  it('combines words with AND', async () => {
    expect(await found('张 五星')).toEqual([2, 3]);
    expect(await found('zhang 五星')).toEqual([2]);
    expect(await found('张 1111')).toEqual([2]);
    expect(await found('张 李')).toEqual([]);
  });

  it('reads a name mixing Latin and Han as FTS5 does: Han phrases and pinyin, not the Latin', async () => {
    expect(await found('芳')).toEqual([7]);
    expect(await found('lf')).toEqual([7]);
    expect(await found('lifang')).toEqual([7]);
    // The Latin word stands between 李 and 芳, so they are no phrase; the Latin itself is
    // indexed in the name column, which only Han words search.
    expect(await found('李芳')).toEqual([]);
    expect(await found('anna')).toEqual([]);
    // A separator is no word: 丽 and 买 are neighbours across the middle dot.
    expect(await found('古丽买买提')).toEqual([8]);
    expect(await found('aygl')).toEqual([8]);
  });

  it('says when nothing typed is long enough to search', async () => {
    for (const text of ['', '  ', 'z', '12', '331', '-', '***', 'a 12', 'A(']) {
      expect(await found(text), text).toBeNull();
    }
    expect(await found('张')).not.toBeNull();
    expect(await found('near(a b)')).toEqual([]);
  });

  it('follows a renamed borrower: found by the new name only', async () => {
    await engine.index(4, { ...branch[4]!, name: '李思' });
    expect(await found('李四')).toEqual([]);
    expect(await found('李思')).toEqual([4]);
    expect(await found('ls')).toEqual([4]);
    expect(await found('lisi')).toEqual([4]);
    expect(await found('四')).toEqual([]);
  });

  it('forgets a removed borrower', async () => {
    await engine.remove(2);
    expect(await found('张伟明')).toEqual([]);
    expect(await found('zwm')).toEqual([]);
    expect(await found('1111')).toEqual([]);
    expect(await found('五星')).toEqual([3]);
  });
});

/*
 * The property: for random small branches and queries made from their own fields (and junk),
 * both engines say the same, order included. Names collide on purpose (a few surnames and
 * given-name characters), as do villages and the front of IDs and phones.
 */

const SURNAMES = ['张', '王', '李', '赵', '陈', '欧阳', '单', '曾'];
const GIVEN = ['三', '伟', '明', '娜', '芳', '强', '张', '王', '国', '华', '丽', '军'];
const PLACES = ['东源镇', '船寮镇', '高湖镇'];
const VILLAGES = ['红光村', '五星村', '大路村', '王家村', '高湖村'];

const nameArb = fc
  .tuple(
    fc.constantFrom(...SURNAMES),
    fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }),
    fc.option(fc.constantFrom('Anna', 'li', '·'), { nil: undefined, freq: 6 }),
  )
  .map(([surname, given, latin]) =>
    latin ? `${surname}${latin}${given.join('')}` : surname + given.join(''),
  );

const phoneArb = fc
  .tuple(
    fc.constantFrom('139', '138', '156'),
    fc.array(fc.constantFrom('0', '1', '2'), { minLength: 8, maxLength: 8 }),
  )
  .map(([head, rest]) => head + rest.join(''));

const borrowerArb = fc.record({
  name: nameArb,
  township: fc.constantFrom(...PLACES),
  village: fc.constantFrom(...VILLAGES),
  idNumber: fc
    .tuple(
      fc.integer({ min: 1970, max: 1972 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 100, max: 104 }),
    )
    .map(([year, month, seq]) => residentId(`${year}-0${month}-1${month}`, seq)),
  phones: fc.array(fc.option(phoneArb, { nil: null }), { maxLength: 2 }),
  loanNos: fc.array(
    fc
      .tuple(
        fc.constantFrom('QT2026-', 'qt2026/', 'QT 2026 ', 'ſÉ2025-', 'ＱＴ2026'),
        fc.integer({ min: 0, max: 30 }),
      )
      .map(([head, n]) => head + String(n).padStart(6, '0')),
    { maxLength: 2 },
  ),
});

/** Parts of a string: mostly its prefixes and tails (what search finds), sometimes any part. */
const sliceOf = (text: string) => {
  const cut = fc.nat({ max: Math.max(text.length - 1, 0) });
  return fc.oneof(
    cut.map((n) => text.slice(0, n + 1)),
    cut.map((n) => text.slice(n)),
    fc.tuple(cut, cut).map(([a, b]) => text.slice(Math.min(a, b), Math.max(a, b) + 1)),
  );
};

function queriesFor(borrowers: readonly SearchSource[]) {
  const fields = borrowers.flatMap((b) => {
    const { terms } = namePinyin(b.name);
    return [
      b.name,
      b.township + b.village,
      b.idNumber,
      ...b.phones.filter((p): p is string => !!p),
      ...b.loanNos,
      ...terms.split(' '),
    ];
  });
  const junk = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        '1',
        '9',
        '-',
        ' ',
        '"',
        '*',
        '张',
        '村',
        '·',
        'Ａ',
        '⼀',
        '一',
        'é',
      ),
      maxLength: 8,
    }),
  );
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fields).chain(sliceOf) },
    { weight: 1, arbitrary: fc.constantFrom(...fields).map((f) => f.toUpperCase()) },
    { weight: 1, arbitrary: junk },
  );
  return fc.oneof(
    { weight: 3, arbitrary: word },
    { weight: 1, arbitrary: fc.tuple(word, word).map((words) => words.join(' ')) },
  );
}

const branchArb = fc
  .array(borrowerArb, { minLength: 1, maxLength: 10 })
  .chain((borrowers) =>
    fc.tuple(
      fc.constant(borrowers),
      fc.array(queriesFor(borrowers), { minLength: 8, maxLength: 8 }),
    ),
  );

describe('case search on both engines', () => {
  let sqlite: SearchEngine;
  let postgres: SearchEngine;

  beforeAll(async () => {
    sqlite = sqliteEngine();
    postgres = await postgresEngine();
  });
  afterAll(async () => {
    await sqlite.close();
    await postgres.close();
  });

  it('gives the same answers, in the same order, for random branches and queries', async () => {
    // How the answers fell, so the property is seen to test finding, not only agreeing on nothing.
    const tally = { found: 0, none: 0, tooShort: 0 };
    await fc.assert(
      fc.asyncProperty(branchArb, async ([borrowers, queries]) => {
        for (const engine of [sqlite, postgres]) {
          await engine.clear();
          for (const [i, borrower] of borrowers.entries()) await engine.index(i + 1, borrower);
        }
        for (const query of queries) {
          const expected = await sqlite.search(query);
          expect(await postgres.search(query), query).toEqual(expected);
          if (expected === null) tally.tooShort++;
          else if (expected.length) tally.found++;
          else tally.none++;
        }
      }),
      { numRuns: 120 },
    );
    const total = tally.found + tally.none + tally.tooShort;
    expect(tally.found / total, JSON.stringify(tally)).toBeGreaterThan(0.3);
    expect(tally.none, JSON.stringify(tally)).toBeGreaterThan(0);
    expect(tally.tooShort, JSON.stringify(tally)).toBeGreaterThan(0);
  });
});

describe('case search on PostgreSQL, branch by branch', () => {
  let database: TestDatabase;
  let role: string;
  let password: string;
  const opened: Kysely<SearchTokensDatabase>[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    role = `vd_search_${crypto.randomBytes(4).toString('hex')}`;
    password = crypto.randomBytes(12).toString('hex');
    await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await owner.query(searchDdl);
    await owner.query(`GRANT SELECT, INSERT, DELETE ON borrower_search_tokens TO ${role}`);
    await owner.end();
  });
  afterAll(async () => {
    for (const db of opened) await db.destroy();
    await database.drop();
    await asSuperuser((c) => c.query(`DROP ROLE ${role}`));
  });

  /** The app's own kind of login (not a superuser: row-level security applies). */
  const branchDb = (branch: number) => {
    const { db } = postgresFor(
      withDatabase(database.url, database.name, { user: role, password }),
      branch,
    );
    opened.push(db);
    return db;
  };

  it('finds only its own branch’s borrowers, whose ids may repeat in another branch', async () => {
    const one = branchDb(1);
    const two = branchDb(2);
    await indexBorrowerPostgres(one, 1, branch[1]!);
    await indexBorrowerPostgres(one, 2, branch[2]!);
    await indexBorrowerPostgres(two, 1, branch[4]!);
    expect(await searchBorrowerIdsPostgres(one, '张')).toEqual([1, 2]);
    expect(await searchBorrowerIdsPostgres(one, '李四')).toEqual([]);
    expect(await searchBorrowerIdsPostgres(two, '李四')).toEqual([1]);
    expect(await searchBorrowerIdsPostgres(two, '张')).toEqual([]);

    await removeBorrowerPostgres(two, 1);
    expect(await searchBorrowerIdsPostgres(two, 'ls')).toEqual([]);
    expect(await searchBorrowerIdsPostgres(one, 'zs')).toEqual([1]);
    await expect(
      one
        .insertInto('borrower_search_tokens')
        .values({ branch_id: 2, borrower_id: 9, field: 'name', pos: 0, token: '张' })
        .execute(),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('returns at most the limit, lowest ids first', async () => {
    const three = branchDb(3);
    for (const id of [5, 3, 9, 1]) await indexBorrowerPostgres(three, id, branch[1]!);
    expect(await searchBorrowerIdsPostgres(three, '张三', 2)).toEqual([1, 3]);
    expect(await searchBorrowerIdsPostgres(three, 'zs')).toEqual([1, 3, 5, 9]);
    expect(await searchBorrowerIdsPostgres(three, 'z', 2)).toBeNull();
  });
});
