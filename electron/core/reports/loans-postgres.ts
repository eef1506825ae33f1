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
 * loan's latest snapshot on or before a date comes from `loanStatesOn`, balance and bucket side
 * by side, so nothing is packed into one value as SQLite's scalar subquery must.
 */

/** The bucket on `date` of the state `x` (loan-figures.ts agedBucketIndex). */
function agedBucketIndex(
  x: string,
  date: string,
  ranges: readonly ReportBucketRange[],
): RawBuilder<number> {
  const t = sql.id(x);
  const bounds = ranges.flatMap((b, i) =>
    b.max === null
      ? []
      : [
          sql`WHEN ${t}.overdue_since >= CAST(${date} AS date) - ${sql.lit(b.max)} THEN ${sql.lit(i)}`,
        ],
  );
  return sql<number>`CASE
    WHEN ${t}.overdue_principal_fen + ${t}.overdue_interest_fen + ${t}.penalty_fen <= 0
      OR ${t}.overdue_since IS NULL THEN 0
    ${sql.join(bounds, sql` `)} ELSE ${sql.lit(ranges.length - 1)} END`;
}

/** What the figures read of a loan's state (migrations 021 and 023 hold it in their indexes). */
const STATE = [
  'outstanding_principal_fen',
  'overdue_principal_fen',
  'overdue_interest_fen',
  'penalty_fen',
  'overdue_since',
  'classification',
] as const;

/**
 * Joins to loan `l` its latest snapshot on or before `date` as the row `x` (the STATE
 * columns, all NULL when it has none).
 *
 * The plain way is one backward seek per loan on (branch_id, loan_id, as_of), some 0.3–0.5 s a
 * date at 120,000 loans. The way taken: D, the branch's latest snapshot day on or before
 * `date`, is one seek, and a snapshot dated D is its loan's latest on or before `date`, since
 * no snapshot of any loan lies after D up to `date`. The rows of D are one range of migration
 * 023's index, hashed against the loans; only a loan without a row on D (paid off and no longer
 * sent, or left out of a partial file) is sought the plain way. Head office sends whole files,
 * so on a month end that is few. Held to the plain seek over random histories and dates
 * (tests/unit/reports/loan-states.property.test.ts).
 */
export const loanStateOn = (x: string, date: string) => {
  const [onDay, sought] = [sql.id(`${x}_day`), sql.id(`${x}_sought`)];
  const columns = sql.join(STATE.map((c) => sql.id(c)));
  return sql`
    LEFT JOIN loan_snapshots ${onDay} ON ${onDay}.branch_id = l.branch_id
      AND ${onDay}.loan_id = l.id
      AND ${onDay}.as_of = (SELECT max(y.as_of) FROM loan_snapshots y WHERE y.as_of <= ${date})
    LEFT JOIN LATERAL (
      SELECT ${columns} FROM loan_snapshots z
      WHERE ${onDay}.loan_id IS NULL AND z.branch_id = l.branch_id AND z.loan_id = l.id
        AND z.as_of <= ${date}
      ORDER BY z.as_of DESC LIMIT 1) ${sought} ON true
    CROSS JOIN LATERAL (SELECT ${sql.join(
      STATE.map(
        (c) =>
          sql`coalesce(${sql.ref(`${x}_day.${c}`)}, ${sql.ref(`${x}_sought.${c}`)}) AS ${sql.id(c)}`,
      ),
    )}) ${sql.id(x)}`;
};

/** The borrowers of `officer`'s loans, or every loan when null. */
const ofOfficer = (officer: number | null) =>
  officer === null
    ? sql``
    : sql`AND l.borrower_id IN (
        SELECT o.id FROM borrowers o WHERE o.assigned_officer_id = ${officer})`;

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
    SELECT l.id, l.loan_no, l.borrower_id,
      s.outstanding_principal_fen AS start_fen,
      ${agedBucketIndex('s', range.from, ranges)} AS start_index,
      e.outstanding_principal_fen AS end_fen,
      CASE WHEN e.outstanding_principal_fen <= 0 THEN ${sql.lit(ranges.length)}
        ELSE ${agedBucketIndex('e', range.to, ranges)} END AS end_index
    FROM loans l
    ${loanStateOn('s', range.from)}
    ${loanStateOn('e', range.to)}
    WHERE s.outstanding_principal_fen IS NOT NULL ${ofOfficer(officer)}
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
  // Only a loan overdue on the 1st can be cured or paid off, so only those (a quarter of a
  // large branch's loans) have their end state read: 340 ms where the whole walk took 550.
  const { rows } = await sql<BranchCures>`
    WITH starts AS MATERIALIZED (
      SELECT l.id, ${agedBucketIndex('s', range.from, five)} AS start_index
      FROM loans l
      ${loanStateOn('s', range.from)}
      WHERE s.outstanding_principal_fen IS NOT NULL
    ),
    ends AS (
      SELECT e.outstanding_principal_fen AS end_fen,
        ${agedBucketIndex('e', range.to, five)} AS end_bucket
      FROM starts st
      JOIN loans l ON l.id = st.id
      ${loanStateOn('e', range.to)}
      WHERE st.start_index > 0
    )
    SELECT (SELECT count(*) FROM starts) AS "loansOnFile",
      (SELECT count(*) FROM starts WHERE start_index > 0) AS "loansOverdueAtStart",
      count(*) FILTER (WHERE end_fen > 0 AND end_bucket = 0) AS "loansCured",
      count(*) FILTER (WHERE end_fen <= 0) AS "loansPaidOff"
    FROM ends`.execute(db);
  return rows[0]!;
}

/** Balances by five-tier classification at the month's end (tier-figures.ts). */
export async function tierBalancesPostgres(db: Kysely<DB>, range: MonthRange): Promise<TierRows> {
  const { rows } = await sql<{ tier: number; loans: number; balance: number }>`
    SELECT coalesce(e.classification, 0) AS tier, count(*) AS loans,
      CAST(sum(e.outstanding_principal_fen) AS bigint) AS balance
    FROM loans l
    ${loanStateOn('e', range.to)}
    WHERE e.outstanding_principal_fen >= 1
    GROUP BY coalesce(e.classification, 0)`.execute(db);
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
