import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { caseExitKinds, caseStatuses } from '../../../electron/shared/case-kinds';
import { caseSortFields } from '../../../electron/shared/case-sort';
import { tierFilters } from '../../../electron/shared/classification';
import { buckets } from '../../../electron/shared/delinquency';
import { caseListInput, type CaseListQuery } from '../../../electron/shared/schemas/cases';
import { caseIdsMatching, listCases } from '../../../electron/core/cases/list';
import { indexBorrower, type SearchSource } from '../../../electron/core/cases/search';
import {
  indexBorrowerPostgres,
  type SearchTokensDatabase,
} from '../../../electron/core/cases/search-postgres';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import type { EngineKind, EngineUnderTest } from '../support/engines';
import { branch, NOW, testEngines } from '../planning/engine-desk';

/**
 * The case list on both engines (issue 19): one branch with a case for every filter and sort
 * (names, places and sort keys whose code point order is not a locale's, cases never visited or
 * contacted, ties broken by id) answers with the same rows, totals and order on SQLite and
 * PostgreSQL, for each filter, each sort both ways, the search, and random combinations of them;
 * the ids a bulk action takes (caseIdsMatching) are the same too. The list's date is 2 March 2026.
 */

const engineOn = testEngines();

const AS_OF = '2026-03-02';
const AT = NOW.toISOString();

interface Case {
  name: string;
  nameSort: string;
  township: string;
  village: string;
  officer: 0 | 1 | null;
  status: (typeof caseStatuses)[number];
  since: string | null;
  overdueFen: number;
  outstandingFen: number;
  broken: number;
  lastVisit: string | null;
  lastContact: string | null;
  classification: number | null;
  birth: string;
  ill?: boolean;
  exit?: { kind: (typeof caseExitKinds)[number]; reopened: boolean };
  cleared?: boolean;
}

// Days past due on 2 March: 1 Mar 1 (M1), 1 Feb 29 (M1), 15 Jan 46 (M2), 1 Jan 60 (M2),
// 15 Dec 77 (M3), 1 Nov 121 (M4+), 2 Mar 0 (M0).
const cases: Case[] = [
  {
    name: '张三',
    nameSort: 'zhangsan',
    township: '城关镇',
    village: '东村',
    officer: 0,
    status: 'active',
    since: '2025-11-01',
    overdueFen: 500_000,
    outstandingFen: 900_000,
    broken: 2,
    lastVisit: '2026-01-10T02:00:00.000Z',
    lastContact: '2026-02-28T03:00:00.000Z',
    classification: 5,
    birth: '1980-01-01',
  },
  {
    name: '张伟',
    nameSort: 'Zhangwei',
    township: '城关镇',
    village: '西村',
    officer: 1,
    status: 'disputed',
    since: '2026-01-15',
    overdueFen: 500_000,
    outstandingFen: 600_000,
    broken: 0,
    lastVisit: null,
    lastContact: null,
    classification: 3,
    birth: '1960-05-01',
  },
  {
    name: '李秀兰',
    nameSort: 'lixiulan',
    township: '石桥镇',
    village: '王家村',
    officer: null,
    status: 'on_hold',
    since: '2025-12-15',
    overdueFen: 120_000,
    outstandingFen: 120_000,
    broken: 1,
    lastVisit: '2026-03-01T23:30:00.000Z',
    lastContact: '2026-03-01T23:30:00.000Z',
    classification: null,
    birth: '1965-03-02',
    cleared: true,
  },
  {
    name: '王芳',
    nameSort: 'wangfang',
    township: 'Abc',
    village: 'abd',
    officer: 0,
    status: 'closed',
    since: null,
    overdueFen: 0,
    outstandingFen: 0,
    broken: 0,
    lastVisit: '2025-12-31T16:00:00.000Z',
    lastContact: null,
    classification: 1,
    birth: '1990-07-07',
    exit: { kind: 'settled', reopened: false },
  },
  {
    name: '赵敏',
    nameSort: 'Zhaomin',
    township: 'abc',
    village: 'Abd',
    officer: 1,
    status: 'active',
    since: '2026-03-01',
    overdueFen: 30_000,
    outstandingFen: 800_000,
    broken: 3,
    lastVisit: null,
    lastContact: '2026-02-01T00:00:00.000Z',
    classification: 2,
    birth: '1970-01-01',
    ill: true,
    exit: { kind: 'litigation', reopened: true },
  },
  {
    name: '孙丽',
    nameSort: '孙丽',
    township: '石桥镇',
    village: '李家村',
    officer: 0,
    status: 'active',
    since: '2026-01-01',
    overdueFen: 120_000,
    outstandingFen: 300_000,
    broken: 0,
    lastVisit: '2026-02-01T00:00:00.000Z',
    lastContact: null,
    classification: 4,
    birth: '1966-03-03',
    exit: { kind: 'agency', reopened: false },
  },
  {
    name: '周德明',
    nameSort: 'zhoudeming',
    township: '城关镇',
    village: '东村',
    officer: null,
    status: 'active',
    since: '2026-02-01',
    overdueFen: 80_000,
    outstandingFen: 80_000,
    broken: 0,
    lastVisit: null,
    lastContact: null,
    classification: null,
    birth: '1950-01-01',
    exit: { kind: 'written_off', reopened: false },
  },
  {
    name: '钱多',
    nameSort: 'qianduo',
    township: '城关镇',
    village: '西村',
    officer: 1,
    status: 'active',
    since: '2026-03-02',
    overdueFen: 10_000,
    outstandingFen: 900_000,
    broken: 0,
    lastVisit: '2026-02-20T08:00:00.000Z',
    lastContact: '2026-02-28T03:00:00.000Z',
    classification: 1,
    birth: '1985-01-01',
    exit: { kind: 'litigation', reopened: false },
  },
];

