import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../../electron/shared/messages';
import type { ImportProblem } from '../../../electron/shared/schemas/imports';
import { validationReportCsv } from '../../../electron/core/imports/report';
import { ProblemList } from '../../../electron/core/imports/problem-list';
import { tempDir } from '../support/core';
import { commaLine, commaLines, zipBombXlsx } from './bomb-files';

/** 300 MB of the import's own process at its peak (VmHWM, KiB; see bomb-run.ts). */
const LIMIT_KIB = 300 * 1024;
const MB = 1024 * 1024;

interface Run {
  baselineKiB: number;
  peakKiB: number;
  ms: number;
  loans: number;
  result: { ok: true; written: boolean; total: number; encoding: string | null } & {
    errors: ImportProblem[];
    errorCount: number;
  };
}

/**
 * Runs one import in a child process (importCaseFile on a fresh encrypted branch database,
 * see bomb-run.ts), so its peak memory is that import's alone.
 */
function importInChild(file: string, mode = 'valid-only'): Promise<Run> {
  const runner = path.join(__dirname, 'bomb-run.ts');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', runner, file, path.basename(file), mode, 'direct'],
      { cwd: path.join(__dirname, '../../..'), maxBuffer: 4 * MB },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Run);
      },
    );
  });
}

describe('hostile import files are refused early, in bounded memory', () => {
  let dir: string;
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    dir = tempDir('visitdesk-bombs-');
    const file = (name: string) => path.join(dir, name);
    commaLines(file('commas.csv'));
    commaLine(file('one-line.csv'));
    // A GBK export with a title and 400,000 lines of Chinese notes, none of them a header.
    const notes = `石桥支行逾期清单（内部）\r\n${'张三家中无人，邻居称外出务工\r\n'.repeat(400_000)}`;
    fs.writeFileSync(file('notes-gbk.csv'), iconv.encode(notes, 'gbk'));
    await zipBombXlsx(file('bomb.xlsx'), 1100 * MB);
    await zipBombXlsx(file('liar.xlsx'), 1100 * MB, 40_000);
    const names = ['commas.csv', 'one-line.csv', 'notes-gbk.csv', 'bomb.xlsx', 'liar.xlsx'];
    // Two at a time: the machine has two cores.
    for (let i = 0; i < names.length; i += 2) {
      const pair = names.slice(i, i + 2);
      const done = await Promise.all(pair.map((n) => importInChild(file(n))));
      pair.forEach((n, j) => runs.set(n, done[j]!));
    }
  }, 120_000);

  const only = (name: string) => {
    const run = runs.get(name)!;
    expect(run.result).toMatchObject({ ok: true, written: false, total: 0 });
    expect(run.loans).toBe(0);
    expect(run.peakKiB).toBeLessThan(LIMIT_KIB);
    return run.result.errors;
  };

  it('21 MB of commas in lines: one "no header" problem, not a million', () => {
    expect(only('commas.csv')).toEqual([{ line: 0, column: '', reason: 'v.import.noHeader' }]);
  });

  it('21 MB of commas on one line: refused at the row that passes 1 MB', () => {
    expect(only('one-line.csv')).toEqual([{ line: 1, column: '', reason: 'v.import.rowTooLong' }]);
  });

  it('a GBK file without a header is decoded piece by piece and refused as such', () => {
    expect(only('notes-gbk.csv')).toEqual([{ line: 0, column: '', reason: 'v.import.noHeader' }]);
    expect(runs.get('notes-gbk.csv')!.result.encoding).toBe('gbk');
  });

  it('an XLSX whose sheet unpacks to 1.1 GB is refused from its directory, before inflating', () => {
    expect(only('bomb.xlsx')).toEqual([
      { line: 0, column: '', reason: 'v.import.unpacksTooLarge' },
    ]);
    expect(runs.get('bomb.xlsx')!.ms).toBeLessThan(2_000);
  });

  it('an XLSX whose directory lies about its size is stopped while inflating', () => {
    expect(only('liar.xlsx')).toEqual([
      { line: 0, column: '', reason: 'v.import.unpacksTooLarge' },
    ]);
  });

  it('says so plainly in both languages', () => {
    expect(translate('v.import.unpacksTooLarge', 'en')).toMatch(/unpacks to more than 200 MB/);
    expect(translate('v.import.unpacksTooLarge', 'zh')).toMatch(/解压后超过 200 MB/);
    expect(translate('v.import.notXlsx', 'en')).not.toBe(
      translate('v.import.unpacksTooLarge', 'en'),
    );
    expect(translate('v.import.noHeader', 'zh')).toMatch(/找不到表头/);
    expect(translate('v.import.rowTooLong', 'en')).toMatch(/over 1 MB/);
  });
});

describe('a bounded problem list', () => {
  it('keeps the 1,000 lowest lines and reports "and N more" in both languages', () => {
    const list = new ProblemList();
    // Pushed out of order, as database checks add earlier lines after the row checks.
    for (let line = 1_000_001; line >= 2; line--) {
      list.push({ line, column: '身份证号', reason: 'v.idNumber' });
    }
    const problems = list.toArray();
    expect(list.total).toBe(1_000_000);
    expect(problems).toHaveLength(1001);
    expect(problems[0]).toEqual({ line: 2, column: '身份证号', reason: 'v.idNumber' });
    expect(problems[999]!.line).toBe(1001);
    expect(problems[1000]).toEqual({
      line: 0,
      column: '',
      reason: 'v.import.moreProblems',
      detail: '999000',
    });
    const csv = validationReportCsv(problems);
    expect(csv).toContain('"另有 999,000 条问题未列出","and 999,000 more problems not listed",""');
  });

  it('adds nothing when every problem fits', () => {
    const list = new ProblemList(3);
    list.push({ line: 5, column: 'A', reason: 'v.required' });
    list.push({ line: 2, column: 'B', reason: 'v.required' });
    expect(list.toArray()).toEqual([
      { line: 2, column: 'B', reason: 'v.required' },
      { line: 5, column: 'A', reason: 'v.required' },
    ]);
  });
});
