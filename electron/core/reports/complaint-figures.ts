import type { DrilldownOutput } from '../../shared/schemas/reports';
import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';
import { tallyQuery, type Tally } from './tally';

/**
 * Complaint figures (definitions.ts): received in the month, closed in the month, and open at
 * its end (received by its last day, not closed by then), by the branch calendar. Per officer,
 * a complaint counts for every staff member it concerns (complaint_staff: those named, or the
 * staff of the visit it names); one that names nobody counts for the branch only.
 */

const COLUMNS = (t: string) => `
  coalesce(sum(${t}.received), 0) AS complaintsReceived,
  coalesce(sum(${t}.closed), 0) AS complaintsClosed,
  coalesce(sum(${t}.open_at_end), 0) AS complaintsOpen`;

/** The complaints that touch the month: received before its end and not closed before it. */
const COUNTS = `
  WITH cm AS MATERIALIZED (
    SELECT id,
      received_on >= :from AS received,
      coalesce(closed_on >= :from AND closed_on < :next, 0) AS closed,
      (closed_on IS NULL OR closed_on >= :next) AS open_at_end
    FROM complaints
    WHERE received_on < :next AND (closed_on IS NULL OR closed_on >= :from)
  )
  SELECT NULL AS staff_id, ${COLUMNS('cm')} FROM cm
  UNION ALL
  SELECT s.staff_id, ${COLUMNS('cm')} FROM cm CROSS JOIN complaint_staff s ON s.complaint_id = cm.id
  GROUP BY s.staff_id`;

export function complaintTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  tallyQuery(db, tally, COUNTS, range);
}

type Column = DrilldownOutput['columns'][number];
const col = (key: string, zh: string, en: string, type: Column['type'] = 'text'): Column => ({
  key,
  label: { zh, en },
  type,
});

export const complaintColumns: Column[] = [
  col('id', '编号', 'No.', 'int'),
  col('receivedOn', '收到日期', 'Received', 'date'),
  col('borrower', '借款人', 'Borrower'),
  col('complainant', '投诉人', 'Complainant'),
  col('complainantName', '投诉人姓名', "Complainant's name"),
  col('complaintChannel', '渠道', 'Channel'),
  col('staff', '涉及员工', 'Staff concerned'),
  col('summary', '投诉内容', 'What it says'),
  col('closedOn', '结案日期', 'Closed', 'date'),
  col('complaintOutcome', '处理结果', 'Outcome'),
];

const complaintWhere: Record<string, string> = {
  complaintsReceived: 'c.received_on >= :from AND c.received_on < :next',
  complaintsClosed: 'c.closed_on >= :from AND c.closed_on < :next',
  complaintsOpen: 'c.received_on < :next AND (c.closed_on IS NULL OR c.closed_on >= :next)',
};

export const isComplaintFigure = (figure: string) => Object.hasOwn(complaintWhere, figure);

/** The list behind a complaint figure (null for any other figure). */
export function complaintList(figure: string): string | null {
  const where = complaintWhere[figure];
  if (!where) return null;
  return `
    SELECT c.id, c.received_on AS receivedOn, b.name AS borrower,
      c.complainant, c.complainant_name AS complainantName,
      c.channel AS complaintChannel,
      (SELECT group_concat(s.name, '、') FROM complaint_staff x JOIN staff s ON s.id = x.staff_id
        WHERE x.complaint_id = c.id) AS staff,
      c.summary, c.closed_on AS closedOn, c.outcome AS complaintOutcome
    FROM complaints c JOIN borrowers b ON b.id = c.borrower_id
    WHERE (${where})
      AND (:officer IS NULL OR EXISTS (SELECT 1 FROM complaint_staff x
        WHERE x.complaint_id = c.id AND x.staff_id = :officer))
    ORDER BY c.received_on, c.id`;
}
