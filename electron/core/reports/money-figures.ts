import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';
import { EFFECTIVE_RECORDS, MONTH_VISITS, tallyQuery, type Tally } from './tally';

/** Promises to pay, money collected against the target, repayment plans approved (definitions.ts). */

/**
 * Promises of the month's visits' records, originals and amendments alike (a correction that
 * repeats a promise keeps it on the original record). CROSS JOIN keeps the month's visits
 * outside (otherwise the planner scanned every amendment ever made, and every visit_staff row,
 * probing the month's visits through a Bloom filter).
 *
 * Who promised is whoever the visit's effective record says was met. The PTP rate's numerator
 * is per visit (a right-party contact with at least one standing promise), so it can never
 * exceed the right-party contacts it is divided by, however many promise rows a visit has.
 */
const MADE = `
  WITH ${MONTH_VISITS}, ${EFFECTIVE_RECORDS},
  pm AS MATERIALIZED (
    SELECT mv.id AS visit_id, p.amount_fen
    FROM mv CROSS JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
    CROSS JOIN promises p INDEXED BY promises_record ON p.visit_record_id = o.id
    WHERE p.status <> 'superseded'
    UNION ALL
    SELECT mv.id, p.amount_fen
    FROM mv CROSS JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
    CROSS JOIN visit_records a ON a.amends = o.id
    CROSS JOIN promises p INDEXED BY promises_record ON p.visit_record_id = a.id
    WHERE p.status <> 'superseded'
  ),
  pv AS MATERIALIZED (
    SELECT pm.visit_id, eff.met, count(*) AS n, sum(pm.amount_fen) AS fen
    FROM pm JOIN eff ON eff.visit_id = pm.visit_id
    GROUP BY pm.visit_id
  )
  SELECT NULL AS staff_id, ${promiseColumns('pv')} FROM pv
  UNION ALL
  SELECT s.staff_id, ${promiseColumns('pv')}
  FROM pv CROSS JOIN visit_staff s ON s.visit_id = pv.visit_id
  GROUP BY s.staff_id`;

function promiseColumns(t: string) {
  const relative = `${t}.met IN ('spouse', 'family')`;
  return `coalesce(sum(${t}.n), 0) AS promisesMade, coalesce(sum(${t}.fen), 0) AS promisedFen,
    count(*) FILTER (WHERE ${t}.met = 'borrower') AS ptpContacts,
    coalesce(sum(${t}.n) FILTER (WHERE ${relative}), 0) AS relativePromises,
    coalesce(sum(${t}.fen) FILTER (WHERE ${relative}), 0) AS relativePromisedFen`;
}

const DUE = `
  WITH pd AS MATERIALIZED (
    SELECT r.visit_id, p.status FROM promises p INDEXED BY promises_due
    JOIN visit_records r ON r.id = p.visit_record_id
    WHERE p.due_on >= :from AND p.due_on < :next AND p.status <> 'superseded'
  )
  SELECT NULL AS staff_id, count(*) AS promisesDue,
         count(*) FILTER (WHERE status = 'kept') AS promisesKept FROM pd
  UNION ALL
  SELECT s.staff_id, count(*), count(*) FILTER (WHERE pd.status = 'kept')
  FROM pd CROSS JOIN visit_staff s ON s.visit_id = pd.visit_id GROUP BY s.staff_id`;

const COLLECTED = `
  WITH done AS MATERIALIZED (
    SELECT id FROM visits INDEXED BY visits_date
    WHERE date >= :from AND date < :next AND status = 'done'
  ),
  loans_visited AS (SELECT DISTINCT l.loan_id FROM done JOIN visit_loans l ON l.visit_id = done.id),
  staff_loans AS (
    SELECT DISTINCT s.staff_id, l.loan_id
    -- CROSS JOIN keeps the month's visits on the outside: left to itself the planner scanned
    -- all 2,000,000 visit_staff rows (757 ms at full scale; 45 ms this way, same answer).
    FROM done CROSS JOIN visit_staff s ON s.visit_id = done.id
      CROSS JOIN visit_loans l ON l.visit_id = done.id
  ),
  paid AS MATERIALIZED (
    SELECT loan_id, sum(amount_fen) AS fen FROM payments INDEXED BY payments_paid_on
    WHERE paid_on >= :from AND paid_on < :next GROUP BY loan_id
  )
  SELECT NULL AS staff_id, coalesce(sum(paid.fen), 0) AS collectedFen
  FROM loans_visited JOIN paid ON paid.loan_id = loans_visited.loan_id
  UNION ALL
  SELECT staff_loans.staff_id, sum(paid.fen)
  FROM staff_loans JOIN paid ON paid.loan_id = staff_loans.loan_id GROUP BY staff_loans.staff_id`;

/** A target row marks that a target exists (hasTarget), so 0 differs from "none set". */
const TARGETS = `
  SELECT staff_id, amount_target_fen AS targetFen, 1 AS hasTarget
  FROM monthly_targets WHERE month = :month`;

const PLANS = `
  WITH ap AS MATERIALIZED (
    SELECT proposed_by, self_approved FROM repayment_plans
    WHERE decided_at >= :fromInstant AND decided_at < :nextInstant
      AND status IN ('approved', 'completed', 'broken')
  )
  SELECT NULL AS staff_id, count(*) AS plansApproved,
         count(*) FILTER (WHERE self_approved = 1) AS plansSelfApproved FROM ap
  UNION ALL
  SELECT proposed_by, count(*), count(*) FILTER (WHERE self_approved = 1)
  FROM ap GROUP BY proposed_by`;

export function moneyTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  tallyQuery(db, tally, MADE, range);
  tallyQuery(db, tally, DUE, range);
  tallyQuery(db, tally, COLLECTED, range);
  tallyQuery(db, tally, TARGETS, range);
  tallyQuery(db, tally, PLANS, range);
}
