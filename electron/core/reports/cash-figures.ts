import type { Sqlite } from '../db/sqlite';
import { createHolidayCalendar, type HolidayCalendar } from '../planning/holidays';
import { branchOverrides } from '../planning/rules';
import { handInDueBy } from '../records/cash';
import type { MonthRange } from './month';
import { addRows, params, type Tally } from './tally';

/**
 * Visit money and its hand-in (definitions.ts): money taken on the month's visits (receipts,
 * by the local day taken), receipts handed in late (after the next working day, or not yet
 * handed in although due before the month's last day), and hand-ins with a difference the
 * manager had not signed off by the month's end. Per officer, a receipt counts for everyone
 * who went on its visit (as the other per-officer figures count a visit); a hand-in counts for
 * the officer who handed it in. The due day needs the holiday calendar, so the month's receipts
 * (a few hundred at most) are judged here rather than in SQL.
 */

const RECEIPTS = `
  WITH mr AS MATERIALIZED (
    SELECT r.id, r.visit_record_id, substr(r.paid_at, 1, 10) AS day, p.amount_fen
    FROM receipts r INDEXED BY receipts_paid_at
    JOIN payments p ON p.id = r.payment_id
    WHERE r.paid_at >= :from AND r.paid_at < :next
  )
  SELECT mr.id, mr.day, mr.amount_fen, s.staff_id, h.handed_in_on
  FROM mr
  JOIN visit_record_staff s ON s.record_id = mr.visit_record_id
  LEFT JOIN cash_handin_receipts c ON c.receipt_id = mr.id
  LEFT JOIN cash_handins h ON h.id = c.handin_id`;

const OPEN_DIFFERENCES = `
  WITH od AS MATERIALIZED (
    SELECT officer_id FROM cash_handins
    WHERE handed_in_on < :next AND counted_fen <> expected_fen
      AND (signed_off_at IS NULL OR signed_off_at >= :nextInstant)
  )
  SELECT NULL AS staff_id, count(*) AS cashOpenDifferences FROM od
  UNION ALL
  SELECT officer_id, count(*) FROM od GROUP BY officer_id`;

/** A receipt of the month, once per staff member on its visit's record. */
export interface ReceiptStaffRow {
  id: number;
  day: string;
  amount_fen: number;
  staff_id: number;
  handed_in_on: string | null;
}

/** The receipts judged on time or late: rows for the tally, per officer and for the branch. */
export function receiptTallyRows(
  calendar: HolidayCalendar,
  range: MonthRange,
  rows: readonly ReceiptStaffRow[],
): Record<string, unknown>[] {
  const branch = new Map<number, { fen: number; late: boolean }>();
  const out: Record<string, unknown>[] = [];
  for (const r of rows) {
    const dueBy = handInDueBy(calendar, r.day);
    const late = r.handed_in_on === null ? dueBy < range.to : r.handed_in_on > dueBy;
    branch.set(r.id, { fen: r.amount_fen, late });
    out.push({ staff_id: r.staff_id, cashCollectedFen: r.amount_fen, cashHandedInLate: +late });
  }
  for (const { fen, late } of branch.values()) {
    out.push({ staff_id: null, cashCollectedFen: fen, cashHandedInLate: +late });
  }
  return out;
}

export function cashTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  const calendar = createHolidayCalendar(branchOverrides(db));
  const rows = db.prepare(RECEIPTS).all(params(range)) as ReceiptStaffRow[];
  addRows(tally, receiptTallyRows(calendar, range, rows));
  addRows(tally, db.prepare(OPEN_DIFFERENCES).all(params(range)) as Record<string, unknown>[]);
}
