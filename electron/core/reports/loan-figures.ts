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

/**
 * Each loan's latest snapshot on or before the first and the last day, found by a primary-key
 * seek per loan ((loan_id, as_of) DESC LIMIT 1) rather than grouping the whole snapshot table.
 */
const MOVES = `
  WITH ends AS MATERIALIZED (
    SELECT l.id AS loan_id, l.borrower_id,
      (SELECT x.as_of FROM loan_snapshots x WHERE x.loan_id = l.id AND x.as_of <= :from
        ORDER BY x.as_of DESC LIMIT 1) AS start_as_of,
      (SELECT x.as_of FROM loan_snapshots x WHERE x.loan_id = l.id AND x.as_of <= :to
        ORDER BY x.as_of DESC LIMIT 1) AS end_as_of
    FROM loans l
  )
  SELECT b.assigned_officer_id AS officer_id, s.bucket AS start_bucket,
    CASE WHEN e.outstanding_principal_fen = 0 THEN 'M0' ELSE e.bucket END AS end_bucket,
    count(*) AS loans, sum(s.outstanding_principal_fen) AS fen
  FROM ends
  JOIN loan_snapshots s ON s.loan_id = ends.loan_id AND s.as_of = ends.start_as_of
  JOIN loan_snapshots e ON e.loan_id = ends.loan_id AND e.as_of = ends.end_as_of
  JOIN borrowers b ON b.id = ends.borrower_id
  GROUP BY officer_id, start_bucket, end_bucket`;

interface Move {
  officer_id: number | null;
  start_bucket: Bucket;
  end_bucket: Bucket;
  loans: number;
  fen: number;
}

export function loanMoves(db: Sqlite, range: MonthRange): Move[] {
  return statement(db, MOVES).all(params(range)) as Move[];
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
