import { describe, expect, it } from 'vitest';
import { fieldForHeader } from '../../../electron/core/imports/headers';
import { readTier } from '../../../electron/core/imports/values';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { messages } from '../../../electron/shared/messages';
import { expectOk, signedInCore } from '../support/core';
import { importCaseFile } from '../support/import-file';
import { caseRow, csvText, utf8, zhHeaders, type CaseCells } from './fixtures';

/** A file with the template's columns and, when `header` is given, that classification header. */
function file(rows: CaseCells[], header = '五级分类'): Uint8Array {
  const headers = zhHeaders.map((h) => (h === '五级分类' ? header : h));
  return utf8(csvText(rows, headers));
}

/** The same rows in a file that has no classification column at all. */
function fileWithout(rows: CaseCells[]): Uint8Array {
  const text = csvText(rows);
  const lines = text.trimEnd().split('\r\n');
  return utf8(`${lines.map((l) => l.slice(0, l.lastIndexOf(','))).join('\r\n')}\r\n`);
}

const run = (db: Sqlite, bytes: Uint8Array, asOf: string) =>
  importCaseFile(db, { fileName: 'cases.csv', bytes, mode: 'valid-only', asOf, staffId: 1 });

const loanTier = (db: Sqlite, loanNo: string) =>
  (
    db.prepare('SELECT classification FROM loans WHERE loan_no = ?').get(loanNo) as {
      classification: number | null;
    }
  ).classification;
const snapshotTiers = (db: Sqlite, loanNo: string) =>
  db
    .prepare(
      `SELECT s.as_of, s.classification FROM loan_snapshots s JOIN loans l ON l.id = s.loan_id
       WHERE l.loan_no = ? ORDER BY s.as_of`,
    )
    .all(loanNo);
const borrowerTier = (db: Sqlite, loanNo: string) =>
  (
    db
      .prepare(
        `SELECT b.classification FROM borrowers b JOIN loans l ON l.borrower_id = b.id
       WHERE l.loan_no = ?`,
      )
      .get(loanNo) as { classification: number | null }
  ).classification;

