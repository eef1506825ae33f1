import {
  defaultPlanningRules,
  NOTICE_MIN_HOURS,
  planningRulesSchema,
  type PlanningRules,
} from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import { all, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { loadJsonSetting, readJsonSetting, saveJsonSetting } from '../settings/json-settings';
import type { ComplianceContext } from './compliance';
import { datesFromTo } from '../../shared/dates';
import {
  createHolidayCalendar,
  hasOfficialArrangement,
  type BranchDayOverride,
  type DayInfo,
} from './holidays';
import { loadBranchTimeZone } from '../settings/branch-clock';

/** The branch's rule settings: one JSON value in `settings`, defaults from DOMAIN.md. */
export const RULES_KEY = 'planningRules';

/*
 * Each read is said once: `load…` runs on the engine (`db`, or a write's `tx`), `read…` and
 * `branchOverrides` on the connection for the features not on the engine yet (issue 19).
 */

/** The branch's rules on the engine. */
export async function loadRules(db: Kysely<DB>): Promise<PlanningRules> {
  return rulesFrom(await loadJsonSetting(db, 'settings', RULES_KEY));
}

/** `loadRules` on the connection. */
export function readRules(db: Sqlite): PlanningRules {
  return rulesFrom(readJsonSetting(db, 'settings', RULES_KEY));
}

function rulesFrom(value: unknown): PlanningRules {
  const stored = value as Partial<PlanningRules> | undefined;
  if (stored === undefined) return defaultPlanningRules;
  // Fill settings added in later versions from the defaults; a stored value that no longer
  // passes (it cannot, the schema guarded the write) falls back to the defaults entirely.
  // Since notice first means 24 hours (issue 15), a shorter period saved before is raised to it
  // rather than throwing away the branch's other settings.
  const notice =
    typeof stored.noticeMinHours === 'number'
      ? { noticeMinHours: Math.max(NOTICE_MIN_HOURS, stored.noticeMinHours) }
      : {};
  const parsed = planningRulesSchema.safeParse({
    ...defaultPlanningRules,
    ...stored,
    ...notice,
  });
  return parsed.success ? parsed.data : defaultPlanningRules;
}

export async function updateRules(app: Visitdesk, next: PlanningRules): Promise<PlanningRules> {
  return app.write(async (tx) => {
    const before = await loadRules(tx);
    await saveJsonSetting(tx, 'settings', RULES_KEY, next);
    await app.record(tx, {
      action: 'planning.rules.update',
      entity: 'settings',
      entityId: RULES_KEY,
      before,
      after: next,
    });
    return next;
  });
}

const overridesQuery = (db: Kysely<DB>) =>
  db.selectFrom('branch_holidays').select(['date', 'kind', 'note']).orderBy('date');

/** The branch's own holidays and working days, on the engine. */
export async function loadBranchOverrides(db: Kysely<DB>): Promise<BranchDayOverride[]> {
  return overridesQuery(db).execute();
}

/** `loadBranchOverrides` on the connection. */
export function branchOverrides(db: Sqlite): BranchDayOverride[] {
  return all(db, overridesQuery(qb));
}

/** Everything the engine needs besides the visit's own facts, read on `db` (or a write's `tx`). */
export async function complianceContext(
  app: Visitdesk,
  db: Kysely<DB>,
): Promise<ComplianceContext> {
  return {
    rules: await loadRules(db),
    calendar: createHolidayCalendar(await loadBranchOverrides(db)),
    timeZone: await loadBranchTimeZone(db),
    now: app.now(),
  };
}

/** Holidays, swap working days and branch overrides between two dates. */
export async function holidaysBetween(db: Kysely<DB>, from: string, to: string) {
  const overrides = await loadBranchOverrides(db);
  const calendar = createHolidayCalendar(overrides);
  const days: DayInfo[] = [];
  for (const date of datesFromTo(from, to, 732)) {
    const day = calendar.day(date);
    if (day.kind === 'holiday' || day.swapWorkday || day.source === 'branch') days.push(day);
  }
  const estimatedYears: number[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    if (!hasOfficialArrangement(year)) estimatedYears.push(year);
  }
  return { days, overrides, estimatedYears };
}

/**
 * Adds, changes or removes the branch's own day. Changed as an UPDATE, else an INSERT:
 * PostgreSQL's key is the branch's and the date (no ON CONFLICT target both engines share),
 * and inside the write nothing comes between the two.
 */
export async function setBranchHoliday(
  app: Visitdesk,
  input: { date: string; kind: 'holiday' | 'workday' | null; note: string },
) {
  return app.write(async (tx) => {
    const before =
      (await overridesQuery(tx).where('date', '=', input.date).executeTakeFirst()) ?? null;
    if (input.kind === null) {
      if (!before) throw new AppFailure('NOT_FOUND', `no branch override on ${input.date}`);
      await tx.deleteFrom('branch_holidays').where('date', '=', input.date).execute();
    } else if (before) {
      await tx
        .updateTable('branch_holidays')
        .set({ kind: input.kind, note: input.note })
        .where('date', '=', input.date)
        .execute();
    } else {
      await tx
        .insertInto('branch_holidays')
        .values({
          date: input.date,
          kind: input.kind,
          note: input.note,
          created_by: app.session?.staffId ?? null,
          created_at: app.now().toISOString(),
        })
        .execute();
    }
    const after =
      input.kind === null ? null : { date: input.date, kind: input.kind, note: input.note };
    await app.record(tx, {
      action: 'planning.holiday.set',
      entity: 'branch_holidays',
      entityId: input.date,
      before,
      after,
    });
    return holidaysBetween(tx, input.date, input.date);
  });
}
