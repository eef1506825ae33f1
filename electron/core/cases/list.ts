import {
  sql,
  type Compilable,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Expression,
  type Selectable,
} from 'kysely';
import { tierNumber, tierOf, type LoanTier } from '../../shared/classification';
import { bucketRanges, delinquency, type Bucket } from '../../shared/delinquency';
import { addDays } from '../../shared/dates';
import { maskNullablePhone, maskResidentId } from '../../shared/mask';
import type { CaseListOutput, CaseListQuery, VulnerableReason } from '../../shared/schemas/cases';
import type { Visitdesk } from '../app/visitdesk';
import { holdingConnection, type Engine } from '../db/engine';
import { all, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { elderlyBornBy, elderlyOn } from '../planning/elderly';
import { loadRules, readRules } from '../planning/rules';
import { loadSearchBorrowerIds, matchExpression, searchBorrowerIds } from './search';
import { searchBorrowerIdsPostgres, type SearchTokensDatabase } from './search-postgres';
import { readFlag, writeFlag, type Flag } from '../db/columns';
import type { BorrowersTable } from './tables';
import { readInOneSnapshot } from '../db/postgres/snapshot';

/**
 * The case list: filtering, sorting and paging all happen in SQL on `borrowers` alone.
 *
 * Why it stays fast at 100,000 borrowers:
 * - Every filter is a predicate on an indexed column of `borrowers` (officer, township,
 *   village, status, the overdue date), never an aggregate over loans: the services keep
 *   `overdue_since`, `total_overdue_fen`, `last_visit_at` etc. on the borrower row. The one
 *   exception is "vulnerable", which also takes borrowers elderly by their ID's birth date on
 *   the list's date (the planning rule): a comparison of the row's birth date and a primary-key
 *   probe of the clearances, on rows the walk reads anyway, not an index range of its own.
 * - Days past due are not stored (they change every day): a DPD range or a bucket becomes a
 *   range of `dpd_sort` (the overdue date, '9999-12-31' for current cases) for the as-of date,
 *   so "M2" is an index range scan.
 * - Each sort has an index whose order is the full ORDER BY (ties broken by the rowid), so a
 *   page is an index walk that stops after the page.
 * - Paging is done in two steps: the ids of the page first (an index-only walk, cheap even at
 *   OFFSET 75,000), then the displayed columns and joins for those 25–100 ids only.
 * - Search asks FTS5 once for the matching ids. Few matches: they are fetched by primary key
 *   and sorted. Many: the sort index is walked and each row is checked against the set (the
 *   unary `+` keeps SQLite from choosing the primary-key lookup), which stops after one page.
 * - The total is a COUNT over the same predicates from the narrowest covering index, skipped
 *   when it is known (no filters: the match count).
 *
 * The few `sql` fragments are what the builder cannot say: `json_each` over the matched ids
 * and the unary `+` that steers SQLite's planner (a measured path: left as written).
 *
 * On both engines (issue 19): the filters, the sorts and the paging are said once, as builders;
 * where the engines differ is said once too (`CaseRead`): on SQLite the list reads through the
 * app's connection with the statements above, unchanged (the benchmark's figures), and searches
 * FTS5; on PostgreSQL it reads through Kysely on the engine and searches the token table
 * (search-postgres.ts), with what PostgreSQL says otherwise: a real boolean flag, the matched
 * ids as one array parameter, a timestamp bound as an instant, text sorted by code point
 * (COLLATE "C", as SQLite orders it) and NULLs first when ascending, as SQLite sorts them.
 * tests/unit/cases/list-engines.test.ts checks both answer alike.
 */

/** Where the list reads: the builders it compiles, how it runs them, and the search. */
interface CaseRead {
  kind: Engine['kind'];
  db: Kysely<DB>;
  rows<Q extends Compilable<unknown>>(query: Q): Promise<Row<Q>[]>;
  /** The matching ids, ascending; `null` when the text is too short to search. */
  search(text: string): Promise<number[] | null>;
  elderlyAge(): Promise<number>;
}

type Row<Q> = Q extends Compilable<infer R> ? R : never;

/** SQLite's list: the app's connection, its prepared statements and FTS5 (the measured path). */
function connectionRead(connection: Sqlite): CaseRead {
  return {
    kind: 'sqlite',
    db: qb,
    rows: async (query) => all(connection, query),
    search: async (text) => {
      const match = matchExpression(text);
      return match === null ? null : searchBorrowerIds(connection, match);
    },
    elderlyAge: async () => readRules(connection).elderlyAge,
  };
}

/** Either engine through Kysely: PostgreSQL's list, and a write's tx on both. */
function engineRead(db: Kysely<DB>, kind: Engine['kind']): CaseRead {
  return {
    kind,
    db,
    rows: async <Q extends Compilable<unknown>>(query: Q) =>
      (await db.executeQuery(query.compile())).rows as Row<Q>[],
    search: async (text) => {
      if (kind === 'postgres') {
        // The token table is PostgreSQL's alone (db/postgres/search-ddl.ts), not in DB.
        return searchBorrowerIdsPostgres(db as unknown as Kysely<SearchTokensDatabase>, text);
      }
      const match = matchExpression(text);
      return match === null ? null : loadSearchBorrowerIds(db, match);
    },
    elderlyAge: async () => (await loadRules(db)).elderlyAge,
  };
}

/** Above this many search matches, walk the sort index instead of sorting the matches. */
const MANY_MATCHES = 2000;

type Where = ExpressionBuilder<DB & { b: DB['borrowers'] }, 'b'>;

const sortColumns = {
  dpd: ['b.dpd_sort'],
  totalOverdue: ['b.total_overdue_fen'],
  outstanding: ['b.outstanding_fen'],
  name: ['b.name_sort'],
  // Matches index (township, village, dpd_sort): within a village, most overdue first.
  place: ['b.township', 'b.village', 'b.dpd_sort'],
  lastVisit: ['b.last_visit_at'],
  lastContact: ['b.last_contact_at'],
} as const;

/** The dpd_sort range for DPD in [min, max] on asOf (dpd_sort is '9999-12-31' when current). */
function dpdRange(eb: Where, asOf: string, min: number, max: number | null): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  // DPD <= max  ⇔  overdue date on/after asOf − max (current cases, 9999-12-31, included).
  if (max !== null) parts.push(eb('b.dpd_sort', '>=', addDays(asOf, -max)));
  // DPD >= min  ⇔  overdue date on/before asOf − min (min 0 needs no bound).
  if (min > 0) parts.push(eb('b.dpd_sort', '<=', addDays(asOf, -min)));
  return eb.and(parts);
}

