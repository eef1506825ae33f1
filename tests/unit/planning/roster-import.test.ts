import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importRoster } from '../../../electron/core/planning/import-roster';
import { certifiedStaff, count, planningCore, seedBorrower } from './support';

const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

describe('roster import', () => {
  async function setup() {
    const core = await planningCore();
    await certifiedStaff(core, 'C001');
    await certifiedStaff(core, 'C002');
    await certifiedStaff(core, 'C003');
    const a = seedBorrower(core);
    const b = seedBorrower(core);
    const c = seedBorrower(core);
    return { core, a, b, c };
  }

  it('checks rows in file order: a row double-booking an earlier row is rejected (valid-only)', async () => {
    const { core, a, b, c } = await setup();
    const file = csv([
      '身份证号,走访日期,开始时间,结束时间,走访人员,目的',
      `${a.idNumber},2026-03-10,09:00,10:00,C001、C002,协商`,
      `${b.idNumber},2026/3/10,9:30,10:30,C002;C003,`,
      `${c.idNumber},2026-03-10,10:00,11:00,"C002,C003",reminder`,
    ]);
    const result = await importRoster(core.app, { name: 'roster.csv', bytes: file }, 'valid-only');
    expect(result).toMatchObject({ planned: 2, rejected: 1 });
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 3,
        rule: 'STAFF_DOUBLE_BOOKED',
        reason: expect.stringContaining('09:00–10:00'),
      }),
    ]);
    const visits = core.app.db.prepare('SELECT borrower_id, purpose FROM visits ORDER BY id').all();
    expect(visits).toEqual([
      { borrower_id: a.borrowerId, purpose: 'negotiation' },
      { borrower_id: c.borrowerId, purpose: 'reminder' },
    ]);
  });

  it('all-or-nothing plans nothing when a row breaks a rule; an override is never applied', async () => {
    const { core, a } = await setup();
    const file = csv([
      'id_number,date,start,end,staff',
      `${a.idNumber},2026-03-10,09:00,10:00,C001 C002`,
      `${a.idNumber},2026-03-11,09:00,10:00,C001 C002`,
      `${a.idNumber},2026-03-20,21:30,22:30,C001 C002`,
      `110101199001011234,2026-03-10,09:00,10:00,C001 C002`,
      `${a.idNumber},2026-03-25,09:00,10:00,C001 C999`,
    ]);
    const result = await importRoster(core.app, { name: 'roster.csv', bytes: file });
    expect(result.planned).toBe(0);
    expect(result.rejected).toBe(4);
    expect(result.errors.map((e) => [e.line, e.rule])).toEqual([
      [3, 'TOO_SOON_AFTER_VISIT'],
      [4, 'HOURS_OUTSIDE_LEGAL'],
      [5, 'FORMAT'],
      [6, 'STAFF_UNKNOWN'],
    ]);
    expect(count(core, 'SELECT count(*) AS n FROM visits')).toBe(0);
    expect(count(core, "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'visit%'")).toBe(0);
  });

  it('reads a GB18030 file from Excel', async () => {
    const { core, a } = await setup();
    const text = `身份证号,走访日期,开始时间,结束时间,走访人员,目的\r\n${a.idNumber},2026-03-10,14:00,15:00,C001、C003,了解情况\r\n`;
    const result = await importRoster(core.app, {
      name: 'roster.csv',
      bytes: iconv.encode(text, 'gb18030'),
    });
    expect(result).toMatchObject({ planned: 1, rejected: 0, errors: [] });
    expect(core.app.db.prepare('SELECT purpose, start_time FROM visits').get()).toEqual({
      purpose: 'situation_check',
      start_time: '14:00',
    });
  });
});
