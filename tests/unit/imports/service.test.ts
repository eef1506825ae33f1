import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { importCaseFile } from '../support/import-file';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import type { ImportMode } from '../../../electron/shared/schemas/imports';
import { addAccount, signedInCore } from '../support/core';
import {
  caseRow,
  csvText,
  gbk,
  headOfficeGbkBytes,
  idFor,
  utf8,
  wrongCheck,
  xlsxBytes,
  zhHeaders,
  type CaseCells,
} from './fixtures';

function counts(db: Sqlite) {
  const n = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    borrowers: n('borrowers'),
    loans: n('loans'),
    snapshots: n('loan_snapshots'),
    payments: n('payments'),
    audit: n('audit_log'),
  };
}

async function run(
  db: Sqlite,
  rows: CaseCells[],
  options: { mode?: ImportMode; asOf?: string; bytes?: Uint8Array; fileName?: string } = {},
) {
  return importCaseFile(db, {
    fileName: options.fileName ?? 'cases.csv',
    bytes: options.bytes ?? utf8(csvText(rows)),
    mode: options.mode ?? 'valid-only',
    asOf: options.asOf ?? '2026-01-15',
    staffId: 1,
  });
}

const badRows = () => [
  caseRow(1, { overdue_principal: '￥1,234.50' }),
  caseRow(2, { id_number: wrongCheck(idFor(2)) }),
  caseRow(3, { overdue_since: '2025年12月1日' }),
  caseRow(4, { disbursed_on: '2025-13-01' }),
  caseRow(5, { principal: '五万' }),
  caseRow(6, { loan_no: '' }),
];

