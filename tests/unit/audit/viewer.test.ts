import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, toCsv } from '../../../electron/shared/spreadsheet';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';

describe('audit viewer', () => {
  it('lists newest first with filters by action, staff and date', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 12 }));
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 13 }));
    const all = expectOk(await core.invoke('audit:list', {}));
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.action)).toEqual([
      'settings.update',
      'settings.update',
      'auth.signIn',
      'app.setup',
    ]);
    expect(all.rows[0]).toMatchObject({ staffName: '王建国', success: true });
    expect(all.actions).toEqual(['app.setup', 'auth.signIn', 'settings.update']);
    const settings = expectOk(
      await core.invoke('audit:list', { action: 'settings.update', pageSize: 1, page: 1 }),
    );
    expect(settings.total).toBe(2);
    expect(JSON.parse(settings.rows[0]!.after!)).toEqual({ autoLockMinutes: 12 });
    expect(expectOk(await core.invoke('audit:list', { staffId: 99 })).total).toBe(0);
    expect(
      expectOk(await core.invoke('audit:list', { from: '2000-01-01', to: '2000-01-02' })).total,
    ).toBe(0);
  });

  it('verifies the chain against head hashes kept outside the file', async () => {
    const core = await signedInCore();
    const head = expectOk(await core.invoke('audit:verify', {})).head;
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 30 }));
    const report = expectOk(await core.invoke('audit:verify', { anchors: [head] }));
    expect(report.ok).toBe(true);
    expect(report.anchors[0]!.foundAtId).toBe(2);
    const forged = expectOk(await core.invoke('audit:verify', { anchors: ['ab'.repeat(32)] }));
    expect(forged.ok).toBe(false);
    expect(forged.anchors[0]!.foundAtId).toBeNull();
  });

  it('exports CSV for the auditor with a stated purpose, and audits the export', async () => {
    const core = await signedInCore();
    expectError(await core.invoke('audit:export', { purpose: '' }), 'VALIDATION');
    const out = expectOk(await core.invoke('audit:export', { purpose: '年度稽核' }));
    const csv = Buffer.from(out.csvBase64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFF"id","at"')).toBe(true);
    expect(out.rows).toBe(2);
    const last = expectOk(await core.invoke('audit:list', { action: 'audit.export' }));
    expect(JSON.parse(last.rows[0]!.after!)).toMatchObject({ purpose: '年度稽核', rows: 2 });
  });

  it('is for auditors and managers only', async () => {
    const core = await signedInCore();
    const officer = addAccount(core, { username: 'officer1', role: 'officer' });
    const auditor = addAccount(core, { username: 'auditor1', role: 'auditor' });
    await switchTo(core, officer);
    expectError(await core.invoke('audit:list', {}), 'FORBIDDEN');
    await switchTo(core, auditor);
    expect(expectOk(await core.invoke('audit:list', {})).total).toBeGreaterThan(0);
  });
});

describe('spreadsheet text', () => {
  it('neutralises formula-like text and quotes every field', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    for (const risky of ['+1', '-2', '@SUM(A1)', '\tx', '\rx', '\nx'])
      expect(neutraliseFormula(risky)).toBe(`'${risky}`);
    expect(neutraliseFormula('张三')).toBe('张三');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField(12.5)).toBe('"12.5"');
    expect(
      toCsv([
        ['姓名', '=1+1'],
        ['王五', null],
      ]),
    ).toBe('\uFEFF"姓名","\'=1+1"\r\n"王五",""\r\n');
  });
});
