import {
  reportBuckets,
  type ExtraBoundaries,
  type ReportBucketRange,
} from '../../shared/report-buckets';
import { AppFailure } from '../../shared/result';
import type { DrilldownOutput } from '../../shared/schemas/reports';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { complaintColumns, complaintList, isComplaintFigure } from './complaint-figures';
import { breaksARule } from './record-violation-figures';
import { branchTimeZone } from '../settings/branch-clock';
import { readExtraBoundaries } from './bucket-setting';
import { figureDefinitions } from './figures';
import {
  bucketName,
  endBucketOf,
  hasSnapshotsByStart,
  PAID_OFF,
  snapshotState,
  stateFen,
  stateIndex,
} from './loan-figures';
import { monthRangeIn, type MonthRange } from './month';
import { EFFECTIVE_RECORDS, MONTH_VISITS, params } from './tally';

/** The rows behind a figure: the visits, promises, payments, loans or plans it counts. */

const LIMIT = 500;
type Column = DrilldownOutput['columns'][number];
const col = (key: string, zh: string, en: string, type: Column['type'] = 'text'): Column => ({
  key,
  label: { zh, en },
  type,
});

export const visitColumns = [
  col('id', '编号', 'No.', 'int'),
  col('date', '日期', 'Date', 'date'),
  col('time', '时间', 'Time'),
  col('borrower', '借款人', 'Borrower'),
  col('place', '乡镇/村', 'Township / village'),
  col('staff', '走访人员', 'Staff'),
  col('status', '状态', 'Status'),
  col('met', '见到', 'Met'),
  col('outcome', '结果', 'Outcome'),
  col('override', '例外理由', 'Exception reason'),
];

/** Where clause on `mv`/`eff` per visit figure. */
export const visitFilters: Record<string, string> = {
  visitsPlanned: '1',
  visitsDue: "mv.status <> 'cancelled'",
  completionRate: "mv.status <> 'cancelled'",
  visitsDone: "mv.status = 'done'",
  visitsNotDone: "mv.status = 'not_done'",
  visitsCancelled: "mv.status = 'cancelled'",
  visitsOpen: "mv.status IN ('planned', 'notified')",
  visitsOverridden: 'mv.override_reason IS NOT NULL AND mv.overridden_by IS NOT NULL',
  recordsWithViolations: breaksARule('mv.id'),
  overridesSelfApproved: 'mv.override_self_approved = 1',
  visitsCarriedOut: 'eff.visit_id IS NOT NULL',
  contactRate: 'eff.visit_id IS NOT NULL',
  rightPartyRate: 'eff.visit_id IS NOT NULL',
  contacts: "eff.met <> 'nobody'",
  rightPartyContacts: "eff.met = 'borrower'",
  ptpRate: "eff.met = 'borrower'",
  ptpContacts: `eff.met = 'borrower' AND EXISTS (SELECT 1 FROM visit_records r
    JOIN promises p ON p.visit_record_id = r.id
    WHERE r.visit_id = mv.id AND p.status <> 'superseded')`,
  ruleOverrides: `EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'visit'
    AND a.entity_id = CAST(mv.id AS TEXT) AND a.action = 'visit.override')`,
};

const officerVisit = (alias: string) =>
  `(:officer IS NULL OR EXISTS (SELECT 1 FROM visit_staff x WHERE x.visit_id = ${alias} AND x.staff_id = :officer))`;

function visitSql(where: string, rescheduledToo: boolean) {
  const visits = rescheduledToo
    ? MONTH_VISITS.replace("AND status <> 'rescheduled'", '')
    : MONTH_VISITS;
  return `WITH ${visits}, ${EFFECTIVE_RECORDS}
    SELECT mv.id, mv.date, v.start_time || '–' || v.end_time AS time, b.name AS borrower,
      trim(v.township || ' ' || v.village) AS place,
      (SELECT group_concat(s.name, '、') FROM visit_staff vs JOIN staff s ON s.id = vs.staff_id
        WHERE vs.visit_id = mv.id) AS staff,
      mv.status, eff.met, eff.outcome, mv.override_reason AS override
    FROM mv JOIN visits v ON v.id = mv.id JOIN borrowers b ON b.id = v.borrower_id
    LEFT JOIN eff ON eff.visit_id = mv.id
    WHERE (${where}) AND ${officerVisit('mv.id')}
    ORDER BY mv.date, v.start_time, mv.id`;
}