/**
 * Seven times as many cases, each taking its fields from different cases above, so that random
 * filters leave several rows with ties and NULLs to sort.
 */
const mixedCases: Case[] = Array.from({ length: 56 }, (_, i) => {
  const from = (step: number, offset: number) => cases[(i * step + offset) % cases.length]!;
  return {
    ...from(1, 0),
    name: from(1, 0).name + String(i),
    township: from(3, 1).township,
    village: from(3, 1).village,
    officer: from(5, 2).officer,
    since: from(7, 3).since,
    overdueFen: from(3, 4).overdueFen,
    lastVisit: from(5, 5).lastVisit,
    lastContact: from(3, 6).lastContact,
    status: from(5, 7).status,
  };
});

async function listBranchOn(kind: EngineKind, branchCases = cases) {
  const under = await engineOn(kind);
  const db = under.engine.db;
  const { staffIds, borrowerIds } = await branch(under.engine, branchCases.length);
  for (const [i, c] of branchCases.entries()) {
    const id = borrowerIds[i]!;
    await db
      .updateTable('borrowers')
      .set({
        name: c.name,
        name_sort: c.nameSort,
        township: c.township,
        village: c.village,
        assigned_officer_id: c.officer === null ? null : staffIds[c.officer]!,
        status: c.status,
        overdue_since: c.since,
        total_overdue_fen: c.overdueFen,
        outstanding_fen: c.outstandingFen,
        broken_promises: c.broken,
        last_visit_at: c.lastVisit,
        last_contact_at: c.lastContact,
        classification: c.classification,
        birth_date: c.birth,
        vulnerable_ill: c.ill ? 1 : 0,
      })
      .where('id', '=', id)
      .execute();
    if (c.exit) {
      await db
        .insertInto('case_exits')
        .values({
          borrower_id: id,
          kind: c.exit.kind,
          exit_on: '2026-02-01',
          reference: 'REF-1',
          previous_status: 'active',
          set_by: staffIds[0]!,
          set_at: AT,
          ...(c.exit.reopened
            ? { reopened_at: AT, reopened_by: staffIds[0]!, reopen_reason: '重新催收' }
            : {}),
        })
        .execute();
    }
    if (c.cleared) {
      await db
        .insertInto('elderly_clearances')
        .values({ borrower_id: id, reason: '仍在经营', cleared_by: staffIds[0]!, cleared_at: AT })
        .execute();
    }
    await indexOn(under, id, {
      name: c.name,
      township: c.township,
      village: c.village,
      idNumber: `33010219800101${String(i).padStart(4, '0')}`,
      phones: [`1380000${String(i).padStart(4, '0')}`],
      loanNos: [],
    });
  }
  const app = { engine: under.engine, db: under.connection } as unknown as Visitdesk;
  return {
    list: (q: Partial<CaseListQuery>) => listCases(app, query(q), AS_OF),
    matching: (q: Partial<CaseListQuery>) =>
      caseIdsMatching(under.engine.db, kind, query(q), AS_OF),
    staffIds,
    borrowerIds,
  };
}

