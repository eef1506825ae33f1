import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';
import { seeder } from './seed';

/**
 * Balances by five-tier classification at the month's end, and the branch's extra bucket
 * boundaries, on a branch of seven loans whose answers are worked out by hand below (March
 * 2026: the 1st and the 31st). Overdue dates are the snapshot's day less its DPD.
 *
 *   loan  snapshots (day: balance, DPD that day, tier)         DPD 1 Mar → 31 Mar
 *   A     28 Feb: ¥1,000.00, 1, 正常;  31 Mar: ¥900.00, 0, 正常   2 → 0 (cured)
 *   B     28 Feb: ¥5,000.00, 100, 次级                            101 → 131
 *   C     28 Feb: ¥3,000.00, 140, 可疑                            141 → 171
 *   D     28 Feb: ¥2,000.00, 320, 损失                            321 → 351
 *   E     15 Mar: ¥500.00, 0, none (new in March)                 — → 0
 *   F     28 Feb: ¥800.00, 31, 关注;  20 Mar: ¥0.00 (paid off)    32 → paid off
 *   G     5 Apr: ¥700.00, 0, 正常 (after the month)               —
 */
async function branch() {
  const core = await signedInCore();
  const db = core.app.db;
  const s = seeder(db);
  const officer = s.staff('李明', 'C001');
  const loan = (name: string) => s.loan(s.borrower(name, officer), `L-${name}`);
  const tier = (loanNo: string, asOf: string, n: number | null) =>
    db
      .prepare(
        `UPDATE loan_snapshots SET classification = ?
         WHERE loan_id = (SELECT id FROM loans WHERE loan_no = ?) AND as_of = ?`,
      )
      .run(n, loanNo, asOf);
  const a = loan('A');
  s.snapshot(a, '2026-02-28', 'M1', 100_000, 1);
  s.snapshot(a, '2026-03-31', 'M0', 90_000);
  tier('L-A', '2026-02-28', 1);
  tier('L-A', '2026-03-31', 1);
  s.snapshot(loan('B'), '2026-02-28', 'M4+', 500_000, 100);
  tier('L-B', '2026-02-28', 3);
  s.snapshot(loan('C'), '2026-02-28', 'M4+', 300_000, 140);
  tier('L-C', '2026-02-28', 4);
  s.snapshot(loan('D'), '2026-02-28', 'M4+', 200_000, 320);
  tier('L-D', '2026-02-28', 5);
  s.snapshot(loan('E'), '2026-03-15', 'M0', 50_000);
  const f = loan('F');
  s.snapshot(f, '2026-02-28', 'M2', 80_000, 31);
  s.snapshot(f, '2026-03-20', 'M0', 0);
  tier('L-F', '2026-02-28', 2);
  tier('L-F', '2026-03-20', 2);
  s.snapshot(loan('G'), '2026-04-05', 'M0', 70_000);
  tier('L-G', '2026-04-05', 1);
  return core;
}

const summary = async (core: Awaited<ReturnType<typeof branch>>) =>
  expectOk(await core.invoke('reports:summary', { month: '2026-03' })).figures;

/** Row i of a matrix as { end bucket: fen } without the empty cells. */
const cells = (m: { buckets: string[]; cellsFen: number[][] }, from: string) =>
  Object.fromEntries(
    m.cellsFen[m.buckets.indexOf(from)]!.flatMap((fen, j) => (fen ? [[m.buckets[j], fen]] : [])),
  );

const auditRows = (db: Sqlite) =>
  db
    .prepare(
      `SELECT action, entity_id AS entityId, before, after FROM audit_log
       WHERE action = 'settings.reportBuckets' ORDER BY id`,
    )
    .all();

