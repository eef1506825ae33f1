import {
  reportBuckets,
  type ExtraBoundaries,
  type ReportBucket,
  type ReportBucketRange,
} from '../../shared/report-buckets';
import type { RollRate } from '../../shared/schemas/reports';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';
import { addRows, params, type Tally } from './tally';

/**
 * Cures, loans paid off and roll rates, from the dated loan snapshots (definitions.ts). The
 * matrices' buckets are the branch's (report-buckets.ts: M0–M4+, or M4+ split at M6 and M12);
 * cures only ask "overdue or not", which no split changes.
 */

/** The five buckets of everything but a branch's split summary. */
const FIVE = reportBuckets('none');

/*
 * Each loan's latest snapshot on or before the 1st (start) and the last day (end). The month
 * walks every loan (100,000-odd at a large branch) three times per summary (the month, the one
 * before, the same month last year), so each loan costs exactly one primary-key seek per date:
 * (loan_id, as_of) DESC LIMIT 1 hands back the row itself, nothing joins it back by as_of, and
 * loans are walked in rowid order so the seeks move forward through the snapshot table.
 * The pieces are exported for the loan drill-downs (drilldown.ts), which walk the same way.
 */
export const latest = (value: string, date: ':from' | ':to') => `
  (SELECT ${value} FROM loan_snapshots x WHERE x.loan_id = l.id AND x.as_of <= ${date}
    ORDER BY x.as_of DESC LIMIT 1)`;

/**
 * A loan's bucket ON the date, from the snapshot the seek found: days past due counted from the
 * snapshot's overdue date to `date` (DOMAIN.md: DPD runs from the oldest unpaid due date), the
 * way the import judged the snapshot on its own day (cases/upsert.ts: nothing overdue, or no
 * overdue date, is M0). Head office's daily and weekly files carry only the loans that changed,
 * so the latest snapshot of an unpaid loan is often weeks old: its bucket on that day is not its
 * bucket at the month's end (an M2 loan no file mentioned since the 1st is M3 by the 31st).
 * DPD ≤ n ⇔ overdue date ≥ date − n days, so the bucket is a few text comparisons of ISO dates,
 * the bounds taken from the shared bucket ranges.
 */
const agedBucketIndex = (date: ':from' | ':to', ranges: readonly ReportBucketRange[]) => {
  const bounds = ranges
    .map((b, i) => ({ i, max: b.max }))
    .filter((b): b is { i: number; max: number } => b.max !== null)
    .map((b) => `WHEN x.overdue_since >= date(${date}, '-${b.max} days') THEN ${b.i}`)
    .join(' ');
  return `CASE
    WHEN x.overdue_principal_fen + x.overdue_interest_fen + x.penalty_fen <= 0
      OR x.overdue_since IS NULL THEN 0
    ${bounds} ELSE ${ranges.length - 1} END`;
};

/**
 * A snapshot's balance and its bucket on the date from that one seek, as balance × 8 + bucket
 * index (a subquery yields one value). Decoded with a non-negative remainder, so the arithmetic
 * holds for any integer balance.
 */
export const snapshotState = (date: ':from' | ':to', ranges: readonly ReportBucketRange[] = FIVE) =>
  latest(`x.outstanding_principal_fen * 8 + ${agedBucketIndex(date, ranges)}`, date);
export const stateIndex = (state: string) => `((${state} % 8) + 8) % 8`;
export const stateFen = (state: string) => `(${state} - ${stateIndex(state)}) / 8`;
/** The bucket's name back from its index. */
export const bucketName = (index: string, ranges: readonly ReportBucketRange[] = FIVE) =>
  `CASE ${index} ${ranges.map((b, i) => `WHEN ${i} THEN '${b.name}'`).join(' ')} END`;

/**
 * A loan with no principal left at the end of the month is paid off: its own column of the
 * matrix, not a cure, whatever bucket its last snapshot still names.
 */
export const PAID_OFF = 'paid_off';
export const endBucketOf = (fen: string, bucket: string) =>
  `CASE WHEN ${fen} <= 0 THEN '${PAID_OFF}' ELSE ${bucket} END`;
/**
 * The end state's index, with paid off as one past the last bucket (7 at most: a 3-bit index
 * can never be it, so the code stays apart from the packed states).
 */
const paidOffIndex = (ranges: readonly ReportBucketRange[]) => ranges.length;
const endIndexOf = (state: string, ranges: readonly ReportBucketRange[]) =>
  `CASE WHEN ${stateFen(state)} <= 0 THEN ${paidOffIndex(ranges)} ELSE ${stateIndex(state)} END`;

/** The same straight from the snapshot the seek found (no balance packed beside it). */
const endIndexOn = (date: ':to') =>
  `CASE WHEN x.outstanding_principal_fen <= 0 THEN ${paidOffIndex(FIVE)}
    ELSE ${agedBucketIndex(date, FIVE)} END`;

/**
 * MATERIALIZED runs the seeks once per loan (inlined, the planner copies a subquery into every
 * place the outer query uses its column). A loan with no snapshot by the 1st is not in the
 * month; one that has it also has an end snapshot (the same or a later one). Each group carries
 * both balances: the start one for the row totals and the paid-off column, the end one for the
 * cells.
 */
const movesSql = (ranges: readonly ReportBucketRange[]) => `
  WITH loan_ends AS MATERIALIZED (
    SELECT l.borrower_id, ${snapshotState(':from', ranges)} AS start_state,
      ${snapshotState(':to', ranges)} AS end_state
    FROM loans l NOT INDEXED
  )
  SELECT b.assigned_officer_id AS officer_id, ${stateIndex('e.start_state')} AS start_index,
    ${endIndexOf('e.end_state', ranges)} AS end_index, count(*) AS loans,
    sum(${stateFen('e.start_state')}) AS start_fen, sum(${stateFen('e.end_state')}) AS end_fen
  FROM loan_ends e JOIN borrowers b ON b.id = e.borrower_id
  WHERE e.start_state IS NOT NULL
  GROUP BY officer_id, start_index, end_index`;