/**
 * `b.id` is one of `ids`: on SQLite a `json_each` of them (with the unary `+` when they are many,
 * see above); on PostgreSQL one bigint array.
 */
function idIn(kind: Engine['kind'], ids: number[]): Expression<SqlBool> {
  if (kind === 'postgres') return sql<SqlBool>`b.id = any(${ids}::bigint[])`;
  const json = JSON.stringify(ids);
  return ids.length > MANY_MATCHES
    ? sql<SqlBool>`+b.id IN (SELECT value FROM json_each(${json}))`
    : sql<SqlBool>`b.id IN (SELECT value FROM json_each(${json}))`;
}

/**
 * Elderly by the resident ID's birth date on the list's date, at the branch's elderly age, unless
 * a manager cleared it: the planning rule (planning/elderly.ts, the worklist's SQL), so the
 * list's vulnerable filter and its chips agree with what planning a visit will say. `bornBy`
 * is the latest birth date of anyone that old then (elderlyBornBy).
 */
const NOT_CLEARED = sql<SqlBool>`NOT EXISTS (
  SELECT 1 FROM elderly_clearances c WHERE c.borrower_id = b.id)`;
function elderlyByBirthDate(eb: Where, bornBy: string): Expression<SqlBool> {
  return eb.and([eb('b.birth_date', '<=', bornBy), NOT_CLEARED]);
}

/** The list's own filters (everything but the search). */
function filters(eb: Where, kind: Engine['kind'], q: CaseListQuery, asOf: string, bornBy: string) {
  const where: Expression<SqlBool>[] = [];
  if (q.buckets.length) {
    where.push(
      eb.or(
        q.buckets.map((bucket: Bucket) => {
          const r = bucketRanges[bucket];
          return dpdRange(eb, asOf, r.min, r.max);
        }),
      ),
    );
  }
  if (q.dpdMin !== null || q.dpdMax !== null) {
    where.push(dpdRange(eb, asOf, q.dpdMin ?? 0, q.dpdMax));
  }
  if (q.officer === 'none') where.push(eb('b.assigned_officer_id', 'is', null));
  else if (q.officer !== null) where.push(eb('b.assigned_officer_id', '=', q.officer));
  if (q.township) where.push(eb('b.township', '=', q.township));
  if (q.village) where.push(eb('b.village', '=', q.village));
  if (q.statuses.length) where.push(eb('b.status', 'in', q.statuses));
  if (q.exitKinds.length) {
    where.push(
      eb(
        'b.id',
        'in',
        eb
          .selectFrom('case_exits as e')
          .select('e.borrower_id')
          .where('e.reopened_at', 'is', null)
          .where('e.kind', 'in', q.exitKinds),
      ),
    );
  }
  if (q.tiers.length) {
    // The case's worst tier (borrowers.classification, kept by refreshBorrowerTotals).
    const numbers = q.tiers.filter((t) => t !== 'none').map((t) => tierNumber(t as LoanTier));
    const parts: Expression<SqlBool>[] = [];
    if (numbers.length) parts.push(eb('b.classification', 'in', numbers));
    if (q.tiers.includes('none')) parts.push(eb('b.classification', 'is', null));
    where.push(eb.or(parts));
  }
  if (q.vulnerable !== null) {
    // Flagged by hand (any reason), or elderly by the ID: elderly_clearances.
    const vulnerable = eb.or([
      kind === 'sqlite'
        ? eb('b.is_vulnerable', '=', writeFlag(true))
        : sql<SqlBool>`b.is_vulnerable`,
      elderlyByBirthDate(eb, bornBy),
    ]);
    where.push(q.vulnerable ? vulnerable : eb.not(vulnerable));
  }
  if (q.brokenPromise) where.push(eb('b.broken_promises', '>', 0));
  if (q.notVisitedDays !== null) {
    // SQLite compares the stored ISO text with the day: before it is before its first instant.
    const day = addDays(asOf, -q.notVisitedDays);
    const since = kind === 'sqlite' ? day : `${day}T00:00:00.000Z`;
    where.push(eb.or([eb('b.last_visit_at', 'is', null), eb('b.last_visit_at', '<', since)]));
  }
  return eb.and(where);
}

