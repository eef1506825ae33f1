import { describe, expect, it } from 'vitest';
import { validationReportCsv } from '../../../electron/core/imports/report';
import { INLINE_MAX_CSV_BYTES } from '../../../electron/core/imports/handlers';
import { expectOk, signedInCore } from '../support/core';
import { b64, caseRow, csvText, idFor, utf8, wrongCheck } from './fixtures';

/**
 * Issue 17: the preview tells before the import writes. A head-office file written by hand,
 * each bad row with one known fault; the problems below are worked out from the file, not
 * taken from the app. The preview must report exactly what the run then reports.
 */
const HEADER = '姓名,身份证号,贷款编号,贷款本金,放款日期,到期日期,剩余本金,逾期本金,客户经理';
const BAD_FILE_LINES = [
  HEADER,
  `张三,${idFor(1)},L001,"50,000.00",2024-03-01,2026-03-01,30000,1200,`, // line 2: good
  `李四,${wrongCheck(idFor(2))},L002,20000,2024-05-01,,15000,0,`, // 3: ID check character
  `王五,${idFor(3)},L003,五万,2024-05-01,,15000,0,`, // 4: amount in words
  `赵六,${idFor(4)},L001,10000,2024-06-01,,5000,0,`, // 5: L001 again (first on line 2)
  `钱七,${idFor(5)},L005,10000,2024-06-01,2023-06-01,5000,0,`, // 6: matures before disbursed
  `孙八,${idFor(6)},L006,10000,2024-06-01,,12000,0,`, // 7: more outstanding than lent
  `周九,${idFor(7)},L007,10000,2024-02-30,,5000,0,`, // 8: no 30 February
  `吴十,${idFor(8)},L008,10000,2024-06-01,,5000,0,老刘`, // 9: good, officer not on staff
];

const EXPECTED_ERRORS = [
  { line: 3, column: '身份证号', reason: 'v.idNumber' },
  { line: 4, column: '贷款本金', reason: 'v.import.amount' },
  { line: 5, column: '贷款编号', reason: 'v.import.duplicateLoan', detail: '2' },
  { line: 6, column: '到期日期', reason: 'v.import.maturityBeforeDisbursed' },
  { line: 7, column: '剩余本金', reason: 'v.import.outstandingOverPrincipal' },
  { line: 8, column: '放款日期', reason: 'v.import.date' },
];
const EXPECTED_WARNINGS = [
  { line: 9, column: '客户经理', reason: 'v.import.officerNotOnStaff', detail: '老刘' },
];

const file = (lines: string[]) => b64(utf8(`${lines.join('\r\n')}\r\n`));

describe('the preview reports what the import will refuse', () => {
  it('a small file (checked inline): the same problems, wording and counts, before and after', async () => {
    const core = await signedInCore({ now: () => new Date('2026-03-02T02:00:00Z') });
    const contentBase64 = file(BAD_FILE_LINES);
    const preview = expectOk(
      await core.invoke('imports:preview', { fileName: 'delta.csv', contentBase64, rows: 10 }),
    );
    expect(preview).toMatchObject({ totalRows: 8, rejected: 6 });
    expect(preview.problems).toEqual(EXPECTED_ERRORS);
    expect(preview.warnings).toEqual(EXPECTED_WARNINGS);
    // The bad rows are in the sample the screen shows, so it can mark them.
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const borrowers = () =>
      (core.app.db.prepare('SELECT count(*) AS n FROM borrowers').get() as { n: number }).n;
    expect(borrowers()).toBe(0);

    // All or nothing: refused whole, with the very report the preview gave.
    const refused = expectOk(
      await core.invoke('imports:run', {
        fileName: 'delta.csv',
        contentBase64,
        mode: 'all-or-nothing',
        asOf: '2026-03-01',
      }),
    );
    expect(refused).toMatchObject({ written: false, total: 8, rejected: 6, inserted: 0 });
    expect(refused.errors).toEqual(preview.problems);
    expect(refused.warnings).toEqual(preview.warnings);
    expect(borrowers()).toBe(0);

    const taken = expectOk(
      await core.invoke('imports:run', {
        fileName: 'delta.csv',
        contentBase64,
        mode: 'valid-only',
        asOf: '2026-03-01',
      }),
    );
    expect(taken).toMatchObject({ written: true, total: 8, rejected: 6, inserted: 2 });
    expect(taken.errors).toEqual(EXPECTED_ERRORS);
    expect(taken.warnings).toEqual(EXPECTED_WARNINGS);
    expect(taken.unknownOfficers).toEqual(preview.unknownOfficers);
    // The report file a clerk downloads reads the same from either.
    expect(validationReportCsv(taken.errors, taken.warnings)).toBe(
      validationReportCsv(preview.problems, preview.warnings),
    );
    expect(borrowers()).toBe(2);
  });

  it('a large file (checked in a worker): the same report by the same code path', async () => {
    const core = await signedInCore({ now: () => new Date('2026-03-02T02:00:00Z') });
    // The hand-written rows first, then good rows enough to pass the inline limit.
    const padding = Array.from({ length: 400 }, (_, i) => caseRow(100 + i));
    const paddingLines = csvText(padding).trimEnd().split('\r\n').slice(1);
    const header = csvText([]).trimEnd();
    // The same rows in the full template's columns (the padding rows' layout).
    const lines = [
      header,
      ...BAD_FILE_LINES.slice(1).map((line) => {
        const [name, id, loanNo, principal, disbursed, maturity, outstanding, overdue, officer] =
          line.replace('"50,000.00"', '50000.00').split(',');
        const cells = caseRow(0, {
          name: name!,
          id_number: id!,
          loan_no: loanNo!,
          principal: principal!,
          disbursed_on: disbursed!,
          maturity_on: maturity!,
          outstanding_principal: outstanding!,
          overdue_principal: overdue!,
          officer: officer!,
        });
        return csvText([cells]).trimEnd().split('\r\n')[1]!;
      }),
      ...paddingLines,
    ];
    const contentBase64 = file(lines);
    expect(Buffer.from(contentBase64, 'base64').length).toBeGreaterThan(INLINE_MAX_CSV_BYTES);
    const preview = expectOk(
      await core.invoke('imports:preview', { fileName: 'full.csv', contentBase64, rows: 5 }),
    );
    // The template's headers for these fields are the hand-written file's: the same lines.
    expect(preview).toMatchObject({ totalRows: 408, rejected: 6 });
    expect(preview.problems).toEqual(EXPECTED_ERRORS);
    const taken = expectOk(
      await core.invoke('imports:run', {
        fileName: 'full.csv',
        contentBase64,
        mode: 'valid-only',
        asOf: '2026-03-01',
      }),
    );
    expect(taken).toMatchObject({ written: true, total: 408, rejected: 6, inserted: 402 });
    expect(taken.errors).toEqual(preview.problems);
    expect(taken.warnings).toEqual(preview.warnings);
  });
});
