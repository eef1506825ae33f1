import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import type { MonthRange } from './month';

/**
 * Counts per officer, with the branch under the key `null`. Each figure module runs grouped
 * queries that return one row for the branch (staff_id NULL) and one per officer, so nothing
 * walks the month's rows in JavaScript.
 */
export type Tally = Map<number | null, Record<string, number>>;

export function addRows(tally: Tally, rows: readonly Record<string, unknown>[]): void {
  for (const row of rows) {
    const staffId = row.staff_id === null ? null : Number(row.staff_id);
    const entry = tally.get(staffId) ?? {};
    for (const [key, value] of Object.entries(row)) {
      if (key === 'staff_id') continue;
      entry[key] = (entry[key] ?? 0) + Number(value ?? 0);
    }
    tally.set(staffId, entry);
  }
}

/** Runs a grouped query with the month's named parameters and adds its rows. */
export function tallyQuery(db: Sqlite, tally: Tally, sql: string, range: MonthRange): void {
  addRows(tally, statement(db, sql).all(params(range)) as Record<string, unknown>[]);
}

export function params(range: MonthRange) {
  return {
    month: range.month,
    from: range.from,
    to: range.to,
    next: range.next,
    fromInstant: range.fromInstant,
    nextInstant: range.nextInstant,
  };
}

/**
 * The month's visits: dated in the month, without the rescheduled originals (their
 * replacement visit is the one that counts, so a move is not counted twice).
 */
export const MONTH_VISITS = `
  mv AS MATERIALIZED (
    SELECT id, date, status, override_reason, overridden_by, override_self_approved
    FROM visits INDEXED BY visits_date
    WHERE date >= :from AND date < :next AND status <> 'rescheduled'
  )`;

/** The effective (newest) record of each of the month's visits that has one. */
export const EFFECTIVE_RECORDS = `
  eff AS MATERIALIZED (
    SELECT mv.id AS visit_id, e.met, e.outcome
    FROM mv
    JOIN visit_records o ON o.visit_id = mv.id AND o.amends IS NULL
    JOIN visit_records e ON e.id = coalesce(
      (SELECT max(a.id) FROM visit_records a WHERE a.amends = o.id), o.id)
  )`;
