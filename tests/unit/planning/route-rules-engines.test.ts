import { describe, expect, it } from 'vitest';
import { defaultPlanningRules } from '../../../electron/shared/compliance';
import { planRouteInput } from '../../../electron/shared/schemas/planning';
import { planRoute } from '../../../electron/core/planning/route';
import { loadRules, setBranchHoliday, updateRules } from '../../../electron/core/planning/rules';
import { dayRoute } from '../../../electron/core/planning/visit-read';
import type { EngineKind } from '../support/engines';
import { branch, desk, testEngines, failureCode } from './engine-desk';

/**
 * The branch's rules and own days, a route planned in one go and the day's route, on both
 * engines (issue 19): the same branch answers alike on SQLite and PostgreSQL.
 */

const engineOn = testEngines();

async function branchOn(kind: EngineKind) {
  const under = await engineOn(kind);
  const { staffIds, borrowerIds } = await branch(under.engine, 3);
  const [a, b, c] = borrowerIds as [number, number, number];
  await under.engine.db
    .updateTable('borrowers')
    .set({ township: '石桥镇', village: '西村' })
    .where('id', '=', b)
    .execute();
  const officer = desk(under.engine, staffIds[0]!, 'officer');
  const manager = desk(under.engine, staffIds[1]!, 'manager');

  const rules = await updateRules(manager, { ...defaultPlanningRules, minDaysBetweenVisits: 7 });
  const holidays = [
    await setBranchHoliday(manager, { date: '2026-03-12', kind: 'holiday', note: '网点盘点' }),
    await setBranchHoliday(manager, { date: '2026-03-12', kind: 'workday', note: '' }),
    await setBranchHoliday(manager, { date: '2026-03-13', kind: 'holiday', note: '' }),
    await setBranchHoliday(manager, { date: '2026-03-12', kind: null, note: '' }),
  ];
  const removedTwice = await failureCode(
    setBranchHoliday(manager, { date: '2026-03-12', kind: null, note: '' }),
  );

  const route = await planRoute(
    officer,
    planRouteInput.parse({
      date: '2026-03-11',
      borrowerIds: [c, b, a],
      staffIds,
      firstStart: '09:00',
      purpose: 'negotiation',
    }),
  );
  // The branch's own holiday refuses the whole route: nothing of it is saved.
  const onHoliday = await failureCode(
    planRoute(
      officer,
      planRouteInput.parse({ date: '2026-03-13', borrowerIds: [a], staffIds, firstStart: '09:00' }),
    ),
  );
  return {
    rules: [rules, await loadRules(under.engine.db)],
    holidays,
    refusals: [removedTwice, onHoliday],
    route: route.map((v) => [v.borrowerId, v.start, v.end, v.routeOrder, v.staff.length]),
    day: await dayRoute(under.engine.db, '2026-03-11', staffIds),
    ids: { a, b, c },
  };
}

describe('rules, branch days and routes on both engines', () => {
  it('answer alike', async () => {
    const sqlite = await branchOn('sqlite');
    const postgres = await branchOn('postgres');
    const { a, b, c } = sqlite.ids;
    expect(sqlite.rules[1]).toEqual(sqlite.rules[0]);
    expect(sqlite.rules[1]?.minDaysBetweenVisits).toBe(7);
    // Each answer lists all of the branch's own days.
    const workday = { date: '2026-03-12', kind: 'workday', note: '' };
    const closed = { date: '2026-03-13', kind: 'holiday', note: '' };
    expect(sqlite.holidays.map((h) => h.overrides)).toEqual([
      [{ date: '2026-03-12', kind: 'holiday', note: '网点盘点' }],
      [workday],
      [workday, closed],
      [closed],
    ]);
    expect(sqlite.holidays[0]?.days.map((d) => [d.date, d.kind, d.source])).toEqual([
      ['2026-03-12', 'holiday', 'branch'],
    ]);
    expect(sqlite.refusals).toEqual(['NOT_FOUND', 'RULE_VIOLATION']);
    expect(sqlite.route).toEqual([
      [c, '09:00', '09:45', 1, 2],
      [b, '10:00', '10:45', 2, 2],
      [a, '11:00', '11:45', 3, 2],
    ]);
    // By township and village in the order the pair reaches them.
    expect(
      sqlite.day.townships.map((t) => [
        t.township,
        t.villages.map((v) => [v.village, v.visits.map((x) => x.borrowerId)]),
      ]),
    ).toEqual([
      ['城关镇', [['东村', [c, a]]]],
      ['石桥镇', [['西村', [b]]]],
    ]);
    const { ids: _s, ...onSqlite } = sqlite;
    const { ids: _p, ...onPostgres } = postgres;
    expect(onPostgres).toEqual(onSqlite);
  });
});
