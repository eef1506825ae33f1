import { execFile } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../electron/core/imports/csv';
import { locateHeader } from '../../../electron/core/imports/headers';
import { appImportDesk } from '../../../electron/core/imports/desk';
import { prepareImport } from '../../../electron/core/imports/prepare';
import type { ImportProblem } from '../../../electron/shared/schemas/imports';
import { signedInCore, tempDir } from '../support/core';
import { manyBadRows } from './bomb-files';
import { caseRow, csvText, idFor, utf8, wrongCheck, zhHeaders } from './fixtures';
import { checkRows } from './whole-file';

/**
 * What the import itself may add to its process at the peak (VmHWM, KiB; see bomb-run.ts):
 * 200 MB over what the child held before the import began. The child starts at about 160 MB
 * (tsx and the core compiled from its TypeScript sources, which the app's bundled worker does
 * not carry), so its whole peak is not the import's. Measured with a million bad rows: Node 20
 * adds 53-77 MB; Node 24 (Electron's) adds 67 MB for GBK and 150-180 MB for UTF-8 and
 * all-or-nothing, whose whole-process peaks (310-340 MB) broke the earlier 300 MB bound on the
 * whole process.
 */
const GROWTH_LIMIT_KIB = 200 * 1024;
const growth = (run: Run) => run.peakKiB - run.baselineKiB;

interface Run {
  baselineKiB: number;
  peakKiB: number;
  ms: number;
  loans: number;
  result: {
    ok: true;
    written: boolean;
    total: number;
    inserted: number;
    rejected: number;
    encoding: string | null;
    errors: ImportProblem[];
    errorCount: number;
    lastErrors: ImportProblem[];
  };
}

/** One import in a child process (bomb-run.ts, as bombs.test.ts runs them): its peak alone. */
function importInChild(file: string, mode: string): Promise<Run> {
  const runner = path.join(__dirname, 'bomb-run.ts');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', runner, file, path.basename(file), mode, 'direct'],
      { cwd: path.join(__dirname, '../../..'), maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Run);
      },
    );
  });
}

// Each bad row names a borrower and nothing else: five required cells are empty.
const emptyRequired = ['身份证号', '贷款编号', '贷款本金', '放款日期', '剩余本金'];
const requiredAt = (line: number) =>
  emptyRequired.map((column) => ({ line, column, reason: 'v.required' }));

describe('a valid header followed by a million bad rows', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    const dir = tempDir('visitdesk-bad-rows-');
    const utf8File = path.join(dir, 'bad-rows.csv');
    const gbkFile = path.join(dir, 'bad-rows-gbk.csv');
    // 27 MB each: the header, 1,000,000 bad rows (lines 2 … 1,000,001), 3 good rows at the end.
    manyBadRows(utf8File, 1_000_000, 3, 'utf8');
    manyBadRows(gbkFile, 1_000_000, 3, 'gbk');
    // Two at a time: the machine has two cores.
    const [valid, gbk] = await Promise.all([
      importInChild(utf8File, 'valid-only'),
      importInChild(gbkFile, 'valid-only'),
    ]);
    runs.set('utf8', valid!);
    runs.set('gbk', gbk!);
    runs.set('all-or-nothing', await importInChild(utf8File, 'all-or-nothing'));
  }, 240_000);

  it('imports the three good rows and reports the first 1,000 problems and "4,999,000 more", the import adding under 200 MB', () => {
    const run = runs.get('utf8')!;
    expect(growth(run)).toBeLessThan(GROWTH_LIMIT_KIB);
    expect(run.result).toMatchObject({
      ok: true,
      written: true,
      encoding: 'utf8',
      total: 1_000_003,
      inserted: 3,
      rejected: 1_000_000,
      errorCount: 1001,
    });
    expect(run.loans).toBe(3);
    expect(run.result.errors).toEqual(requiredAt(2));
    expect(run.result.lastErrors).toEqual([
      { line: 201, column: '剩余本金', reason: 'v.required' },
      { line: 0, column: '', reason: 'v.import.moreProblems', detail: '4999000' },
    ]);
  });

  it('the same file in GBK is decoded piece by piece and checked in the same bound', () => {
    const run = runs.get('gbk')!;
    expect(growth(run)).toBeLessThan(GROWTH_LIMIT_KIB);
    expect(run.result).toMatchObject({
      written: true,
      encoding: 'gbk',
      total: 1_000_003,
      inserted: 3,
      rejected: 1_000_000,
      errorCount: 1001,
    });
  });

  it('all-or-nothing refuses it whole: nothing written, the same report', () => {
    const run = runs.get('all-or-nothing')!;
    expect(growth(run)).toBeLessThan(GROWTH_LIMIT_KIB);
    expect(run.result).toMatchObject({
      written: false,
      total: 1_000_003,
      inserted: 0,
      rejected: 1_000_000,
      errorCount: 1001,
    });
    expect(run.loans).toBe(0);
    expect(run.result.errors).toEqual(requiredAt(2));
  });
});

