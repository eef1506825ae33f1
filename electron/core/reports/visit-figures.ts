import type { Sqlite } from '../db/sqlite';
import { statement } from '../db/query';
import type { MonthRange } from './month';
import { weekStarts } from './month';
import { EFFECTIVE_RECORDS, MONTH_VISITS, params, tallyQuery, type Tally } from './tally';

/** Visit figures: counts by status, what the records say, overrides (definitions.ts). */

/*
 * CROSS JOIN keeps the month's few thousand visits (or their records) on the outside of the
 * staff join: left to itself the planner scanned every visit_staff row of ten years (2,000,000
 * at full scale, ~100 ms per query) and probed the month's visits with a Bloom filter.
 */
const COUNTS = `
  WITH ${MONTH_VISITS}
  SELECT NULL AS staff_id, ${countColumns('mv')} FROM mv
  UNION ALL
  SELECT s.staff_id, ${countColumns('mv')} FROM mv CROSS JOIN visit_staff s ON s.visit_id = mv.id
  GROUP BY s.staff_id`;

function countColumns(t: string) {
  return `count(*) AS visitsPlanned,
    count(*) FILTER (WHERE ${t}.status = 'done') AS visitsDone,
    count(*) FILTER (WHERE ${t}.status = 'not_done') AS visitsNotDone,
    count(*) FILTER (WHERE ${t}.status = 'cancelled') AS visitsCancelled,
    count(*) FILTER (WHERE ${t}.status <> 'cancelled') AS visitsDue,
    count(*) FILTER (WHERE ${t}.status IN ('planned', 'notified')) AS visitsOpen,
    count(*) FILTER (WHERE ${t}.override_reason IS NOT NULL AND ${t}.overridden_by IS NOT NULL)
      AS visitsOverridden,
    count(*) FILTER (WHERE ${t}.override_self_approved = 1) AS overridesSelfApproved`;
}

const recordColumns = `count(*) AS visitsCarriedOut,
  count(*) FILTER (WHERE eff.met <> 'nobody') AS contacts,
  count(*) FILTER (WHERE eff.met = 'borrower') AS rightPartyContacts`;

const RECORDS = `
  WITH ${MONTH_VISITS}, ${EFFECTIVE_RECORDS}
  SELECT NULL AS staff_id, ${recordColumns} FROM eff
  UNION ALL
  SELECT s.staff_id, ${recordColumns} FROM eff CROSS JOIN visit_staff s ON s.visit_id = eff.visit_id
  GROUP BY s.staff_id`;

/**
 * Override decisions found through the audit index (entity, entity_id) from the month's visits
 * (kept outside, or the planner walks every audit row about any visit).
 */
const OVERRIDES = `
  WITH ov AS MATERIALIZED (
    SELECT v.id AS visit_id, count(*) AS n
    FROM visits v INDEXED BY visits_date
    CROSS JOIN audit_log a ON a.entity = 'visit' AND a.entity_id = CAST(v.id AS TEXT)
    WHERE v.date >= :from AND v.date < :next AND a.action = 'visit.override'
    GROUP BY v.id
  )
  SELECT NULL AS staff_id, coalesce(sum(n), 0) AS ruleOverrides FROM ov
  UNION ALL
  SELECT s.staff_id, sum(ov.n) FROM ov CROSS JOIN visit_staff s ON s.visit_id = ov.visit_id
  GROUP BY s.staff_id`;

export function visitTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  tallyQuery(db, tally, COUNTS, range);
  tallyQuery(db, tally, RECORDS, range);
  tallyQuery(db, tally, OVERRIDES, range);
}

const BY_DAY = `
  WITH ${MONTH_VISITS}
  SELECT date, count(*) AS planned, count(*) FILTER (WHERE status = 'done') AS done
  FROM mv GROUP BY date`;

/** Visits planned and done per Monday-start week (the first week starts on the 1st). */
export function visitsByWeek(db: Sqlite, range: MonthRange) {
  return weeksOf(
    range,
    statement(db, BY_DAY).all(params(range)) as { date: string; planned: number; done: number }[],
  );
}

/** The days' visits summed into the month's weeks. */
export function weeksOf(
  range: MonthRange,
  days: readonly { date: string; planned: number; done: number }[],
) {
  const weeks = weekStarts(range).map((weekStart) => ({ weekStart, planned: 0, done: 0 }));
  for (const day of days) {
    const week = weeks.findLast((w) => w.weekStart <= day.date);
    if (!week) continue;
    week.planned += day.planned;
    week.done += day.done;
  }
  return weeks;
}

const OUTCOMES = `
  WITH ${MONTH_VISITS}, ${EFFECTIVE_RECORDS}
  SELECT outcome, count(*) AS count FROM eff GROUP BY outcome ORDER BY count DESC, outcome`;

export function outcomeCounts(db: Sqlite, range: MonthRange) {
  return statement(db, OUTCOMES).all(params(range)) as { outcome: string; count: number }[];
}
