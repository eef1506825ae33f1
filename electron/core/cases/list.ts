import {
  sql,
  type ExpressionBuilder,
  type SqlBool,
  type Expression,
  type Selectable,
} from 'kysely';
import { tierNumber, tierOf, type LoanTier } from '../../shared/classification';
import { bucketRanges, delinquency, type Bucket } from '../../shared/delinquency';
import { addDays } from '../../shared/dates';
import { maskNullablePhone, maskResidentId } from '../../shared/mask';
import type { CaseListOutput, CaseListQuery, VulnerableReason } from '../../shared/schemas/cases';
import { all, first, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { elderlyBornBy, elderlyOn } from '../planning/elderly';
import { readRules } from '../planning/rules';
import { matchExpression, searchBorrowerIds } from './search';
import { readFlag, writeFlag, type Flag } from '../db/columns';
import type { BorrowersTable } from './tables';

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
 */

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
  return parts.length ? eb.and(parts) : sql<SqlBool>`1`;
}

interface Matches {
  json: string;
  count: number;
}

function matchPredicate(matches: Matches): Expression<SqlBool> {
  return matches.count > MANY_MATCHES
    ? sql<SqlBool>`+b.id IN (SELECT value FROM json_each(${matches.json}))`
    : sql<SqlBool>`b.id IN (SELECT value FROM json_each(${matches.json}))`;
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
function filters(eb: Where, q: CaseListQuery, asOf: string, bornBy: string) {
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
      eb('b.is_vulnerable', '=', writeFlag(true)),
      elderlyByBirthDate(eb, bornBy),
    ]);
    where.push(q.vulnerable ? vulnerable : eb.not(vulnerable));
  }
  if (q.brokenPromise) where.push(eb('b.broken_promises', '>', 0));
  if (q.notVisitedDays !== null) {
    const since = addDays(asOf, -q.notVisitedDays);
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

function pageRows(db: Sqlite, ids: number[]) {
  if (!ids.length) return [];
  const rows = all(
    db,
    qb
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
      .where(sql<SqlBool>`b.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/**
 * Every case the list's filters and search select (paging and sort ignored), in id order: what a
 * bulk action on "the list's current filter" acts on (assignments/service.ts).
 */
export function caseIdsMatching(db: Sqlite, q: CaseListQuery, asOf: string): number[] {
  const { elderlyAge } = readRules(db);
  const bornBy = elderlyBornBy(asOf, elderlyAge);
  const match = q.search ? matchExpression(q.search) : null;
  let matches: Matches | null = null;
  if (match !== null) {
    const found = searchBorrowerIds(db, match);
    if (!found.length) return [];
    matches = { json: JSON.stringify(found), count: found.length };
  }
  const query = qb
    .selectFrom('borrowers as b')
    .where((eb) => {
      const own = filters(eb as unknown as Where, q, asOf, bornBy);
      return matches ? eb.and([own, matchPredicate(matches)]) : own;
    })
    .select('b.id')
    .orderBy('b.id');
  return all(db, query).map((r) => r.id);
}

/** The list is filtered or searched (an empty filter would select every case). */
export function narrowsCases(q: CaseListQuery): boolean {
  return hasFilters(q) || (!!q.search && matchExpression(q.search) !== null);
}

export function listCases(db: Sqlite, q: CaseListQuery, asOf: string): CaseListOutput {
  const { elderlyAge } = readRules(db);
  const bornBy = elderlyBornBy(asOf, elderlyAge);
  const match = q.search ? matchExpression(q.search) : null;
  // Typed text with nothing selective in it is not applied; the answer says so.
  const searchTooShort = !!q.search && match === null;
  let matches: Matches | null = null;
  if (match !== null) {
    const found = searchBorrowerIds(db, match);
    if (!found.length) return { rows: [], total: 0, asOf, searchTooShort };
    matches = { json: JSON.stringify(found), count: found.length };
  }
  const filtered = hasFilters(q);
  const base = qb.selectFrom('borrowers as b').where((eb) => {
    const own = filters(eb as unknown as Where, q, asOf, bornBy);
    return matches ? eb.and([own, matchPredicate(matches)]) : own;
  });

  const total =
    matches && !filtered
      ? matches.count
      : Number(
          first(
            db,
            base.select((eb) => eb.fn.countAll<number>().as('n')),
          )?.n ?? 0,
        );

  // DPD descending = oldest overdue date first = dpd_sort ascending.
  const ascending = q.sort === 'dpd' ? q.direction === 'desc' : q.direction === 'asc';
  const direction = ascending ? 'asc' : 'desc';
  let page = base.select('b.id');
  for (const column of sortColumns[q.sort]) page = page.orderBy(column, direction);
  page = page
    .orderBy('b.id', direction)
    .limit(q.pageSize)
    .offset(q.page * q.pageSize);
  const ids = all(db, page).map((r) => r.id);

  const rows = pageRows(db, ids).map((r) => {
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
