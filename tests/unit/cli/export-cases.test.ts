import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { caseRow, csvText, idFor } from '../imports/fixtures';
import { cli, initBranch, openCore } from './support';

const PASSPHRASE = 'correct horse battery';
const PURPOSE = '报送总行季度核对';

/** A branch with the given cases imported through the CLI as of 2026-03-01. */
async function branchWith(count: number) {
  const branch = await initBranch();
  const file = path.join(branch.dir, 'cases.csv');
  const rows = Array.from({ length: count }, (_, i) =>
    caseRow(i + 1, { name: ['张三', '李四', '王五'][i % 3] ?? '张三' }),
  );
  fs.writeFileSync(file, csvText(rows));
  const imported = await cli([
    'import',
    '--db',
    branch.db,
    '--file',
    file,
    '--as-of',
    '2026-03-01',
  ]);
  expect(imported.code).toBe(0);
  return branch;
}

/** The audit rows of case exports, read through the core as the manager. */
async function exportAudit(db: string) {
  const core = openCore(db);
  await core.invoke('auth:signIn', { username: 'admin', passphrase: PASSPHRASE });
  const rows = core.app.db
    .prepare("SELECT after FROM audit_log WHERE action = 'cases.export' ORDER BY id")
    .all() as { after: string }[];
  core.app.lock('quit');
  return rows.map((r) => JSON.parse(r.after) as Record<string, unknown>);
}

describe('export-cases writes the screen’s export (cases:export)', () => {
  it('CSV and XLSX: the screen’s columns and words, masked numbers, audited as the screen’s', async () => {
    const { dir, db } = await branchWith(3);
    const csvFile = path.join(dir, 'list.csv');
    const csv = await cli(['export-cases', '--db', db, '--out', csvFile, '--purpose', PURPOSE]);
    expect(csv.code).toBe(0);
    const text = fs.readFileSync(csvFile, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...body] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header).toEqual([
      '姓名',
      '身份证号',
      '手机号',
      '乡镇',
      '村',
      '客户经理',
      '逾期总额（元）',
      '逾期天数',
      '账龄',
      '五级分类',
      '最近联系',
      '状态',
    ]);
    expect(body).toHaveLength(3);
    expect(body.map((r) => r[0]).sort()).toEqual(['张三', '李四', '王五']);
    for (const row of body) {
      expect(row[1]).toMatch(/^\d{6}\*+\w{4}$/);
      expect([idFor(1), idFor(2), idFor(3)]).not.toContain(row[1]);
      expect(row[2]).toContain('*');
      // Overdue principal 1,234.50 + interest 88.80 + penalty 12.34, as plain yuan.
      expect(row[6]).toBe('1335.64');
      // The import said no tier: the cell is empty (an import of it keeps the tier on file).
      expect(row[9]).toBe('');
      expect(row[10]).toBe('');
      // Imported cases are active, said in words as on screen.
      expect(row[11]).toBe('催收中');
    }

    const xlsxFile = path.join(dir, 'list.xlsx');
    const xlsx = await cli([
      'export-cases',
      '--db',
      db,
      '--out',
      xlsxFile,
      '--purpose',
      PURPOSE,
      '--json',
    ]);
    expect(xlsx.code).toBe(0);
    expect(JSON.parse(xlsx.stdout)).toEqual({ file: xlsxFile, rows: 3 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(1).getCell(7).value).toBe('逾期总额（元）');
    expect(sheet.getRow(1).getCell(10).value).toBe('五级分类');
    expect(sheet.rowCount).toBe(4);
    for (let r = 2; r <= 4; r++) {
      expect(String(sheet.getRow(r).getCell(2).value)).toMatch(/^\d{6}\*+\w{4}$/);
      // Money is a number in XLSX: 1,335.64 yuan.
      expect(sheet.getRow(r).getCell(7).value).toBe(1335.64);
      expect(sheet.getRow(r).getCell(12).value).toBe('催收中');
    }

    // Audited by the channel: masked, the purpose, the format, the whole list's filter.
    expect(await exportAudit(db)).toEqual([
      expect.objectContaining({ rows: 3, fullNumbers: false, purpose: PURPOSE, format: 'csv' }),
      expect.objectContaining({ rows: 3, fullNumbers: false, purpose: PURPOSE, format: 'xlsx' }),
    ]);
  });

  it('refuses a list longer than the screen’s cap of 50,000 cases: no file, nothing audited', async () => {
    const { dir, db } = await branchWith(50_001);
    const out = path.join(dir, 'all.csv');
    const zh = await cli(['export-cases', '--db', db, '--out', out, '--purpose', PURPOSE]);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe(
      '错误：没有导出：案件清单共有 50,001 个案件，超过单次导出的上限 50,000 个（与界面的导出相同）；请在案件清单界面按条件筛选，分批导出。',
    );
    const en = await cli(
      ['export-cases', '--db', db, '--out', out, '--purpose', PURPOSE],
      PASSPHRASE,
      {
        LANG: 'en_US.UTF-8',
      },
    );
    expect(en.stderr).toBe(
      'Error: Nothing exported: the case list has 50,001 cases, more than one export may hold (50,000, as on screen); export it from the case list screen in parts, narrowed by a filter.',
    );
    expect(fs.readdirSync(dir).filter((f) => f.includes('all.csv'))).toEqual([]);
    expect(await exportAudit(db)).toEqual([]);
  }, 240_000);
});
