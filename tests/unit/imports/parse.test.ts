import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { locateHeader } from '../../../electron/core/imports/headers';
import { readImportFile } from '../../../electron/core/imports/source';
import type { SourceTable } from '../../../electron/core/imports/table';
import {
  caseRow,
  csvText,
  enHeaders,
  gb18030,
  gbk,
  idFor,
  utf8,
  utf8Bom,
  wrongCheck,
  xlsxBytes,
  zhHeaders,
} from './fixtures';
import { checkRows, decodeCsvBytes } from './whole-file';

async function checked(fileName: string, bytes: Uint8Array) {
  const table = await readImportFile(fileName, bytes);
  if (!table.ok) throw new Error(`unreadable: ${table.problem.reason}`);
  const layout = locateHeader(table.rows);
  expect(layout.problems).toEqual([]);
  return { table, ...checkRows(layout, table.kind, table.problems) };
}

function problemOf(table: SourceTable) {
  if (table.ok) throw new Error('expected an unreadable file');
  return table.problem;
}

describe('encoding detection', () => {
  const text = '姓名,地址\r\n张三,石桥镇𠮷村\r\n';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeCsvBytes(utf8Bom(text))).toEqual({ ok: true, text, encoding: 'utf8-bom' });
    expect(decodeCsvBytes(utf8(text))).toEqual({ ok: true, text, encoding: 'utf8' });
  });

  it('decodes non-UTF-8 bytes as GB18030, says GBK when they stay within it, keeps 𠮷', () => {
    const plain = '姓名,金额\r\n张三,￥1,234.50\r\n';
    expect(decodeCsvBytes(gbk(plain))).toEqual({ ok: true, text: plain, encoding: 'gbk' });
    // 𠮷 is a four-byte GB18030 sequence, which GBK does not have.
    expect(decodeCsvBytes(gb18030(text))).toMatchObject({ ok: true, text, encoding: 'gb18030' });
  });

  it('honours an override and refuses text that is not in the chosen encoding', () => {
    expect(decodeCsvBytes(gbk('张三'), 'gbk')).toEqual({ ok: true, text: '张三', encoding: 'gbk' });
    expect(decodeCsvBytes(gbk('张三'), 'utf8')).toEqual({ ok: false, reason: 'v.import.notText' });
    // Forcing GB18030 on UTF-8 bytes decodes (garbled) — that is what an override means.
    expect(decodeCsvBytes(utf8('张三'), 'gb18030')).toMatchObject({
      ok: true,
      encoding: 'gb18030',
    });
    expect(decodeCsvBytes(utf8('张三'), 'gb18030')).not.toMatchObject({ text: '张三' });
  });

  it('names UTF-16 files instead of garbling them', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('姓名', 'utf16le')]);
    expect(decodeCsvBytes(utf16)).toEqual({ ok: false, reason: 'v.import.utf16' });
  });
});

