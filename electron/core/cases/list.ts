import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import { addDays, bucketRanges, delinquency, type Bucket } from '../../shared/delinquency';
import { maskNullablePhone, maskResidentId } from '../../shared/mask';
import type { CaseListOutput, CaseListQuery, VulnerableReason } from '../../shared/schemas/cases';
import { all, first, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { matchExpression } from './search';

/**
 * The case list: filtering, sorting and paging all happen in SQL on `borrowers` alone.
 *
 * Why it stays fast at 100,000 borrowers:
 * - Every filter is a predicate on an indexed column of `borrowers` (officer, township/village,
 *   status, the overdue date), never an aggregate over loans: the service keeps
 *   `overdue_since`, `total_overdue_fen`, `last_visit_at` etc. on the borrower row.
 * - Days past due are not stored (they change every day): a DPD range or a bucket is turned
 *   into a range of `dpd_sort` (the overdue date, '9999-12-31' for current cases) for the
 *   as-of date, so "M2" is an index range scan.
 * - Each sort key has an index ending in the rowid, and the tie-breaker is the id in the same
 *   direction, so ORDER BY … LIMIT walks the index and stops after one page.
 * - Search runs through FTS5 first (a few hundred rowids at most for a name) and joins back by
 *   primary key.
 * - The total is a COUNT over the same predicates; SQLite answers it from the narrowest index
 *   (a covering scan, no table rows read).
 * Offset paging is kept (the DataGrid pages by number, ≤100 rows a page); the offset is an
 * index walk, not a sort.
 */

type Where = ExpressionBuilder<DB & { b: DB['borrowers'] }, 'b'>;

const sortColumns = {
  dpd: ['b.dpd_sort'],
  totalOverdue: ['b.total_overdue_fen'],
  outstanding: ['b.outstanding_fen'],
  name: ['b.name_sort'],
  place: ['b.township', 'b.village'],
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

function filters(eb: Where, q: CaseListQuery, asOf: string, match: string | null) {
  const where: Expression<SqlBool>[] = [];
  if (match !== null) {
    where.push(
      sql<SqlBool>`b.id IN (SELECT rowid FROM borrower_search WHERE borrower_search MATCH ${match})`,
    );
  }
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
  if (q.vulnerable !== null) where.push(eb('b.is_vulnerable', '=', q.vulnerable ? 1 : 0));
  if (q.brokenPromise) where.push(eb('b.broken_promises', '>', 0));
  if (q.notVisitedDays !== null) {
    const since = addDays(asOf, -q.notVisitedDays);
    where.push(eb.or([eb('b.last_visit_at', 'is', null), eb('b.last_visit_at', '<', since)]));
  }
  return eb.and(where);
}

export function vulnerableReasons(row: {
  vulnerable_elderly: number;
  vulnerable_ill: number;
  vulnerable_disabled: number;
  vulnerable_disaster: number;
}): VulnerableReason[] {
  const reasons: VulnerableReason[] = [];
  if (row.vulnerable_elderly) reasons.push('elderly');
  if (row.vulnerable_ill) reasons.push('ill');
  if (row.vulnerable_disabled) reasons.push('disabled');
  if (row.vulnerable_disaster) reasons.push('disaster');
  return reasons;
}

export function listCases(db: Sqlite, q: CaseListQuery, asOf: string): CaseListOutput {
  const match = q.search ? matchExpression(q.search) : null;
  // Typed text with nothing searchable in it (punctuation only) matches nothing, not everything.
  if (q.search && match === null) return { rows: [], total: 0, asOf };

  const base = qb
    .selectFrom('borrowers as b')
    .where((eb) => filters(eb as unknown as Where, q, asOf, match));

  const total =
    first(
      db,
      base.select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;

  let page = base
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
      'b.vulnerable_elderly',
      'b.vulnerable_ill',
      'b.vulnerable_disabled',
      'b.vulnerable_disaster',
      'b.broken_promises',
    ])
    .select((eb) =>
      eb
        .selectFrom('loans as l')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('l.borrower_id', '=', 'b.id')
        .as('loan_count'),
    );
  // DPD descending = oldest overdue date first = dpd_sort ascending.
  const ascending = q.sort === 'dpd' ? q.direction === 'desc' : q.direction === 'asc';
  const direction = ascending ? 'asc' : 'desc';
  for (const column of sortColumns[q.sort]) page = page.orderBy(column, direction);
  page = page
    .orderBy('b.id', direction)
    .limit(q.pageSize)
    .offset(q.page * q.pageSize);

  const rows = all(db, page).map((r) => {
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
      vulnerable: vulnerableReasons(r),
      brokenPromises: r.broken_promises,
    };
  });
  return { rows, total: Number(total), asOf };
}
