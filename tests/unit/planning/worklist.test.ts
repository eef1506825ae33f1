import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { certifiedStaff, planningCore, seedBorrower, signInAs, type Core } from './support';

/** A visit that already happened, written as the visit-recording feature leaves it. */
function pastVisit(core: Core, borrowerId: number, date: string, notice: 'none' | 'printed') {
  const by = core.app.session?.staffId as number;
  core.app.db
    .prepare(
      `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, status, notice_status,
         notice_at, planned_by, planned_at, updated_at)
       VALUES (?, ?, '09:00', '10:00', 'reminder', 'done', ?, ?, ?, ?, ?)`,
    )
    .run(
      borrowerId,
      date,
      notice,
      notice === 'none' ? null : `${date}T00:00:00.000Z`,
      by,
      `${date}T00:00:00.000Z`,
      `${date}T00:00:00.000Z`,
    );
}

describe('the worklist', () => {
  it('ranks a known set of cases by the weighted score and says why in plain words', async () => {
    // Today is 2026-03-02 in the branch's time zone.
    const core = await planningCore();
    const staff = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
    const a = seedBorrower(core, {
      name: '甲',
      overdueSince: '2025-09-03',
      overdueFen: 1_000_000,
      lastContactAt: '2026-02-20T02:00:00.000Z',
    });
    const b = seedBorrower(core, {
      name: '乙',
      overdueSince: '2026-01-31',
      overdueFen: 5_000_000,
      brokenPromises: 3,
    });
    const c = seedBorrower(core, {
      name: '丙',
      overdueSince: '2025-12-02',
      overdueFen: 2_000_000,
      brokenPromises: 1,
      lastContactAt: '2026-01-01T02:00:00.000Z',
    });
    seedBorrower(core, { name: '丁', overdueSince: null, overdueFen: 0 });
    const planned = seedBorrower(core, {
      name: '戊',
      overdueSince: '2025-10-01',
      overdueFen: 9_000_000,
    });
    const f = seedBorrower(core, {
      name: '己',
      status: 'disputed',
      overdueSince: '2026-01-01',
      overdueFen: 500_000,
    });
    seedBorrower(core, {
      name: '庚',
      status: 'closed',
      overdueSince: '2025-01-01',
      overdueFen: 9_000_000,
    });
    const h = seedBorrower(core, {
      name: '辛',
      elderly: true,
      overdueSince: '2026-02-20',
      overdueFen: 100_000,
      lastContactAt: '2026-03-01T02:00:00.000Z',
    });
    pastVisit(core, c.borrowerId, '2026-02-25', 'printed');
    expectOk(
      await core.invoke('planning:planVisit', {
        borrowerId: planned.borrowerId,
        staffIds: staff,
        date: '2026-03-10',
        start: '09:00',
        end: '10:00',
        purpose: 'reminder',
      }),
    );

    const rows = expectOk(await core.invoke('planning:worklist', { limit: 10 }));
    expect(rows.map((r) => [r.name, r.score])).toEqual([
      ['乙', 66.7],
      ['甲', 52.5],
      ['丙', 50],
      ['己', 35.8],
      ['辛', 8],
    ]);
    const [first] = rows;
    expect(first?.reasons.map((r) => r.zh)).toEqual([
      '逾期金额 ¥50,000.00',
      '违约承诺还款 3 次',
      '从未联系',
      '逾期 30 天',
      '近 30 天未发出通知',
    ]);
    expect(first?.reasons[0]?.en).toBe('¥50,000.00 overdue');
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['甲']).toMatchObject({
      daysPastDue: 180,
      daysSinceContact: 10,
      noticeOut: false,
    });
    expect(byName['丙']).toMatchObject({ noticeOut: true, daysSinceContact: 60 });
    expect(byName['丙']?.reasons.map((r) => r.en)).not.toContain('no notice in the last 30 days');
    expect(byName['己']?.flags.map((x) => x.en)).toEqual(['Disputed: visits suspended']);
    expect(byName['己']?.hold).toBe('disputed');
    expect(byName['辛']?.vulnerable).toEqual(['elderly']);
    expect(byName['辛']?.flags[0]?.zh).toContain('须经理批准');
    expect(a.borrowerId && b.borrowerId && f.borrowerId && h.borrowerId).toBeTruthy();

    const top2 = expectOk(await core.invoke('planning:worklist', { limit: 2 }));
    expect(top2.map((r) => r.name)).toEqual(['乙', '甲']);
  });

  it('follows the weights setting and filters by village', async () => {
    const core = await planningCore();
    seedBorrower(core, {
      name: '远',
      village: '西村',
      overdueSince: '2025-09-03',
      overdueFen: 100_000,
    });
    seedBorrower(core, {
      name: '多',
      village: '东村',
      overdueSince: '2026-02-20',
      overdueFen: 5_000_000,
    });
    const rules = expectOk(await core.invoke('planning:rules', {}));
    expectOk(
      await core.invoke('planning:updateRules', {
        ...rules,
        worklistWeights: {
          daysPastDue: 0,
          overdueAmount: 100,
          brokenPromises: 0,
          daysSinceContact: 0,
          noNotice: 0,
        },
      }),
    );
    expect(expectOk(await core.invoke('planning:worklist', {})).map((r) => r.name)).toEqual([
      '多',
      '远',
    ]);
    expect(
      expectOk(await core.invoke('planning:worklist', { village: '西村' })).map((r) => r.name),
    ).toEqual(['远']);
  });
});