/**
 * The borrower's vulnerable reasons: the flags ticked by hand, and elderly by the ID's birth date
 * when the caller knows it (`elderlyByBirthDate`, the planning rule on the list's date).
 */
export function vulnerableReasons(
  row: Pick<
    Selectable<BorrowersTable>,
    'vulnerable_elderly' | 'vulnerable_ill' | 'vulnerable_disabled' | 'vulnerable_disaster'
  >,
  elderlyByBirthDate = false,
): VulnerableReason[] {
  const reasons: VulnerableReason[] = [];
  if (readFlag(row.vulnerable_elderly) || elderlyByBirthDate) reasons.push('elderly');
  if (readFlag(row.vulnerable_ill)) reasons.push('ill');
  if (readFlag(row.vulnerable_disabled)) reasons.push('disabled');
  if (readFlag(row.vulnerable_disaster)) reasons.push('disaster');
  return reasons;
}

function hasFilters(q: CaseListQuery): boolean {
  return (
    q.buckets.length > 0 ||
    q.dpdMin !== null ||
    q.dpdMax !== null ||
    q.officer !== null ||
    !!q.township ||
    !!q.village ||
    q.statuses.length > 0 ||
    q.exitKinds.length > 0 ||
    q.tiers.length > 0 ||
    q.vulnerable !== null ||
    q.brokenPromise ||
    q.notVisitedDays !== null
  );
}

