import ExcelJS from 'exceljs';
import { formatFen } from '../../shared/money';
import { neutraliseFormula, toCsv } from '../../shared/spreadsheet';

/**
 * How one column of an exported case list is written. Money is integer fen in the rows and
 * yuan in the file; dates are ISO text in the rows.
 */
export interface ExportColumn<Row> {
  header: string;
  kind: 'text' | 'money' | 'date' | 'integer';
  value: (row: Row) => string | number | null;
  /** Width in characters for XLSX (a guess from the header when absent). */
  width?: number;
}

export type ExportFormat = 'csv' | 'xlsx';

/** The format a file name asks for; anything but .csv or .xlsx is refused by the caller. */
export function exportFormatFor(fileName: string): ExportFormat | null {
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return null;
}

/** Yuan with two decimals and no thousands separator, as a spreadsheet reads a number. */
const yuan = (fen: number): string => formatFen(fen).replaceAll(',', '');

/** CSV for Excel: UTF-8 with BOM, every field quoted, formula-like text neutralised. */
export function caseListCsv<Row>(
  columns: readonly ExportColumn<Row>[],
  rows: Iterable<Row>,
): Buffer {
  const lines: (string | number | null)[][] = [columns.map((c) => c.header)];
  for (const row of rows) {
    lines.push(
      columns.map((c) => {
        const v = c.value(row);
        if (v === null) return null;
        // Money as plain yuan text (no grouping), which Excel reads as a number either way.
        if (c.kind === 'money' && typeof v === 'number') return yuan(v);
        return v;
      }),
    );
  }
  return Buffer.from(toCsv(lines), 'utf8');
}

function displayWidth(text: string): number {
  let width = 0;
  // A Han character takes about two columns in Excel's default font.
  for (const ch of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

function isoToDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/**
 * XLSX with a frozen, bold header row and column widths. Money is a number in yuan with two
 * decimals, dates are real date cells, and every text cell is neutralised like the CSV so a
 * value copied out of the sheet cannot turn into a formula either.
 */
export async function caseListXlsx<Row>(
  columns: readonly ExportColumn<Row>[],
  rows: Iterable<Row>,
  sheetName = '案件清单',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = columns.map((c) => c.width ?? Math.max(8, displayWidth(c.header) + 2));
  sheet.columns = columns.map((c, i) => ({
    header: neutraliseFormula(c.header),
    width: widths[i],
    style:
      c.kind === 'money'
        ? { numFmt: '#,##0.00' }
        : c.kind === 'date'
          ? { numFmt: 'yyyy-mm-dd' }
          : c.kind === 'text'
            ? { numFmt: '@' }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        if (v === null || v === '') return null;
        if (c.kind === 'money' && typeof v === 'number') return v / 100;
        if (c.kind === 'date' && typeof v === 'string') return isoToDate(v) ?? neutraliseFormula(v);
        if (typeof v === 'string') return neutraliseFormula(v);
        return v;
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes the case list in the format the file name asks for. */
export async function caseListFile<Row>(
  fileName: string,
  columns: readonly ExportColumn<Row>[],
  rows: Iterable<Row>,
): Promise<Buffer> {
  const format = exportFormatFor(fileName);
  if (format === 'csv') return caseListCsv(columns, rows);
  if (format === 'xlsx') return caseListXlsx(columns, rows);
  throw new Error(`export needs a .csv or .xlsx file name: ${fileName}`);
}
