import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  caseListCsv,
  caseListFile,
  caseListXlsx,
  type ExportColumn,
} from '../../../electron/core/case-export/file';
import { validationReportCsv } from '../../../electron/core/imports/report';
import { readImportFile } from '../../../electron/core/imports/source';
import { standardTemplateCsv, standardTemplateXlsx } from '../../../electron/core/imports/template';
import { importFields } from '../../../electron/shared/schemas/imports';

function parseCsv(buffer: Buffer | string): string[][] {
  const text = typeof buffer === 'string' ? buffer : buffer.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

interface Case {
  name: string;
  idMasked: string;
  overdueFen: number;
  overdueSince: string | null;
  dpd: number;
}

const columns: ExportColumn<Case>[] = [
  { header: '姓名', kind: 'text', value: (r) => r.name },
  { header: '身份证号', kind: 'text', value: (r) => r.idMasked, width: 22 },
  { header: '逾期金额', kind: 'money', value: (r) => r.overdueFen },
  { header: '逾期起始日', kind: 'date', value: (r) => r.overdueSince },
  { header: '逾期天数', kind: 'integer', value: (r) => r.dpd },
];

const rows: Case[] = [
  {
    name: '=HYPERLINK("http://x","y")',
    idMasked: '330100********0012',
    overdueFen: 123456,
    overdueSince: '2025-12-01',
    dpd: 33,
  },
  { name: '张三', idMasked: '330100********0029', overdueFen: 5, overdueSince: null, dpd: 0 },
  { name: '@SUM(1)', idMasked: '-1+1', overdueFen: 0, overdueSince: '2026-01-02', dpd: 1 },
];

describe('case list export', () => {
  it('writes CSV with a BOM, every field quoted and formula text neutralised', () => {
    const csv = caseListCsv(columns, rows);
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[1]).toBe(
      '"\'=HYPERLINK(""http://x"",""y"")","330100********0012","1234.56","2025-12-01","33"',
    );
    expect(parseCsv(csv)).toEqual([
      ['姓名', '身份证号', '逾期金额', '逾期起始日', '逾期天数'],
      ['\'=HYPERLINK("http://x","y")', '330100********0012', '1234.56', '2025-12-01', '33'],
      ['张三', '330100********0029', '0.05', '', '0'],
      ["'@SUM(1)", "'-1+1", '0.00', '2026-01-02', '1'],
    ]);
  });

  it('writes XLSX with a frozen header, widths, money in yuan, date cells and neutralised text', async () => {
    const buffer = await caseListFile('cases.xlsx', columns, rows);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(22);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '姓名',
      '身份证号',
      '逾期金额',
      '逾期起始日',
      '逾期天数',
    ]);
    expect(sheet.getCell('A2').value).toBe('\'=HYPERLINK("http://x","y")');
    expect(sheet.getCell('A2').formula).toBeUndefined();
    expect(sheet.getCell('C2').value).toBe(1234.56);
    expect(sheet.getCell('D2').value).toEqual(new Date(Date.UTC(2025, 11, 1)));
    expect(sheet.getCell('B4').value).toBe("'-1+1");
    expect(sheet.getCell('D3').value).toBeNull();
  });

  it('refuses a file name that is neither .csv nor .xlsx', async () => {
    await expect(caseListFile('cases.pdf', columns, rows)).rejects.toThrow(/\.csv or \.xlsx/);
    expect(caseListXlsx).toBeTypeOf('function');
  });
});

describe('validation report', () => {
  it('lists line, column and the reason in both languages, neutralising echoed text', () => {
    const csv = validationReportCsv([
      { line: 3, column: '身份证号', reason: 'v.idNumber' },
      { line: 0, column: '', reason: 'v.import.nul' },
      { line: 7, column: '=cmd|x', reason: 'v.import.ragged', detail: '2/20' },
    ]);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual([
      '级别 Severity',
      '行号 Line',
      '列 Column',
      '原因',
      'Reason',
      '详情 Detail',
    ]);
    expect(parsed[1]).toEqual([
      '错误 Error',
      '3',
      '身份证号',
      '身份证号不正确（18 位，校验位不符或出生日期无效）',
      'Not a valid resident ID (18 characters, check digit or birth date wrong)',
      '',
    ]);
    expect(parsed[2]![1]).toBe('');
    expect(parsed[3]!.slice(1, 3)).toEqual(['7', "'=cmd|x"]);
    expect(
      csv.split('\r\n').every((line) => line === '' || line.replace(/^\uFEFF/, '').startsWith('"')),
    ).toBe(true);
  });
});

describe('validation report with warnings', () => {
  it('tells errors and warnings apart: errors first, then warnings, each with its line and name', () => {
    const csv = validationReportCsv(
      [{ line: 5, column: '身份证号', reason: 'v.import.idBirthDate' }],
      [
        { line: 2, column: '管户经理', reason: 'v.import.officerNotOnStaff', detail: '王　芳' },
        { line: 0, column: '', reason: 'v.import.moreWarnings', detail: '1200' },
      ],
    );
    const parsed = parseCsv(csv);
    expect(parsed.slice(1)).toEqual([
      [
        '错误 Error',
        '5',
        '身份证号',
        '身份证号中的出生日期不可能：晚于今天，或早于 120 年前',
        'The birth date in the resident ID cannot be right: after today, or more than 120 years ago',
        '',
      ],
      [
        '提醒 Warning',
        '2',
        '管户经理',
        '客户经理不在员工名单中：此行照常导入，但不分配给此人（姓名见详情）；经理可新建该员工，或把姓名对应到现有员工',
        'The officer is not on the staff list: the row imports without this assignment (name in the detail); a manager can add the officer or map the name to a staff member',
        '王　芳',
      ],
      ['提醒 Warning', '', '', '另有 1,200 条提醒未列出', 'and 1,200 more warnings not listed', ''],
    ]);
  });
});

describe('the standard template', () => {
  // The copies shipped for branches to fill in (ASCII names travel better through installers).
  const dir = path.resolve(__dirname, '../../../resources/templates');
  const TEMPLATE_FILE_STEM = 'case-import-template';

  it('has the Chinese headers the importer recognises, and the shipped copy is current', async () => {
    expect(parseCsv(standardTemplateCsv())).toEqual([importFields.map((f) => f.zh)]);
    expect(fs.readFileSync(path.join(dir, `${TEMPLATE_FILE_STEM}.csv`), 'utf8')).toBe(
      standardTemplateCsv(),
    );
  });

  it('as XLSX: headers on the first sheet, ID column formatted as text', async () => {
    for (const bytes of [
      await standardTemplateXlsx(),
      fs.readFileSync(path.join(dir, `${TEMPLATE_FILE_STEM}.xlsx`)),
    ]) {
      const table = await readImportFile('t.xlsx', new Uint8Array(bytes));
      expect(table.ok && table.rows[0]!.cells).toEqual(importFields.map((f) => f.zh));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as never);
      expect(workbook.worksheets[0]!.getColumn(2).numFmt).toBe('@');
    }
  });
});
