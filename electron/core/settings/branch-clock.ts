import { dateIn, DEFAULT_TIME_ZONE } from '../../shared/dates';
import { first, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/**
 * The branch's clock: its time zone setting and today's date there. Every "today" of the core
 * (the default as-of of lists and imports, the elderly age, notices, promises) is this one, so
 * a PC whose own zone is not the branch's never moves a day.
 */
export function branchTimeZone(db: Sqlite): string {
  const row = first(db, qb.selectFrom('branch').select('time_zone'));
  return row?.time_zone ?? DEFAULT_TIME_ZONE;
}

/** The date (ISO) it is where the branch is at `now` (the core's injected clock: app.now()). */
export function branchToday(db: Sqlite, now: Date): string {
  return dateIn(branchTimeZone(db), now);
}
