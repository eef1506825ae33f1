import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDate, quickFen, Bad, parseDate } from '../../../electron/core/imports/values';
import { parseYuanToFen } from '../../../electron/shared/money';

describe('amount and date parsing', () => {
  it('the one-pass amount reader agrees with parseYuanToFen wherever it answers', () => {
    const amountLike = fc.stringMatching(/^[¥￥]?[0-9,]{0,12}(\.[0-9]{0,3})?[a-z元 ]?$/);
    fc.assert(
      fc.property(fc.oneof(amountLike, fc.string()), (text) => {
        const quick = quickFen(text);
        if (!Number.isNaN(quick)) expect(quick).toBe(parseYuanToFen(text));
      }),
      { numRuns: 5000, seed: 20261129 },
    );
    const formatted = fc.integer({ min: 0, max: 10 ** 12 }).map((fen) => {
      const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
      return { fen, text: yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',') };
    });
    fc.assert(
      fc.property(formatted, fc.constantFrom('', '¥', '￥'), ({ fen, text }, sign) => {
        expect(quickFen(`${sign}${text}`)).toBe(fen);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it.each([
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['¥1,234.50', 123450],
    ['￥1,234.50', 123450],
    ['0.05', 5],
  ])('reads %s as %i fen', (text, fen) => expect(quickFen(text)).toBe(fen));

  it.each(['1,23.5', '12,34', '1.234', '', '¥', '.5', '1,234,', '-5'])(
    'leaves %j to the full parser',
    (text) => expect(quickFen(text)).toBeNaN(),
  );

  it.each([
    ['2026-10-03', '2026-10-03'],
    ['2026/10/03', '2026-10-03'],
    ['2026/1/3', '2026-01-03'],
    ['2026.10.3', '2026-10-03'],
    ['2026年10月3日', '2026-10-03'],
    ['2024-02-29', '2024-02-29'],
    ['2026/10/03 0:00', '2026-10-03'],
  ])('reads the date %s', (text, iso) => {
    expect(readDate(text)).toBe(iso);
    expect(parseDate(text)).toEqual({ ok: true, value: iso });
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '1900-02-29',
    '2026年2月30日',
    '03/10/2026',
    '20261003',
  ])('refuses %s', (text) => {
    expect(readDate(text)).toBeInstanceOf(Bad);
    expect(parseDate(text)).toEqual({ ok: false, reason: 'v.import.date' });
  });
});