describe('monthly summary: balances by five-tier classification', () => {
  it('counts the loans with principal left at the month end under their tier on that day', async () => {
    const core = await branch();
    const figures = await summary(core);
    // By hand: A ¥900 正常 (its 31 Mar snapshot); F paid off (not counted); B, C, D at their
    // February tiers (no later file); E new in March and never classified; G after the month.
    expect(figures.tiers).toEqual([
      { tier: 'pass', loans: 1, balanceFen: 90_000 },
      { tier: 'special_mention', loans: 0, balanceFen: 0 },
      { tier: 'substandard', loans: 1, balanceFen: 500_000 },
      { tier: 'doubtful', loans: 1, balanceFen: 300_000 },
      { tier: 'loss', loans: 1, balanceFen: 200_000 },
      { tier: 'none', loans: 1, balanceFen: 50_000 },
    ]);
    // February's end: A ¥1,000 正常, F ¥800 关注, B, C, D; E and G not yet on file.
    const february = expectOk(await core.invoke('reports:summary', { month: '2026-02' })).figures;
    expect(february.tiers?.map((t) => [t.tier, t.loans, t.balanceFen])).toEqual([
      ['pass', 1, 100_000],
      ['special_mention', 1, 80_000],
      ['substandard', 1, 500_000],
      ['doubtful', 1, 300_000],
      ['loss', 1, 200_000],
      ['none', 0, 0],
    ]);
  });
});

