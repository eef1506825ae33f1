import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import {
  loadImportOfficerRule,
  setImportOfficerRule,
} from '../../../electron/core/assignments/import-rule';
import {
  loadAssignmentHistory,
  rebalanceVillages,
  reassignCases,
} from '../../../electron/core/assignments/service';
import { engineKinds } from '../support/engines';
import { branch, desk, testEngines } from '../planning/engine-desk';

/**
 * Reassignments on both engines (issue 19): cases moved by id and whole villages moved, more
 * than a thousand at once, with one history row and one audit row per case that moved, read
 * back alike on SQLite and PostgreSQL; and the import rule set and read.
 */

const engineOn = testEngines();
const VILLAGE_CASES = 1_003;

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return `${error.code} ${Object.values(error.fields ?? {})}`;
    throw error;
  }
  return 'accepted';
}

describe.each(engineKinds)('reassignments on %s', (kind) => {
  it('moves cases and villages to an active officer, each move kept and audited', async () => {
    const { engine } = await engineOn(kind);
    const db = engine.db;
    const { staffIds, borrowerIds } = await branch(engine, VILLAGE_CASES + 1);
    const [li, zhao] = staffIds as [number, number];
    const at = '2026-03-01T00:00:00.000Z';
    const staff = await db
      .insertInto('staff')
      .values([
        { staff_no: 'M001', name: '王经理', role: 'manager', created_at: at, updated_at: at },
        { staff_no: 'K001', name: '钱丽', role: 'clerk', created_at: at, updated_at: at },
      ])
      .returning('id')
      .execute();
    const [managerId, clerkId] = staff.map((s) => s.id) as [number, number];
    const manager = desk(engine, managerId, 'manager');
    const [single, ...village] = borrowerIds as [number, ...number[]];
    await db
      .updateTable('borrowers')
      .set({ township: '石桥镇', village: '西村', assigned_officer_id: zhao })
      .where('id', '=', single)
      .execute();
    await db
      .updateTable('borrowers')
      .set({ assigned_officer_id: li })
      .where('id', '!=', single)
      .execute();

    expect(
      await failure(
        reassignCases(manager, {
          by: 'cases',
          borrowerIds: [single],
          toOfficerId: clerkId,
          reason: '调岗',
        }),
      ),
    ).toBe('VALIDATION v.assign.officer');
    expect(
      await failure(
        reassignCases(manager, {
          by: 'cases',
          borrowerIds: [9_999_999],
          toOfficerId: li,
          reason: '调岗',
        }),
      ),
    ).toBe('NOT_FOUND e.NOT_FOUND');
    expect(
      await reassignCases(manager, {
        by: 'cases',
        borrowerIds: [single, village[0]!],
        toOfficerId: li,
        reason: '赵强休假',
      }),
    ).toEqual({ moved: 1, unchanged: 1 });
    expect(await loadAssignmentHistory(db, single)).toEqual([
      {
        id: expect.any(Number),
        at: '2026-03-02T00:00:00.000Z',
        fromOfficer: '员工O002',
        toOfficer: '员工O001',
        reason: '赵强休假',
        source: 'manual',
        byName: '王经理',
      },
    ]);

    const move = { fromOfficerId: li, toOfficerId: zhao, township: '城关镇', village: '东村' };
    expect(
      await failure(
        rebalanceVillages(manager, { moves: [{ ...move, toOfficerId: li }], reason: '均衡' }),
      ),
    ).toBe('VALIDATION v.assign.same');
    expect(await rebalanceVillages(manager, { moves: [move], reason: '均衡' })).toEqual({
      moved: VILLAGE_CASES,
      unchanged: 0,
    });
    const held = await db
      .selectFrom('borrowers')
      .select(['assigned_officer_id as officer', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('assigned_officer_id')
      .orderBy('assigned_officer_id')
      .execute();
    expect(held.map((h) => [h.officer, Number(h.n)])).toEqual([
      [li, 1],
      [zhao, VILLAGE_CASES],
    ]);
    const history = await db
      .selectFrom('assignments')
      .select(['borrower_id', 'from_officer_id', 'to_officer_id'])
      .where('reason', '=', '均衡')
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.borrower_id)).toEqual(village);
    expect(history.every((h) => h.from_officer_id === li && h.to_officer_id === zhao)).toBe(true);
    const audited = await db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'case.reassign')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.subject_id)).toEqual([single, ...village]);

    expect(await loadImportOfficerRule(db)).toBe('branch');
    expect(await setImportOfficerRule(manager, 'headOffice')).toEqual({ wins: 'headOffice' });
    expect(await loadImportOfficerRule(db)).toBe('headOffice');
  });
});
