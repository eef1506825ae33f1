import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import { certificateInput, leaveInput } from '../../../electron/shared/schemas/staff';
import {
  addCertificate,
  addLeave,
  createStaff,
  listStaff,
  removeLeave,
  updateStaff,
} from '../../../electron/core/staff/staff';
import { engineKinds } from '../support/engines';
import { desk, testEngines } from '../planning/engine-desk';

/**
 * Staff records, certificates and leave on both engines (issue 19): the same actions answer
 * alike on SQLite and PostgreSQL, each with its audit rows. Monday 2 March 2026 in Shanghai.
 */

const engineOn = testEngines();

async function failureCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return error.code;
    throw error;
  }
  return 'accepted';
}

describe.each(engineKinds)('staff on %s', (kind) => {
  it('adds, certifies, puts on leave and deactivates a staff member, audited', async () => {
    const { engine } = await engineOn(kind);
    const at = '2026-03-01T00:00:00.000Z';
    const { id: managerId } = await engine.db
      .insertInto('staff')
      .values({ staff_no: 'M001', name: '王经理', role: 'manager', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const manager = desk(engine, managerId, 'manager');

    const created = await createStaff(manager, {
      staffNo: 'C010',
      name: '李强',
      role: 'officer',
      phone: '13800138000',
      active: true,
    });
    expect(created).toMatchObject({
      staffNo: 'C010',
      active: true,
      hasAccount: false,
      certified: false,
      certificates: [],
      upcomingLeave: [],
    });
    expect(
      await failureCode(
        createStaff(manager, {
          staffNo: 'C010',
          name: '张伟',
          role: 'clerk',
          phone: '',
          active: true,
        }),
      ),
    ).toBe('CONFLICT');

    const certificate = (expiresOn: string) =>
      certificateInput.parse({
        staffId: created.id,
        kind: 'training',
        number: 'PX-C010',
        issuedOn: '2025-03-01',
        expiresOn,
      });
    const expiring = await addCertificate(manager, certificate('2026-03-20'));
    expect(expiring).toMatchObject({ certified: true, certificateExpiringSoon: true });
    const renewed = await addCertificate(manager, certificate('2028-03-01'));
    expect(renewed.certificates).toEqual([
      expect.objectContaining({
        number: 'PX-C010',
        issuedOn: '2025-03-01',
        expiresOn: '2028-03-01',
      }),
    ]);
    expect(renewed).toMatchObject({ certified: true, certificateExpiringSoon: false });

    const leave = (from: string, to: string, reason: string) =>
      leaveInput.parse({ staffId: created.id, from, to, reason });
    const away = await addLeave(manager, leave('2026-03-10', '2026-03-12', '病假'));
    expect(away.conflictingVisitIds).toEqual([]);
    const again = await addLeave(manager, leave('2026-03-11', '2026-03-11', '事假'));
    expect(again.staff.upcomingLeave).toEqual([
      { date: '2026-03-10', reason: '病假' },
      { date: '2026-03-11', reason: '事假' },
      { date: '2026-03-12', reason: '病假' },
    ]);
    const back = await removeLeave(manager, { staffId: created.id, date: '2026-03-11' });
    expect(back.upcomingLeave.map((l) => l.date)).toEqual(['2026-03-10', '2026-03-12']);
    expect(
      await failureCode(removeLeave(manager, { staffId: created.id, date: '2026-03-11' })),
    ).toBe('NOT_FOUND');

    expect(await failureCode(updateStaff(manager, { id: managerId, active: false }))).toBe(
      'CONFLICT',
    );
    const off = await updateStaff(manager, { id: created.id, name: '李强强', active: false });
    expect(off).toMatchObject({ name: '李强强', active: false });
    expect((await listStaff(manager)).map((s) => s.staffNo)).toEqual(['M001']);
    expect((await listStaff(manager, true)).map((s) => s.staffNo)).toEqual(['C010', 'M001']);

    const actions = await engine.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'staff')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'staff.create',
      'staff.certificate.add',
      'staff.certificate.renew',
      'staff.leave.add',
      'staff.leave.add',
      'staff.leave.remove',
      'staff.update',
    ]);
  });
});
