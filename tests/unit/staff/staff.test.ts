import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { certifiedStaff, count, planningCore, seedBorrower, signInAs } from '../planning/support';

describe('staff and training', () => {
  it('creates staff with unique staff numbers, audited', async () => {
    const core = await planningCore();
    const created = expectOk(
      await core.invoke('staff:create', {
        staffNo: 'C010',
        name: '李强',
        role: 'officer',
        phone: '13800138000',
      }),
    );
    expect(created).toMatchObject({
      staffNo: 'C010',
      active: true,
      hasAccount: false,
      certified: false,
      certificates: [],
    });
    const taken = expectError(
      await core.invoke('staff:create', { staffNo: 'C010', name: '张伟', role: 'clerk' }),
      'CONFLICT',
    );
    expect(taken.fields).toEqual({ staffNo: 'e.CONFLICT' });
    const updated = expectOk(
      await core.invoke('staff:update', { id: created.id, name: '李强强', active: false }),
    );
    expect(updated).toMatchObject({ name: '李强强', active: false });
    expect(expectOk(await core.invoke('staff:list', {})).map((s) => s.staffNo)).toEqual(['M001']);
    expect(
      expectOk(await core.invoke('staff:list', { includeInactive: true })).map((s) => s.staffNo),
    ).toEqual(['C010', 'M001']);
    expect(
      count(
        core,
        "SELECT count(*) AS n FROM audit_log WHERE action IN ('staff.create', 'staff.update')",
      ),
    ).toBe(2);
  });

  it('flags a certificate expiring within 30 days, renews it by number, and flags an expired one', async () => {
    const core = await planningCore();
    const id = await certifiedStaff(core, 'C011', { expiresOn: '2026-03-31' });
    let row = expectOk(await core.invoke('staff:list', {})).find((s) => s.id === id);
    expect(row).toMatchObject({ certified: true, certificateExpiringSoon: true });
    expect(row?.certificates[0]).toMatchObject({ expiringSoon: true, expired: false });
    row = expectOk(
      await core.invoke('staff:addCertificate', {
        staffId: id,
        kind: 'training',
        number: 'PX-C011',
        issuedOn: '2026-03-01',
        expiresOn: '2029-03-01',
      }),
    );
    expect(row.certificates).toHaveLength(1);
    expect(row).toMatchObject({ certified: true, certificateExpiringSoon: false });
    const lapsed = await certifiedStaff(core, 'C012', { expiresOn: '2026-03-01' });
    expect(
      expectOk(await core.invoke('staff:list', {})).find((s) => s.id === lapsed),
    ).toMatchObject({
      certified: false,
      certificateExpiringSoon: false,
    });
  });

  it('records leave for a period and names the visits it now clashes with', async () => {
    const core = await planningCore();
    const staff = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
    const visit = expectOk(
      await core.invoke('planning:planVisit', {
        borrowerId: seedBorrower(core).borrowerId,
        staffIds: staff,
        date: '2026-03-11',
        start: '09:00',
        end: '10:00',
        purpose: 'reminder',
      }),
    );
    const leave = expectOk(
      await core.invoke('staff:addLeave', {
        staffId: staff[0] as number,
        from: '2026-03-10',
        to: '2026-03-12',
        reason: '病假',
      }),
    );
    expect(leave.conflictingVisitIds).toEqual([visit.id]);
    expect(leave.staff.upcomingLeave.map((l) => l.date)).toEqual([
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
    ]);
    const calendar = expectOk(
      await core.invoke('planning:calendar', { from: '2026-03-01', to: '2026-03-31' }),
    );
    expect(calendar.leave).toHaveLength(3);
    const after = expectOk(
      await core.invoke('staff:removeLeave', { staffId: staff[0] as number, date: '2026-03-11' }),
    );
    expect(after.upcomingLeave.map((l) => l.date)).toEqual(['2026-03-10', '2026-03-12']);
  });

  it('only the manager manages staff; everyone may list', async () => {
    const core = await planningCore();
    await signInAs(core, 'officer', 'liqiang');
    expectError(
      await core.invoke('staff:create', { staffNo: 'C020', name: '王五', role: 'officer' }),
      'FORBIDDEN',
    );
    expect(expectOk(await core.invoke('staff:list', {})).length).toBeGreaterThan(0);
  });
});

describe('monthly targets', () => {
  it('sets branch and officer targets and reports progress from done visits and payments on visited cases', async () => {
    const core = await planningCore();
    const staff = [
      await certifiedStaff(core, 'C001'),
      await certifiedStaff(core, 'C002'),
      await certifiedStaff(core, 'C003'),
    ];
    const visited = seedBorrower(core);
    const other = seedBorrower(core);
    const plan = async (borrowerId: number, staffIds: number[], date: string) =>
      expectOk(
        await core.invoke('planning:planVisit', {
          borrowerId,
          staffIds,
          date,
          start: '09:00',
          end: '10:00',
          purpose: 'reminder',
        }),
      );
    const done = await plan(
      visited.borrowerId,
      [staff[0] as number, staff[1] as number],
      '2026-03-10',
    );
    await plan(other.borrowerId, [staff[1] as number, staff[2] as number], '2026-03-20');
    core.app.db.prepare("UPDATE visits SET status = 'done' WHERE id = ?").run(done.id);
    const pay = (borrowerId: number, loanId: number, paidOn: string, fen: number) =>
      core.app.db
        .prepare(
          "INSERT INTO payments (loan_id, borrower_id, paid_on, amount_fen, source, created_at) VALUES (?, ?, ?, ?, 'import', ?)",
        )
        .run(loanId, borrowerId, paidOn, fen, paidOn);
    pay(visited.borrowerId, visited.loanId, '2026-03-15', 120_000);
    pay(visited.borrowerId, visited.loanId, '2026-04-01', 50_000);
    pay(other.borrowerId, other.loanId, '2026-03-15', 70_000);

    expectOk(
      await core.invoke('planning:setTargets', {
        month: '2026-03',
        staffId: null,
        visitsTarget: 40,
        amountTargetFen: 1_000_000,
      }),
    );
    const result = expectOk(
      await core.invoke('planning:setTargets', {
        month: '2026-03',
        staffId: staff[0] as number,
        visitsTarget: 10,
        amountTargetFen: 200_000,
      }),
    );
    expect(result.branch).toEqual({
      visitsTarget: 40,
      visitsDone: 1,
      visitsPlanned: 1,
      amountTargetFen: 1_000_000,
      amountCollectedFen: 120_000,
    });
    const byNo = Object.fromEntries(result.officers.map((o) => [o.staffNo, o]));
    expect(byNo['C001']).toMatchObject({
      visitsTarget: 10,
      visitsDone: 1,
      amountCollectedFen: 120_000,
    });
    expect(byNo['C003']).toMatchObject({
      visitsTarget: 0,
      visitsDone: 0,
      visitsPlanned: 1,
      amountCollectedFen: 0,
    });
    // Setting again replaces the target.
    const again = expectOk(
      await core.invoke('planning:setTargets', {
        month: '2026-03',
        staffId: null,
        visitsTarget: 50,
        amountTargetFen: 1_000_000,
      }),
    );
    expect(again.branch?.visitsTarget).toBe(50);
    expect(count(core, 'SELECT count(*) AS n FROM monthly_targets')).toBe(2);
    expect(expectOk(await core.invoke('planning:targets', { month: '2026-04' })).branch).toBeNull();
  });
});