describe('importing case files', () => {
  it('valid-only: imports the good rows of a GBK file and reports the others by line and column', async () => {
    const { app } = await signedInCore();
    const result = await run(app.db, badRows(), { bytes: gbk(csvText(badRows())) });
    expect(result).toMatchObject({
      encoding: 'gbk',
      total: 6,
      inserted: 2,
      updated: 0,
      rejected: 4,
      written: true,
    });
    expect(result.errors).toEqual([
      { line: 3, column: '身份证号', reason: 'v.idNumber' },
      { line: 5, column: '放款日期', reason: 'v.import.date' },
      { line: 6, column: '贷款本金', reason: 'v.import.amount' },
      { line: 7, column: '贷款编号', reason: 'v.required' },
    ]);
    const loan = app.db.prepare('SELECT * FROM loans WHERE loan_no = ?').get('L000001') as Record<
      string,
      unknown
    >;
    expect(loan).toMatchObject({
      principal_fen: 5_000_000,
      overdue_principal_fen: 123_450,
      overdue_interest_fen: 8_880,
      penalty_fen: 1_234,
      overdue_since: '2025-12-01',
      as_of: '2026-01-15',
    });
    expect(counts(app.db)).toMatchObject({ borrowers: 2, loans: 2, snapshots: 2 });
  });

  it('all-or-nothing: one bad row writes nothing at all, not even an audit row', async () => {
    const { app } = await signedInCore();
    const before = counts(app.db);
    const result = await run(app.db, badRows(), { mode: 'all-or-nothing' });
    expect(result).toMatchObject({
      written: false,
      inserted: 0,
      updated: 0,
      rejected: 4,
      total: 6,
    });
    expect(result.errors).toHaveLength(4);
    expect(counts(app.db)).toEqual(before);
  });

  it('all-or-nothing: a loan number owned by another borrower rolls back rows already written', async () => {
    const { app } = await signedInCore();
    await run(app.db, [caseRow(1)]);
    const before = counts(app.db);
    const rows = [caseRow(2), caseRow(3), caseRow(4, { loan_no: 'L000001' })];
    const result = await run(app.db, rows, { mode: 'all-or-nothing' });
    expect(result).toMatchObject({ written: false, rejected: 1, inserted: 0 });
    expect(result.errors).toEqual([
      { line: 4, column: '贷款编号', reason: 'v.import.loanOfOtherBorrower' },
    ]);
    expect(counts(app.db)).toEqual(before);

    const partial = await run(app.db, rows);
    expect(partial).toMatchObject({ written: true, inserted: 2, rejected: 1 });
    const owner = app.db
      .prepare(
        'SELECT b.id_number FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE loan_no = ?',
      )
      .get('L000001') as { id_number: string };
    expect(owner.id_number).toBe(idFor(1));
    expect(counts(app.db).borrowers).toBe(3);
  });

  it('re-importing upserts by resident ID and loan number: updated, never duplicated', async () => {
    const { app } = await signedInCore();
    const rows = [
      caseRow(1),
      caseRow(2),
      caseRow(3, { id_number: idFor(1), name: '借款人1', loan_no: 'L-B' }),
    ];
    expect(await run(app.db, rows)).toMatchObject({ inserted: 3, updated: 0, rejected: 0 });
    const again = rows.map((r) => ({ ...r, overdue_interest: '99.00', mobile: '13900000000' }));
    expect(await run(app.db, again)).toMatchObject({ inserted: 0, updated: 3, rejected: 0 });
    expect(counts(app.db)).toMatchObject({ borrowers: 2, loans: 3, snapshots: 3 });
    const interest = app.db
      .prepare('SELECT overdue_interest_fen AS f FROM loans WHERE loan_no = ?')
      .get('L-B') as { f: number };
    expect(interest.f).toBe(9_900);
  });

  it('stores one snapshot per loan per as-of date, and an older file does not roll amounts back', async () => {
    const { app } = await signedInCore();
    await run(app.db, [caseRow(1, { outstanding_principal: '30000' })], { asOf: '2026-01-31' });
    await run(app.db, [caseRow(1, { outstanding_principal: '28000' })], { asOf: '2026-02-28' });
    await run(app.db, [caseRow(1, { outstanding_principal: '28000' })], { asOf: '2026-02-28' });
    const older = await run(app.db, [caseRow(1, { outstanding_principal: '31000' })], {
      asOf: '2025-12-31',
    });
    expect(older).toMatchObject({ unchanged: 1, updated: 0 });
    const snapshots = app.db
      .prepare(
        'SELECT as_of, outstanding_principal_fen AS o, dpd, bucket FROM loan_snapshots ORDER BY as_of',
      )
      .all();
    expect(snapshots).toEqual([
      { as_of: '2025-12-31', o: 3_100_000, dpd: 30, bucket: 'M1' },
      { as_of: '2026-01-31', o: 3_000_000, dpd: 61, bucket: 'M3' },
      { as_of: '2026-02-28', o: 2_800_000, dpd: 89, bucket: 'M3' },
    ]);
    const loan = app.db.prepare('SELECT outstanding_principal_fen AS o, as_of FROM loans').get();
    expect(loan).toEqual({ o: 2_800_000, as_of: '2026-02-28' });
  });

  it('keeps formula-like text unchanged in the database', async () => {
    const { app } = await signedInCore();
    const name = '=HYPERLINK("http://x","y")';
    await run(app.db, [caseRow(1, { name, address: '+1 @村' })]);
    expect(app.db.prepare('SELECT name, address_detail FROM borrowers').get()).toEqual({
      name,
      address_detail: '+1 @村',
    });
  });

  it('assigns officers by staff number or unique name; an unknown one imports unassigned with a warning', async () => {
    const core = await signedInCore();
    const officer = addAccount(core, {
      username: 'li',
      role: 'officer',
      name: '李勇',
      staffNo: 'F007',
    });
    const result = await run(core.app.db, [
      caseRow(1, { officer: 'f007' }),
      caseRow(2, { officer: '李勇' }),
      caseRow(3, { officer: '赵六' }),
    ]);
    expect(result).toMatchObject({ inserted: 3, rejected: 0, errors: [] });
    expect(result.warnings).toEqual([
      { line: 4, column: '客户经理', reason: 'v.import.officerNotOnStaff', detail: '赵六' },
    ]);
    const assigned = core.app.db
      .prepare('SELECT name, assigned_officer_id AS id FROM borrowers ORDER BY name')
      .all() as { id: number }[];
    expect(assigned).toEqual([
      { name: '借款人1', id: officer.staffId },
      { name: '借款人2', id: officer.staffId },
      { name: '借款人3', id: null },
    ]);
  });

  it('writes one audit summary row (who, file, counts) and keeps the chain intact', async () => {
    const { app } = await signedInCore();
    const before = counts(app.db).audit;
    await run(app.db, badRows(), { fileName: '一月清单.csv' });
    expect(counts(app.db).audit).toBe(before + 1);
    const row = app.db
      .prepare("SELECT staff_id, entity_id, after FROM audit_log WHERE action = 'cases.import'")
      .get() as { staff_id: number; entity_id: string; after: string };
    expect(row.staff_id).toBe(1);
    expect(row.entity_id).toBe('一月清单.csv');
    expect(JSON.parse(row.after)).toMatchObject({
      fileName: '一月清单.csv',
      mode: 'valid-only',
      rows: 6,
      inserted: 2,
      rejected: 4,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(verifyAuditChain(app.db).ok).toBe(true);
  });

  it('imports an XLSX file with number and date cells', async () => {
    const { app } = await signedInCore();
    const cells = Object.values(caseRow(1)) as (string | number | Date)[];
    cells[11] = 50000.5;
    cells[12] = new Date(Date.UTC(2024, 2, 1));
    const result = await run(app.db, [], {
      fileName: 'cases.xlsx',
      bytes: await xlsxBytes([zhHeaders, cells]),
    });
    expect(result).toMatchObject({ encoding: 'xlsx', inserted: 1, rejected: 0 });
    expect(app.db.prepare('SELECT principal_fen AS p, disbursed_on AS d FROM loans').get()).toEqual(
      {
        p: 5_000_050,
        d: '2024-03-01',
      },
    );
  });

  it('an unreadable file writes nothing and says why', async () => {
    const { app } = await signedInCore();
    const before = counts(app.db);
    const result = await run(app.db, [], { bytes: utf8('姓名,name\r\n张三,张三\r\n') });
    expect(result.written).toBe(false);
    expect(result.errors.map((e) => e.reason)).toContain('v.import.duplicateColumn');
    expect(counts(app.db)).toEqual(before);
  });

  it('the shipped GBK fixture for end-to-end tests is current and gives its known report', async () => {
    const file = path.resolve(__dirname, '../../fixtures/imports/head-office-gbk-bad-rows.csv');
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(Buffer.from(bytes).equals(Buffer.from(headOfficeGbkBytes()))).toBe(true);
    const { app } = await signedInCore();
    const result = await run(app.db, [], { bytes, fileName: 'head-office-gbk-bad-rows.csv' });
    expect(result).toMatchObject({ encoding: 'gbk', total: 9, inserted: 5, rejected: 4 });
    expect(result.errors).toEqual([
      { line: 5, column: '身份证号', reason: 'v.idNumber' },
      { line: 6, column: '放款日期', reason: 'v.import.date' },
      { line: 7, column: '逾期利息', reason: 'v.import.amount' },
      { line: 8, column: '贷款编号', reason: 'v.required' },
    ]);
    const names = app.db.prepare('SELECT name FROM borrowers ORDER BY id').pluck().all();
    expect(names).toEqual(['张三丰', '李秀英', '王芳', '吴刚', '郑小梅']);
  });
});