async function pageRows(read: CaseRead, ids: number[]) {
  if (!ids.length) return [];
  const rows = await read.rows(
    read.db
      .selectFrom('borrowers as b')
      .leftJoin('staff as s', 's.id', 'b.assigned_officer_id')
      .select([
        'b.id',
        'b.name',
        'b.id_number',
        'b.mobile',
        'b.township',
        'b.village',
        'b.assigned_officer_id',
        's.name as officer_name',
        'b.status',
        'b.overdue_since',
        'b.total_overdue_fen',
        'b.outstanding_fen',
        'b.last_contact_at',
        'b.last_visit_at',
        'b.birth_date',
        'b.vulnerable_elderly',
        'b.vulnerable_ill',
        'b.vulnerable_disabled',
        'b.vulnerable_disaster',
        'b.broken_promises',
        'b.classification',
      ])
      .select((eb) =>
        eb
          .selectFrom('case_exits as e')
          .select('e.kind')
          .whereRef('e.borrower_id', '=', 'b.id')
          .where('e.reopened_at', 'is', null)
          .as('exit_kind'),
      )
      .select((eb) =>
        eb
          .selectFrom('loans as l')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('l.borrower_id', '=', 'b.id')
          .as('loan_count'),
      )
      .select(sql<Flag>`NOT ${NOT_CLEARED}`.as('elderly_cleared'))
      .where(idIn(read.kind, ids)),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** The ids the search leaves: `null` for no search, or typed text with nothing to search. */
async function searched(read: CaseRead, q: CaseListQuery) {
  return q.search ? read.search(q.search) : null;
}

/** The cases the filters and the found ids select, as a builder to count, sort or page. */
function selected(
  read: CaseRead,
  q: CaseListQuery,
  asOf: string,
  bornBy: string,
  found: number[] | null,
) {
  return read.db.selectFrom('borrowers as b').where((eb) => {
    const own = filters(eb as unknown as Where, read.kind, q, asOf, bornBy);
    return found ? eb.and([own, idIn(read.kind, found)]) : own;
  });
}

/**
 * Every case the list's filters and search select (paging and sort ignored), in id order: what a
 * bulk action on "the list's current filter" acts on (assignments/service.ts), read on `db`, the
 * engine or a write's tx.
 */
export async function caseIdsMatching(
  db: Kysely<DB>,
  kind: Engine['kind'],
  q: CaseListQuery,
  asOf: string,
): Promise<number[]> {
  const read = engineRead(db, kind);
  const bornBy = elderlyBornBy(asOf, await read.elderlyAge());
  const found = await searched(read, q);
  if (found && !found.length) return [];
  const query = selected(read, q, asOf, bornBy, found).select('b.id').orderBy('b.id');
  return (await read.rows(query)).map((r) => Number(r.id));
}

/** The list is filtered or searched (an empty filter would select every case). */
export function narrowsCases(q: CaseListQuery): boolean {
  return hasFilters(q) || (!!q.search && matchExpression(q.search) !== null);
}

/** A page of the case list, alike on both engines (see the top of this file). */
export function listCases(
  app: Pick<Visitdesk, 'engine' | 'db'>,
  q: CaseListQuery,
  asOf: string,
): Promise<CaseListOutput> {
  if (app.engine.kind === 'sqlite') {
    return holdingConnection(app.engine, () => listOn(connectionRead(app.db), q, asOf));
  }
  // One instant for the total and the page: a case imported in between is in both or neither.
  return readInOneSnapshot(app.engine.db, (db) => listOn(engineRead(db, 'postgres'), q, asOf));
}

/** The sort's ORDER BY terms, said for the engine (PostgreSQL as SQLite orders). */
function sortTerms(kind: Engine['kind'], sort: CaseListQuery['sort'], direction: 'asc' | 'desc') {
  return sortColumns[sort].map((column) => {
    if (kind === 'sqlite' || column === 'b.dpd_sort') return { by: sql.ref(column), direction };
    if (column === 'b.last_visit_at' || column === 'b.last_contact_at') {
      const nulls = direction === 'asc' ? sql`NULLS FIRST` : sql`NULLS LAST`;
      return { by: sql`${sql.ref(column)} ${sql.raw(direction)} ${nulls}`, direction: null };
    }
    if (column === 'b.total_overdue_fen' || column === 'b.outstanding_fen') {
      return { by: sql.ref(column), direction };
    }
    return { by: sql`${sql.ref(column)} COLLATE "C"`, direction };
  });
}

async function listOn(read: CaseRead, q: CaseListQuery, asOf: string): Promise<CaseListOutput> {
  const elderlyAge = await read.elderlyAge();
  const bornBy = elderlyBornBy(asOf, elderlyAge);
  const found = await searched(read, q);
  // Typed text with nothing selective in it is not applied; the answer says so.
  const searchTooShort = !!q.search && found === null;
  if (found && !found.length) return { rows: [], total: 0, asOf, searchTooShort };
  const filtered = hasFilters(q);
  const base = selected(read, q, asOf, bornBy, found);

  const total =
    found && !filtered
      ? found.length
      : Number((await read.rows(base.select((eb) => eb.fn.countAll<number>().as('n'))))[0]?.n ?? 0);

  // DPD descending = oldest overdue date first = dpd_sort ascending.
  const ascending = q.sort === 'dpd' ? q.direction === 'desc' : q.direction === 'asc';
  const direction = ascending ? 'asc' : 'desc';
  let page = base.select('b.id');
  for (const term of sortTerms(read.kind, q.sort, direction)) {
    page = term.direction ? page.orderBy(term.by, term.direction) : page.orderBy(term.by);
  }
  page = page
    .orderBy('b.id', direction)
    .limit(q.pageSize)
    .offset(q.page * q.pageSize);
  const ids = (await read.rows(page)).map((r) => Number(r.id));

  const rows = (await pageRows(read, ids)).map((r) => {
    const { dpd, bucket } = delinquency(r.overdue_since, asOf);
    return {
      id: r.id,
      name: r.name,
      idNumberMasked: maskResidentId(r.id_number),
      mobileMasked: maskNullablePhone(r.mobile),
      township: r.township,
      village: r.village,
      officerId: r.assigned_officer_id,
      officerName: r.officer_name,
      status: r.status,
      dpd,
      bucket,
      overdueSince: r.overdue_since,
      totalOverdueFen: r.total_overdue_fen,
      outstandingFen: r.outstanding_fen,
      loanCount: Number(r.loan_count ?? 0),
      lastContactAt: r.last_contact_at,
      lastVisitAt: r.last_visit_at,
      vulnerable: vulnerableReasons(
        r,
        !readFlag(r.elderly_cleared) && elderlyOn(r.birth_date, asOf, elderlyAge),
      ),
      brokenPromises: r.broken_promises,
      exitKind: r.exit_kind ?? null,
      classification: tierOf(r.classification),
    };
  });
  return { rows, total, asOf, searchTooShort };
}
