import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { figureDefinitions } from '../../../electron/core/reports/figures';
import { figureValue, NO_RATE } from '../../../electron/core/reports/xlsx';
import { figureKeys, type MonthFigures } from '../../../electron/shared/schemas/reports';
import { cli } from '../cli/support';
import { expectOk, MANAGER, signedInCore, tempDir } from '../support/core';
import { seedMarch2026 } from './dataset';

/** LibreOffice, an independent reader, turns every sheet into a UTF-8 CSV of raw values. */
function libreofficeSheets(xlsx: string): Map<string, string[][]> {
  const outDir = tempDir('visitdesk-lo-out-');
  const profile = tempDir('visitdesk-lo-profile-');
  execFileSync(
    'libreoffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      outDir,
      xlsx,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const sheets = new Map<string, string[][]>();
  for (const file of fs.readdirSync(outDir)) {
    const text = fs.readFileSync(path.join(outDir, file), 'utf8').replace(/^\uFEFF/, '');
    sheets.set(file, Papa.parse<string[]>(text.trim()).data);
  }
  return sheets;
}

/** LibreOffice writes percent-formatted cells as "60%"; the value is 0.6. */
const num = (text: string) => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text));

/** A sheet by its whole name (LibreOffice writes each as <workbook>-<sheet>.csv). */
const sheet = (sheets: Map<string, string[][]>, name: string) =>
  [...sheets.entries()].find(([file]) => file.endsWith(`-${name}.csv`))![1];