/**
 * Every visit of the month (the export's visit list), optionally one officer's, on SQLite
 * (live-figures.ts picks this or PostgreSQL's per engine).
 */
export function monthVisitRows(db: Sqlite, range: MonthRange, officerId: number | null = null) {
  return statement(db, visitSql('1', false)).all({
    ...params(range),
    officer: officerId,
  }) as Record<string, string | number | null>[];
}

/** Standing promises made on the month's visits; who made them is whoever the record met. */
const promisesMade = (party: string) => `WITH ${MONTH_VISITS}, ${EFFECTIVE_RECORDS}
  SELECT p.id, p.promised_on AS promisedOn, p.due_on AS dueOn, b.name AS borrower,
    eff.met AS madeBy, p.amount_fen AS amountFen, p.status
  FROM mv JOIN eff ON eff.visit_id = mv.id
  JOIN visit_records r ON r.visit_id = mv.id JOIN promises p ON p.visit_record_id = r.id
  JOIN borrowers b ON b.id = p.borrower_id
  WHERE p.status <> 'superseded' AND (${party}) AND ${officerVisit('mv.id')}
  ORDER BY p.promised_on, p.id`;
/** Promises due in the month, made in any month; the newest record of a visit is its effective one. */
const promisesDue = (kept: boolean) => `
  SELECT p.id, p.promised_on AS promisedOn, p.due_on AS dueOn, b.name AS borrower,
    (SELECT e.met FROM visit_records e WHERE e.visit_id = r.visit_id ORDER BY e.id DESC LIMIT 1)
      AS madeBy,
    p.amount_fen AS amountFen, p.status
  FROM promises p JOIN visit_records r ON r.id = p.visit_record_id
  JOIN borrowers b ON b.id = p.borrower_id
  WHERE p.due_on >= :from AND p.due_on < :next AND p.status <> 'superseded'
    ${kept ? "AND p.status = 'kept'" : ''} AND ${officerVisit('r.visit_id')}
  ORDER BY p.due_on, p.id`;
const promiseColumns = [
  col('id', '编号', 'No.', 'int'),
  col('borrower', '借款人', 'Borrower'),
  col('madeBy', '承诺人', 'Promised by'),
  col('promisedOn', '承诺日', 'Promised on', 'date'),
  col('dueOn', '到期日', 'Due on', 'date'),
  col('amountFen', '金额', 'Amount', 'fen'),
  col('status', '状态', 'Status'),
];

const payments = `
  SELECT p.id, p.paid_on AS paidOn, b.name AS borrower, l.loan_no AS loanNo, p.amount_fen AS amountFen
  FROM payments p JOIN loans l ON l.id = p.loan_id JOIN borrowers b ON b.id = p.borrower_id
  WHERE p.paid_on >= :from AND p.paid_on < :next AND p.loan_id IN (
    SELECT vl.loan_id FROM visits v JOIN visit_loans vl ON vl.visit_id = v.id
    WHERE v.date >= :from AND v.date < :next AND v.status = 'done' AND ${officerVisit('v.id')})
  ORDER BY p.paid_on, p.id`;
const paymentColumns = [
  col('id', '编号', 'No.', 'int'),
  col('paidOn', '还款日', 'Paid on', 'date'),
  col('borrower', '借款人', 'Borrower'),
  col('loanNo', '贷款编号', 'Loan no.'),
  col('amountFen', '金额', 'Amount', 'fen'),
];

/*
 * The loans behind the cure and roll-rate figures, walked as the summary walks them
 * (loan-figures.ts): every loan in rowid order, one primary-key seek per loan and date giving
 * that snapshot's bucket and balance. A branch-wide list covers every loan (120,000 at a large
 * branch), so only the first LIMIT rows leave SQLite, with the count beside them; borrowers'
 * names are looked up for those rows only. An officer's list keeps the loans of their
 * borrowers before any seek.
 */
