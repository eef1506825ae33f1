import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseFormula } from '../../../electron/shared/spreadsheet';
import { importFields } from '../../../electron/shared/schemas/imports';
import { b64, caseRow, csvText, utf8, xlsxBytes, zhHeaders } from '../imports/fixtures';
import { seeder } from '../reports/seed';
import { expectOk, MANAGER, signedInCore, switchTo } from '../support/core';

/**
 * Names that a spreadsheet would run as formulas (OWASP CSV injection). Each must come back
 * exactly as written wherever the app shows or prints it, and as text, neutralised by
 * neutraliseFormula (a leading apostrophe), in every file it writes.
 */
const hostileNames = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '\t=1+2', '\r=3+4'];
const PURPOSE = '稽核公式注入防护';

type Core = Awaited<ReturnType<typeof signedInCore>>;

/**
 * XML turns a carriage return in text into a line feed (XML 1.0, end-of-line handling), so a
 * name read from, or written to, an XLSX has LF where the CSV had CR. Still formula-like, still
 * neutralised; shown the same.
 */
const asInXml = (text: string) => text.replace(/\r\n?/g, '\n');

/** Imports the hostile borrowers through the import channel: the first half as CSV, the rest as XLSX. */
async function importHostileBorrowers(core: Core) {
  const csvRows = hostileNames.map((name, i) => caseRow(i + 1, { name }));
  const xlsxRows = hostileNames.map((name, i) => caseRow(i + 101, { name }));
  const fromCsv = expectOk(
    await core.invoke('imports:run', {
      fileName: 'hostile.csv',
      contentBase64: b64(utf8(csvText(csvRows))),
      asOf: '2026-03-01',
    }),
  );
  expect(fromCsv).toMatchObject({ inserted: hostileNames.length, rejected: 0 });
  const xlsx = await xlsxBytes([
    zhHeaders,
    ...xlsxRows.map((row) => importFields.map((f) => row[f.field])),
  ]);
  const fromXlsx = expectOk(
    await core.invoke('imports:run', {
      fileName: 'hostile.xlsx',
      contentBase64: b64(xlsx),
      asOf: '2026-03-01',
    }),
  );
  expect(fromXlsx).toMatchObject({ inserted: hostileNames.length, rejected: 0 });
  const list = expectOk(await core.invoke('cases:list', { pageSize: 100, asOf: '2026-03-01' }));
  return list.rows.map((r) => ({ id: r.id, name: r.name }));
}

