import { buckets, type Bucket, type RollRate } from '../../shared/schemas/reports';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';
import { addRows, define, params, type Tally } from './tally';

/** Cures and roll rates, from the dated loan snapshots at the start and end of the month. */

export const loanDefinitions = [
  define(
    'loansOverdueAtStart',
    'count',
    'loans',
    ['月初逾期贷款', 'Loans overdue at start'],
    [
      '月初（本月1日或之前最近一次快照）账龄在 M1 及以上的贷款笔数；按催收员统计时为其名下借款人的贷款。',
      "Loans in bucket M1 or worse at the start of the month (the latest snapshot on or before the 1st); per officer, the loans of that officer's borrowers.",
    ],
  ),
  define(
    'loansCured',
    'count',
    'loans',
    ['已转正常', 'Loans cured'],
    [
      '月初逾期、月末（本月最后一天或之前最近一次快照）为 M0 或余额已为零的贷款笔数。',
      'Loans overdue at the start that were current (M0) or paid off at the end of the month (the latest snapshot on or before its last day).',
    ],
  ),
  define(
    'cureRate',
    'rate',
    'loans',
    ['治愈率', 'Cure rate'],
    ['已转正常 ÷ 月初逾期贷款。', 'Loans cured ÷ loans overdue at the start of the month.'],
  ),
];

export const rollRateDefinition = define(
  'rollRate',
  'rate',
  'loans',
  ['迁徙率矩阵', 'Roll-rate matrix'],
  [
    '行：月初账龄；列：月末账龄。每格为月初在该行、月末在该列的贷款的月初本金余额；比率 = 该格 ÷ 该行月初余额，因此每行合计为 100%。已结清或转正常的回到 M0。',
    'Rows: bucket at the start of the month; columns: bucket at its end. Each cell is the start balance of the loans that moved from its row to its column; the rate is the cell ÷ the row’s start balance, so each row adds up to 100%. Loans paid off or cured roll back to M0.',
  ],
);

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
 * A snapshot's bucket and balance from that one seek, as balance × 8 + bucket index (a
 * subquery yields one value). Decoded with a non-negative remainder, so the arithmetic holds
 * for any integer balance.
 */
const BUCKET_INDEX = `CASE x.bucket ${buckets.map((b, i) => `WHEN '${b}' THEN ${i}`).join(' ')} END`;
export const snapshotState = (date: ':from' | ':to') =>
  latest(`x.outstanding_principal_fen * 8 + ${BUCKET_INDEX}`, date);
export const stateIndex = (state: string) => `((${state} % 8) + 8) % 8`;
export const stateFen = (state: string) => `(${state} - ${stateIndex(state)}) / 8`;
/** The bucket's name back from its index. */
export const bucketName = (index: string) =>
  `CASE ${index} ${buckets.map((b, i) => `WHEN ${i} THEN '${b}'`).join(' ')} END`;

/** A loan paid off by the end of the month rolls back to M0, whatever its bucket says. */
export const endBucketOf = (fen: string, bucket: string) =>
  `CASE WHEN ${fen} = 0 THEN 'M0' ELSE ${bucket} END`;

const START_STATE = snapshotState(':from');
const START_INDEX = stateIndex('start_state');
const END_BUCKET = latest(endBucketOf('x.outstanding_principal_fen', 'x.bucket'), ':to');

/**
 * MATERIALIZED runs the seeks once per loan (inlined, the planner copies a subquery into every
 * place the outer query uses its column). A loan with no snapshot by the 1st is not in the
 * month; one that has it also has an end snapshot (the same or a later one).
 */
const MOVES = `
  WITH loan_ends AS MATERIALIZED (
    SELECT l.borrower_id, ${START_STATE} AS start_state, ${END_BUCKET} AS end_bucket
    FROM loans l NOT INDEXED
  )
  SELECT b.assigned_officer_id AS officer_id, ${START_INDEX} AS start_index, e.end_bucket,
    count(*) AS loans, sum(${stateFen('start_state')}) AS fen
  FROM loan_ends e JOIN borrowers b ON b.id = e.borrower_id
  WHERE e.start_state IS NOT NULL
  GROUP BY officer_id, start_index, e.end_bucket`;

