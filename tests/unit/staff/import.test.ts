import { describe, expect, it } from 'vitest';
import { importStaff } from '../../../electron/core/staff/import-staff';
import { expectOk } from '../support/core';
import { count, planningCore } from '../planning/support';

const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

describe('staff list import', () => {
  it('upserts by staff number with the qualification certificate, Chinese roles', async () => {
    const core = await planningCore();
    expectOk(await core.invoke('staff:create', { staffNo: 'C001', name: '旧名', role: 'clerk' }));
    const file = csv([
      '工号,姓名,角色,手机号,资格证书编号,证书到期日',
      'C001,李强,催收员,138 0013 8000,ZG-001,2027-06-30',
      'C002,王芳,柜员,,,',
      'C003,张伟,保安,,,',
      'C002,重复,柜员,,,',
    ]);
    const result = await importStaff(core.app, { name: 'staff.csv', bytes: file }, 'valid-only');
    expect(result).toMatchObject({ created: 1, updated: 1, rejected: 2 });
    expect(result.errors.map((e) => [e.line, e.rule])).toEqual([
      [4, 'FORMAT'],
      [5, 'DUPLICATE'],
    ]);
    const staff = expectOk(await core.invoke('staff:list', {}));
    const c001 = staff.find((s) => s.staffNo === 'C001');
    expect(c001).toMatchObject({
      name: '李强',
      role: 'officer',
      phone: '13800138000',
      certified: true,
    });
    expect(c001?.certificates[0]).toMatchObject({
      kind: 'qualification',
      number: 'ZG-001',
      expiresOn: '2027-06-30',
    });
    expect(staff.find((s) => s.staffNo === 'C002')).toMatchObject({ name: '王芳', role: 'clerk' });
  });

  it('all-or-nothing leaves the staff list untouched when a row is wrong', async () => {
    const core = await planningCore();
    const file = csv(['staff_no,name,role', 'C001,李强,officer', 'C 2,王芳,clerk']);
    const result = await importStaff(core.app, { name: 'staff.csv', bytes: file });
    expect(result).toMatchObject({ created: 0, updated: 0, rejected: 1 });
    expect(count(core, "SELECT count(*) AS n FROM staff WHERE staff_no = 'C001'")).toBe(0);
  });
});
