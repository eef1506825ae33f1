import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsvPieces } from '../../../electron/core/imports/csv';
import { caseRow, csvText } from './fixtures';

/** The rows a whole-text Papa parse gives (what readCsv did before it read in pieces). */
function wholeTextRows(text: string) {
  const rows: string[][] = [];
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', '\t', ';'],
    skipEmptyLines: false,
    step: (result) => {
      if (!(result.data.length === 1 && result.data[0] === '')) rows.push(result.data);
    },
  });
  return rows;
}

/**
 * The text cut at fixed, deterministic places, including inside quotes and CRLFs. Pieces are
 * parsed one by one only after the first 1 MB (the delimiter guess), so tests use big texts.
 */
function cut(text: string, seed: number): string[] {
  const pieces: string[] = [];
  let state = seed;
  for (let at = 0; at < text.length;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 3001);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

const samples = {
  template: csvText([
    caseRow(1, { address: '人民路 8 号,\r\n二楼 "东户"' }),
    caseRow(2, { name: '"王""五"' }),
    caseRow(3),
  ]),
  tabs: '姓名\t身份证号\t地址\n张三\t1\t"a\tb"\n\n李四\t2\tc\n',
  semicolons: '姓名;金额\r\n张三;"1,5"\r\n李四;2\r\n',
  lonelyCr: '姓名,金额\r张三,1\r李四,"2\r3"\r',
  unterminated: '姓名,金额\n张三,"1\n李四,2\n',
  noFinalBreak: '姓名,金额\n张三,1',
};

describe('reading CSV in pieces', () => {
  it.each(Object.entries(samples))('gives the whole-text rows for %s', (_name, sample) => {
    // The sample's rows again and again past 1 MB; the sample itself stays at the end, so an
    // unterminated quote or a missing final break is still the file's last word.
    const breakAt = sample.search(/\r\n|\n|\r/);
    const body = sample.slice(breakAt).replace(/^(\r\n|\n|\r)/, '');
    const repeats = Math.ceil((1.2 * 1024 * 1024) / sample.length);
    const text =
      sample.slice(0, breakAt + 1) +
      (body.endsWith('\n') || body.endsWith('\r') ? body : '').repeat(repeats) +
      body;
    const whole = parseCsvPieces([text]);
    if (!whole.ok) throw new Error(whole.refusal.reason);
    expect(whole.rows.map((r) => r.cells)).toEqual(wholeTextRows(text));
    for (const seed of [1, 42]) {
      expect(parseCsvPieces(cut(text, seed))).toEqual(whole);
    }
  });

  it('counts lines as an editor does and names an unterminated quote where it starts', () => {
    const parsed = parseCsvPieces(cut(samples.unterminated, 5));
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['姓名', '金额'] },
        { line: 2, cells: ['张三', '1\n李四,2\n'] },
      ],
      problems: [{ line: 2, reason: 'v.import.unterminatedQuote' }],
    });
  });

  it('still finds a header below nine title lines, and gives up after ten', () => {
    const titles = (n: number) => '分行逾期清单\r\n'.repeat(n);
    const table = '姓名,身份证号\r\n张三,1\r\n'.repeat(1);
    expect(parseCsvPieces([titles(9) + table])).toMatchObject({ ok: true });
    expect(parseCsvPieces([titles(10) + table])).toEqual({
      ok: false,
      refusal: { line: 0, reason: 'v.import.noHeader' },
    });
  });
});