const loans = (where: string, ranges?: readonly ReportBucketRange[]) => `
  WITH loan_ends AS MATERIALIZED (
    SELECT l.id, l.loan_no, l.borrower_id,
      ${snapshotState(':from', ranges)} AS start_state, ${snapshotState(':to', ranges)} AS end_state
    FROM loans l NOT INDEXED
    WHERE :officer IS NULL
      OR l.borrower_id IN (SELECT o.id FROM borrowers o WHERE o.assigned_officer_id = :officer)
  ),
  moves AS (
    SELECT id, loan_no AS loanNo, borrower_id,
      ${bucketName(stateIndex('start_state'), ranges)} AS startBucket,
      ${stateFen('start_state')} AS startFen,
      ${endBucketOf(stateFen('end_state'), bucketName(stateIndex('end_state'), ranges))} AS endBucket,
      ${stateFen('end_state')} AS endFen
    FROM loan_ends WHERE start_state IS NOT NULL
  ),
  listed AS (SELECT * FROM moves WHERE ${where})
  SELECT m.id, m.loanNo, b.name AS borrower, m.startBucket, m.startFen, m.endBucket, m.endFen,
    (SELECT count(*) FROM listed) AS total
  FROM (SELECT * FROM listed ORDER BY loanNo LIMIT ${LIMIT}) m
  JOIN borrowers b ON b.id = m.borrower_id
  ORDER BY m.loanNo`;
const loanColumns = [
  col('loanNo', '贷款编号', 'Loan no.'),
  col('borrower', '借款人', 'Borrower'),
  col('startBucket', '月初账龄', 'Start bucket'),
  col('startFen', '月初余额', 'Start balance', 'fen'),
  col('endBucket', '月末账龄', 'End bucket'),
  col('endFen', '月末余额', 'End balance', 'fen'),
];

const plans = (where: string) => `
  SELECT p.id, b.name AS borrower, p.total_fen AS totalFen, p.decided_at AS decidedAt, p.status
  FROM repayment_plans p JOIN borrowers b ON b.id = p.borrower_id
  WHERE p.decided_at >= :fromInstant AND p.decided_at < :nextInstant
    AND p.status IN ('approved', 'completed', 'broken') AND ${where}
    AND (:officer IS NULL OR p.proposed_by = :officer)
  ORDER BY p.decided_at, p.id`;
const planColumns = [
  col('id', '编号', 'No.', 'int'),
  col('borrower', '借款人', 'Borrower'),
  col('totalFen', '计划金额', 'Plan total', 'fen'),
  col('decidedAt', '批准时间', 'Approved at'),
  col('status', '状态', 'Status'),
];

/** The loans a loan list keeps, by their buckets on the 1st and at the end. */
export type LoanListKind = 'overdueAtStart' | 'cured' | 'paidOff' | 'all';

/**
 * The list behind a figure, said once for both engines; each engine writes its SQL from it
 * (SQLite's below, PostgreSQL's in drilldown-postgres.ts).
 */
export type FigureList = { columns: Column[] } & (
  | { kind: 'complaints'; figure: string }
  | { kind: 'visits'; figure: string; rescheduledToo: boolean }
  | { kind: 'promises'; made: 'any' | 'relatives' }
  | { kind: 'promises'; due: 'any' | 'kept' }
  | { kind: 'payments' }
  | { kind: 'loans'; loans: LoanListKind; extra: ExtraBoundaries | null }
  | { kind: 'plans'; selfApprovedOnly: boolean }
);