describe('monthly summary: extra bucket boundaries', () => {
  it('keeps M0–M4+ by default, as before', async () => {
    const core = await branch();
    const { rollRate, branch: b } = await summary(core);
    expect(rollRate.buckets).toEqual(['M0', 'M1', 'M2', 'M3', 'M4+']);
    // By hand: start M1 A ¥1,000; M2 F ¥800; M4+ B + C + D = ¥10,000 (3 loans).
    expect(rollRate.startFen).toEqual([0, 100_000, 80_000, 0, 1_000_000]);
    expect(rollRate.startLoans).toEqual([0, 1, 1, 0, 3]);
    expect(cells(rollRate, 'M1')).toEqual({ M0: 90_000 });
    expect(cells(rollRate, 'M4+')).toEqual({ 'M4+': 1_000_000 });
    expect(rollRate.paidOffFen).toEqual([0, 0, 80_000, 0, 0]);
    expect([b.loansOverdueAtStart, b.loansCured, b.loansPaidOff]).toEqual([5, 1, 1]);
  });

  it('splits M4+ at M6 (over 150 days) when the manager chooses M6+', async () => {
    const core = await branch();
    expect(expectOk(await core.invoke('settings:setReportBuckets', { extra: 'M6' }))).toEqual({
      extra: 'M6',
    });
    const { rollRate, branch: b, officers } = await summary(core);
    expect(rollRate.buckets).toEqual(['M0', 'M1', 'M2', 'M3', 'M4-M5', 'M6+']);
    // By hand: on 1 Mar B (101) and C (141) are M4–M5, D (321) M6+. On 31 Mar B (131) stays,
    // C (171) has rolled to M6+, D (351) stays.
    expect(rollRate.startFen).toEqual([0, 100_000, 80_000, 0, 800_000, 200_000]);
    expect(rollRate.startLoans).toEqual([0, 1, 1, 0, 2, 1]);
    expect(cells(rollRate, 'M4-M5')).toEqual({ 'M4-M5': 500_000, 'M6+': 300_000 });
    expect(cells(rollRate, 'M6+')).toEqual({ 'M6+': 200_000 });
    expect(rollRate.paidOffLoans).toEqual([0, 0, 1, 0, 0, 0]);
    // The officer's matrix is split the same way; cures do not change.
    expect(officers[0]!.rollRate?.buckets).toEqual(rollRate.buckets);
    expect([b.loansOverdueAtStart, b.loansCured, b.loansPaidOff]).toEqual([5, 1, 1]);
    // The drill-down names the loans in the same buckets.
    const list = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'rollRate' }),
    );
    expect(list.rows.map((r) => [r.loanNo, r.startBucket, r.endBucket])).toEqual([
      ['L-A', 'M1', 'M0'],
      ['L-B', 'M4-M5', 'M4-M5'],
      ['L-C', 'M4-M5', 'M6+'],
      ['L-D', 'M6+', 'M6+'],
      ['L-F', 'M2', 'paid_off'],
    ]);
  });

  it('splits again at M12 (over 330 days) with M6+ and M12+', async () => {
    const core = await branch();
    expectOk(await core.invoke('settings:setReportBuckets', { extra: 'M6_M12' }));
    const { rollRate } = await summary(core);
    expect(rollRate.buckets).toEqual(['M0', 'M1', 'M2', 'M3', 'M4-M5', 'M6-M11', 'M12+']);
    // By hand: D (321 → 351) rolls from M6–M11 to M12+.
    expect(rollRate.startFen).toEqual([0, 100_000, 80_000, 0, 800_000, 200_000, 0]);
    expect(cells(rollRate, 'M4-M5')).toEqual({ 'M4-M5': 500_000, 'M6-M11': 300_000 });
    expect(cells(rollRate, 'M6-M11')).toEqual({ 'M12+': 200_000 });
    expect(rollRate.cellsLoans[6]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('is the manager’s setting: audited with before and after, refused to an officer', async () => {
    const core = await branch();
    expect(expectOk(await core.invoke('settings:reportBuckets', {}))).toEqual({ extra: 'none' });
    expectOk(await core.invoke('settings:setReportBuckets', { extra: 'M6_M12' }));
    expectOk(await core.invoke('settings:setReportBuckets', { extra: 'none' }));
    expect(auditRows(core.app.db)).toEqual([
      {
        action: 'settings.reportBuckets',
        entityId: 'reports.extraBuckets',
        before: JSON.stringify({ extra: 'none' }),
        after: JSON.stringify({ extra: 'M6_M12' }),
      },
      {
        action: 'settings.reportBuckets',
        entityId: 'reports.extraBuckets',
        before: JSON.stringify({ extra: 'M6_M12' }),
        after: JSON.stringify({ extra: 'none' }),
      },
    ]);
    expectError(
      await core.invoke('settings:setReportBuckets', { extra: 'M9' as 'M6' }),
      'VALIDATION',
    );
    const officer = addAccount(core, { username: 'liming', role: 'officer' });
    await switchTo(core, officer);
    expectError(await core.invoke('settings:setReportBuckets', { extra: 'M6' }), 'FORBIDDEN');
    expect(expectOk(await core.invoke('settings:reportBuckets', {}))).toEqual({ extra: 'none' });
  });
});

describe('the head-office workbook', () => {
  it('has the tier table and the branch’s buckets in the roll-rate sheet', async () => {
    const core = await branch();
    expectOk(await core.invoke('settings:setReportBuckets', { extra: 'M6' }));
    const file = expectOk(
      await core.invoke('reports:exportXlsx', { month: '2026-03', lang: 'zh', purpose: '报总行' }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const tiers = book.getWorksheet('五级分类')!;
    const rows = [3, 4, 5, 6, 7, 8, 9].map((n) => tiers.getRow(n).values as unknown[]);
    // By hand: ¥900 + ¥5,000 + ¥3,000 + ¥2,000 + ¥500 = ¥11,400 at the end of March.
    expect(rows).toEqual([
      [undefined, '正常', 1, 900, 900 / 11_400],
      [undefined, '关注', 0, 0, 0],
      [undefined, '次级', 1, 5000, 5000 / 11_400],
      [undefined, '可疑', 1, 3000, 3000 / 11_400],
      [undefined, '损失', 1, 2000, 2000 / 11_400],
      [undefined, '未分类', 1, 500, 500 / 11_400],
      [undefined, '合计', 5, 11_400, 1],
    ]);
    const roll = book.getWorksheet('迁徙率矩阵')!;
    expect(roll.getColumn(1).values.slice(3)).toEqual(['M0', 'M1', 'M2', 'M3', 'M4-M5', 'M6+']);
    // M4–M5 row: ¥8,000 at the start; ¥3,000 (C) rolled to M6+: 37.5 % by balance.
    const m45 = roll.getRow(7).values as unknown[];
    expect(m45.slice(1, 4)).toEqual(['M4-M5', 2, 8000]);
    expect(roll.getRow(2).values).toContain('→ M6+ 余额比');
    expect(m45[(roll.getRow(2).values as unknown[]).indexOf('→ M6+ 余额比')]).toBe(0.375);
  });
});
