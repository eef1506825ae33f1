import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { b64, caseRow, csvText, idFor, utf8 } from '../imports/fixtures';
import { addAccount, expectOk, signedInCore, switchTo } from '../support/core';

const PURPOSE = '报送总行月度报表';

async function branchWithCases() {
  const core = await signedInCore();
  const rows = [
    caseRow(1, { name: '张三', township: '石桥镇', village: '东村' }),
    caseRow(2, { name: '李四', township: '石桥镇', village: '西村' }),
    caseRow(3, { name: '王五', township: '青山镇', village: '南村' }),
  ];
  expectOk(
    await core.invoke('imports:run', {
      fileName: 'cases.csv',
      contentBase64: b64(utf8(csvText(rows))),
      asOf: '2026-03-01',
    }),
  );
  return core;
}

const table = (base64: string) => {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  expect(text.startsWith('\uFEFF"姓名","身份证号","手机号"')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
};

const exportRows = (core: Awaited<ReturnType<typeof signedInCore>>) =>
  (
    core.app.db
      .prepare("SELECT success, after FROM audit_log WHERE action = 'cases.export' ORDER BY id")
      .all() as { success: number; after: string }[]
  ).map((r): Record<string, unknown> => ({
    success: r.success,
    ...(JSON.parse(r.after) as Record<string, unknown>),
  }));

describe('cases:export', () => {
  it('writes the filtered list, masked, as CSV with a BOM, and audits filter, size and purpose', async () => {
    const core = await branchWithCases();
    const out = expectOk(
      await core.invoke('cases:export', {
        township: '石桥镇',
        asOf: '2026-03-01',
        purpose: PURPOSE,
      }),
    );
    expect(out).toMatchObject({ fileName: '案件清单-20260301.csv', rows: 2, fullNumbers: false });
    const [header, ...body] = table(out.contentBase64);
    expect(header).toHaveLength(12);
    expect(body.map((r) => r[0]).sort()).toEqual(['张三', '李四']);
    for (const row of body) {
      expect(row[1]).toMatch(/^\d{6}\*+\w{4}$/);
      expect(row[1]).not.toBe(idFor(1));
      expect(row[2]).toContain('*');
      // Overdue principal 1,234.50 + interest 88.80 + penalty 12.34, as plain yuan.
      expect(row[6]).toBe('1335.64');
    }
    expect(exportRows(core)).toEqual([
      expect.objectContaining({
        success: 1,
        rows: 2,
        fullNumbers: false,
        purpose: PURPOSE,
        filter: expect.objectContaining({ township: '石桥镇', asOf: '2026-03-01' }),
      }),
    ]);
  });

  it('needs a purpose of at least 4 characters; nothing is audited without one', async () => {
    const core = await branchWithCases();
    expect((await core.invoke('cases:export', {})).ok).toBe(false);
    for (const purpose of ['', '  审计 ']) {
      const result = await core.invoke('cases:export', { purpose });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.fields).toEqual({ purpose: 'v.required' });
    }
    expect(exportRows(core)).toEqual([]);
  });

  it('full numbers only for roles that may reveal them; an officer may not export at all', async () => {
    const core = await branchWithCases();
    const full = expectOk(
      await core.invoke('cases:export', { fullNumbers: true, purpose: PURPOSE, lang: 'en' }),
    );
    expect(full.fileName).toMatch(/^cases-\d{8}\.csv$/);
    const text = Buffer.from(full.contentBase64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF"Name","ID number","Mobile"')).toBe(true);
    expect(text).toContain(`"${idFor(1)}"`);
    expect(text).toContain('"13800000001"');

    const clerk = addAccount(core, { username: 'clerk1', role: 'clerk' });
    const officer = addAccount(core, { username: 'officer1', role: 'officer' });
    await switchTo(core, clerk);
    const masked = expectOk(await core.invoke('cases:export', { purpose: PURPOSE }));
    expect(masked.rows).toBe(3);
    const refused = await core.invoke('cases:export', { fullNumbers: true, purpose: PURPOSE });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    await switchTo(core, officer);
    const officerTry = await core.invoke('cases:export', { purpose: PURPOSE });
    expect(officerTry.ok || officerTry.error.code).toBe('FORBIDDEN');

    expect(exportRows(core).map((r) => [r.success, r.fullNumbers, r.purpose])).toEqual([
      [1, true, PURPOSE],
      [1, false, PURPOSE],
      [0, true, PURPOSE],
    ]);
  });
});
