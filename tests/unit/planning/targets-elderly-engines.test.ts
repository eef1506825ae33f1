import { describe, expect, it } from 'vitest';
import {
  clearElderly,
  elderlyStatus,
  restoreElderly,
} from '../../../electron/core/planning/elderly';
import { getTargets, setTarget } from '../../../electron/core/planning/targets';
import type { EngineKind } from '../support/engines';
import { branch, desk, NOW, plan, testEngines, failureCode } from './engine-desk';

/**
 * Monthly targets with their progress, and the elderly clearance, on both engines (issue 19):
 * the same branch answers alike on SQLite and PostgreSQL.
 */

const engineOn = testEngines();
const AT = NOW.toISOString();

async function branchOn(kind: EngineKind) {
  const under = await engineOn(kind);
  const db = under.engine.db;
  const { staffIds, borrowerIds } = await branch(under.engine, 2);
  const [a, b] = borrowerIds as [number, number];
  const { id: loanId } = await db
    .insertInto('loans')
    .values({
      loan_no: 'L-1',
      borrower_id: a,
      principal_fen: 1_000_000,
      disbursed_on: '2025-01-01',
      outstanding_principal_fen: 800_000,
      overdue_principal_fen: 100_000,
      overdue_since: '2026-01-15',
      as_of: '2026-02-28',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const officer = desk(under.engine, staffIds[0]!, 'officer');
  const manager = desk(under.engine, staffIds[1]!, 'manager');
  const done = await plan(officer, a, staffIds, '09:00', '10:00');
  await plan(officer, b, staffIds, '11:00', '12:00');
  await db.updateTable('visits').set({ status: 'done' }).where('id', '=', done.id).execute();
  const payment = { loan_id: loanId, borrower_id: a, source: 'import' as const, created_at: AT };
  await db
    .insertInto('payments')
    .values([
      { ...payment, paid_on: '2026-03-12', amount_fen: 50_000 },
      { ...payment, paid_on: '2026-03-20', amount_fen: 25_000 },
      { ...payment, paid_on: '2026-04-01', amount_fen: 20_000 },
    ])
    .execute();
  await setTarget(manager, {
    month: '2026-03',
    staffId: null,
    visitsTarget: 10,
    amountTargetFen: 100_000,
  });
  const set = await setTarget(manager, {
    month: '2026-03',
    staffId: staffIds[0]!,
    visitsTarget: 4,
    amountTargetFen: 40_000,
  });
  const targets = await getTargets(manager, '2026-03');

  await db.updateTable('borrowers').set({ birth_date: '1950-06-01' }).where('id', '=', b).execute();
  const elderly = [await elderlyStatus(manager, b)];
  elderly.push(
    await clearElderly(manager, { borrowerId: b, reason: '仍在经营小店，愿按一般客户对待' }),
  );
  const clearedTwice = await failureCode(
    clearElderly(manager, { borrowerId: b, reason: '再次清除' }),
  );
  elderly.push(await restoreElderly(manager, { borrowerId: b }));
  const restoredTwice = await failureCode(restoreElderly(manager, { borrowerId: b }));
  const audited = await db
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'in', ['targets.set', 'borrower.elderlyClear', 'borrower.elderlyRestore'])
    .orderBy('id')
    .execute();
  return {
    set,
    targets,
    elderly,
    refusals: [clearedTwice, restoredTwice],
    audited: audited.map((r) => r.action),
    staffIds,
  };
}

describe('targets and elderly clearances on both engines', () => {
  it('answer alike', async () => {
    const sqlite = await branchOn('sqlite');
    const postgres = await branchOn('postgres');
    const [lead, second] = sqlite.staffIds;
    const progress = { visitsDone: 1, visitsPlanned: 1, amountCollectedFen: 75_000 };
    expect(sqlite.targets).toEqual(sqlite.set);
    expect(sqlite.targets.month).toBe('2026-03');
    expect(sqlite.targets.branch).toEqual({
      visitsTarget: 10,
      amountTargetFen: 100_000,
      ...progress,
    });
    expect(sqlite.targets.officers.map((o) => [o.staffId, o])).toEqual([
      [lead, expect.objectContaining({ visitsTarget: 4, amountTargetFen: 40_000, ...progress })],
      [second, expect.objectContaining({ visitsTarget: 0, amountTargetFen: 0, ...progress })],
    ]);
    expect(
      sqlite.elderly.map((e) => [e.byBirthDate, e.flagged, e.cleared?.reason ?? null]),
    ).toEqual([
      [true, true, null],
      [true, false, '仍在经营小店，愿按一般客户对待'],
      [true, true, null],
    ]);
    expect(sqlite.refusals).toEqual(['CONFLICT', 'CONFLICT']);
    expect(sqlite.audited).toEqual([
      'targets.set',
      'targets.set',
      'borrower.elderlyClear',
      'borrower.elderlyRestore',
    ]);
    const { staffIds: _s, ...onSqlite } = sqlite;
    const { staffIds: _p, ...onPostgres } = postgres;
    expect(onPostgres).toEqual(onSqlite);
  });
});
