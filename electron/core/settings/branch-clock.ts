import type { Kysely } from 'kysely';
import { dateIn, DEFAULT_TIME_ZONE } from '../../shared/dates';
import { first, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';

/*
 * The branch's clock: its time zone setting and today's date there. Every "today" of the core
 * (the default as-of of lists and imports, the elderly age, notices, promises) is this one, so
 * a PC whose own zone is not the branch's never moves a day.
 *
 * The query is said once: `load…` run it on the engine (`db`, or a write's `tx`), `branch…`
 * on the connection for the features not on the engine yet (issue 19).
 */

const timeZoneQuery = (db: Kysely<DB>) => db.selectFrom('branch').select('time_zone');

const zoneOf = (row: { time_zone: string } | undefined) => row?.time_zone ?? DEFAULT_TIME_ZONE;

export async function loadBranchTimeZone(db: Kysely<DB>): Promise<string> {
  return zoneOf(await timeZoneQuery(db).executeTakeFirst());
}

/** The date (ISO) it is where the branch is at `now` (the core's injected clock: app.now()). */
export async function loadBranchToday(db: Kysely<DB>, now: Date): Promise<string> {
  return dateIn(await loadBranchTimeZone(db), now);
}

/** `loadBranchTimeZone` on the connection. */
export function branchTimeZone(db: Sqlite): string {
  return zoneOf(first(db, timeZoneQuery(qb)));
}