/**
 * The branch's cure counts alone (a comparison month needs no officers and no matrix): one row,
 * no borrower lookups, no balances and no grouping of the loans.
 */
const BRANCH_CURES = `
  WITH loan_ends AS MATERIALIZED (
    SELECT ${latest('x.bucket', ':from')} AS start_bucket, ${END_BUCKET} AS end_bucket
    FROM loans l NOT INDEXED
  )
  SELECT count(*) AS loansOnFile,
    count(*) FILTER (WHERE start_bucket <> 'M0') AS loansOverdueAtStart,
    count(*) FILTER (WHERE start_bucket <> 'M0' AND end_bucket = 'M0') AS loansCured
  FROM loan_ends WHERE start_bucket IS NOT NULL`;

/** Months before the first import (one index seek) skip the walk over every loan. */
const ANY_SNAPSHOT_BY_START = `
  SELECT 1 AS found FROM loan_snapshots INDEXED BY loan_snapshots_as_of
  WHERE as_of <= :from LIMIT 1`;

export const hasSnapshotsByStart = (db: Sqlite, range: MonthRange) =>
  statement(db, ANY_SNAPSHOT_BY_START).get({ from: range.from }) !== undefined;

interface Move {
  officer_id: number | null;
  start_bucket: Bucket;
  end_bucket: Bucket;
  loans: number;
  fen: number;
}

export function loanMoves(db: Sqlite, range: MonthRange): Move[] {
  if (!hasSnapshotsByStart(db, range)) return [];
  const rows = statement(db, MOVES).all(params(range)) as (Omit<Move, 'start_bucket'> & {
    start_index: number;
  })[];
  return rows.map(({ start_index, ...move }) => ({ ...move, start_bucket: buckets[start_index]! }));
}

export interface BranchCures {
  /** Loans with a snapshot on or before the 1st (the matrix's row total). */
  loansOnFile: number;
  loansOverdueAtStart: number;
  loansCured: number;
}

export function branchCures(db: Sqlite, range: MonthRange): BranchCures {
  if (!hasSnapshotsByStart(db, range)) {
    return { loansOnFile: 0, loansOverdueAtStart: 0, loansCured: 0 };
  }
  return statement(db, BRANCH_CURES).get(params(range)) as BranchCures;
}

/** Cure counts into the tally: branch under null, each officer under their id. */
export function cureTallies(tally: Tally, moves: readonly Move[]): void {
  const rows = moves
    .filter((m) => m.start_bucket !== 'M0')
    .flatMap((m) => {
      const row = { loansOverdueAtStart: m.loans, loansCured: m.end_bucket === 'M0' ? m.loans : 0 };
      const branch = { staff_id: null, ...row };
      return m.officer_id === null ? [branch] : [branch, { staff_id: m.officer_id, ...row }];
    });
  addRows(tally, rows);
}

export function rollRateMatrix(moves: readonly Move[]): RollRate {
  const n = buckets.length;
  const zeros = () => Array.from({ length: n }, () => 0);
  const matrix: RollRate = {
    buckets: [...buckets],
    startFen: zeros(),
    startLoans: zeros(),
    cellsFen: Array.from({ length: n }, zeros),
    cellsLoans: Array.from({ length: n }, zeros),
  };
  for (const move of moves) {
    const i = buckets.indexOf(move.start_bucket);
    const j = buckets.indexOf(move.end_bucket);
    matrix.startFen[i]! += move.fen;
    matrix.startLoans[i]! += move.loans;
    matrix.cellsFen[i]![j]! += move.fen;
    matrix.cellsLoans[i]![j]! += move.loans;
  }
  return matrix;
}
