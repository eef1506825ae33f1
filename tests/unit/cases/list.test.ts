import { describe, expect, it } from 'vitest';
import { upsertBorrowerAndLoan } from '../../../electron/core/cases/upsert';
import { bucketOf, type Bucket } from '../../../electron/shared/delinquency';
import { addDays } from '../../../electron/shared/dates';
import type { ChannelInput } from '../../../electron/shared/contract';
import { addAccount, expectOk } from '../support/core';
import { TODAY, casesCore, residentId, type Core } from './support';

/** DPDs chosen on and around every bucket boundary, plus current cases. */
const DPDS = [0, 0, 0, 1, 2, 30, 31, 45, 60, 61, 75, 90, 91, 120, 365, 400, 5, 33, 70, 200];
const TOWNSHIPS = ['东源镇', '高湖镇'];

async function branch() {
  const core = await casesCore();
  const officer = addAccount(core, {
    username: 'officer1',
    role: 'officer',
    name: '林晓峰',
    staffNo: 'D201',
  });
  core.app.db.transaction(() => {
    DPDS.forEach((dpd, i) => {
      upsertBorrowerAndLoan(
        core.app.db,
        {
          name: `测试${String.fromCharCode(0x4e00 + i)}`,
          idNumber: residentId('1970-01-01', 100 + i),
          mobile: `1380000${String(1000 + i)}`,
          province: '浙江省',
          city: '丽水市',
          county: '青田县',
          township: TOWNSHIPS[i % 2]!,
          village: i % 4 < 2 ? '一村' : '二村',
          address: '',
          loanNo: `L${i}`,
          product: '',
          principalFen: 1_000_000,
          disbursedOn: '2025-01-01',
          maturityOn: null,
          outstandingPrincipalFen: 800_000,
          overduePrincipalFen: dpd > 0 ? 10_000 * (i + 1) : 0,
          overdueInterestFen: dpd > 0 ? 100 : 0,
          penaltyFen: 0,
          overdueSince: dpd > 0 ? addDays(TODAY, -dpd) : null,
          officer: i % 3 === 0 ? 'D201' : null,
        },
        TODAY,
        null,
      );
    });
  })();
  return { core, officerId: officer.staffId };
}

async function list(core: Core, input: ChannelInput<'cases:list'>) {
  return expectOk(await core.invoke('cases:list', { pageSize: 100, ...input }));
}

const expectedCount = (pred: (dpd: number, i: number) => boolean) =>
  DPDS.filter((d, i) => pred(d, i)).length;

