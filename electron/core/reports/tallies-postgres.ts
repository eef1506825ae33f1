import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import { createHolidayCalendar } from '../planning/holidays';
import { loadBranchOverrides } from '../planning/rules';
import { receiptTallyRows, type ReceiptStaffRow } from './cash-figures';
import type { MonthRange } from './month';
import { addRows, type Tally } from './tally';

/**
 * The month's counts per officer and for the branch on PostgreSQL: the same grouped queries as
 * SQLite's visit-, money-, complaint-, record-violation-, cash- and waiver-figures.ts (their
 * comments say what each counts and why), in PostgreSQL's words. Flags are booleans; a
 * comparison used as a count is cast to an integer; days are `date`, plan decisions
 * `timestamptz` and receipts' wall-clock `text` (all bound as ISO text, typed by the column
 * they meet); a sum of bigint is numeric, so each is cast back; the figures' camelCase names
 * are quoted. No index is named: PostgreSQL's planner picks the range scans itself.
 */

/** The month's visits without the rescheduled originals (tally.ts MONTH_VISITS). */
export const monthVisits = (range: MonthRange, rescheduledToo = false) => sql`
  mv AS MATERIALIZED (
    SELECT id, date, status, override_reason, overridden_by, override_self_approved
    FROM visits
    WHERE date >= ${range.from} AND date < ${range.next}
      ${rescheduledToo ? sql`` : sql`AND status <> 'rescheduled'`}
  )`;

/**
 * The effective record of each of the month's visits (tally.ts EFFECTIVE_RECORDS): its
 * original record, or the latest correction of it. Written as lookups per visit: the month's
 * visits are a few thousand of the branch's records, and joined plainly the planner hashed the
 * whole visit_records table twice (full scale, records of May: 87–111 ms as joins, 45–65 ms
 * as lookups). LIMIT 1 keeps each lookup one (a visit has one original record, an id one
 * row) and stops the planner from flattening it back into a join.
 */
export const effectiveRecords = sql`
  eff AS MATERIALIZED (
    SELECT mv.id AS visit_id, e.met, e.outcome
    FROM mv
    CROSS JOIN LATERAL (
      SELECT coalesce((SELECT max(a.id) FROM visit_records a WHERE a.amends = o.id), o.id) AS id
      FROM visit_records o WHERE o.visit_id = mv.id AND o.amends IS NULL LIMIT 1) r
    CROSS JOIN LATERAL (
      SELECT e.met, e.outcome FROM visit_records e WHERE e.id = r.id LIMIT 1) e
  )`;

/** A sum of fen or of counts, back to an integer (PostgreSQL's sum of bigint is numeric). */
const total = (expression: string, filter = '') =>
  `CAST(coalesce(sum(${expression})${filter ? ` FILTER (WHERE ${filter})` : ''}, 0) AS bigint)`;

const visitColumns = (t: string) =>
  sql.raw(`count(*) AS "visitsPlanned",
    count(*) FILTER (WHERE ${t}.status = 'done') AS "visitsDone",
    count(*) FILTER (WHERE ${t}.status = 'not_done') AS "visitsNotDone",
    count(*) FILTER (WHERE ${t}.status = 'cancelled') AS "visitsCancelled",
    count(*) FILTER (WHERE ${t}.status <> 'cancelled') AS "visitsDue",
    count(*) FILTER (WHERE ${t}.status IN ('planned', 'notified')) AS "visitsOpen",
    count(*) FILTER (WHERE ${t}.override_reason IS NOT NULL AND ${t}.overridden_by IS NOT NULL)
      AS "visitsOverridden",
    count(*) FILTER (WHERE ${t}.override_self_approved) AS "overridesSelfApproved"`);

const recordColumns = sql.raw(`count(*) AS "visitsCarriedOut",
  count(*) FILTER (WHERE eff.met <> 'nobody') AS "contacts",
  count(*) FILTER (WHERE eff.met = 'borrower') AS "rightPartyContacts"`);

/**
 * A tally's branch row (`staff_id` NULL, over `from`), then, with `perStaff`, the same columns
 * per staff member: grouped by `staffKey` over `staffFrom` (the source joined to the staff it
 * concerns; the source itself where each row names its staff member). Without `perStaff`, the
 * branch row alone: a comparison month's, which figures.ts assembleBranchFigures reads alone.
 */