function indexOn(under: EngineUnderTest, id: number, source: SearchSource) {
  if (under.connection) return indexBorrower(under.connection, id, source);
  return indexBorrowerPostgres(under.engine.db as unknown as Kysely<SearchTokensDatabase>, id, {
    ...source,
  });
}

const query = (q: Partial<CaseListQuery>): CaseListQuery =>
  caseListInput.parse({ pageSize: 100, ...q });

/** A filter each case answers differently, by officer index (the staff ids differ by engine). */
function filterCases(officers: number[]): Partial<CaseListQuery>[] {
  return [
    ...buckets.map((bucket) => ({ buckets: [bucket] })),
    { buckets: ['M1', 'M3'] as CaseListQuery['buckets'] },
    { dpdMin: 30, dpdMax: 77 },
    { dpdMin: 46 },
    { dpdMax: 29 },
    { officer: officers[0]! },
    { officer: officers[1]! },
    { officer: 'none' as const },
    { township: '城关镇' },
    { township: 'abc' },
    { village: '东村' },
    { village: 'Abd' },
    ...caseStatuses.map((status) => ({ statuses: [status] })),
    ...caseExitKinds.map((kind) => ({ exitKinds: [kind] })),
    ...tierFilters.map((tier) => ({ tiers: [tier] })),
    { vulnerable: true },
    { vulnerable: false },
    { brokenPromise: true },
    { notVisitedDays: 30 },
    { notVisitedDays: 61 },
    { search: '张' },
    { search: '0003' },
    { search: 'zs' },
    { search: '石桥' },
  ];
}

const sorts = caseSortFields.flatMap((sort) =>
  (['asc', 'desc'] as const).map((direction) => ({ sort, direction })),
);