const csvCells = (base64: string): string[][] => {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

/** No cell of a written file may start like a formula: every one is text or neutralised. */
function expectNoFormulaCell(cells: string[][]) {
  const risky = cells.flat().filter((cell) => isFormulaLike(cell));
  expect(risky).toEqual([]);
}

/** Each hostile name appears, neutralised, as a whole cell. */
function expectNeutralisedNames(cells: string[][], names = hostileNames) {
  const flat = new Set(cells.flat());
  for (const name of names) expect(flat, JSON.stringify(name)).toContain(neutraliseFormula(name));
}

describe('formula-like borrower names, end to end through the core', () => {
  it('survive import (CSV and XLSX) unchanged and come back literally on the case list and case page', async () => {
    const core = await signedInCore();
    const preview = expectOk(
      await core.invoke('imports:preview', {
        fileName: 'hostile.csv',
        contentBase64: b64(utf8(csvText(hostileNames.map((name, i) => caseRow(i + 1, { name }))))),
        rows: 10,
      }),
    );
    const nameColumn = preview.columns.indexOf('name');
    expect(preview.rows.map((r) => r.cells[nameColumn])).toEqual(hostileNames);

    const borrowers = await importHostileBorrowers(core);
    // The CSV's borrowers first, then the XLSX's.
    const expected = [...hostileNames, ...hostileNames.map(asInXml)];
    expect(borrowers.map((b) => b.name).sort()).toEqual([...expected].sort());
    const stored = core.app.db.prepare('SELECT name FROM borrowers ORDER BY id').all() as {
      name: string;
    }[];
    expect(stored.map((r) => r.name)).toEqual(expected);
    for (const b of borrowers) {
      const page = expectOk(
        await core.invoke('cases:get', { borrowerId: b.id, asOf: '2026-03-01' }),
      );
      expect(page.borrower.name).toBe(b.name);
    }
    // Found by its ID number, the name comes back as written.
    const found = expectOk(await core.invoke('cases:list', { search: caseRow(1).id_number }));
    expect(found.rows.map((r) => r.name)).toEqual([hostileNames[0]]);
  });

  it('are printed literally on letters and visit notices', async () => {
    const core = await signedInCore();
    const borrowers = await importHostileBorrowers(core);
    const printed = expectOk(
      await core.invoke('notices:print', {
        lang: 'zh',
        documents: borrowers.map((b) => ({ kind: 'reminderLetter' as const, borrowerId: b.id })),
      }),
    );
    expect(printed.documents.map((d) => ('borrower' in d ? d.borrower.name : null))).toEqual(
      borrowers.map((b) => b.name),
    );
    const managerId = core.app.session!.staffId;
    const seed = seeder(core.app.db);
    const partner = seed.staff('李明', 'A001');
    const visitIds = borrowers.map((b) =>
      seed.visit({
        borrowerId: b.id,
        date: '2026-03-20',
        staff: [managerId, partner],
        plannedBy: managerId,
      }),
    );
    const notices = expectOk(
      await core.invoke('notices:print', {
        lang: 'zh',
        documents: visitIds.map((visitId) => ({ kind: 'visitNotice' as const, visitId })),
      }),
    );
    expect(notices.documents.map((d) => ('borrower' in d ? d.borrower.name : null))).toEqual(
      borrowers.map((b) => b.name),
    );
    // A reprint reads each stored document back through the document schema, which trims
    // edge whitespace (a leading tab or CR, invisible on paper anyway): the rest is literal.
    for (const [i, printLogId] of notices.logIds.entries()) {
      const reprint = expectOk(await core.invoke('notices:reprint', { printLogId }));
      expect(reprint.documents[0]).toMatchObject({
        isCopy: true,
        borrower: { name: borrowers[i]!.name.trim() },
      });
    }
  });

  it('are text, neutralised, in the monthly summary XLSX and CSV, whose audit rows keep the purpose', async () => {
    const core = await signedInCore();
    const borrowers = await importHostileBorrowers(core);
    const managerId = core.app.session!.staffId;
    const seed = seeder(core.app.db);
    borrowers.forEach((b, i) =>
      seed.visit({
        borrowerId: b.id,
        date: `2026-03-${String(2 + i).padStart(2, '0')}`,
        staff: [managerId],
        status: 'done',
        plannedBy: managerId,
      }),
    );

    const xlsx = expectOk(
      await core.invoke('reports:exportXlsx', { month: '2026-03', purpose: PURPOSE }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const visits = book.getWorksheet('走访清单')!;
    // Row 1 is the sheet's title, row 2 its headings; the visits start on row 3.
    const borrowerCells = visits
      .getColumn(4)
      .values.slice(3)
      .map((_, i) => visits.getRow(i + 3).getCell(4));
    expect(borrowerCells).toHaveLength(borrowers.length);
    for (const cell of borrowerCells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    expect(borrowerCells.map((c) => JSON.stringify(c.value)).sort()).toEqual(
      borrowers.map((b) => JSON.stringify(neutraliseFormula(asInXml(b.name)))).sort(),
    );
    // No cell anywhere in the workbook is a formula.
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)),
      ),
    );

    const csv = expectOk(
      await core.invoke('reports:exportCsv', { month: '2026-03', purpose: PURPOSE }),
    );
    const cells = csvCells(csv.base64);
    expectNeutralisedNames(cells);
    expectNoFormulaCell(cells);
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain(
      `"'=HYPERLINK(""http://x"",""y"")"`,
    );

    const audited = core.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'reports.export' ORDER BY id")
      .all() as { after: string }[];
    expect(audited.map((r) => JSON.parse(r.after) as object)).toEqual([
      expect.objectContaining({ format: 'xlsx', purpose: PURPOSE, visitRows: borrowers.length }),
      expect.objectContaining({ format: 'csv', purpose: PURPOSE, visitRows: borrowers.length }),
    ]);
  });

  it('are neutralised in the import problem report, which needs and audits a purpose', async () => {
    const core = await signedInCore();
    // A second name column headed by a formula (mapped, so it is reported as a duplicate),
    // and rows whose names are formulas but whose ID numbers are wrong.
    const header = [...zhHeaders, hostileNames[0]!];
    const rows = hostileNames.map((name, i) => caseRow(i + 1, { name, id_number: 'x' }));
    const text = csvText(rows, header)
      .split('\r\n')
      .map((line, i) => (i === 0 || !line ? line : `${line},"=1+1"`))
      .join('\r\n');
    const preview = expectOk(
      await core.invoke('imports:preview', {
        fileName: '=HYPERLINK("http://x","y").csv',
        contentBase64: b64(utf8(text)),
        mapping: { [hostileNames[0]!]: 'name' },
        rows: 10,
      }),
    );
    expect(preview.problems).toContainEqual(
      expect.objectContaining({ column: hostileNames[0], reason: 'v.import.duplicateColumn' }),
    );
    const problems = [
      ...preview.problems,
      // The renderer may add the name it shows beside a rejected row.
      ...hostileNames.map((name, i) => ({
        line: i + 2,
        column: '姓名',
        reason: 'v.idNumber',
        detail: name,
      })),
    ];
    const refused = await core.invoke('imports:report', {
      fileName: 'hostile.csv',
      problems,
      purpose: '  ',
    });
    expect(refused.ok || refused.error.fields).toEqual({ purpose: 'v.required' });
    const report = expectOk(
      await core.invoke('imports:report', {
        fileName: '=HYPERLINK("http://x","y").csv',
        problems,
        purpose: PURPOSE,
      }),
    );
    const cells = csvCells(report.contentBase64);
    expectNeutralisedNames(cells);
    expectNoFormulaCell(cells);
    expect(report.fileName.startsWith('导入校验报告-')).toBe(true);
    const audit = core.app.db
      .prepare("SELECT entity_id, after FROM audit_log WHERE action = 'imports.report'")
      .all() as { entity_id: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe('=HYPERLINK("http://x","y").csv');
    expect(JSON.parse(audit[0]!.after)).toEqual({
      file: report.fileName,
      problems: problems.length,
      purpose: PURPOSE,
    });
  });

  it('are neutralised in the case list export, masked or in full', async () => {
    const core = await signedInCore();
    const borrowers = await importHostileBorrowers(core);
    for (const fullNumbers of [false, true]) {
      const out = expectOk(
        await core.invoke('cases:export', { asOf: '2026-03-01', fullNumbers, purpose: PURPOSE }),
      );
      expect(out.rows).toBe(borrowers.length);
      const cells = csvCells(out.contentBase64);
      expectNeutralisedNames(cells, [...hostileNames, ...hostileNames.map(asInXml)]);
      expectNoFormulaCell(cells);
    }
  });

  it('are neutralised in the audit log CSV: a staff member and a file named like formulas', async () => {
    const core = await signedInCore();
    const staff = expectOk(
      await core.invoke('staff:create', { staffNo: 'A900', name: '@SUM(A1)', role: 'auditor' }),
    );
    const passphrase = 'auditor passphrase 1';
    expectOk(
      await core.invoke('accounts:create', {
        staffId: staff.id,
        username: 'formula.auditor',
        passphrase,
        confirm: passphrase,
      }),
    );
    expectOk(
      await core.invoke('imports:report', {
        fileName: '=HYPERLINK("http://x","y").csv',
        problems: [{ line: 2, column: '姓名', reason: 'v.required' }],
        purpose: PURPOSE,
      }),
    );
    await switchTo(core, { username: 'formula.auditor', passphrase });
    const out = expectOk(await core.invoke('audit:export', { purpose: PURPOSE }));
    const cells = csvCells(out.csvBase64);
    expectNeutralisedNames(cells, ['@SUM(A1)', '=HYPERLINK("http://x","y").csv']);
    expectNoFormulaCell(cells);
    await switchTo(core, MANAGER);
  });
});