const MOVES: Record<ExtraBoundaries, string> = {
  none: movesSql(reportBuckets('none')),
  M6: movesSql(reportBuckets('M6')),
  M6_M12: movesSql(reportBuckets('M6_M12')),
};

/**
 * The branch's cure counts alone (a comparison month needs no officers and no matrix): one row,
 * no borrower lookups, no balances and no grouping of the loans. States as in MOVES: the bucket
 * index on the date, and at the end the paid-off index past the last bucket.
 */
const BRANCH_CURES = `
  WITH loan_ends AS MATERIALIZED (
    SELECT ${latest(agedBucketIndex(':from', FIVE), ':from')} AS start_index,
      ${latest(endIndexOn(':to'), ':to')} AS end_index
    FROM loans l NOT INDEXED
  )
  SELECT count(*) AS loansOnFile,
    count(*) FILTER (WHERE start_index > 0) AS loansOverdueAtStart,
    count(*) FILTER (WHERE start_index > 0 AND end_index = 0) AS loansCured,
    count(*) FILTER (WHERE start_index > 0 AND end_index = ${paidOffIndex(FIVE)}) AS loansPaidOff
  FROM loan_ends WHERE start_index IS NOT NULL`;

/** Months before the first import (one index seek) skip the walk over every loan. */
const ANY_SNAPSHOT_BY_START = `
  SELECT 1 AS found FROM loan_snapshots INDEXED BY loan_snapshots_as_of
  WHERE as_of <= :from LIMIT 1`;

export const hasSnapshotsByStart = (db: Sqlite, range: MonthRange) =>
  statement(db, ANY_SNAPSHOT_BY_START).get({ from: range.from }) !== undefined;

export interface Move {
  officer_id: number | null;
  start_bucket: ReportBucket;
  /** The bucket at the end, or paid off. */
  end_bucket: ReportBucket | typeof PAID_OFF;
  loans: number;
  start_fen: number;
  end_fen: number;
}

export function loanMoves(db: Sqlite, range: MonthRange, extra: ExtraBoundaries = 'none'): Move[] {
  if (!hasSnapshotsByStart(db, range)) return [];
  return namedMoves(statement(db, MOVES[extra]).all(params(range)) as IndexedMove[], extra);
}

/** A move as the queries group it: bucket indexes, paid off one past the last bucket. */
export type IndexedMove = Omit<Move, 'start_bucket' | 'end_bucket'> & {
  start_index: number;
  end_index: number;
};

/** The moves with their buckets named in the branch's buckets. */
export function namedMoves(rows: readonly IndexedMove[], extra: ExtraBoundaries): Move[] {
  const ranges = reportBuckets(extra);
  return rows.map(({ start_index, end_index, ...move }) => ({
    ...move,
    start_bucket: ranges[start_index]!.name,
    end_bucket: end_index === paidOffIndex(ranges) ? PAID_OFF : ranges[end_index]!.name,
  }));
}

export interface BranchCures {
  /** Loans with a snapshot on or before the 1st (the matrix's row total). */
  loansOnFile: number;
  loansOverdueAtStart: number;
  loansCured: number;
  loansPaidOff: number;
}

export function branchCures(db: Sqlite, range: MonthRange): BranchCures {
  if (!hasSnapshotsByStart(db, range)) {
    return { loansOnFile: 0, loansOverdueAtStart: 0, loansCured: 0, loansPaidOff: 0 };
  }
  return statement(db, BRANCH_CURES).get(params(range)) as BranchCures;
}

/** Cure counts into the tally: branch under null, each officer under their id. */
export function cureTallies(tally: Tally, moves: readonly Move[]): void {
  const rows = moves
    .filter((m) => m.start_bucket !== 'M0')
    .flatMap((m) => {
      const row = {
        loansOverdueAtStart: m.loans,
        loansCured: m.end_bucket === 'M0' ? m.loans : 0,
        loansPaidOff: m.end_bucket === PAID_OFF ? m.loans : 0,
      };
      const branch = { staff_id: null, ...row };
      return m.officer_id === null ? [branch] : [branch, { staff_id: m.officer_id, ...row }];
    });
  addRows(tally, rows);
}

export function rollRateMatrix(moves: readonly Move[], extra: ExtraBoundaries = 'none'): RollRate {
  const buckets = reportBuckets(extra).map((b) => b.name);
  const zeros = () => buckets.map(() => 0);
  const matrix: RollRate = {
    buckets,
    startFen: zeros(),
    startLoans: zeros(),
    cellsFen: buckets.map(zeros),
    cellsLoans: buckets.map(zeros),
    paidOffFen: zeros(),
    paidOffLoans: zeros(),
  };
  for (const move of moves) {
    const i = buckets.indexOf(move.start_bucket);
    matrix.startFen[i]! += move.start_fen;
    matrix.startLoans[i]! += move.loans;
    if (move.end_bucket === PAID_OFF) {
      matrix.paidOffFen[i]! += move.start_fen;
      matrix.paidOffLoans[i]! += move.loans;
    } else {
      const j = buckets.indexOf(move.end_bucket);
      matrix.cellsFen[i]![j]! += move.end_fen;
      matrix.cellsLoans[i]![j]! += move.loans;
    }
  }
  return matrix;
}
