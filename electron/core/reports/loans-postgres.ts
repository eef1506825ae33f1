import { sql, type Kysely, type RawBuilder } from 'kysely';
import { loanTiers } from '../../shared/classification';
import {
  reportBuckets,
  type ExtraBoundaries,
  type ReportBucketRange,
} from '../../shared/report-buckets';
import type { TierRows } from '../../shared/schemas/reports';
import type { DB } from '../db/schema';
import { namedMoves, type BranchCures, type IndexedMove, type Move } from './loan-figures';
import type { MonthRange } from './month';

/**
 * Cures, roll rates and the five-tier balances on PostgreSQL, the same figures as SQLite's
 * loan-figures.ts and tier-figures.ts (tests/unit/reports/figures-engines.test.ts). Each
 * loan's latest snapshot on or before a date is one LATERAL seek on the snapshots' key
 * (branch_id, loan_id, as_of): PostgreSQL returns the balance and the bucket side by side, so
 * nothing is packed into one value as SQLite's scalar subquery must.
 */

/** The bucket on `date` of the snapshot `x` (loan-figures.ts agedBucketIndex). */
function agedBucketIndex(date: string, ranges: readonly ReportBucketRange[]): RawBuilder<number> {
  const bounds = ranges.flatMap((b, i) =>
    b.max === null
      ? []
      : [sql`WHEN x.overdue_since >= CAST(${date} AS date) - ${sql.lit(b.max)} THEN ${sql.lit(i)}`],
  );
  return sql<number>`CASE
    WHEN x.overdue_principal_fen + x.overdue_interest_fen + x.penalty_fen <= 0
      OR x.overdue_since IS NULL THEN 0
    ${sql.join(bounds, sql` `)} ELSE ${sql.lit(ranges.length - 1)} END`;
}

/** The latest snapshot of loan `l` on or before `date`: its balance and its bucket then. */
const snapshotOn = (date: string, ranges: readonly ReportBucketRange[]) => sql`
  SELECT x.outstanding_principal_fen AS fen, ${agedBucketIndex(date, ranges)} AS bucket
  FROM loan_snapshots x
  WHERE x.branch_id = l.branch_id AND x.loan_id = l.id AND x.as_of <= ${date}
  ORDER BY x.as_of DESC LIMIT 1`;

/**
 * Each loan with a snapshot by the 1st, its start and end states; one with a start snapshot
 * also has an end one. The end index is one past the last bucket when no principal is left.
 * With an officer, only the loans of their borrowers.
 */
export const loanEnds = (
  range: MonthRange,
  ranges: readonly ReportBucketRange[],
  officer: number | null = null,
) => sql`
  loan_ends AS MATERIALIZED (
    SELECT l.id, l.loan_no, l.borrower_id, s.fen AS start_fen, s.bucket AS start_index,
      e.fen AS end_fen,
      CASE WHEN e.fen <= 0 THEN ${sql.lit(ranges.length)} ELSE e.bucket END AS end_index
    FROM loans l
    CROSS JOIN LATERAL (${snapshotOn(range.from, ranges)}) s
    CROSS JOIN LATERAL (${snapshotOn(range.to, ranges)}) e
    ${
      officer === null
        ? sql``
        : sql`WHERE l.borrower_id IN (
            SELECT o.id FROM borrowers o WHERE o.assigned_officer_id = ${officer})`
    }
  )`;

export async function hasSnapshotsByStartPostgres(db: Kysely<DB>, range: MonthRange) {
  const row = await db
    .selectFrom('loan_snapshots')
    .select(sql<number>`1`.as('found'))
    .where('as_of', '<=', range.from)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function loanMovesPostgres(
  db: Kysely<DB>,
  range: MonthRange,
  extra: ExtraBoundaries,
): Promise<Move[]> {
  if (!(await hasSnapshotsByStartPostgres(db, range))) return [];
  const { rows } = await sql<IndexedMove>`
    WITH ${loanEnds(range, reportBuckets(extra))}
    SELECT b.assigned_officer_id AS officer_id, e.start_index, e.end_index,
      count(*) AS loans, CAST(sum(e.start_fen) AS bigint) AS start_fen,
      CAST(sum(e.end_fen) AS bigint) AS end_fen
    FROM loan_ends e JOIN borrowers b ON b.id = e.borrower_id
    GROUP BY b.assigned_officer_id, e.start_index, e.end_index`.execute(db);
  return namedMoves(rows, extra);
}

export async function branchCuresPostgres(db: Kysely<DB>, range: MonthRange): Promise<BranchCures> {
  if (!(await hasSnapshotsByStartPostgres(db, range))) {
    return { loansOnFile: 0, loansOverdueAtStart: 0, loansCured: 0, loansPaidOff: 0 };
  }
  const five = reportBuckets('none');
  const { rows } = await sql<BranchCures>`
    WITH ${loanEnds(range, five)}
    SELECT count(*) AS "loansOnFile",
      count(*) FILTER (WHERE start_index > 0) AS "loansOverdueAtStart",
      count(*) FILTER (WHERE start_index > 0 AND end_index = 0) AS "loansCured",
      count(*) FILTER (WHERE start_index > 0 AND end_index = ${sql.lit(five.length)})
        AS "loansPaidOff"
    FROM loan_ends`.execute(db);
  return rows[0]!;
}

/** Balances by five-tier classification at the month's end (tier-figures.ts). */
export async function tierBalancesPostgres(db: Kysely<DB>, range: MonthRange): Promise<TierRows> {
  const { rows } = await sql<{ tier: number; loans: number; balance: number }>`
    SELECT e.tier, count(*) AS loans, CAST(sum(e.fen) AS bigint) AS balance
    FROM loans l
    CROSS JOIN LATERAL (
      SELECT x.outstanding_principal_fen AS fen, coalesce(x.classification, 0) AS tier
      FROM loan_snapshots x
  WHERE x.branch_id = l.branch_id AND x.loan_id = l.id AND x.as_of <= ${range.to}
      ORDER BY x.as_of DESC LIMIT 1) e
    WHERE e.fen >= 1
    GROUP BY e.tier`.execute(db);
  const found = new Map(rows.map((row) => [row.tier, row]));
  const rowFor = (n: number) => ({
    loans: found.get(n)?.loans ?? 0,
    balanceFen: found.get(n)?.balance ?? 0,
  });
  return [
    ...loanTiers.map((tier, i) => ({ tier, ...rowFor(i + 1) })),
    { tier: 'none' as const, ...rowFor(0) },
  ];
}