function branchThenStaff(tally: {
  columns: RawBuilder<unknown>;
  from: string;
  staffKey: string;
  staffFrom?: string;
  perStaff: boolean;
}) {
  const { columns, from, staffKey, staffFrom = from, perStaff } = tally;
  const key = sql.raw(staffKey);
  const staffRows = sql`UNION ALL
    SELECT ${key}, ${columns} FROM ${sql.raw(staffFrom)} GROUP BY ${key}`;
  return sql`SELECT NULL AS staff_id, ${columns} FROM ${sql.raw(from)}
    ${perStaff ? staffRows : sql``}`;
}

/** Per staff member of a visit: the source `t` joined to visit_staff on its visit's id. */
const visitStaff = (t: string, visitId = 'visit_id') => ({
  staffKey: 's.staff_id',
  staffFrom: `${t} JOIN visit_staff s ON s.visit_id = ${t}.${visitId}`,
});

function visitQueries(range: MonthRange, perStaff: boolean) {
  return [
    sql`WITH ${monthVisits(range)}
      ${branchThenStaff({
        columns: visitColumns('mv'),
        from: 'mv',
        ...visitStaff('mv', 'id'),
        perStaff,
      })}`,
    sql`WITH ${monthVisits(range)}, ${effectiveRecords}
      ${branchThenStaff({ columns: recordColumns, from: 'eff', ...visitStaff('eff'), perStaff })}`,
    sql`WITH ov AS MATERIALIZED (
        SELECT v.id AS visit_id, count(*) AS n
        FROM visits v
        JOIN audit_log a ON a.entity = 'visit' AND a.entity_id = CAST(v.id AS text)
        WHERE v.date >= ${range.from} AND v.date < ${range.next} AND a.action = 'visit.override'
        GROUP BY v.id
      )
      ${branchThenStaff({
        columns: sql.raw(`${total('ov.n')} AS "ruleOverrides"`),
        from: 'ov',
        ...visitStaff('ov'),
        perStaff,
      })}`,
  ];
}

const promiseColumns = (t: string) => {
  const relative = `${t}.met IN ('spouse', 'family')`;
  return sql.raw(`${total(`${t}.n`)} AS "promisesMade", ${total(`${t}.fen`)} AS "promisedFen",
    count(*) FILTER (WHERE ${t}.met = 'borrower') AS "ptpContacts",
    ${total(`${t}.n`, relative)} AS "relativePromises",
    ${total(`${t}.fen`, relative)} AS "relativePromisedFen"`);
};

function moneyQueries(range: MonthRange, perStaff: boolean) {
  return [
    sql`WITH ${monthVisits(range)}, ${effectiveRecords},
      pm AS MATERIALIZED (
        SELECT mv.id AS visit_id, p.amount_fen
        FROM mv JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
        JOIN promises p ON p.visit_record_id = o.id
        WHERE p.status <> 'superseded'
        UNION ALL
        SELECT mv.id, p.amount_fen
        FROM mv JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
        JOIN visit_records a ON a.amends = o.id
        JOIN promises p ON p.visit_record_id = a.id
        WHERE p.status <> 'superseded'
      ),
      pv AS MATERIALIZED (
        SELECT pm.visit_id, eff.met, count(*) AS n, sum(pm.amount_fen) AS fen
        FROM pm JOIN eff ON eff.visit_id = pm.visit_id
        GROUP BY pm.visit_id, eff.met
      )
      ${branchThenStaff({
        columns: promiseColumns('pv'),
        from: 'pv',
        ...visitStaff('pv'),
        perStaff,
      })}`,
    sql`WITH pd AS MATERIALIZED (
        SELECT r.visit_id, p.status FROM promises p
        JOIN visit_records r ON r.id = p.visit_record_id
        WHERE p.due_on >= ${range.from} AND p.due_on < ${range.next}
          AND p.status <> 'superseded'
      )
      ${branchThenStaff({
        columns: sql.raw(`count(*) AS "promisesDue",
          count(*) FILTER (WHERE pd.status = 'kept') AS "promisesKept"`),
        from: 'pd',
        ...visitStaff('pd'),
        perStaff,
      })}`,
    sql`WITH done AS MATERIALIZED (
        SELECT id FROM visits
        WHERE date >= ${range.from} AND date < ${range.next} AND status = 'done'
      ),
      loans_visited AS (
        SELECT DISTINCT l.loan_id FROM done JOIN visit_loans l ON l.visit_id = done.id
      ),
      staff_loans AS (
        SELECT DISTINCT s.staff_id, l.loan_id
        FROM done JOIN visit_staff s ON s.visit_id = done.id
        JOIN visit_loans l ON l.visit_id = done.id
      ),
      paid AS MATERIALIZED (
        SELECT loan_id, sum(amount_fen) AS fen FROM payments
        WHERE paid_on >= ${range.from} AND paid_on < ${range.next} GROUP BY loan_id
      )
      ${branchThenStaff({
        columns: sql.raw(`${total('paid.fen')} AS "collectedFen"`),
        from: 'loans_visited JOIN paid ON paid.loan_id = loans_visited.loan_id',
        staffKey: 'staff_loans.staff_id',
        staffFrom: 'staff_loans JOIN paid ON paid.loan_id = staff_loans.loan_id',
        perStaff,
      })}`,
    // Always: the branch's own target is the month's row without a staff member.
    sql`SELECT staff_id, amount_target_fen AS "targetFen", 1 AS "hasTarget"
      FROM monthly_targets WHERE month = ${range.month}`,
    sql`WITH ap AS MATERIALIZED (
        SELECT proposed_by, self_approved FROM repayment_plans
        WHERE decided_at >= ${range.fromInstant} AND decided_at < ${range.nextInstant}
          AND status IN ('approved', 'completed', 'broken')
      )
      ${branchThenStaff({
        columns: sql.raw(`count(*) AS "plansApproved",
          count(*) FILTER (WHERE self_approved) AS "plansSelfApproved"`),
        from: 'ap',
        staffKey: 'proposed_by',
        perStaff,
      })}`,
  ];
}

