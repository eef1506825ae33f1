import { describe, expect, it } from 'vitest';
import { matchExpression, searchBorrowerIds } from '../../../electron/core/cases/search';
import { officerLookup, upsertBorrowerAndLoan } from '../../../electron/core/cases/upsert';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { appImportDesk } from '../../../electron/core/imports/desk';
import { prepareImport } from '../../../electron/core/imports/prepare';
import { importCases } from '../../../electron/core/imports/service';
import { signedInCore } from '../support/core';
import { caseRow, csvText, idFor, utf8, type CaseCells } from './fixtures';

/**
 * The importer indexes borrowers for search once, at the end of its transaction, instead of
 * row by row (a second loan used to rewrite the row just written). The index must come out as
 * row-by-row indexing leaves it: same rows found for every kind of search.
 */

const AT = '2026-02-28T02:00:00.000Z';

/** The importer's path: parse, check, upsert with the search backlog, audit. */
async function importFile(db: Sqlite, rows: CaseCells[], asOf: string) {
  const result = await importCases(db, {
    fileName: `cases-${asOf}.csv`,
    source: { kind: 'csv', bytes: utf8(csvText(rows)), encoding: 'auto' },
    mode: 'valid-only',
    asOf,
    staffId: 1,
    now: AT,
  });
  expect(result).toMatchObject({ written: true, rejected: 0 });
}

/** The same rows written the way the importer did before: the search row with each upsert. */
async function upsertRowByRow(app: Visitdesk, rows: CaseCells[], asOf: string) {
  const db = app.db;
  const prepared = await prepareImport(
    appImportDesk(app),
    'cases.csv',
    { kind: 'csv', bytes: utf8(csvText(rows)), encoding: 'auto' },
    undefined,
  );
  expect(prepared.problems).toEqual([]);
  const officers = officerLookup(db);
  db.transaction(() => {
    for (const row of prepared.rows) {
      upsertBorrowerAndLoan(db, row, asOf, 1, { officers, now: AT });
    }
  })();
}

const january: CaseCells[] = [
  caseRow(1, { name: '张三', mobile: '13800000001' }),
  caseRow(2, { name: '单田芳', mobile: '13900000002' }),
  caseRow(3, { name: '曾小红', mobile: '13700000003', village: '王家村' }),
  caseRow(2, { name: '单田芳', mobile: '13900000002', loan_no: 'L200002' }),
  caseRow(4, { name: '李四', mobile: '' }),
];

const february: CaseCells[] = [
  // An existing borrower's new loan (reindexed with a contact's phone added in between).
  caseRow(1, { name: '张三', mobile: '13800000001', loan_no: 'L300001' }),
  // An existing borrower moving house and changing phone (the old number stays searchable).
  caseRow(3, {
    name: '曾小红',
    mobile: '13700000033',
    township: '泗安镇',
    village: '管埭村',
    loan_no: 'L000003',
  }),
  // A borrower new in this file, whose second row changes phone and village.
  caseRow(5, { name: '欧阳娜娜', mobile: '13600000005', loan_no: 'L000005' }),
  caseRow(6, { name: '王五', mobile: '13500000006' }),
  caseRow(5, {
    name: '欧阳娜娜',
    mobile: '13600000055',
    village: '新川村',
    loan_no: 'L500005',
  }),
  // Unchanged.
  caseRow(4, { name: '李四', mobile: '' }),
];

const searches = [
  '张三',
  '张',
  '单田芳',
  'shantianfang',
  'stf',
  'zengxiaohong',
  'zxh',
  '欧阳娜娜',
  'oynn',
  'ouyang',
  '王家村',
  '管埭',
  '新川村',
  '泗安',
  '13800000001',
  '0001',
  '13700000003',
  '13700000033',
  '0033',
  '13600000005',
  '13600000055',
  '0055',
  '13511112222',
  '2222',
  'L300001',
  'L200002',
  'L500005',
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [idFor(n).slice(-4), idFor(n).slice(0, 14), idFor(n)]),
];

function searchResults(db: Sqlite) {
  return Object.fromEntries(
    searches.map((q) => [q, searchBorrowerIds(db, matchExpression(q)!)] as const),
  );
}

const tokenCounts = (db: Sqlite) =>
  db.prepare('SELECT id, hex(sz) AS sz FROM borrower_search_docsize ORDER BY id').all();

const tableRows = (db: Sqlite) => ({
  borrowers: db
    .prepare(
      `SELECT id, name, name_sort, id_number, mobile, other_phones, township, village,
         overdue_since, total_overdue_fen, outstanding_fen FROM borrowers ORDER BY id`,
    )
    .all(),
  loans: db.prepare('SELECT id, borrower_id, loan_no, status, as_of FROM loans ORDER BY id').all(),
});

function addContactPhone(db: Sqlite) {
  db.prepare(
    `INSERT INTO contacts (borrower_id, name, relation, phone, created_at, updated_at)
     VALUES (1, '张小三', 'child', '13511112222', ?, ?)`,
  ).run(AT, AT);
}

describe('search index written once per import', () => {
  it('finds the same borrowers as row-by-row indexing, by name, pinyin, initials, place, ID, phone and loan', async () => {
    const batched = (await signedInCore()).app.db;
    const rowByRowApp = (await signedInCore()).app;
    const rowByRow = rowByRowApp.db;

    await importFile(batched, january, '2026-01-31');
    await upsertRowByRow(rowByRowApp, january, '2026-01-31');
    addContactPhone(batched);
    addContactPhone(rowByRow);
    await importFile(batched, february, '2026-02-28');
    await upsertRowByRow(rowByRowApp, february, '2026-02-28');

    expect(tableRows(batched)).toEqual(tableRows(rowByRow));
    const found = searchResults(batched);
    expect(found).toEqual(searchResults(rowByRow));
    expect(tokenCounts(batched)).toEqual(tokenCounts(rowByRow));

    // The comparison is not vacuous: the edge cases are found where they should be.
    expect(found['stf']).toEqual([2]);
    expect(found['13700000003']).toEqual([3]);
    expect(found['0033']).toEqual([3]);
    expect(found['王家村']).toEqual([]);
    expect(found['管埭']).toEqual([3]);
    expect(found['13600000005']).toEqual([5]);
    expect(found['新川村']).toEqual([5]);
    expect(found['2222']).toEqual([1]);
    expect(found['L300001']).toEqual([1]);
    expect(found['L500005']).toEqual([5]);
    expect(found['oynn']).toEqual([5]);
  });
});
