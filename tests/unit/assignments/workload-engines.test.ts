import { describe, expect, it } from 'vitest';
import { officerWorkload } from '../../../electron/core/assignments/workload';
import { engineKinds } from '../support/engines';
import { branch, testEngines } from '../planning/engine-desk';

/**
 * The officers' workload on both engines (issue 19): the cases held by bucket and balance, the
 * month's target, an officer who left still listed while holding a case, and the suggestion,
 * alike on SQLite and PostgreSQL. As of Monday 2 March 2026.
 */

const engineOn = testEngines();

describe.each(engineKinds)('the workload on %s', (kind) => {
  it('counts the cases each officer holds and suggests the leaver’s village first', async () => {
    const { engine } = await engineOn(kind);
    const db = engine.db;
    const { staffIds, borrowerIds } = await branch(engine, 6);
    const [li, zhao] = staffIds as [number, number];
    const at = '2026-03-01T00:00:00.000Z';
    const { id: left } = await db
      .insertInto('staff')
      .values({
        staff_no: 'O003',
        name: '员工O003',
        role: 'officer',
        active: 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cases: [number, string, string | null, number, number, string?][] = [
      [li, '东村', null, 100_000, 0],
      [li, '东村', '2026-02-20', 200_000, 50_000],
      [li, '西村', '2025-11-01', 300_000, 80_000],
      [li, '西村', '2025-11-01', 900_000, 900_000, 'closed'],
      // 30 days overdue on the day: still M1.
      [zhao, '南村', '2026-01-31', 10_000, 1_000],
      [left, '北村', null, 5_000, 0],
    ];
    for (const [n, [officer, village, since, outstanding, overdue, status]] of cases.entries()) {
      await db
        .updateTable('borrowers')
        .set({
          assigned_officer_id: officer,
          village,
          overdue_since: since,
          outstanding_fen: outstanding,
          total_overdue_fen: overdue,
          ...(status === 'closed' ? { status: 'closed' as const } : {}),
        })
        .where('id', '=', borrowerIds[n]!)
        .execute();
    }
    await db
      .insertInto('monthly_targets')
      .values({
        month: '2026-03',
        staff_id: li,
        visits_target: 10,
        amount_target_fen: 100_000,
        updated_at: at,
      })
      .execute();

    const workload = await officerWorkload(db, '2026-03-02');
    expect(workload.month).toBe('2026-03');
    const none = { visitsPlanned: 0, visitsDone: 0, promisesOpen: 0, collectedFen: 0 };
    expect(workload.officers).toEqual([
      {
        officerId: li,
        staffNo: 'O001',
        name: '员工O001',
        active: true,
        cases: { M0: 1, M1: 1, M2: 0, M3: 0, 'M4+': 1 },
        casesTotal: 3,
        outstandingFen: 600_000,
        overdueFen: 130_000,
        ...none,
        targetFen: 100_000,
      },
      {
        officerId: zhao,
        staffNo: 'O002',
        name: '员工O002',
        active: true,
        cases: { M0: 0, M1: 1, M2: 0, M3: 0, 'M4+': 0 },
        casesTotal: 1,
        outstandingFen: 10_000,
        overdueFen: 1_000,
        ...none,
        targetFen: null,
      },
      {
        officerId: left,
        staffNo: 'O003',
        name: '员工O003',
        active: false,
        cases: { M0: 1, M1: 0, M2: 0, M3: 0, 'M4+': 0 },
        casesTotal: 1,
        outstandingFen: 5_000,
        overdueFen: 0,
        ...none,
        targetFen: null,
      },
    ]);
    // 北村 goes to the least loaded (赵强: 1); then 3 against 2, and no village narrows a gap of 1.
    expect(workload.suggestion).toEqual([
      { fromOfficerId: left, toOfficerId: zhao, township: '城关镇', village: '北村', cases: 1 },
    ]);
  });
});