const complaintColumns = (t: string) =>
  sql.raw(`${total(`${t}.received`)} AS "complaintsReceived",
    ${total(`${t}.closed`)} AS "complaintsClosed",
    ${total(`${t}.open_at_end`)} AS "complaintsOpen"`);

const waiverColumns = sql.raw(`count(*) AS "waiversApproved",
  ${total('waived_fen')} AS "waivedFen",
  count(*) FILTER (WHERE kind = 'penalty') AS "penaltyWaivers",
  ${total('waived_fen', "kind = 'penalty'")} AS "penaltyWaivedFen",
  count(*) FILTER (WHERE kind = 'interest') AS "interestWaivers",
  ${total('waived_fen', "kind = 'interest'")} AS "interestWaivedFen",
  count(*) FILTER (WHERE kind = 'settlement') AS "settlementsApproved",
  ${total('waived_fen', "kind = 'settlement'")} AS "settlementWaivedFen"`);

function officeQueries(range: MonthRange, perStaff: boolean) {
  return [
    sql`WITH cm AS MATERIALIZED (
        SELECT id,
          CAST(received_on >= ${range.from} AS integer) AS received,
          CAST(coalesce(closed_on >= ${range.from} AND closed_on < ${range.next}, false)
            AS integer) AS closed,
          CAST(closed_on IS NULL OR closed_on >= ${range.next} AS integer) AS open_at_end
        FROM complaints
        WHERE received_on < ${range.next} AND (closed_on IS NULL OR closed_on >= ${range.from})
      )
      ${branchThenStaff({
        columns: complaintColumns('cm'),
        from: 'cm',
        staffKey: 's.staff_id',
        staffFrom: 'cm JOIN complaint_staff s ON s.complaint_id = cm.id',
        perStaff,
      })}`,
    sql`WITH ${monthVisits(range)},
      effr AS MATERIALIZED (
        SELECT mv.id AS visit_id,
          coalesce((SELECT max(a.id) FROM visit_records a WHERE a.amends = o.id), o.id)
            AS record_id
        FROM mv JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
      ),
      flagged AS MATERIALIZED (
        SELECT visit_id FROM effr
        WHERE EXISTS (SELECT 1 FROM visit_record_violations rv WHERE rv.record_id = effr.record_id)
      )
      ${branchThenStaff({
        columns: sql.raw(`count(*) AS "recordsWithViolations"`),
        from: 'flagged',
        ...visitStaff('flagged'),
        perStaff,
      })}`,
    sql`WITH od AS MATERIALIZED (
        SELECT officer_id FROM cash_handins
        WHERE handed_in_on < ${range.next} AND counted_fen <> expected_fen
          AND (signed_off_at IS NULL OR signed_off_at >= ${range.nextInstant})
      )
      ${branchThenStaff({
        columns: sql.raw(`count(*) AS "cashOpenDifferences"`),
        from: 'od',
        staffKey: 'officer_id',
        perStaff,
      })}`,
    sql`WITH mw AS MATERIALIZED (
        SELECT kind, waived_fen, proposed_by FROM waivers
        WHERE approved_on >= ${range.from} AND approved_on < ${range.next}
      )
      ${branchThenStaff({
        columns: waiverColumns,
        from: 'mw',
        staffKey: 'proposed_by',
        perStaff,
      })}`,
  ];
}