describe('reading CSV and XLSX', () => {
  const rows = [caseRow(1), caseRow(2, { overdue_principal: '￥1,234.50' })];

  it.each([
    ['UTF-8', utf8],
    ['UTF-8 with BOM', utf8Bom],
    ['GBK', gbk],
    ['GB18030', gb18030],
  ])('reads the template in %s with the same values', async (_label, encode) => {
    const text = csvText([caseRow(1, { overdue_principal: '￥1,234.50' }), rows[1]!]);
    const { valid, problems } = await checked('cases.csv', encode(text));
    expect(problems).toEqual([]);
    expect(valid.map((r) => [r.line, r.name, r.idNumber, r.overduePrincipalFen])).toEqual([
      [2, '借款人1', idFor(1), 123450],
      [3, '借款人2', idFor(2), 123450],
    ]);
  });

  it('keeps a 4-byte GB18030 character in a name', async () => {
    const { valid } = await checked('cases.csv', gb18030(csvText([caseRow(1, { name: '𠮷田' })])));
    expect(valid[0]!.name).toBe('𠮷田');
  });

  it('recognises English headers in any order and skips a title line above the table', async () => {
    const order = [...enHeaders].reverse();
    const row = caseRow(3, { principal: '50000', overdue_principal: '1234.5' });
    const text = `分行逾期清单 2026-01\r\n${order.join(',')}\r\n${[...Object.values(row)].reverse().join(',')}\r\n`;
    const { valid, problems } = await checked('cases.csv', utf8(text));
    expect(problems).toEqual([]);
    expect(valid[0]).toMatchObject({
      line: 3,
      loanNo: 'L000003',
      principalFen: 5_000_000,
      idNumber: idFor(3),
    });
  });

  it('reads quoted fields with commas, quotes and line breaks, counting lines as an editor does', async () => {
    const text = csvText([
      caseRow(1, { address: '人民路 8 号,\r\n二楼 "东户"' }),
      caseRow(2, { id_number: wrongCheck(idFor(2)) }),
    ]);
    const { valid, problems } = await checked('cases.csv', utf8(text));
    expect(valid[0]!.address).toBe('人民路 8 号,\r\n二楼 "东户"');
    // The first data row spans lines 2–3, so the second starts on line 4.
    expect(problems).toEqual([{ line: 4, column: '身份证号', reason: 'v.idNumber' }]);
  });

  it('reads amounts and dates in every written form', async () => {
    const forms = [
      ['1234.5', '2026-10-03'],
      ['1,234.50', '2026/10/03'],
      ['¥1,234.50', '2026年10月3日'],
      ['￥1,234.50', '2026/10/3'],
    ] as const;
    const text = csvText(
      forms.map(([amount, date], i) =>
        caseRow(i + 1, {
          overdue_interest: amount,
          overdue_since: date,
          maturity_on: '2026-12-31',
        }),
      ),
    );
    const { valid, problems } = await checked('cases.csv', utf8(text));
    expect(problems).toEqual([]);
    expect(valid.map((r) => [r.overdueInterestFen, r.overdueSince])).toEqual(
      forms.map(() => [123450, '2026-10-03']),
    );
  });

  it('reports each bad cell with its line, header and reason', async () => {
    const text = csvText([
      caseRow(1),
      caseRow(2, { id_number: wrongCheck(idFor(2)) }),
      caseRow(3, { disbursed_on: '2026-02-30' }),
      caseRow(4, { principal: '12,34.5' }),
      caseRow(5, { name: '\t ' }),
      caseRow(6, { penalty: '-5' }),
      caseRow(7, { mobile: '12345678901' }),
      caseRow(8, { id_number: '110105194902301234' }),
      caseRow(9, { maturity_on: '2020-01-01' }),
    ]);
    const { valid, problems } = await checked('cases.csv', utf8(text));
    expect(valid.map((r) => r.line)).toEqual([2]);
    expect(problems).toEqual([
      { line: 3, column: '身份证号', reason: 'v.idNumber' },
      { line: 4, column: '放款日期', reason: 'v.import.date' },
      { line: 5, column: '贷款本金', reason: 'v.import.amount' },
      { line: 6, column: '姓名', reason: 'v.required' },
      { line: 7, column: '罚息', reason: 'v.nonNegative' },
      { line: 8, column: '手机号', reason: 'v.mobile' },
      { line: 9, column: '身份证号', reason: 'v.idNumber' },
      { line: 10, column: '到期日期', reason: 'v.import.maturityBeforeDisbursed' },
    ]);
  });

  it('accepts a lowercase x check character and stores it as X', async () => {
    const id = '11010519491231002X';
    const { valid, problems } = await checked(
      'c.csv',
      utf8(csvText([caseRow(1, { id_number: id.toLowerCase() })])),
    );
    expect(problems).toEqual([]);
    expect(valid[0]!.idNumber).toBe(id);
  });

  it('keeps formula-like text exactly as written', async () => {
    const name = '=HYPERLINK("http://x","y")';
    const address = '\t+1+1 @SUM(A1)';
    const { valid, problems } = await checked(
      'c.csv',
      utf8(csvText([caseRow(1, { name, address })])),
    );
    expect(problems).toEqual([]);
    expect(valid[0]).toMatchObject({ name, address });
  });

  it('rejects a loan number twice in one file and one ID under two names', async () => {
    const text = csvText([
      caseRow(1),
      caseRow(2, { loan_no: 'L000001' }),
      caseRow(3, { id_number: idFor(1), loan_no: 'L9' }),
      caseRow(1, { loan_no: 'L10' }),
    ]);
    const { valid, problems } = await checked('c.csv', utf8(text));
    expect(valid.map((r) => r.line)).toEqual([2, 5]);
    expect(problems).toEqual([
      { line: 3, column: '贷款编号', reason: 'v.import.duplicateLoan', detail: '2' },
      { line: 4, column: '姓名', reason: 'v.import.conflictingBorrower' },
    ]);
  });

  it('reads the first worksheet of an XLSX with date and number cells', async () => {
    const bytes = await xlsxBytes([
      zhHeaders,
      Object.values(caseRow(1, {})).map((v, i) =>
        i === 11 ? 50000 : i === 12 ? new Date(Date.UTC(2024, 2, 1)) : i === 2 ? 13800000001 : v,
      ),
    ]);
    const { valid, problems } = await checked('cases.xlsx', bytes);
    expect(problems).toEqual([]);
    expect(valid[0]).toMatchObject({
      line: 2,
      principalFen: 5_000_000,
      disbursedOn: '2024-03-01',
      mobile: '13800000001',
    });
  });

  it('reports an ID that Excel stored as a number (precision lost)', async () => {
    const cells = Object.values(caseRow(1)) as (string | number)[];
    cells[1] = Number('330100196002020012');
    const { problems } = await checked('cases.xlsx', await xlsxBytes([zhHeaders, cells]));
    expect(problems).toEqual([{ line: 2, column: '身份证号', reason: 'v.import.numberAsText' }]);
  });
});