describe('the case list', () => {
  it('sorts most overdue first by default, current cases last, with DPD and bucket', async () => {
    const { core } = await branch();
    const out = await list(core, {});
    expect(out.total).toBe(DPDS.length);
    expect(out.asOf).toBe(TODAY);
    expect(out.rows.map((r) => r.dpd)).toEqual([...DPDS].sort((a, b) => b - a));
    for (const row of out.rows) expect(row.bucket).toBe(bucketOf(row.dpd));
    const asc = await list(core, { sort: 'dpd', direction: 'asc' });
    expect(asc.rows.map((r) => r.dpd)).toEqual([...DPDS].sort((a, b) => a - b));
  });

  it('pages without gaps or repeats, with the same total on every page', async () => {
    const { core } = await branch();
    const whole = (await list(core, { sort: 'totalOverdue', direction: 'desc' })).rows.map(
      (r) => r.id,
    );
    const seen: number[] = [];
    for (let page = 0; page < 3; page++) {
      const out = await list(core, { sort: 'totalOverdue', direction: 'desc', page, pageSize: 7 });
      expect(out.total).toBe(DPDS.length);
      expect(out.rows.length).toBe(page < 2 ? 7 : 6);
      seen.push(...out.rows.map((r) => r.id));
    }
    expect(seen).toEqual(whole);
    const amounts = (await list(core, { sort: 'totalOverdue', direction: 'asc' })).rows.map(
      (r) => r.totalOverdueFen,
    );
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  });

  it.each([
    [['M0'], (d: number) => d === 0],
    [['M1'], (d: number) => d >= 1 && d <= 30],
    [['M2'], (d: number) => d >= 31 && d <= 60],
    [['M3'], (d: number) => d >= 61 && d <= 90],
    [['M4+'], (d: number) => d >= 91],
    [['M1', 'M4+'], (d: number) => (d >= 1 && d <= 30) || d >= 91],
  ] as [Bucket[], (d: number) => boolean][])('filters bucket %j', async (buckets, pred) => {
    const { core } = await branch();
    const out = await list(core, { buckets });
    expect(out.total).toBe(expectedCount(pred));
    for (const row of out.rows) expect(buckets).toContain(row.bucket);
  });

  it('filters a DPD range, inclusive at both ends', async () => {
    const { core } = await branch();
    const out = await list(core, { dpdMin: 30, dpdMax: 61 });
    expect(out.rows.map((r) => r.dpd).sort((a, b) => a - b)).toEqual([30, 31, 33, 45, 60, 61]);
    expect((await list(core, { dpdMin: 91 })).total).toBe(expectedCount((d) => d >= 91));
    expect((await list(core, { dpdMax: 0 })).total).toBe(expectedCount((d) => d === 0));
  });

  it('filters by officer, township, village and status, and counts the same way', async () => {
    const { core, officerId } = await branch();
    const mine = await list(core, { officer: officerId });
    expect(mine.total).toBe(expectedCount((_d, i) => i % 3 === 0));
    expect(mine.rows.every((r) => r.officerName === '林晓峰')).toBe(true);
    expect((await list(core, { officer: 'none' })).total).toBe(
      expectedCount((_d, i) => i % 3 !== 0),
    );
    expect((await list(core, { township: '高湖镇' })).total).toBe(
      expectedCount((_d, i) => i % 2 === 1),
    );
    expect((await list(core, { township: '东源镇', village: '二村' })).total).toBe(
      expectedCount((_d, i) => i % 2 === 0 && i % 4 >= 2),
    );
    const first = (await list(core, {})).rows[0]!;
    expectOk(
      await core.invoke('cases:update', {
        id: first.id,
        name: first.name,
        township: first.township,
        village: first.village,
        status: 'on_hold',
        vulnerable: { elderly: true, ill: false, disabled: false, disaster: false },
      }),
    );
    const held = await list(core, { statuses: ['on_hold'] });
    expect(held.rows.map((r) => r.id)).toEqual([first.id]);
    expect((await list(core, { statuses: ['active'] })).total).toBe(DPDS.length - 1);
    const vulnerable = await list(core, { vulnerable: true });
    expect(vulnerable.rows.map((r) => [r.id, r.vulnerable])).toEqual([[first.id, ['elderly']]]);
    expect((await list(core, { vulnerable: false })).total).toBe(DPDS.length - 1);
  });

  it('filters broken promises and "not visited for N days"', async () => {
    const { core } = await branch();
    const rows = (await list(core, {})).rows;
    core.app.db.prepare('UPDATE borrowers SET broken_promises = 2 WHERE id = ?').run(rows[0]!.id);
    expect((await list(core, { brokenPromise: true })).rows.map((r) => r.id)).toEqual([
      rows[0]!.id,
    ]);
    expectOk(
      await core.invoke('cases:addContactEvent', {
        borrowerId: rows[1]!.id,
        at: '2026-11-20T02:00:00.000Z',
        kind: 'visit',
        outcome: 'reached',
      }),
    );
    expectOk(
      await core.invoke('cases:addContactEvent', {
        borrowerId: rows[2]!.id,
        at: '2026-09-01T02:00:00.000Z',
        kind: 'visit',
        outcome: 'reached',
      }),
    );
    const notVisited = await list(core, { notVisitedDays: 30 });
    expect(notVisited.total).toBe(DPDS.length - 1);
    expect(notVisited.rows.map((r) => r.id)).not.toContain(rows[1]!.id);
    expect(notVisited.rows.map((r) => r.id)).toContain(rows[2]!.id);
  });

  it('always masks the resident ID and the mobile', async () => {
    const { core } = await branch();
    const out = await list(core, { sort: 'name', direction: 'asc' });
    for (const row of out.rows) {
      expect(row.idNumberMasked).toMatch(/^331121\*{8}[0-9X]{4}$/);
      expect(row.mobileMasked).toMatch(/^138\*{4}\d{4}$/);
    }
    expect(JSON.stringify(out)).not.toContain(residentId('1970-01-01', 100));
    expect(JSON.stringify(out)).not.toContain('13800001000');
  });

  it('computes DPD for another as-of date', async () => {
    const { core } = await branch();
    const later = await list(core, { asOf: addDays(TODAY, 30), buckets: ['M1'] });
    // Thirty days on, every overdue case has aged out of M1: 1, 2, 5 and 30 DPD are now M2.
    expect(later.total).toBe(0);
    const m2 = await list(core, { asOf: addDays(TODAY, 30), buckets: ['M2'] });
    expect(m2.rows.map((r) => r.dpd).sort((a, b) => a - b)).toEqual([31, 32, 35, 60]);
  });
});
