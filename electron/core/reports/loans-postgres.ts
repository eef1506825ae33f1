import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  reportBuckets,
  type ExtraBoundaries,
  type ReportBucketRange,
} from '../../shared/report-buckets';
import type { TierRows } from '../../shared/schemas/reports';
import type { DB } from '../db/schema';
import { namedMoves, type BranchCures, type IndexedMove, type Move } from './loan-figures';
import type { MonthRange } from './month';
import { tierRows } from './tier-figures';

/**
 * Cures, roll rates and the five-tier balances on PostgreSQL, the same figures as SQLite's
 * loan-figures.ts and tier-figures.ts (tests/unit/reports/figures-engines.test.ts). Each
 * loan's latest snapshot on or before a date comes from `loanStateOn`, balance and bucket side
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
 * A loan's start and end balances and bucket indexes (the end index one past the last bucket
 * when no principal is left), and the loans they are read from, with the states as `s` and `e`
 * for the caller's WHERE.
 */
const startAndEnd = (range: MonthRange, ranges: readonly ReportBucketRange[]) => sql`
  s.outstanding_principal_fen AS start_fen,
  ${agedBucketIndex('s', range.from, ranges)} AS start_index,
  e.outstanding_principal_fen AS end_fen,
  CASE WHEN e.outstanding_principal_fen <= 0 THEN ${sql.lit(ranges.length)}
    ELSE ${agedBucketIndex('e', range.to, ranges)} END AS end_index
  FROM loans l
  ${loanStateOn('s', range.from)}
  ${loanStateOn('e', range.to)}`;

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
    SELECT l.id, l.loan_no, l.borrower_id, ${startAndEnd(range, ranges)}
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

/**
 * The month's roll rates (each loan's move from its state on the 1st to its state on the last
 * day, per officer) and the five-tier balances at the month's end (tier-figures.ts), from one
 * walk of the loans: both read every loan's end state, and reading it once saved the tiers'
 * own walk (about 200 of the summary's 2,000 ms of statement time at full scale). A loan with a
 * start state has an end one; the tiers count every loan with an end state.
 */
export async function loanMovesAndTiersPostgres(
  db: Kysely<DB>,
  range: MonthRange,
  extra: ExtraBoundaries,
): Promise<{ moves: Move[]; tiers: TierRows }> {
  const ranges = reportBuckets(extra);
  const { rows } = await sql<IndexedMove & { kind: 'move' | 'tier'; tier: number | null }>`
    WITH walk AS MATERIALIZED (
      SELECT l.borrower_id, coalesce(e.classification, 0) AS tier, ${startAndEnd(range, ranges)}
      WHERE e.outstanding_principal_fen IS NOT NULL
    )
    SELECT 'move' AS kind, b.assigned_officer_id AS officer_id, w.start_index, w.end_index,
      NULL AS tier, count(*) AS loans, CAST(sum(w.start_fen) AS bigint) AS start_fen,
      CAST(sum(w.end_fen) AS bigint) AS end_fen
    FROM walk w JOIN borrowers b ON b.id = w.borrower_id
    WHERE w.start_fen IS NOT NULL
    GROUP BY b.assigned_officer_id, w.start_index, w.end_index
    UNION ALL
    SELECT 'tier', NULL, NULL, NULL, w.tier, count(*), NULL, CAST(sum(w.end_fen) AS bigint)
    FROM walk w
    WHERE w.end_fen >= 1
    GROUP BY w.tier`.execute(db);
  return {
    moves: namedMoves(
      rows
        .filter((row) => row.kind === 'move')
        .map(({ kind: _kind, tier: _tier, ...move }) => move),
      extra,
    ),
    tiers: tierRows(
      rows
        .filter((row) => row.kind === 'tier')
        .map((row) => ({ tier: Number(row.tier), loans: row.loans, balance: row.end_fen })),
    ),
  };
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
