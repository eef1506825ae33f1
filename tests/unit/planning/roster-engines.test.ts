import { describe, expect, it } from 'vitest';
import { importRoster } from '../../../electron/core/planning/import-roster';
import type { EngineKind } from '../support/engines';
import { branch, desk, testEngines } from './engine-desk';
import { residentId } from './support';

/**
 * The roster import on both engines (issue 19): rows judged in file order in one write, each
 * accepted row planned before the next is judged; all or nothing rolls the write back.
 */

const engineOn = testEngines();

const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

async function importedOn(kind: EngineKind) {
  const under = await engineOn(kind);
  const db = under.engine.db;
  const { staffIds, borrowerIds } = await branch(under.engine, 3);
  const ids = borrowerIds.map((_, i) => residentId(9100 + i));
  for (const [i, borrowerId] of borrowerIds.entries()) {
    await db
      .updateTable('borrowers')
      .set({ id_number: ids[i]! })
      .where('id', '=', borrowerId)
      .execute();
  }
  const officer = desk(under.engine, staffIds[0]!, 'officer');
  const rows = [
    '身份证号,走访日期,开始时间,结束时间,走访人员,目的',
    `${ids[0]},2026-03-10,09:00,10:00,O001、O002,协商`,
    `${ids[1]},2026/3/10,9:30,10:30,O001;O002,`,
    `${ids[2]},2026-03-10,10:00,11:00,"O001,O002",reminder`,
    `${ids[2]},2026-03-11,10:00,11:00,O001 O009,reminder`,
  ];
  const all = await importRoster(officer, { name: 'roster.csv', bytes: csv(rows) });
  const afterAll = await db.selectFrom('visits').select('id').execute();
  const valid = await importRoster(officer, { name: 'roster.csv', bytes: csv(rows) }, 'valid-only');
  const visits = await db
    .selectFrom('visits')
    .select(['borrower_id', 'start_time', 'purpose'])
    .orderBy('id')
    .execute();
  return { all, afterAll: afterAll.length, valid, visits, borrowerIds };
}

describe('the roster import on both engines', () => {
  it('plans and refuses the same rows', async () => {
    const sqlite = await importedOn('sqlite');
    const postgres = await importedOn('postgres');
    const [a, , c] = sqlite.borrowerIds;
    // Line 3 books both officers again, once each.
    const refused = [
      [3, 'STAFF_DOUBLE_BOOKED'],
      [3, 'STAFF_DOUBLE_BOOKED'],
      [5, 'STAFF_UNKNOWN'],
    ];
    expect([sqlite.all.planned, sqlite.all.errors.map((e) => [e.line, e.rule])]).toEqual([
      0,
      refused,
    ]);
    expect(sqlite.afterAll).toBe(0);
    expect([sqlite.valid.planned, sqlite.valid.errors.map((e) => [e.line, e.rule])]).toEqual([
      2,
      refused,
    ]);
    expect(sqlite.visits).toEqual([
      { borrower_id: a, start_time: '09:00', purpose: 'negotiation' },
      { borrower_id: c, start_time: '10:00', purpose: 'reminder' },
    ]);
    const { borrowerIds: _s, ...onSqlite } = sqlite;
    const { borrowerIds: _p, ...onPostgres } = postgres;
    expect(onPostgres).toEqual(onSqlite);
  });
});
