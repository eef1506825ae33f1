import { describe, expect, it } from 'vitest';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { calendar } from '../../../electron/core/planning/visit-read';
import type { EngineKind } from '../support/engines';
import { branch, DAY, desk, NOW, plan, testEngines } from './engine-desk';

/**
 * The calendar on both engines (issue 19): SQLite reads its month as raw rows through the
 * indexes it names, PostgreSQL through the builder; the same visits answer alike.
 */

const engineOn = testEngines();

async function monthOn(kind: EngineKind) {
  const under = await engineOn(kind);
  const { staffIds, borrowerIds } = await branch(under.engine, 3);
  const [a, b, c] = borrowerIds as [number, number, number];
  // c is 76: the officer's plan waits for the manager's approval.
  await under.engine.db
    .updateTable('borrowers')
    .set({ birth_date: '1950-01-01', township: '石桥镇', village: '西村' })
    .where('id', '=', c)
    .execute();
  const officer = desk(under.engine, staffIds[0]!, 'officer');
  const manager = desk(under.engine, staffIds[1]!, 'manager');
  await plan(officer, a, staffIds, '11:00', '12:00');
  await plan(officer, b, staffIds, '09:00', '10:00');
  await plan(officer, c, staffIds, '09:00', '10:00', { date: '2026-03-11' });
  // Over a public holiday, with the only manager's override.
  await plan(manager, a, staffIds, '09:00', '10:00', {
    date: '2026-05-01',
    override: { reason: '借款人节后外出务工' },
  });
  await under.engine.db
    .insertInto('staff_leave')
    .values({
      staff_id: staffIds[1]!,
      date: '2026-03-12',
      reason: '年假',
      created_at: NOW.toISOString(),
    })
    .execute();
  const app = { engine: under.engine, db: under.connection } as unknown as Visitdesk;
  return {
    month: await calendar(app, { from: '2026-03-01', to: '2026-03-31' }),
    township: await calendar(app, { from: '2026-03-01', to: '2026-05-31', township: '石桥镇' }),
    holiday: await calendar(app, { from: '2026-04-01', to: '2026-05-31', statuses: ['planned'] }),
    nobody: await calendar(app, { from: '2026-03-01', to: '2026-05-31', staffIds: [99] }),
    ids: { a, b, c, staffIds },
  };
}

describe('the calendar on both engines', () => {
  it('answers the same visits, flags and leave', async () => {
    const sqlite = await monthOn('sqlite');
    const postgres = await monthOn('postgres');
    const { a, b, c, staffIds } = sqlite.ids;
    expect(
      sqlite.month.visits.map((v) => [v.borrowerId, v.date, v.start, v.awaitingApproval]),
    ).toEqual([
      [b, DAY, '09:00', false],
      [a, DAY, '11:00', false],
      [c, '2026-03-11', '09:00', true],
    ]);
    expect(sqlite.month.visits[0]).toMatchObject({
      borrowerName: '借款人1',
      staffIds,
      status: 'planned',
      noticeStatus: 'none',
      overridden: false,
    });
    expect(sqlite.month.leave).toEqual([
      { staffId: staffIds[1], date: '2026-03-12', reason: '年假' },
    ]);
    expect(sqlite.township.visits.map((v) => v.borrowerId)).toEqual([c]);
    expect(sqlite.holiday.visits.map((v) => [v.borrowerId, v.overridden])).toEqual([[a, true]]);
    expect(sqlite.nobody).toEqual({ visits: [], leave: [] });
    const { ids: _s, ...onSqlite } = sqlite;
    const { ids: _p, ...onPostgres } = postgres;
    expect(onPostgres).toEqual(onSqlite);
  });
});