describe('files that cannot be imported say why', () => {
  it('a ragged row', async () => {
    const text = `${csvText([caseRow(1)])}张三,${idFor(9)}\r\n`;
    const { problems } = await checked('c.csv', utf8(text));
    expect(problems).toEqual([
      { line: 3, column: '', reason: 'v.import.ragged', detail: `2/${zhHeaders.length}` },
    ]);
  });

  it('an embedded NUL', async () => {
    const text = csvText([caseRow(1), caseRow(2, { name: 'a\0b' })]);
    expect(problemOf(await readImportFile('c.csv', utf8(text)))).toEqual({
      line: 3,
      column: '',
      reason: 'v.import.nul',
    });
  });

  it('a 50,000-character cell', async () => {
    const text = csvText([caseRow(1, { address: '长'.repeat(50_000) }), caseRow(2)]);
    const { valid, problems } = await checked('c.csv', utf8(text));
    expect(valid.map((r) => r.line)).toEqual([3]);
    expect(problems).toEqual([{ line: 2, column: '详细地址', reason: 'v.import.cellTooLong' }]);
  });

  it('an unterminated quote', async () => {
    const text = `${csvText([caseRow(1)])}"张三,${idFor(9)}\r\n`;
    const { problems } = await checked('c.csv', utf8(text));
    expect(problems[0]).toEqual({ line: 3, column: '', reason: 'v.import.unterminatedQuote' });
  });

  it('a duplicated header, a missing required column', async () => {
    const table = await readImportFile(
      'c.csv',
      utf8(`姓名,name,身份证号\r\n张三,张三,${idFor(1)}\r\n`),
    );
    if (!table.ok) throw new Error('unreadable');
    const layout = locateHeader(table.rows);
    expect(layout.problems).toContainEqual({
      line: 1,
      column: 'name',
      reason: 'v.import.duplicateColumn',
      detail: '姓名 (A) / name (B)',
    });
    expect(layout.missingFields).toEqual([
      'loan_no',
      'principal',
      'disbursed_on',
      'outstanding_principal',
    ]);
    expect(layout.problems).toContainEqual({
      line: 1,
      column: '贷款编号/loan_no',
      reason: 'v.import.missingColumn',
    });
  });

  it('a zip that is not a workbook, and a .xlsx that is not a zip', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const fake = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    expect(problemOf(await readImportFile('cases.xlsx', fake)).reason).toBe('v.import.notXlsx');
    expect(problemOf(await readImportFile('cases.xlsx', utf8('姓名\r\n'))).reason).toBe(
      'v.import.notXlsx',
    );
  });
});

describe('column mappings', () => {
  it('maps other headers to fields and reports a mapped header the file lacks', async () => {
    const headers = ['客户', '证件', '借据', '金额', '发放', '余额', '地区'];
    const row = ['张三', idFor(1), 'J-1', '1000', '2025-01-01', '800', '东村'];
    const table = await readImportFile(
      'c.csv',
      utf8(`${headers.join(',')}\r\n${row.join(',')}\r\n`),
    );
    const mapping = {
      客户: 'name',
      证件: 'id_number',
      借据: 'loan_no',
      金额: 'principal',
      发放: 'disbursed_on',
      余额: 'outstanding_principal',
      地区: 'village',
    } as const;
    if (!table.ok) throw new Error('unreadable');
    const layout = locateHeader(table.rows, mapping);
    expect(layout.problems).toEqual([]);
    expect(checkRows(layout, 'csv', []).valid[0]).toMatchObject({
      name: '张三',
      village: '东村',
      principalFen: 100_000,
    });
    expect(layout.columns).toEqual([
      'name',
      'id_number',
      'loan_no',
      'principal',
      'disbursed_on',
      'outstanding_principal',
      'village',
    ]);
    const missing = locateHeader(table.rows, { ...mapping, 电话: 'mobile' });
    expect(missing.problems).toEqual([
      { line: 1, column: '电话', reason: 'v.import.unknownHeader' },
    ]);
  });
});
