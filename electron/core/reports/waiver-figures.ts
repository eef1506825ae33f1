import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';
import { tallyQuery, type Tally } from './tally';

/**
 * Waivers and settlements (definitions.ts): proposals whose second approval fell in the month
 * (branch calendar), by kind, with the amounts waived in fen. A settlement that lapsed later
 * still counts in the month it was approved (the approval is the month's decision; a closed
 * month's figures do not move). Per officer, a proposal counts for who proposed it.
 */

const COLUMNS = `
  count(*) AS waiversApproved,
  coalesce(sum(waived_fen), 0) AS waivedFen,
  coalesce(sum(kind = 'penalty'), 0) AS penaltyWaivers,
  coalesce(sum(CASE WHEN kind = 'penalty' THEN waived_fen END), 0) AS penaltyWaivedFen,
  coalesce(sum(kind = 'interest'), 0) AS interestWaivers,
  coalesce(sum(CASE WHEN kind = 'interest' THEN waived_fen END), 0) AS interestWaivedFen,
  coalesce(sum(kind = 'settlement'), 0) AS settlementsApproved,
  coalesce(sum(CASE WHEN kind = 'settlement' THEN waived_fen END), 0) AS settlementWaivedFen`;

const APPROVED = `
  WITH mw AS MATERIALIZED (
    SELECT kind, waived_fen, proposed_by FROM waivers
    WHERE approved_on >= :from AND approved_on < :next
  )
  SELECT NULL AS staff_id, ${COLUMNS} FROM mw
  UNION ALL
  SELECT proposed_by, ${COLUMNS} FROM mw GROUP BY proposed_by`;

export function waiverTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  tallyQuery(db, tally, APPROVED, range);
}
