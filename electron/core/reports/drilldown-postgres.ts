import { sql, type Kysely, type RawBuilder } from 'kysely';
import { reportBuckets, type ReportBucketRange } from '../../shared/report-buckets';
import type { DrilldownOutput } from '../../shared/schemas/reports';
import type { DB } from '../db/schema';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { loadExtraBoundaries } from './bucket-setting';
import { figureList, visitFilters, type FigureList, type LoanListKind } from './drilldown';
import { PAID_OFF } from './loan-figures';
import { hasSnapshotsByStartPostgres, loanEnds } from './loans-postgres';
import { monthRangeIn, type MonthRange } from './month';
import { effectiveRecords, monthVisits } from './tallies-postgres';

/**
 * The rows behind a figure on PostgreSQL, the same lists as SQLite's drilldown.ts
 * (figureList says which; tests/unit/reports/figures-engines.test.ts compares them). Text is
 * ordered by code point (COLLATE "C"), as SQLite orders it; names are joined in staff id order;
 * the officer's filter is left out when there is none, rather than bound as an untyped NULL.
 */

const LIMIT = 500;
type Row = DrilldownOutput['rows'][number];

/** The visit filters SQLite writes with its 0/1 flags, in PostgreSQL's booleans. */
const visitWhere: Record<string, string> = {
  ...visitFilters,
  visitsPlanned: 'true',
  overridesSelfApproved: 'mv.override_self_approved',
};

const visitsOf = (visitId: string, officer: number | null) =>
  officer === null
    ? sql`true`
    : sql`EXISTS (SELECT 1 FROM visit_staff x
        WHERE x.visit_id = ${sql.raw(visitId)} AND x.staff_id = ${officer})`;

function visitList(
  range: MonthRange,
  where: string,
  rescheduledToo: boolean,
  officer: number | null,
) {
  return sql<Row>`WITH ${monthVisits(range, rescheduledToo)}, ${effectiveRecords}
    SELECT mv.id, mv.date, v.start_time || '–' || v.end_time AS time, b.name AS borrower,
      trim(v.township || ' ' || v.village) AS place,
      (SELECT string_agg(s.name, '、' ORDER BY vs.staff_id)
        FROM visit_staff vs JOIN staff s ON s.id = vs.staff_id
        WHERE vs.visit_id = mv.id) AS staff,
      mv.status, eff.met, eff.outcome, mv.override_reason AS override
    FROM mv JOIN visits v ON v.id = mv.id JOIN borrowers b ON b.id = v.borrower_id
    LEFT JOIN eff ON eff.visit_id = mv.id
    WHERE (${sql.raw(where)}) AND ${visitsOf('mv.id', officer)}
    ORDER BY mv.date, v.start_time COLLATE "C", mv.id`;
}

/** Every visit of the month (the export's visit list), optionally one officer's. */
export async function monthVisitRowsPostgres(
  db: Kysely<DB>,
  range: MonthRange,
  officer: number | null = null,
) {
  const { rows } = await visitList(range, 'true', false, officer).execute(db);
  return rows;
}

const promiseFields = sql`p.id, p.promised_on AS "promisedOn", p.due_on AS "dueOn",
  b.name AS borrower`;

function promisesMade(range: MonthRange, relatives: boolean, officer: number | null) {
  return sql<Row>`WITH ${monthVisits(range)}, ${effectiveRecords}
    SELECT ${promiseFields}, eff.met AS "madeBy", p.amount_fen AS "amountFen", p.status
    FROM mv JOIN eff ON eff.visit_id = mv.id
    JOIN visit_records r ON r.visit_id = mv.id JOIN promises p ON p.visit_record_id = r.id
    JOIN borrowers b ON b.id = p.borrower_id
    WHERE p.status <> 'superseded'
      AND ${relatives ? sql`eff.met IN ('spouse', 'family')` : sql`true`}
      AND ${visitsOf('mv.id', officer)}
    ORDER BY p.promised_on, p.id`;
}

function promisesDue(range: MonthRange, keptOnly: boolean, officer: number | null) {
  return sql<Row>`
    SELECT ${promiseFields},
      (SELECT e.met FROM visit_records e WHERE e.visit_id = r.visit_id ORDER BY e.id DESC LIMIT 1)
        AS "madeBy",
      p.amount_fen AS "amountFen", p.status
    FROM promises p JOIN visit_records r ON r.id = p.visit_record_id
    JOIN borrowers b ON b.id = p.borrower_id
    WHERE p.due_on >= ${range.from} AND p.due_on < ${range.next} AND p.status <> 'superseded'
      AND ${keptOnly ? sql`p.status = 'kept'` : sql`true`} AND ${visitsOf('r.visit_id', officer)}
    ORDER BY p.due_on, p.id`;
}

function payments(range: MonthRange, officer: number | null) {
  return sql<Row>`
    SELECT p.id, p.paid_on AS "paidOn", b.name AS borrower, l.loan_no AS "loanNo",
      p.amount_fen AS "amountFen"
    FROM payments p JOIN loans l ON l.id = p.loan_id JOIN borrowers b ON b.id = p.borrower_id
    WHERE p.paid_on >= ${range.from} AND p.paid_on < ${range.next} AND p.loan_id IN (
      SELECT vl.loan_id FROM visits v JOIN visit_loans vl ON vl.visit_id = v.id
      WHERE v.date >= ${range.from} AND v.date < ${range.next} AND v.status = 'done'
        AND ${visitsOf('v.id', officer)})
    ORDER BY p.paid_on, p.id`;
}