describe('checking rows as they are read', () => {
  /** A file with most of what the checks know: a title, blank lines, bad rows of each kind. */
  const text = [
    '石桥支行逾期清单（2026-01-15）\r\n\r\n',
    csvText([
      caseRow(1),
      caseRow(2, { id_number: wrongCheck(idFor(2)) }),
      caseRow(3, { loan_no: 'L000001' }),
      caseRow(4, { id_number: idFor(1) }),
      caseRow(5, { principal: '五万', disbursed_on: '2025-13-01' }),
      caseRow(6, { overdue_principal: '40000' }),
      caseRow(7),
    ]),
    `借款人8${','.repeat(6)}\r\n`,
    `"借款人9,${idFor(9)}\r\n`,
  ].join('');

  it('gives the rows and problems of a whole-table check, and the same counts', async () => {
    const { app } = await signedInCore();
    const table = readCsv(utf8(text));
    if (!table.ok) throw new Error(table.problem.reason);
    const layout = locateHeader(table.rows);
    expect(layout.headerLine).toBe(3);
    const whole = checkRows(layout, table.kind, table.problems);

    const source = { kind: 'csv' as const, bytes: utf8(text), encoding: 'auto' as const };
    const streamed = await prepareImport(appImportDesk(app), 'cases.csv', source, undefined);
    expect(streamed.total).toBe(whole.total);
    expect(streamed.total).toBe(9);
    expect(streamed.rows).toEqual(whole.valid);
    expect(streamed.rows.map((r) => r.line)).toEqual([4, 10]);
    expect(streamed.rejected).toBe(whole.rejected);
    expect(streamed.rejected).toBe(7);
    expect(streamed.problems).toEqual(whole.problems);
    expect(streamed.problems).toEqual([
      { line: 5, column: '身份证号', reason: 'v.idNumber' },
      { line: 6, column: '贷款编号', reason: 'v.import.duplicateLoan', detail: '4' },
      { line: 7, column: '姓名', reason: 'v.import.conflictingBorrower' },
      { line: 8, column: '贷款本金', reason: 'v.import.amount' },
      { line: 8, column: '放款日期', reason: 'v.import.date' },
      { line: 9, column: '逾期本金', reason: 'v.import.overdueOverOutstanding' },
      // Seven cells where the header has twenty.
      { line: 11, column: '', reason: 'v.import.ragged', detail: `7/${zhHeaders.length}` },
      // The quote runs to the end of the file: one cell, broken.
      { line: 12, column: '', reason: 'v.import.unterminatedQuote' },
      { line: 12, column: '', reason: 'v.import.ragged', detail: `1/${zhHeaders.length}` },
    ]);
  });

  it('a header without the loan number column refuses every row, with one problem for the file', async () => {
    const { app } = await signedInCore();
    const headers = zhHeaders.map((h) => (h === '贷款编号' ? '备注' : h));
    const rows = Array.from({ length: 12 }, (_, i) => caseRow(i + 1));
    const prepared = await prepareImport(
      appImportDesk(app),
      'cases.csv',
      { kind: 'csv', bytes: utf8(csvText(rows, headers)), encoding: 'auto' },
      undefined,
    );
    expect(prepared).toMatchObject({ total: 12, rejected: 12, rows: [] });
    expect(prepared.layout?.missingFields).toEqual(['loan_no']);
    expect(prepared.problems).toEqual([
      { line: 1, column: '贷款编号/loan_no', reason: 'v.import.missingColumn' },
    ]);
  });

  it('keeps the preview sample of the first data rows, after the header', async () => {
    const { app } = await signedInCore();
    const source = { kind: 'csv' as const, bytes: utf8(text), encoding: 'auto' as const };
    const prepared = await prepareImport(
      appImportDesk(app),
      'cases.csv',
      source,
      undefined,
      () => {},
      {
        sampleRows: 2,
      },
    );
    expect(prepared.sample.map((r) => [r.line, r.cells[0]])).toEqual([
      [4, '借款人1'],
      [5, '借款人2'],
    ]);
    expect(
      (await prepareImport(appImportDesk(app), 'cases.csv', source, undefined)).sample,
    ).toEqual([]);
  });
});