export function figureList(figure: string, extra: ExtraBoundaries): FigureList {
  if (!figureDefinitions.some((d) => d.key === figure)) {
    throw new AppFailure('NOT_FOUND', `unknown figure ${figure}`);
  }
  if (isComplaintFigure(figure)) return { kind: 'complaints', figure, columns: complaintColumns };
  if (visitFilters[figure]) {
    return {
      kind: 'visits',
      figure,
      rescheduledToo: figure === 'ruleOverrides',
      columns: visitColumns,
    };
  }
  switch (figure) {
    case 'promisesMade':
    case 'promisedFen':
      return { kind: 'promises', made: 'any', columns: promiseColumns };
    case 'relativePromises':
    case 'relativePromisedFen':
      return { kind: 'promises', made: 'relatives', columns: promiseColumns };
    case 'promisesDue':
    case 'ptpKeptRate':
      return { kind: 'promises', due: 'any', columns: promiseColumns };
    case 'promisesKept':
      return { kind: 'promises', due: 'kept', columns: promiseColumns };
    case 'collectedFen':
    case 'collectedVsTarget':
      return { kind: 'payments', columns: paymentColumns };
    case 'loansOverdueAtStart':
    case 'cureRate':
      return { kind: 'loans', loans: 'overdueAtStart', extra: null, columns: loanColumns };
    case 'loansCured':
      return { kind: 'loans', loans: 'cured', extra: null, columns: loanColumns };
    case 'loansPaidOff':
      return { kind: 'loans', loans: 'paidOff', extra: null, columns: loanColumns };
    case 'rollRate':
      // Named in the branch's buckets, as its matrix is.
      return { kind: 'loans', loans: 'all', extra, columns: loanColumns };
    case 'plansApproved':
      return { kind: 'plans', selfApprovedOnly: false, columns: planColumns };
    case 'plansSelfApproved':
      return { kind: 'plans', selfApprovedOnly: true, columns: planColumns };
    default:
      throw new AppFailure('NOT_FOUND', `no list behind the figure ${figure}`);
  }
}

const loanWhere: Record<LoanListKind, string> = {
  overdueAtStart: "startBucket <> 'M0'",
  cured: "startBucket <> 'M0' AND endBucket = 'M0'",
  paidOff: `startBucket <> 'M0' AND endBucket = '${PAID_OFF}'`,
  all: '1',
};

/** SQLite's SQL for the list. */
function sqliteSql(list: FigureList): string {
  switch (list.kind) {
    case 'complaints':
      return complaintList(list.figure)!;
    case 'visits':
      return visitSql(visitFilters[list.figure]!, list.rescheduledToo);
    case 'promises':
      if ('made' in list) {
        return promisesMade(list.made === 'any' ? '1' : "eff.met IN ('spouse', 'family')");
      }
      return promisesDue(list.due === 'kept');
    case 'payments':
      return payments;
    case 'loans':
      return loans(loanWhere[list.loans], list.extra ? reportBuckets(list.extra) : undefined);
    case 'plans':
      return plans(list.selfApprovedOnly ? 'p.self_approved = 1' : '1');
  }
}

type Row = DrilldownOutput['rows'][number];

/** The loan lists send their first rows and the count in each row's `total` (see `loans`). */
function loanList(db: Sqlite, sql: string, range: MonthRange, officer: number | null) {
  if (!hasSnapshotsByStart(db, range)) return { rows: [], total: 0 };
  const counted = statement(db, sql).all({ ...params(range), officer }) as (Row & {
    total: number;
  })[];
  const rows = counted.map(({ total: _total, ...row }) => row);
  return { rows, total: counted[0]?.total ?? 0 };
}

/** The rows behind a figure on SQLite (live-figures.ts picks this or PostgreSQL's). */
export function drilldown(
  db: Sqlite,
  input: { month: string; figure: string; officerId?: number | undefined },
): DrilldownOutput {
  const list = figureList(input.figure, readExtraBoundaries(db));
  const { kind, columns } = list;
  const sql = sqliteSql(list);
  const range = monthRangeIn(input.month, branchTimeZone(db));
  const officer = input.officerId ?? null;
  if (kind === 'loans') {
    const { rows, total } = loanList(db, sql, range, officer);
    return { kind, columns, rows, total, truncated: total > rows.length };
  }
  const rows = statement(db, sql).all({ ...params(range), officer }) as Row[];
  return {
    kind,
    columns,
    rows: rows.slice(0, LIMIT),
    total: rows.length,
    truncated: rows.length > LIMIT,
  };
}