function plans(range: MonthRange, selfApprovedOnly: boolean, officer: number | null) {
  return sql<Row>`
    SELECT p.id, b.name AS borrower, p.total_fen AS "totalFen", p.decided_at AS "decidedAt",
      p.status
    FROM repayment_plans p JOIN borrowers b ON b.id = p.borrower_id
    WHERE p.decided_at >= ${range.fromInstant} AND p.decided_at < ${range.nextInstant}
      AND p.status IN ('approved', 'completed', 'broken')
      AND ${selfApprovedOnly ? sql`p.self_approved` : sql`true`}
      AND ${officer === null ? sql`true` : sql`p.proposed_by = ${officer}`}
    ORDER BY p.decided_at, p.id`;
}

const complaintWhere = (figure: string, range: MonthRange): RawBuilder<unknown> => {
  switch (figure) {
    case 'complaintsReceived':
      return sql`c.received_on >= ${range.from} AND c.received_on < ${range.next}`;
    case 'complaintsClosed':
      return sql`c.closed_on >= ${range.from} AND c.closed_on < ${range.next}`;
    default:
      return sql`c.received_on < ${range.next}
        AND (c.closed_on IS NULL OR c.closed_on >= ${range.next})`;
  }
};

function complaints(range: MonthRange, figure: string, officer: number | null) {
  return sql<Row>`
    SELECT c.id, c.received_on AS "receivedOn", b.name AS borrower,
      c.complainant, c.complainant_name AS "complainantName",
      c.channel AS "complaintChannel",
      (SELECT string_agg(s.name, '、' ORDER BY x.staff_id)
        FROM complaint_staff x JOIN staff s ON s.id = x.staff_id
        WHERE x.complaint_id = c.id) AS staff,
      c.summary, c.closed_on AS "closedOn", c.outcome AS "complaintOutcome"
    FROM complaints c JOIN borrowers b ON b.id = c.borrower_id
    WHERE (${complaintWhere(figure, range)})
      AND ${
        officer === null
          ? sql`true`
          : sql`EXISTS (SELECT 1 FROM complaint_staff x
              WHERE x.complaint_id = c.id AND x.staff_id = ${officer})`
      }
    ORDER BY c.received_on, c.id`;
}

const bucketName = (index: string, ranges: readonly ReportBucketRange[]) =>
  sql.raw(
    `CASE ${index} ${ranges.map((b, i) => `WHEN ${i} THEN '${b.name}'`).join(' ')}
      WHEN ${ranges.length} THEN '${PAID_OFF}' END`,
  );

const loanWhere = (kind: LoanListKind, paidOff: number) =>
  ({
    overdueAtStart: sql`start_index > 0`,
    cured: sql`start_index > 0 AND end_index = 0`,
    paidOff: sql`start_index > 0 AND end_index = ${sql.lit(paidOff)}`,
    all: sql`true`,
  })[kind];

/** The first rows of a loan list with the count beside them (drilldown.ts `loans`). */
async function loanList(
  db: Kysely<DB>,
  range: MonthRange,
  list: Extract<FigureList, { kind: 'loans' }>,
  officer: number | null,
) {
  if (!(await hasSnapshotsByStartPostgres(db, range))) return { rows: [], total: 0 };
  const ranges = reportBuckets(list.extra ?? 'none');
  const { rows } = await sql<Row & { total: number }>`
    WITH ${loanEnds(range, ranges, officer)},
    listed AS (SELECT * FROM loan_ends WHERE ${loanWhere(list.loans, ranges.length)})
    SELECT m.id, m.loan_no AS "loanNo", b.name AS borrower,
      ${bucketName('m.start_index', ranges)} AS "startBucket", m.start_fen AS "startFen",
      ${bucketName('m.end_index', ranges)} AS "endBucket", m.end_fen AS "endFen",
      (SELECT count(*) FROM listed) AS total
    FROM (SELECT * FROM listed ORDER BY loan_no COLLATE "C" LIMIT ${sql.lit(LIMIT)}) m
    JOIN borrowers b ON b.id = m.borrower_id
    ORDER BY m.loan_no COLLATE "C"`.execute(db);
  return {
    rows: rows.map(({ total: _total, ...row }) => row),
    total: rows[0]?.total ?? 0,
  };
}

function listSql(list: FigureList, range: MonthRange, officer: number | null) {
  switch (list.kind) {
    case 'complaints':
      return complaints(range, list.figure, officer);
    case 'visits':
      return visitList(range, visitWhere[list.figure]!, list.rescheduledToo, officer);
    case 'promises':
      return 'made' in list
        ? promisesMade(range, list.made === 'relatives', officer)
        : promisesDue(range, list.due === 'kept', officer);
    case 'payments':
      return payments(range, officer);
    case 'plans':
      return plans(range, list.selfApprovedOnly, officer);
    case 'loans':
      throw new Error('internal: loan lists are read by loanList');
  }
}

export async function drilldownPostgres(
  db: Kysely<DB>,
  input: { month: string; figure: string; officerId?: number | undefined },
): Promise<DrilldownOutput> {
  const list = figureList(input.figure, await loadExtraBoundaries(db));
  const range = monthRangeIn(input.month, await loadBranchTimeZone(db));
  const officer = input.officerId ?? null;
  const { kind, columns } = list;
  if (list.kind === 'loans') {
    const { rows, total } = await loanList(db, range, list, officer);
    return { kind, columns, rows, total, truncated: total > rows.length };
  }
  const { rows } = await listSql(list, range, officer).execute(db);
  return {
    kind,
    columns,
    rows: rows.slice(0, LIMIT),
    total: rows.length,
    truncated: rows.length > LIMIT,
  };
}