/**
 * Money taken on the month's visits, judged on time or late with the holiday calendar as on
 * SQLite (cash-figures.ts). `paid_at` is the wall-clock text YYYY-MM-DDTHH:MM, so its first ten
 * characters are the day, and the range compares text. A receipt's payment (one, by its key)
 * and its hand-in (at most one: cash_handin_receipts is unique on the receipt) are looked up
 * per receipt: joined plainly, the planner scanned every payment and every hand-in receipt of
 * the branch for the month's two thousand (full scale, May: 162–178 ms, 95 ms as lookups).
 */
async function cashRowsPostgres(db: Kysely<DB>, range: MonthRange) {
  const calendar = createHolidayCalendar(await loadBranchOverrides(db));
  const { rows } = await sql<ReceiptStaffRow>`
    WITH mr AS MATERIALIZED (
      SELECT r.id, r.visit_record_id, left(r.paid_at, 10) AS day, p.amount_fen
      FROM receipts r
      CROSS JOIN LATERAL (
        SELECT p.amount_fen FROM payments p WHERE p.id = r.payment_id LIMIT 1) p
      WHERE r.paid_at >= ${range.from} AND r.paid_at < ${range.next}
    )
    SELECT mr.id, mr.day, mr.amount_fen, s.staff_id, h.handed_in_on
    FROM mr
    JOIN visit_record_staff s ON s.record_id = mr.visit_record_id
    LEFT JOIN LATERAL (
      SELECT h.handed_in_on FROM cash_handin_receipts c JOIN cash_handins h ON h.id = c.handin_id
      WHERE c.receipt_id = mr.id LIMIT 1) h ON true`.execute(db);
  return receiptTallyRows(calendar, range, rows);
}

/**
 * Every tally of the month (figures.ts visitAndMoneyTally), on PostgreSQL. The queries are
 * independent, so they are sent at once: on the engine's pool they run side by side, on a
 * transaction one after another on its connection. With `perStaff` false, the branch's rows
 * alone (a comparison month's).
 */
export async function monthTallyPostgres(
  db: Kysely<DB>,
  range: MonthRange,
  perStaff = true,
): Promise<Tally> {
  const queries: RawBuilder<unknown>[] = [
    ...visitQueries(range, perStaff),
    ...moneyQueries(range, perStaff),
    ...officeQueries(range, perStaff),
  ];
  const found = await Promise.all([
    ...queries.map(async (query) => (await query.execute(db)).rows as Record<string, unknown>[]),
    cashRowsPostgres(db, range),
  ]);
  const tally: Tally = new Map();
  for (const rows of found) addRows(tally, rows);
  return tally;
}

/** Visits planned and done per day of the month (visit-figures.ts visitsByWeek's days). */
export async function visitDaysPostgres(db: Kysely<DB>, range: MonthRange) {
  const { rows } = await sql<{ date: string; planned: number; done: number }>`
    WITH ${monthVisits(range)}
    SELECT date, count(*) AS planned, count(*) FILTER (WHERE status = 'done') AS done
    FROM mv GROUP BY date`.execute(db);
  return rows;
}

/** The effective records' outcomes, most first, then by code point as SQLite orders text. */
export async function outcomeCountsPostgres(db: Kysely<DB>, range: MonthRange) {
  const { rows } = await sql<{ outcome: string; count: number }>`
    WITH ${monthVisits(range)}, ${effectiveRecords}
    SELECT outcome, count(*) AS count FROM eff
    GROUP BY outcome ORDER BY count DESC, outcome COLLATE "C"`.execute(db);
  return rows;
}
