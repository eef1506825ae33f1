import { sql, type InferResult, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { PlanningRules } from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import {
  countingStatuses,
  visitVersionFields,
  type calendarInput,
  type CalendarRow,
  type DayRoute,
  type VisitDetail,
  type VisitStatus,
} from '../../shared/schemas/planning';
import { readFlag } from '../db/columns';
import { checkVersion, contentVersion } from '../app/versions';
import { rawRows } from '../db/query';
import { holdingConnection } from '../db/engine';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { noticeTimingProblem } from './compliance';
import { zonedInstant } from '../../shared/dates';
import { loadRules } from './rules';
import { overrideCodesColumn } from './tables';
import { loadBranchTimeZone } from '../settings/branch-clock';

/** Reading visits: one in full, a date range compactly, a day's route. */

/*
 * A visit in full is four queries, said once over any Kysely<DB>, which `loadVisitDetails` runs
 * on the engine (`db`, or a write's `tx`).
 */
function detailQueries(db: Kysely<DB>, ids: readonly number[]) {
  const list = [...ids];
  return {
    rows: db
      .selectFrom('visits')
      .leftJoin('borrowers', 'borrowers.id', 'visits.borrower_id')
      .selectAll('visits')
      .select('borrowers.name as borrower_name')
      // As its JSON text on both engines (PostgreSQL's jsonb would come back parsed).
      .select((eb) => eb.cast<string | null>('visits.override_codes', 'text').as('codes_json'))
      .where('visits.id', 'in', list),
    staff: db
      .selectFrom('visit_staff')
      .innerJoin('staff', 'staff.id', 'visit_staff.staff_id')
      .select(['visit_staff.visit_id', 'staff.id', 'staff.staff_no', 'staff.name'])
      .where('visit_staff.visit_id', 'in', list)
      .orderBy('staff.staff_no'),
    loans: db
      .selectFrom('visit_loans')
      .select(['visit_id', 'loan_id'])
      .where('visit_id', 'in', list)
      .orderBy('loan_id'),
    successors: db
      .selectFrom('visits')
      .select(['id', 'rescheduled_from'])
      .where('rescheduled_from', 'in', list),
  };
}

type DetailQueries = ReturnType<typeof detailQueries>;
type DetailRows = { [K in keyof DetailQueries]: InferResult<DetailQueries[K]> };

/** What judges a recorded notice: the branch's rules and its time zone. */
interface NoticeJudge {
  rules: PlanningRules;
  timeZone: string;
}

/** The visits `ids` in full, on the engine, in the order asked (unknown ids left out). */
export async function loadVisitDetails(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<VisitDetail[]> {
  if (ids.length === 0) return [];
  const q = detailQueries(db, ids);
  const rows: DetailRows = {
    rows: await q.rows.execute(),
    staff: await q.staff.execute(),
    loans: await q.loans.execute(),
    successors: await q.successors.execute(),
  };
  const judge = { rules: await loadRules(db), timeZone: await loadBranchTimeZone(db) };
  return assembleDetails(ids, rows, judge);
}

export async function loadVisitDetail(db: Kysely<DB>, id: number): Promise<VisitDetail> {
  return oneDetail(await loadVisitDetails(db, [id]), id);
}

function oneDetail(details: VisitDetail[], id: number): VisitDetail {
  const [detail] = details;
  if (!detail) throw new AppFailure('NOT_FOUND', `no visit ${id}`);
  return detail;
}

function assembleDetails(
  ids: readonly number[],
  { rows, staff, loans, successors }: DetailRows,
  judge: NoticeJudge,
): VisitDetail[] {
  const noticeProblemOf = (row: (typeof rows)[number]) =>
    row.notice_status === 'none' || row.notice_at === null
      ? null
      : noticeTimingProblem(
          new Date(row.notice_at),
          zonedInstant(row.date, row.start_time, judge.timeZone),
          judge,
        );
  const codesOf = (row: (typeof rows)[number]) =>
    row.codes_json === null ? [] : overrideCodesColumn.read(row.codes_json);
  const byId = new Map(
    rows.map((row): [number, VisitDetail] => [
      row.id,
      withVersion({
        id: row.id,
        borrowerId: row.borrower_id,
        borrowerName: row.borrower_name ?? '',
        loanIds: loans.filter((l) => l.visit_id === row.id).map((l) => l.loan_id),
        date: row.date,
        start: row.start_time,
        end: row.end_time,
        staff: staff
          .filter((s) => s.visit_id === row.id)
          .map((s) => ({ id: s.id, staffNo: s.staff_no, name: s.name })),
        purpose: row.purpose,
        priority: row.priority,
        township: row.township,
        village: row.village,
        status: row.status,
        statusNote: row.status_note,
        noticeStatus: row.notice_status,
        noticeAt: row.notice_at,
        noticeProblem: noticeProblemOf(row),
        borrowerRequested: readFlag(row.borrower_requested),
        purposeReason: row.purpose_reason,
        place: row.place,
        placeNote: row.place_note,
        disclosureRisk: readFlag(row.disclosure_risk),
        plannedBy: row.planned_by,
        plannedAt: row.planned_at,
        override:
          row.override_reason && row.overridden_by
            ? {
                reason: row.override_reason,
                by: row.overridden_by,
                codes: codesOf(row),
                proposedBy: row.override_proposed_by ?? row.overridden_by,
                selfApproved: readFlag(row.override_self_approved),
              }
            : null,
        overrideProposal:
          row.override_reason && !row.overridden_by && row.override_proposed_by
            ? {
                reason: row.override_reason,
                proposedBy: row.override_proposed_by,
                codes: codesOf(row),
              }
            : null,
        approval: {
          needed: readFlag(row.needs_approval),
          by: row.approval_by,
          at: row.approved_at,
          requestedBy: row.approval_requested_by,
          selfApproved: readFlag(row.approval_self_approved),
        },
        rescheduledFrom: row.rescheduled_from,
        rescheduledTo: successors.find((s) => s.rescheduled_from === row.id)?.id ?? null,
        routeOrder: row.route_order,
        note: row.note,
      }),
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((v): v is VisitDetail => v !== undefined);
}

/**
 * A visit's optimistic version (issue 20): the digest of its `visitVersionFields`, staff by id
 * and instants as `toISOString` writes them, so both engines give the same version for the
 * same visit. Worked out on every read, and again inside a change's transaction
 * (`checkVisitVersion`).
 */
function visitVersion(visit: Omit<VisitDetail, 'version'>): string {
  const instant = (text: string | null) => (text === null ? null : new Date(text).toISOString());
  const covered = Object.fromEntries(visitVersionFields.map((field) => [field, visit[field]]));
  return contentVersion({
    ...covered,
    staff: visit.staff.map((s) => s.id),
    noticeAt: instant(visit.noticeAt),
    approval: { ...visit.approval, at: instant(visit.approval.at) },
  });
}

const withVersion = (visit: Omit<VisitDetail, 'version'>): VisitDetail => ({
  ...visit,
  version: visitVersion(visit),
});

/**
 * The visit as it is inside a change's transaction, after refusing the change when it started
 * from another version (`expected`; none: not checked) with STALE_VERSION, the visit as
 * planning:visit returns it, its version and who changed it last.
 */
export async function checkVisitVersion(
  tx: Kysely<DB>,
  id: number,
  expected: string | undefined,
): Promise<VisitDetail> {
  const current = await loadVisitDetail(tx, id);
  await checkVersion(tx, expected, {
    entity: 'visit',
    entityId: id,
    actual: current.version,
    current,
  });
  return current;
}

/** One calendar row as SQLite's raw statement returns it, in the SELECT's column order. */
type CalendarSqlRow = [
  id: number,
  date: string,
  start: string,
  end: string,
  status: VisitStatus,
  purpose: CalendarRow['purpose'],
  borrowerId: number,
  borrowerName: string | null,
  township: string,
  village: string,
  noticeStatus: CalendarRow['noticeStatus'],
  awaitingApproval: 0 | 1,
  overridden: 0 | 1,
  staffIds: string | null,
];

type CalendarInput = z.output<typeof calendarInput>;

/**
 * Compact rows for a calendar range, and the staff's leave in it. The visits are the bulk read
 * the benchmark times (a month at a large branch is thousands of rows), so each engine reads
 * them its own way behind this one function: SQLite by `calendarRowsSqlite`, PostgreSQL by
 * `calendarRowsPostgres`; both answer alike (tests/unit/planning/calendar-engines.test.ts).
 */
export async function calendar(app: Visitdesk, input: CalendarInput) {
  // SQLite reads the app's connection directly (its measured path), holding it meanwhile.
  if (app.engine.kind === 'sqlite') {
    return holdingConnection(app.engine, async (db) =>
      calendarOf(db, calendarRowsSqlite(app.db, input), input),
    );
  }
  const db = app.engine.db;
  return calendarOf(db, await calendarRowsPostgres(db, input), input);
}

/** The visits read, with the staff leave of the same days. */
async function calendarOf(db: Kysely<DB>, visits: CalendarRow[], input: CalendarInput) {
  let leaveQuery = db
    .selectFrom('staff_leave')
    .select(['staff_id', 'date', 'reason'])
    .where('date', '>=', input.from)
    .where('date', '<=', input.to)
    .orderBy('date');
  if (input.staffIds?.length) leaveQuery = leaveQuery.where('staff_id', 'in', input.staffIds);
  const leave = (await leaveQuery.execute()).map((l) => ({
    staffId: l.staff_id,
    date: l.date,
    reason: l.reason,
  }));
  return { visits, leave };
}

/**
 * SQLite: one indexed range scan on visits(date), each name from the narrow (id, name) index
 * (migration 009; INDEXED BY, which the builder cannot say: without statistics the planner
 * would read the wide row), staff ids gathered per row from the visit_staff primary key, read
 * as arrays and mapped here (see rawRows). Values are bound; the optional filters only add
 * fixed SQL fragments.
 */
function calendarRowsSqlite(db: Sqlite, input: CalendarInput): CalendarRow[] {
  const where = ['v.date >= ?', 'v.date <= ?'];
  const params: unknown[] = [input.from, input.to];
  if (input.staffIds?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM visit_staff f WHERE f.visit_id = v.id AND f.staff_id IN (${input.staffIds.map(() => '?').join(', ')}))`,
    );
    params.push(...input.staffIds);
  }
  if (input.township) {
    where.push('v.township = ?');
    params.push(input.township);
  }
  if (input.statuses?.length) {
    where.push(`v.status IN (${input.statuses.map(() => '?').join(', ')})`);
    params.push(...input.statuses);
  }
  const text = `
    SELECT v.id, v.date, v.start_time, v.end_time, v.status, v.purpose, v.borrower_id,
           b.name, v.township, v.village, v.notice_status,
           v.needs_approval = 1 AND v.approved_at IS NULL,
           v.override_reason IS NOT NULL AND v.overridden_by IS NOT NULL,
           (SELECT group_concat(s.staff_id) FROM visit_staff s WHERE s.visit_id = v.id)
    FROM visits v INDEXED BY visits_date
    LEFT JOIN borrowers b INDEXED BY borrowers_name_by_id ON b.id = v.borrower_id
    WHERE ${where.join(' AND ')}
    ORDER BY v.date, v.start_time, v.id`;
  const rows = rawRows(db, text, params) as CalendarSqlRow[];
  // Read by index, not by destructuring: a pattern with a rest element walks each row through
  // the iterator protocol. Timed alone on a month's 9,204 rows at full scale: 8.1–8.5 ms that
  // way, 2.4–2.5 ms this way. The whole call barely moves: young-generation collections of the
  // rows' strings and objects are most of what it costs over its bare statement.
  return rows.map((row) => ({
    id: row[0],
    date: row[1],
    start: row[2],
    end: row[3],
    status: row[4],
    purpose: row[5],
    borrowerId: row[6],
    borrowerName: row[7] ?? '',
    township: row[8],
    village: row[9],
    staffIds: row[13] ? row[13].split(',').map(Number) : [],
    noticeStatus: row[10],
    awaitingApproval: row[11] === 1,
    overridden: row[12] === 1,
  }));
}

/** PostgreSQL: the same rows through the builder, staff ids aggregated per visit. */
async function calendarRowsPostgres(db: Kysely<DB>, input: CalendarInput): Promise<CalendarRow[]> {
  let query = db
    .selectFrom('visits as v')
    .leftJoin('borrowers as b', 'b.id', 'v.borrower_id')
    .select((eb) => [
      'v.id',
      'v.date',
      'v.start_time',
      'v.end_time',
      'v.status',
      'v.purpose',
      'v.borrower_id',
      'b.name',
      'v.township',
      'v.village',
      'v.notice_status',
      'v.needs_approval',
      'v.approved_at',
      'v.override_reason',
      'v.overridden_by',
      eb
        .selectFrom('visit_staff as s')
        .select(
          sql<string>`string_agg(CAST(s.staff_id AS text), ',' ORDER BY s.staff_id)`.as('ids'),
        )
        .whereRef('s.visit_id', '=', 'v.id')
        .as('staff_ids'),
    ])
    .where('v.date', '>=', input.from)
    .where('v.date', '<=', input.to);
  const staffIds = input.staffIds;
  if (staffIds?.length) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('visit_staff as f')
          .select('f.visit_id')
          .whereRef('f.visit_id', '=', 'v.id')
          .where('f.staff_id', 'in', staffIds),
      ),
    );
  }
  if (input.township) query = query.where('v.township', '=', input.township);
  if (input.statuses?.length) query = query.where('v.status', 'in', input.statuses);
  const rows = await query.orderBy('v.date').orderBy('v.start_time').orderBy('v.id').execute();
  return rows.map((row) => ({
    id: row.id,
    date: row.date,
    start: row.start_time,
    end: row.end_time,
    status: row.status,
    purpose: row.purpose,
    borrowerId: row.borrower_id,
    borrowerName: row.name ?? '',
    township: row.township,
    village: row.village,
    staffIds: row.staff_ids ? row.staff_ids.split(',').map(Number) : [],
    noticeStatus: row.notice_status,
    awaitingApproval: readFlag(row.needs_approval) && row.approved_at === null,
    overridden: row.override_reason !== null && row.overridden_by !== null,
  }));
}

/** What the route order needs to know of a visit. */
interface RouteStop {
  id: number;
  start: string;
  routeOrder: number | null;
  township: string;
  village: string;
}

/**
 * The one order of a day's stops, wherever they appear: the day-route screen, the route sheet
 * and a day's batch of visit notices. Visits by time (then planned route order, then id), then
 * grouped by township and village in the order the officers first reach them; within a
 * village, in visiting order.
 */
export function inRouteOrder<T extends RouteStop>(visits: readonly T[]): T[] {
  const byTime = [...visits].sort(
    (a, b) =>
      a.start.localeCompare(b.start) ||
      (a.routeOrder ?? Number.MAX_SAFE_INTEGER) - (b.routeOrder ?? Number.MAX_SAFE_INTEGER) ||
      a.id - b.id,
  );
  const townships = new Map<string, Map<string, T[]>>();
  for (const visit of byTime) {
    let villages = townships.get(visit.township);
    if (!villages) townships.set(visit.township, (villages = new Map()));
    let stops = villages.get(visit.village);
    if (!stops) villages.set(visit.village, (stops = []));
    stops.push(visit);
  }
  return [...townships.values()].flatMap((villages) => [...villages.values()].flat());
}

/**
 * The day's visits of one or two officers, grouped by township and village in route order
 * (inRouteOrder): groups in the order the pair reaches them, visits within a village in
 * visiting order.
 */
export async function dayRoute(
  db: Kysely<DB>,
  date: string,
  staffIds: readonly number[],
): Promise<DayRoute> {
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name'])
    .where('id', 'in', [...staffIds])
    .orderBy('staff_no')
    .execute();
  if (staff.length !== staffIds.length) throw new AppFailure('NOT_FOUND', 'unknown staff');
  const ids = (
    await db
      .selectFrom('visits')
      .select('id')
      .where('date', '=', date)
      .where('status', 'in', countingStatuses)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('visit_staff')
            .select('visit_staff.visit_id')
            .whereRef('visit_staff.visit_id', '=', 'visits.id')
            .where('visit_staff.staff_id', 'in', [...staffIds]),
        ),
      )
      .execute()
  ).map((r) => r.id);
  const townships: DayRoute['townships'] = [];
  for (const visit of inRouteOrder(await loadVisitDetails(db, ids))) {
    let township = townships.find((t) => t.township === visit.township);
    if (!township) {
      township = { township: visit.township, villages: [] };
      townships.push(township);
    }
    let village = township.villages.find((v) => v.village === visit.village);
    if (!village) {
      village = { village: visit.village, visits: [] };
      township.villages.push(village);
    }
    village.visits.push(visit);
  }
  return {
    date,
    staff: staff.map((s) => ({ id: s.id, staffNo: s.staff_no, name: s.name })),
    townships,
  };
}

const visitRowQuery = (db: Kysely<DB>, id: number) =>
  db.selectFrom('visits').selectAll().where('id', '=', id);

export type OpenVisitRow = InferResult<ReturnType<typeof visitRowQuery>>[number];

function openOrRefuse(row: OpenVisitRow | undefined, id: number): OpenVisitRow {
  if (!row) throw new AppFailure('NOT_FOUND', `no visit ${id}`);
  if (row.status !== 'planned' && row.status !== 'notified') {
    throw new AppFailure('CONFLICT', `visit ${id} is ${row.status} and can no longer change`);
  }
  return row;
}

/** The visit's row while it can still change (planned or notified), on the engine. */
export async function loadOpenVisit(db: Kysely<DB>, id: number): Promise<OpenVisitRow> {
  return openOrRefuse(await visitRowQuery(db, id).executeTakeFirst(), id);
}
