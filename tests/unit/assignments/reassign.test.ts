import { describe, expect, it } from 'vitest';
import { redactBorrowerTables } from '../../../electron/core/retention/redact';
import { MANAGER, expectError, expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { assignmentsBranch } from './support';

/**
 * Reassigning through the dispatcher. What reads or moves cases (by id, by the case list's
 * filter, by village, from the edit form; the history, the audit rows, the timeline; the
 * officer checked; a missing case rolling the whole move back; anonymisation) runs on both
 * engines. The refusals made before anything is read (an empty filter, no reason) and the roles
 * stay on SQLite: the access matrix checks every channel's roles on both.
 */
describe.each(engineKinds)('reassigning cases on %s', (kind) => {
  it('moves one case with its reason, keeps the history and audits it', async () => {
    const b = await assignmentsBranch(kind);
    const id = await b.createCase('红光村', b.officer.staffId);
    const moved = expectOk(
      await b.reassign({
        by: 'cases',
        borrowerIds: [id],
        toOfficerId: b.partner.staffId,
        reason: '李明休产假',
      }),
    );
    expect(moved).toEqual({ moved: 1, unchanged: 0 });
    expect(await b.officerOf(id)).toBe(b.partner.staffId);
    expect(await b.history(id)).toEqual([
      {
        from: b.officer.staffId,
        to: b.partner.staffId,
        reason: '李明休产假',
        source: 'manual',
        by: b.managerId,
      },
    ]);
    expect(await b.audits('case.reassign')).toEqual([
      {
        entity_id: String(id),
        subject_id: id,
        staff_id: b.managerId,
        after: { officerId: b.partner.staffId, reason: '李明休产假', source: 'manual' },
      },
    ]);
    // The history as the case page reads it, with names.
    const history = expectOk(await b.core.invoke('assignments:history', { borrowerId: id }));
    expect(history).toMatchObject([
      {
        fromOfficer: '李明',
        toOfficer: '赵强',
        reason: '李明休产假',
        source: 'manual',
        byName: '王建国',
      },
    ]);
    // The case page's timeline shows it, by whom, with the reason.
    const page = expectOk(await b.core.invoke('cases:get', { borrowerId: id }));
    expect(page.timeline.filter((e) => e.type === 'assignment')).toEqual([
      {
        type: 'assignment',
        id: expect.any(Number),
        at: '2026-11-20T02:00:00.000Z',
        staffName: '王建国',
        fromOfficer: '李明',
        toOfficer: '赵强',
        reason: '李明休产假',
        source: 'manual',
      },
    ]);
    expect(page.header.officer?.name).toBe('赵强');
    // Moving it to the officer who has it changes nothing and writes nothing.
    expect(
      expectOk(
        await b.reassign({
          by: 'cases',
          borrowerIds: [id],
          toOfficerId: b.partner.staffId,
          reason: '再次',
        }),
      ),
    ).toEqual({ moved: 0, unchanged: 1 });
    expect(await b.history(id)).toHaveLength(1);
  });

  it("moves every case of the case list's filter: one village of the officer who leaves", async () => {
    const b = await assignmentsBranch(kind);
    const red1 = await b.createCase('红光村', b.officer.staffId, '张一');
    const red2 = await b.createCase('红光村', b.officer.staffId, '张二');
    const redOther = await b.createCase('红光村', null, '张三');
    const blue = await b.createCase('蓝天村', b.officer.staffId, '张四');
    const result = expectOk(
      await b.reassign({
        by: 'filter',
        filter: { village: '红光村', officer: b.officer.staffId, page: 3, pageSize: 1 },
        toOfficerId: b.partner.staffId,
        reason: '李明调往总行',
      }),
    );
    expect(result).toEqual({ moved: 2, unchanged: 0 });
    expect(await Promise.all([red1, red2, redOther, blue].map(b.officerOf))).toEqual([
      b.partner.staffId,
      b.partner.staffId,
      null,
      b.officer.staffId,
    ]);
    expect((await b.audits('case.reassign')).map((a) => a.subject_id)).toEqual([red1, red2]);
    expect(await b.history(red2)).toEqual([
      {
        from: b.officer.staffId,
        to: b.partner.staffId,
        reason: '李明调往总行',
        source: 'manual',
        by: b.managerId,
      },
    ]);
    // The new officer's worklist-facing list shows the cases at once.
    const list = expectOk(await b.core.invoke('cases:list', { officer: b.partner.staffId }));
    expect(list.rows.map((r) => r.id).sort()).toEqual([red1, red2].sort());
  });

  it("keeps a change made in the borrower's edit form as a manual assignment", async () => {
    const b = await assignmentsBranch(kind);
    const id = await b.createCase('红光村', b.officer.staffId);
    // The edit form sends every plain field; the ones left out here take their defaults.
    expectOk(
      await b.core.invoke('cases:update', {
        id,
        name: '张三',
        township: '东源镇',
        village: '红光村',
        officerId: b.partner.staffId,
      }),
    );
    expect(await b.officerOf(id)).toBe(b.partner.staffId);
    expect(await b.history(id)).toEqual([
      {
        from: b.officer.staffId,
        to: b.partner.staffId,
        reason: '在借款人资料中修改客户经理',
        source: 'manual',
        by: b.managerId,
      },
    ]);
  });

  it("anonymisation keeps who held the case and drops the manager's reason", async () => {
    const b = await assignmentsBranch(kind);
    const id = await b.createCase('红光村', b.officer.staffId);
    expectOk(
      await b.reassign({
        by: 'cases',
        borrowerIds: [id],
        toOfficerId: b.partner.staffId,
        reason: '张三搬到女儿家住',
      }),
    );
    await b.core.app.write((tx) => redactBorrowerTables(tx, [id]));
    expect(await b.history(id)).toEqual([
      {
        from: b.officer.staffId,
        to: b.partner.staffId,
        reason: '（已匿名）',
        source: 'manual',
        by: b.managerId,
      },
    ]);
  });

  it('gives cases only to an active officer', async () => {
    const b = await assignmentsBranch(kind);
    const id = await b.createCase('红光村', b.officer.staffId);
    for (const to of [b.left.staffId, b.clerk.staffId, b.managerId, 9999]) {
      const error = expectError(
        await b.reassign({ by: 'cases', borrowerIds: [id], toOfficerId: to, reason: '调整' }),
        'VALIDATION',
      );
      expect(error.fields).toEqual({ toOfficerId: 'v.assign.officer' });
    }
    expect(await b.officerOf(id)).toBe(b.officer.staffId);
    expect(await b.audits('case.reassign')).toEqual([]);
  });

  it('moves nothing when one of the cases does not exist (one transaction)', async () => {
    const b = await assignmentsBranch(kind);
    const id = await b.createCase('红光村', b.officer.staffId);
    expectError(
      await b.reassign({
        by: 'cases',
        borrowerIds: [id, 9999],
        toOfficerId: b.partner.staffId,
        reason: '调整',
      }),
      'NOT_FOUND',
    );
    expect(await b.officerOf(id)).toBe(b.officer.staffId);
  });

  it('moves whole villages as the rebalance was accepted, in one action', async () => {
    const b = await assignmentsBranch(kind);
    const red = await b.createCase('红光村', null, '张一');
    const blue = await b.createCase('蓝天村', null, '张二');
    // 孙丽 held them before she left (the file assigned them; she is inactive now).
    await b.core.app.write((tx) =>
      tx.updateTable('borrowers').set({ assigned_officer_id: b.left.staffId }).execute(),
    );
    const result = expectOk(
      await b.core.invoke('assignments:rebalance', {
        moves: [
          {
            fromOfficerId: b.left.staffId,
            toOfficerId: b.officer.staffId,
            township: '东源镇',
            village: '红光村',
          },
          {
            fromOfficerId: b.left.staffId,
            toOfficerId: b.partner.staffId,
            township: '东源镇',
            village: '蓝天村',
          },
        ],
        reason: '孙丽离职',
      }),
    );
    expect(result).toEqual({ moved: 2, unchanged: 0 });
    expect(await Promise.all([red, blue].map(b.officerOf))).toEqual([
      b.officer.staffId,
      b.partner.staffId,
    ]);
    expect(await b.history(blue)).toEqual([
      {
        from: b.left.staffId,
        to: b.partner.staffId,
        reason: '孙丽离职',
        source: 'manual',
        by: b.managerId,
      },
    ]);
  });
});

describe('reassigning cases: refusals before anything is read, and the roles', () => {
  it('refuses an empty filter: it would move every case of the branch', async () => {
    const b = await assignmentsBranch();
    const id = await b.createCase('红光村', b.officer.staffId);
    const error = expectError(
      await b.reassign({
        by: 'filter',
        filter: {},
        toOfficerId: b.partner.staffId,
        reason: '全部',
      }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ filter: 'v.assign.noFilter' });
    expect(await b.officerOf(id)).toBe(b.officer.staffId);
  });

  it('requires a reason', async () => {
    const b = await assignmentsBranch();
    const id = await b.createCase('红光村', b.officer.staffId);
    const error = expectError(
      await b.reassign({
        by: 'cases',
        borrowerIds: [id],
        toOfficerId: b.partner.staffId,
        reason: '   ',
      }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ reason: 'v.required' });
    expect(await b.history(id)).toEqual([]);
  });

  it('is for the manager only: officers and clerks are refused by the dispatcher', async () => {
    const b = await assignmentsBranch();
    const id = await b.createCase('红光村', b.officer.staffId);
    for (const account of [b.officer, b.clerk]) {
      await b.as(account);
      expectError(
        await b.reassign({
          by: 'cases',
          borrowerIds: [id],
          toOfficerId: b.partner.staffId,
          reason: '我来',
        }),
        'FORBIDDEN',
      );
      expectError(await b.core.invoke('assignments:workload', {}), 'FORBIDDEN');
      expectError(
        await b.core.invoke('assignments:rebalance', {
          moves: [
            {
              fromOfficerId: b.officer.staffId,
              toOfficerId: b.partner.staffId,
              township: '东源镇',
              village: '红光村',
            },
          ],
          reason: '我来',
        }),
        'FORBIDDEN',
      );
      // Reading the history is for everyone who reads the case.
      expectOk(await b.core.invoke('assignments:history', { borrowerId: id }));
    }
    expect(await b.officerOf(id)).toBe(b.officer.staffId);
    await b.as(MANAGER);
    expectOk(
      await b.reassign({
        by: 'cases',
        borrowerIds: [id],
        toOfficerId: b.partner.staffId,
        reason: '调整',
      }),
    );
  });
});
