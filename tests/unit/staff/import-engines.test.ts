import { describe, expect, it } from 'vitest';
import { officerKey } from '../../../electron/core/imports/officers';
import { resolveOfficerName } from '../../../electron/core/imports/resolve-officer';
import { importStaff } from '../../../electron/core/staff/import-staff';
import { listStaff } from '../../../electron/core/staff/staff';
import { engineKinds } from '../support/engines';
import { branch, desk, testEngines } from '../planning/engine-desk';

/**
 * The staff list's import and officer names on both engines (issue 19): lines upserted by staff
 * number with their certificate, a waiting officer name settled by the new staff member, and a
 * name a manager maps, alike on SQLite and PostgreSQL.
 */

const engineOn = testEngines();
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

describe.each(engineKinds)('the staff import on %s', (kind) => {
  it('upserts the list, settles the waiting names and maps another', async () => {
    const { engine } = await engineOn(kind);
    const db = engine.db;
    const { staffIds, borrowerIds } = await branch(engine, 3);
    const [li] = staffIds as [number, number];
    const at = '2026-03-01T00:00:00.000Z';
    const { id: managerId } = await db
      .insertInto('staff')
      .values({ staff_no: 'M001', name: '王经理', role: 'manager', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const manager = desk(engine, managerId, 'manager');
    const waiting = (borrowerId: number, name: string) => ({
      borrower_id: borrowerId,
      name,
      name_key: officerKey(name),
      officer_before: null,
      file_name: 'cases.csv',
      line: 2,
      as_of: '2026-02-28',
      created_at: at,
    });
    const [first, second, third] = borrowerIds as [number, number, number];
    await db
      .insertInto('import_officer_names')
      .values([waiting(first, '张伟'), waiting(second, '张伟'), waiting(third, '老李')])
      .execute();

    const file = csv([
      '工号,姓名,角色,手机号,资格证书编号,证书到期日',
      'O001,李强,,138 0013 8000,ZG-001,2027-06-30',
      'C010,张伟,催收员,,,',
      'C011,赵六,保安,,,',
    ]);
    const result = await importStaff(manager, { name: 'staff.csv', bytes: file }, 'valid-only');
    expect(result).toMatchObject({ created: 1, updated: 1, rejected: 1, casesAssigned: 2 });
    const staff = await listStaff(manager);
    expect(staff.map((s) => [s.staffNo, s.name, s.role, s.certified])).toEqual([
      ['C010', '张伟', 'officer', false],
      ['M001', '王经理', 'manager', false],
      ['O001', '李强', 'officer', true],
      ['O002', '员工O002', 'officer', true],
    ]);
    const zhang = staff.find((s) => s.staffNo === 'C010')!;
    const officers = await db
      .selectFrom('borrowers')
      .select(['id', 'assigned_officer_id'])
      .orderBy('id')
      .execute();
    expect(officers.map((b) => b.assigned_officer_id)).toEqual([zhang.id, zhang.id, null]);

    // An all-or-nothing file with a wrong line changes nothing.
    const refused = await importStaff(manager, {
      name: 'staff.csv',
      bytes: csv(['staff_no,name,role', 'C020,钱七,officer', 'C 2,孙八,clerk']),
    });
    expect(refused).toMatchObject({ created: 0, updated: 0, rejected: 1 });
    expect((await listStaff(manager)).map((s) => s.staffNo)).not.toContain('C020');

    const mapped = await resolveOfficerName(manager, { action: 'map', name: '老李', staffId: li });
    expect(mapped).toMatchObject({ staffId: li, aliased: true, assigned: 1, kept: 0 });
    const again = await resolveOfficerName(manager, { action: 'map', name: '老李', staffId: li });
    expect(again).toMatchObject({ aliased: true, assigned: 0 });
    const aliases = await db
      .selectFrom('staff_name_aliases')
      .select(['name', 'staff_id'])
      .execute();
    expect(aliases).toEqual([{ name: '老李', staff_id: li }]);
    expect(await db.selectFrom('import_officer_names').select('name').execute()).toEqual([]);
  });
});
