import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';
import { MONTH_VISITS, tallyQuery, type Tally } from './tally';

/**
 * Visit records that broke a rule (issue 15, definitions.ts `recordsWithViolations`): the
 * month's visits whose effective record (the latest correction) carries at least one
 * violation from the re-check at recording (records/recheck.ts). Per officer, like every
 * visit figure, for each staff member planned on the visit.
 */

/** The effective record of each of the month's visits that has one, by its id. */
const EFFECTIVE_RECORD_IDS = `
  effr AS MATERIALIZED (
    SELECT mv.id AS visit_id,
      coalesce((SELECT max(a.id) FROM visit_records a WHERE a.amends = o.id), o.id) AS record_id
    FROM mv JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
  )`;

/** SQL true for a visit (`visitId` names its id) whose effective record broke a rule. */
export const breaksARule = (visitId: string) => `EXISTS (
  SELECT 1 FROM visit_records o
  JOIN visit_record_violations rv ON rv.record_id =
    coalesce((SELECT max(a.id) FROM visit_records a WHERE a.amends = o.id), o.id)
  WHERE o.visit_id = ${visitId} AND o.amends IS NULL)`;

const COUNTS = `
  WITH ${MONTH_VISITS}, ${EFFECTIVE_RECORD_IDS},
  flagged AS MATERIALIZED (
    SELECT visit_id FROM effr
    WHERE EXISTS (SELECT 1 FROM visit_record_violations rv WHERE rv.record_id = effr.record_id)
  )
  SELECT NULL AS staff_id, count(*) AS recordsWithViolations FROM flagged
  UNION ALL
  SELECT s.staff_id, count(*) FROM flagged CROSS JOIN visit_staff s ON s.visit_id = flagged.visit_id
  GROUP BY s.staff_id`;

export function recordViolationTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  tallyQuery(db, tally, COUNTS, range);
}