describe('exports for head office', () => {
  it('writes an XLSX that LibreOffice reads back as the core’s figures, and JSON with --json', async () => {
    const core = await signedInCore({ now: () => new Date('2026-04-03T02:00:00.000Z') });
    seedMarch2026(core.app.db);
    expectOk(await core.invoke('reports:close', { month: '2026-03' }));
    await core.app.settle();
    core.app.lock('signOut');

    const dir = tempDir();
    const xlsx = path.join(dir, 'summary.xlsx');
    const written = await cli([
      'export-summary',
      '--db',
      core.dbFile,
      '--month',
      '2026-03',
      '--out',
      xlsx,
    ]);
    // The workbook lists borrowers: no file without a stated purpose.
    expect(written.code).toBe(1);
    expect(written.stderr).toContain('--purpose');
    expect(fs.existsSync(xlsx)).toBe(false);
    const withPurpose = await cli([
      'export-summary',
      '--db',
      core.dbFile,
      '--month',
      '2026-03',
      '--out',
      xlsx,
      '--purpose',
      '报送总行月度报表',
    ]);
    expect(withPurpose.code, withPurpose.stderr).toBe(0);
    const printed = await cli([
      'export-summary',
      '--db',
      core.dbFile,
      '--month',
      '2026-03',
      '--json',
    ]);
    expect(printed.code, printed.stderr).toBe(0);
    const json = JSON.parse(printed.stdout) as {
      frozen: boolean;
      figures: MonthFigures;
      close: { auditHead: string; figuresSha256: string };
    };
    expect(json.frozen).toBe(true);

    const sheets = libreofficeSheets(xlsx);
    const summary = sheet(sheets, '汇总');
    // Every sheet opens with the title row: branch, month, closed or not.
    for (const [file, rows] of sheets) {
      expect(rows[0]![0], file).toBe(
        '青山农商银行石桥支行 · 2026年3月 月度汇总 · 已结账（冻结数据）',
      );
    }
    expect(summary[1]).toEqual(['指标', '本月', '上月', '去年同月', '定义']);
    for (const key of figureKeys) {
      const label = figureDefinitions.find((d) => d.key === key)!.label.zh;
      const row = summary.find((r) => r[0] === label);
      expect(row, key).toBeDefined();
      const expected = figureValue(json.figures.branch, key);
      if (expected === null) expect(row![1]).toBe('');
      else if (expected === NO_RATE) expect(row![1]).toBe(NO_RATE);
      else expect(num(row![1]!), `${key} ${row![1]}`).toBeCloseTo(Number(expected), 9);
    }
    expect(summary.find((r) => r[0] === '审计链头哈希')?.[1]).toBe(json.close.auditHead);
    expect(summary.find((r) => r[0] === '数据 SHA-256')?.[1]).toBe(json.close.figuresSha256);
    expect(summary.find((r) => r[0] === '回收金额')?.[1]).toBe('1250');

    // M1 at the start: L2 (1,000 yuan) and L4 (500). L2 ends in M2 with 1,000 left: 1,000 ÷
    // 1,500 by balance, 1 of 2 by count. L4 is paid off: 500 ÷ 1,500, 1 of 2.
    const roll = sheet(sheets, '迁徙率矩阵');
    const m1 = roll.find((r) => r[0] === 'M1')!;
    expect(m1.slice(1, 3).map(Number)).toEqual([2, 1500]);
    const byBalance = [0, 0, 2 / 3, 0, 0, 1 / 3];
    const byCount = [0, 0, 1 / 2, 0, 0, 1 / 2];
    byBalance.forEach((rate, j) => expect(num(m1[3 + 2 * j]!)).toBeCloseTo(rate, 9));
    byCount.forEach((rate, j) => expect(num(m1[4 + 2 * j]!)).toBeCloseTo(rate, 9));
    expect(m1.slice(15).map(Number)).toEqual([0, 0, 0, 0, 1000, 1, 0, 0, 0, 0, 500, 1]);
    // M4+ had no loans at the start: no rate, not 0% and not NaN.
    const m4 = roll.find((r) => r[0] === 'M4+')!;
    expect(m4.slice(3, 15)).toEqual(Array.from({ length: 12 }, () => NO_RATE));

    // Every definition, with a rate's numerator and denominator, from the one module.
    const defs = sheet(sheets, '指标定义');
    expect(defs[1]).toEqual(['编号', '指标', '定义', '分子', '分母']);
    expect(defs.slice(2).map((r) => r[0])).toEqual(figureDefinitions.map((d) => d.key));
    const ptp = defs.find((r) => r[0] === 'ptpRate')!;
    const ptpDefinition = figureDefinitions.find((d) => d.key === 'ptpRate')!;
    expect(ptp).toEqual([
      'ptpRate',
      ptpDefinition.label.zh,
      ptpDefinition.definition.zh,
      ptpDefinition.numerator!.zh,
      ptpDefinition.denominator!.zh,
    ]);
    expect(ptp[2]).toContain('100%');

    const officers = sheet(sheets, '按催收员');
    expect(officers.slice(2).map((r) => r[0])).toEqual(['A001', 'B001', 'M001']);

    // Each officer's matrix, five rows each, with the staff number and name first. 李明's
    // borrowers: L2 M1 1,000 yuan → M2 (1,000 left, 100%); L1 M2 3,000 → M0 2,500 (83.3%).
    // 赵芳's: L5 M0 800 stays; L4 M1 500 paid off (100%); L3 M3 4,000 → M4+ (100%).
    // The manager has no borrowers: every rate "—".
    const perOfficer = sheet(sheets, '按催收员迁徙率');
    expect(perOfficer[1]!.slice(0, 5)).toEqual([
      '工号',
      '姓名',
      '月初账龄',
      '月初笔数',
      '月初余额（元）',
    ]);
    expect(perOfficer.slice(2).map((r) => `${r[0]} ${r[2]}`)).toEqual(
      ['A001', 'B001', 'M001'].flatMap((no) =>
        ['M0', 'M1', 'M2', 'M3', 'M4+'].map((b) => `${no} ${b}`),
      ),
    );
    const officerRow = (no: string, bucket: string) =>
      perOfficer.find((r) => r[0] === no && r[2] === bucket)!;
    expect(officerRow('A001', 'M1')[1]).toBe('李明');
    expect(officerRow('A001', 'M1').slice(3, 5).map(Number)).toEqual([1, 1000]);
    expect(num(officerRow('A001', 'M1')[5 + 2 * 2]!)).toBeCloseTo(1, 9);
    expect(num(officerRow('A001', 'M2')[5]!)).toBeCloseTo(2500 / 3000, 9);
    expect(officerRow('A001', 'M2').slice(17, 19).map(Number)).toEqual([2500, 1]);
    expect(num(officerRow('B001', 'M1')[5 + 2 * 5]!)).toBeCloseTo(1, 9);
    expect(officerRow('B001', 'M1').slice(27).map(Number)).toEqual([500, 1]);
    expect(num(officerRow('B001', 'M3')[5 + 2 * 4]!)).toBeCloseTo(1, 9);
    expect(officerRow('M001', 'M0').slice(5, 17)).toEqual(
      Array.from({ length: 12 }, () => NO_RATE),
    );

    const visits = sheet(sheets, '走访清单');
    expect(visits.length - 2).toBe(6);
    expect(visits[2]).toContain('张三');

    // The CLI's export is audited with its purpose, like the screen's.
    expectOk(await core.invoke('auth:signIn', MANAGER));
    const exports = core.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'reports.export'")
      .all() as { after: string }[];
    expect(exports.map((row) => JSON.parse(row.after) as unknown)).toEqual([
      expect.objectContaining({ format: 'xlsx', purpose: '报送总行月度报表' }),
    ]);
  });

  it('writes the visit list as UTF-8 CSV with a BOM and neutralises formula-like text', async () => {
    const core = await signedInCore();
    seedMarch2026(core.app.db);
    core.app.db.prepare("UPDATE borrowers SET name = '=HYPERLINK(1)' WHERE name = '张三'").run();
    const csv = expectOk(
      await core.invoke('reports:exportCsv', { month: '2026-03', purpose: '报送总行月度报表' }),
    );
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF"编号","日期"')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(1)"`);
    const audit = core.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'reports.export'")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({
      format: 'csv',
      visitRows: 6,
      purpose: '报送总行月度报表',
    });
    const xlsx = expectOk(
      await core.invoke('reports:exportXlsx', {
        month: '2026-03',
        lang: 'en',
        purpose: 'Monthly report to head office',
      }),
    );
    expect(xlsx.fileName).toBe('monthly-summary-2026-03.xlsx');
  });
});