describe('the case list on both engines', () => {
  it('answers each filter and each sort alike', async () => {
    const sqlite = await listBranchOn('sqlite');
    const postgres = await listBranchOn('postgres');
    const all = cases.length;
    for (const [i, filter] of filterCases(sqlite.staffIds).entries()) {
      const mine = await sqlite.list(filter);
      // Every filter selects some cases but not all, so no comparison is of two empty lists.
      expect(mine.total, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(mine.total, JSON.stringify(filter)).toBeLessThan(all);
      const theirs = await postgres.list(filterCases(postgres.staffIds)[i]!);
      expect(comparable(theirs, postgres.borrowerIds), JSON.stringify(filter)).toEqual(
        comparable(mine, sqlite.borrowerIds),
      );
      const matched = await sqlite.matching(filter);
      expect(matched).toEqual(mine.rows.map((r) => r.id).sort((a, b) => a - b));
      expect(
        (await postgres.matching(filterCases(postgres.staffIds)[i]!)).map((id) =>
          postgres.borrowerIds.indexOf(id),
        ),
      ).toEqual(matched.map((id) => sqlite.borrowerIds.indexOf(id)));
    }
    for (const sort of sorts) {
      const mine = await sqlite.list(sort);
      expect(mine.total).toBe(all);
      const theirs = await postgres.list(sort);
      expect(comparable(theirs, postgres.borrowerIds), JSON.stringify(sort)).toEqual(
        comparable(mine, sqlite.borrowerIds),
      );
      // A page of three, further on, is the same slice on both.
      const page = { ...sort, pageSize: 3, page: 1 };
      expect(comparable(await postgres.list(page), postgres.borrowerIds)).toEqual(
        comparable(await sqlite.list(page), sqlite.borrowerIds),
      );
    }
    // Code point order: upper case before lower, Latin before Han, and NULLs first ascending.
    const byName = await sqlite.list({ sort: 'name', direction: 'asc' });
    expect(byName.rows.map((r) => r.name)).toEqual([
      '张伟',
      '赵敏',
      '李秀兰',
      '钱多',
      '王芳',
      '张三',
      '周德明',
      '孙丽',
    ]);
    const byVisit = await sqlite.list({ sort: 'lastVisit', direction: 'asc' });
    expect(byVisit.rows.slice(0, 3).map((r) => r.lastVisitAt)).toEqual([null, null, null]);
  });

  it('answers random combinations of filters and sorts alike', async () => {
    const sqlite = await listBranchOn('sqlite', mixedCases);
    const postgres = await listBranchOn('postgres', mixedCases);
    const some = <T>(values: readonly T[]) =>
      fc.subarray([...values], { minLength: 1, maxLength: 2 });
    const filters = {
      buckets: some(buckets),
      dpdMin: fc.integer({ min: 0, max: 130 }),
      dpdMax: fc.integer({ min: 0, max: 130 }),
      officer: fc.constantFrom<0 | 1 | 'none'>(0, 1, 'none'),
      township: fc.constantFrom('城关镇', '石桥镇', 'abc'),
      village: fc.constantFrom('东村', '西村', 'Abd'),
      statuses: some(caseStatuses),
      exitKinds: some(caseExitKinds),
      tiers: some(tierFilters),
      vulnerable: fc.boolean(),
      brokenPromise: fc.constant(true),
      notVisitedDays: fc.integer({ min: 1, max: 120 }),
      search: fc.constantFrom('张', '村', 'z', 'zh', '0001', '王家'),
    };
    // Up to three filters at once, so that many rows are left to sort and page, ties and NULLs
    // among them.
    const combination = fc
      .tuple(
        fc.record(filters),
        fc.subarray(Object.keys(filters) as (keyof typeof filters)[], { maxLength: 3 }),
        fc.constantFrom(...caseSortFields),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 2 }),
      )
      .map(([values, chosen, sort, direction, pageSize, page]) => ({
        ...Object.fromEntries(chosen.map((key) => [key, values[key]])),
        sort,
        direction,
        pageSize,
        page,
      }));
    const on = (side: typeof sqlite, q: Record<string, unknown>) =>
      ({
        ...q,
        officer: typeof q.officer === 'number' ? side.staffIds[q.officer]! : (q.officer ?? null),
      }) as Partial<CaseListQuery>;
    await fc.assert(
      fc.asyncProperty(combination, async (q) => {
        const mine = await sqlite.list(on(sqlite, q));
        const theirs = await postgres.list(on(postgres, q));
        expect(theirs.total).toBe(mine.total);
        expect(theirs.searchTooShort).toBe(mine.searchTooShort);
        expect(theirs.rows.map((r) => postgres.borrowerIds.indexOf(r.id))).toEqual(
          mine.rows.map((r) => sqlite.borrowerIds.indexOf(r.id)),
        );
      }),
      { numRuns: 200 },
    );
  });
});

/** The list with ids and officer ids as positions, since each engine numbers its own rows. */
function comparable(list: Awaited<ReturnType<typeof listCases>>, ids: number[]) {
  return {
    ...list,
    rows: list.rows.map((r) => ({
      ...r,
      id: ids.indexOf(r.id),
      officerId: r.officerId === null ? null : 'officer',
    })),
  };
}
