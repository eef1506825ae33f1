import {
  defaultPlanningRules,
  NOTICE_MIN_HOURS,
  planningRulesSchema,
  type PlanningRules,
} from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { readJsonSetting, writeJsonSetting } from '../settings/json-settings';
import type { ComplianceContext } from './compliance';
import { datesFromTo } from '../../shared/dates';
import { createHolidayCalendar, hasOfficialArrangement, type DayInfo } from './holidays';
import { branchTimeZone } from '../settings/branch-clock';

/** The branch's rule settings: one JSON value in `settings`, defaults from DOMAIN.md. */
export const RULES_KEY = 'planningRules';

export function readRules(db: Sqlite): PlanningRules {
  const stored = readJsonSetting(db, 'settings', RULES_KEY) as Partial<PlanningRules> | undefined;
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

export function updateRules(app: Visitdesk, next: PlanningRules): PlanningRules {
  return app.db.transaction(() => {
    const before = readRules(app.db);
    writeJsonSetting(app.db, 'settings', RULES_KEY, next);
    app.audit({
      action: 'planning.rules.update',
      entity: 'settings',
      entityId: RULES_KEY,
      before,
      after: next,
    });
    return next;
  })();
}

export function branchOverrides(db: Sqlite) {
  return all(db, qb.selectFrom('branch_holidays').select(['date', 'kind', 'note']).orderBy('date'));
}

/** Everything the engine needs besides the visit's own facts. */
export function complianceContext(app: Visitdesk): ComplianceContext {
  return {
    rules: readRules(app.db),
    calendar: createHolidayCalendar(branchOverrides(app.db)),
    timeZone: branchTimeZone(app.db),
    now: app.now(),
  };
}

/** Holidays, swap working days and branch overrides between two dates. */
export function holidaysBetween(db: Sqlite, from: string, to: string) {
  const overrides = branchOverrides(db);
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

export function setBranchHoliday(
  app: Visitdesk,
  input: { date: string; kind: 'holiday' | 'workday' | null; note: string },
) {
  return app.db.transaction(() => {
    const before =
      first(
        app.db,
        qb
          .selectFrom('branch_holidays')
          .select(['date', 'kind', 'note'])
          .where('date', '=', input.date),
      ) ?? null;
    if (input.kind === null) {
      if (!before) throw new AppFailure('NOT_FOUND', `no branch override on ${input.date}`);
      run(app.db, qb.deleteFrom('branch_holidays').where('date', '=', input.date));
    } else {
      const values = {
        date: input.date,
        kind: input.kind,
        note: input.note,
        created_by: app.session?.staffId ?? null,
        created_at: app.now().toISOString(),
      };
      run(
        app.db,
        qb
          .insertInto('branch_holidays')
          .values(values)
          .onConflict((oc) =>
            oc.column('date').doUpdateSet({ kind: values.kind, note: values.note }),
          ),
      );
    }
    const after =
      input.kind === null ? null : { date: input.date, kind: input.kind, note: input.note };
    app.audit({
      action: 'planning.holiday.set',
      entity: 'branch_holidays',
      entityId: input.date,
      before,
      after,
    });
    return holidaysBetween(app.db, input.date, input.date);
  })();
}
