import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { readDate } from '../../../electron/core/imports/values';
import { importFields } from '../../../electron/shared/schemas/imports';
import { expectError, expectOk, signedInCore } from '../support/core';
import { b64, caseRow, csvText, utf8, xlsxBytes, zhHeaders } from './fixtures';

const NOW = () => new Date('2026-04-03T02:00:00.000Z');

function storedDates(db: Sqlite) {
  return {
    loans: db
      .prepare('SELECT loan_no, disbursed_on, maturity_on FROM loans ORDER BY loan_no')
      .all(),
    snapshots: db.prepare('SELECT DISTINCT as_of FROM loan_snapshots ORDER BY as_of').all(),
  };
}

describe('dates in an import', () => {
  it('rejects 2026-02-30 and dates outside 2000–2099 with their line and column', async () => {
    const core = await signedInCore({ now: NOW });
    const csv = csvText([
      caseRow(1),
      caseRow(2, { disbursed_on: '2026-02-30' }),
      caseRow(3, { maturity_on: '2100-01-01' }),
      caseRow(4, { overdue_since: '1999/12/31' }),
      caseRow(5, { disbursed_on: '2024年2月29日', maturity_on: '2099-12-31' }),
    ]);
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'cases.csv',
        contentBase64: b64(utf8(csv)),
        mode: 'valid-only',
        asOf: '2026-03-31',
      }),
    );
    expect(result).toMatchObject({ asOf: '2026-03-31', inserted: 2, rejected: 3, written: true });
    expect(result.errors).toEqual([
      { line: 3, column: '放款日期', reason: 'v.import.date' },
      { line: 4, column: '到期日期', reason: 'v.import.dateRange' },
      { line: 5, column: '逾期起始日', reason: 'v.import.dateRange' },
    ]);
    expect(storedDates(core.app.db)).toEqual({
      loans: [
        { loan_no: 'L000001', disbursed_on: '2024-03-01', maturity_on: '2026-03-01' },
        { loan_no: 'L000005', disbursed_on: '2024-02-29', maturity_on: '2099-12-31' },
      ],
      snapshots: [{ as_of: '2026-03-31' }],
    });
  }, 20_000);

  it('refuses an as-of date that is not a day, so no snapshot is dated 2026-02-30', async () => {
    const core = await signedInCore({ now: NOW });
    const payload = {
      fileName: 'cases.csv',
      contentBase64: b64(utf8(csvText([caseRow(1)]))),
      mode: 'valid-only',
    };
    for (const [asOf, key] of [
      ['2026-02-30', 'v.dateReal'],
      ['2026-13-01', 'v.dateReal'],
      ['2100-01-01', 'v.dateRange'],
      ['2026/03/01', 'v.date'],
    ] as const) {
      const error = expectError(
        await core.invoke('imports:run', { ...payload, asOf }),
        'VALIDATION',
      );
      expect(error.fields).toEqual({ asOf: key });
    }
    expect(storedDates(core.app.db)).toEqual({ loans: [], snapshots: [] });
  }, 20_000);

  it('checks XLSX date cells and day serials against the same range', async () => {
    const core = await signedInCore({ now: NOW });
    const disbursed = importFields.findIndex((f) => f.field === 'disbursed_on');
    const row = (n: number, value: string | number | Date) => {
      const cells: (string | number | Date)[] = importFields.map((f) => caseRow(n)[f.field]);
      cells[disbursed] = value;
      return cells;
    };
    const bytes = await xlsxBytes([
      zhHeaders,
      row(1, new Date(Date.UTC(2025, 5, 30))),
      row(2, 46082), // Excel's serial for 2026-03-01
      row(3, new Date(Date.UTC(1999, 11, 31))),
      row(4, 73051), // 2100-01-01
      row(5, '2026-02-30'),
    ]);
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'cases.xlsx',
        contentBase64: b64(bytes),
        mode: 'valid-only',
        asOf: '2026-03-31',
      }),
    );
    expect(result.errors).toEqual([
      { line: 4, column: '放款日期', reason: 'v.import.dateRange' },
      { line: 5, column: '放款日期', reason: 'v.import.dateRange' },
      { line: 6, column: '放款日期', reason: 'v.import.date' },
    ]);
    expect(storedDates(core.app.db).loans).toEqual([
      { loan_no: 'L000001', disbursed_on: '2025-06-30', maturity_on: '2026-03-01' },
      { loan_no: 'L000002', disbursed_on: '2026-03-01', maturity_on: '2026-03-01' },
    ]);
  }, 20_000);

  it.each([
    ['2000-01-01', '2000-01-01'],
    ['2099/12/31', '2099-12-31'],
    ['2024年2月29日', '2024-02-29'],
  ])('reads %s, at the edge of the range, as %s', (text, iso) => {
    expect(readDate(text)).toBe(iso);
  });
});