describe('five-tier classification in head office files', () => {
  it('recognises the usual headers for the column', () => {
    for (const header of [
      '五级分类',
      '贷款五级分类',
      '风险分类',
      '分类',
      '五级分类结果',
      'classification',
      'Loan Classification',
      'loan_classification',
    ]) {
      expect(fieldForHeader(header), header).toBe('classification');
    }
  });

  it('reads the tier in Chinese, English or as the code 1–5, and refuses anything else', () => {
    expect(readTier('次级')).toBe('substandard');
    expect(readTier(' 次级类 ')).toBe('substandard');
    expect(readTier('关注类贷款')).toBe('special_mention');
    expect(readTier('Substandard')).toBe('substandard');
    expect(readTier('SPECIAL MENTION')).toBe('special_mention');
    expect(readTier('doubtful')).toBe('doubtful');
    expect(readTier('1')).toBe('pass');
    expect(readTier(5)).toBe('loss');
    expect(readTier('３')).toBe('substandard'); // a full-width digit
    for (const bad of ['不良', '6', '0', 2.5, '次级可疑', 'bad']) {
      expect(readTier(bad), String(bad)).toMatchObject({ reason: 'v.import.tier' });
    }
    expect(messages['v.import.tier']?.zh).toContain('正常、关注、次级、可疑、损失');
    expect(messages['v.import.tier']?.en).toContain('Substandard');
  });

  it('rejects a row with an unknown tier by line and column, and imports the others', async () => {
    const { app } = await signedInCore();
    const result = await run(
      app.db,
      file(
        [caseRow(1, { classification: '次级' }), caseRow(2, { classification: '不良' })],
        '贷款五级分类',
      ),
      '2026-01-31',
    );
    expect(result).toMatchObject({ inserted: 1, rejected: 1 });
    expect(result.errors).toEqual([{ line: 3, column: '贷款五级分类', reason: 'v.import.tier' }]);
    expect(loanTier(app.db, 'L000001')).toBe(3);
  });

  it('keeps the tier of an earlier file when a later one leaves the cell empty or has no column', async () => {
    const { app } = await signedInCore();
    // January: 关注. February: the cell is empty (kept). March: no column (kept). April: 次级.
    await run(app.db, file([caseRow(1, { classification: '关注' })]), '2026-01-31');
    await run(app.db, file([caseRow(1, { classification: '' })]), '2026-02-28');
    await run(app.db, fileWithout([caseRow(1)]), '2026-03-31');
    await run(app.db, file([caseRow(1, { classification: 'Substandard' })]), '2026-04-30');
    expect(loanTier(app.db, 'L000001')).toBe(3);
    expect(snapshotTiers(app.db, 'L000001')).toEqual([
      { as_of: '2026-01-31', classification: 2 },
      { as_of: '2026-02-28', classification: 2 },
      { as_of: '2026-03-31', classification: 2 },
      { as_of: '2026-04-30', classification: 3 },
    ]);
    // A late January correction file with an empty cell takes January's tier on that day and
    // leaves the loan's current tier alone.
    await run(app.db, file([caseRow(1, { classification: '' })]), '2026-01-31');
    await run(app.db, file([caseRow(1, { classification: '' })]), '2026-02-15');
    expect(loanTier(app.db, 'L000001')).toBe(3);
    expect(snapshotTiers(app.db, 'L000001')).toContainEqual({
      as_of: '2026-02-15',
      classification: 2,
    });
    // A loan no file ever classified stays unclassified.
    await run(app.db, fileWithout([caseRow(2)]), '2026-04-30');
    expect(loanTier(app.db, 'L000002')).toBeNull();
    expect(borrowerTier(app.db, 'L000002')).toBeNull();
  });

  it("gives the case its active loans' worst tier, and the list filters on it", async () => {
    const core = await signedInCore();
    const { app } = core;
    const second = (n: number, tier: string) =>
      caseRow(n, { loan_no: `L${n}-B`, classification: tier });
    await run(
      app.db,
      file([
        caseRow(1, { classification: '正常' }),
        second(1, '可疑'), // borrower 1: 正常 and 可疑 → 可疑
        caseRow(2, { classification: '次级' }),
        caseRow(3, { classification: '2' }),
        caseRow(4, { classification: '' }), // never classified
        // Borrower 5's 损失 loan is paid off: only the 关注 one is active.
        caseRow(5, { classification: '关注' }),
        second(5, '损失'),
      ]).slice(),
      '2026-01-31',
    );
    app.db
      .prepare(
        `UPDATE loans SET status = 'settled', outstanding_principal_fen = 0 WHERE loan_no = 'L5-B'`,
      )
      .run();
    // Any loan change refreshes the borrower (the import does it on the next file).
    await run(app.db, file([caseRow(5, { classification: '' })]), '2026-02-01');

    expect(borrowerTier(app.db, 'L000001')).toBe(4);
    expect(borrowerTier(app.db, 'L000002')).toBe(3);
    expect(borrowerTier(app.db, 'L000003')).toBe(2);
    expect(borrowerTier(app.db, 'L000004')).toBeNull();
    expect(borrowerTier(app.db, 'L000005')).toBe(2);

    const names = async (tiers: string[]) =>
      expectOk(await core.invoke('cases:list', { tiers, sort: 'name', direction: 'asc' })).rows.map(
        (r) => [r.name, r.classification],
      );
    expect(await names(['substandard'])).toEqual([['借款人2', 'substandard']]);
    expect(await names(['doubtful', 'special_mention'])).toEqual([
      ['借款人1', 'doubtful'],
      ['借款人3', 'special_mention'],
      ['借款人5', 'special_mention'],
    ]);
    expect(await names(['none'])).toEqual([['借款人4', null]]);
    expect(await names(['loss'])).toEqual([]);
    const page = expectOk(
      await core.invoke('cases:get', {
        borrowerId: (
          app.db.prepare("SELECT borrower_id AS id FROM loans WHERE loan_no = 'L1-B'").get() as {
            id: number;
          }
        ).id,
      }),
    );
    expect(page.header.classification).toBe('doubtful');
    expect(page.loans.map((l) => [l.loanNo, l.classification])).toEqual([
      ['L000001', 'pass'],
      ['L1-B', 'doubtful'],
    ]);
  });
});
