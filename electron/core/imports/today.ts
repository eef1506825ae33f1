import { first, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/**
 * Today's date where the branch is (its time zone setting), as ISO: the default as-of date of
 * an import, and the day resident IDs' birth dates are checked against.
 */
export function branchToday(db: Sqlite, now: Date): string {
  const row = first(db, qb.selectFrom('branch').select('time_zone'));
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: row?.time_zone ?? 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