describe('rule settings and holidays', () => {
  it('the manager edits the rules; the schema refuses hours beyond the law; others may not edit', async () => {
    const core = await planningCore();
    const rules = expectOk(await core.invoke('planning:rules', {}));
    expect(rules).toMatchObject({
      allowedStart: '08:00',
      allowedEnd: '20:00',
      minDaysBetweenVisits: 3,
      maxVisitsPerMonth: 4,
    });
    const refused = expectError(
      await core.invoke('planning:updateRules', { ...rules, allowedEnd: '22:30' }),
      'VALIDATION',
    );
    expect(refused.fields).toEqual({ allowedEnd: 'v.legalHours' });
    const saved = expectOk(
      await core.invoke('planning:updateRules', { ...rules, allowedEnd: '21:00' }),
    );
    expect(saved.allowedEnd).toBe('21:00');
    expect(expectOk(await core.invoke('planning:rules', {})).allowedEnd).toBe('21:00');
    await signInAs(core, 'officer', 'liqiang');
    expectError(await core.invoke('planning:updateRules', rules), 'FORBIDDEN');
  });

  it('lists holidays with swap working days and lets the manager add a branch holiday', async () => {
    const core = await planningCore();
    const feb = expectOk(
      await core.invoke('planning:holidays', { from: '2026-02-01', to: '2026-02-28' }),
    );
    expect(feb.days.filter((d) => d.swapWorkday).map((d) => d.date)).toEqual([
      '2026-02-14',
      '2026-02-28',
    ]);
    expect(feb.days.filter((d) => d.kind === 'holiday')).toHaveLength(9);
    expect(feb.estimatedYears).toEqual([]);
    const added = expectOk(
      await core.invoke('planning:setHoliday', {
        date: '2026-03-10',
        kind: 'holiday',
        note: '庙会',
      }),
    );
    expect(added.days).toEqual([
      {
        date: '2026-03-10',
        kind: 'holiday',
        name: { zh: '庙会', en: '庙会' },
        swapWorkday: false,
        source: 'branch',
      },
    ]);
    const staff = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
    const refused = await core.invoke('planning:check', {
      borrowerId: seedBorrower(core).borrowerId,
      staffIds: staff,
      date: '2026-03-10',
      start: '09:00',
      end: '10:00',
      purpose: 'reminder',
    });
    expect(expectOk(refused).violations.map((v) => v.code)).toEqual(['PUBLIC_HOLIDAY']);
    expectOk(await core.invoke('planning:setHoliday', { date: '2026-03-10', kind: null }));
    expectError(
      await core.invoke('planning:setHoliday', { date: '2026-03-10', kind: null }),
      'NOT_FOUND',
    );
  });
});
