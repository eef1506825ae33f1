import ExcelJS from 'exceljs';
import type { ReadProblem, SourceCell, SourceRow, SourceTable } from './table';
import { checkZipSizes } from './zip-guard';

const refused = (reason: 'v.import.notXlsx' | 'v.import.unpacksTooLarge'): SourceTable => ({
  ok: false,
  kind: 'xlsx',
  encoding: 'xlsx',
  problem: { line: 0, column: '', reason },
});
const notXlsx = () => refused('v.import.notXlsx');

type Plain = string | number | Date | null | { error: string };

/** Flattens exceljs's cell value shapes (rich text, hyperlinks, formulas) to what Excel shows. */
function plainValue(value: ExcelJS.CellValue): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return plainValue(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula in the source counts as the value it shows; the formula itself is never kept.
    return value.result === undefined ? null : plainValue(value.result as ExcelJS.CellValue);
  }
  if ('error' in value) return { error: String(value.error) };
  return null;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads the first worksheet of an XLSX workbook. Line numbers are Excel's row numbers, so the
 * report matches what the user sees. Anything that is not a real workbook (another zip, a
 * renamed CSV, a damaged file) gives `v.import.notXlsx` rather than a library error; a zip
 * that would unpack past the bounds in limits.ts gives `v.import.unpacksTooLarge` before
 * exceljs unpacks anything (zip-guard.ts).
 */
export async function readXlsx(bytes: Uint8Array): Promise<SourceTable> {
  if (!isZip(bytes)) return notXlsx();
  const sizes = await checkZipSizes(bytes);
  if (!sizes.ok) return refused(sizes.reason);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never,
    );
  } catch {
    return notXlsx();
  }
  // Excel cannot save a workbook without a sheet: none means the zip was something else.
  const sheet = workbook.worksheets[0];
  if (!sheet) return notXlsx();
  const rows: SourceRow[] = [];
  const problems: ReadProblem[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SourceCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      const value = plainValue(cell.value);
      if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
        problems.push({
          line: rowNumber,
          columnIndex: columnNumber - 1,
          reason: 'v.import.cellError',
          detail: value.error,
        });
        cells[columnNumber - 1] = null;
      } else {
        cells[columnNumber - 1] = value;
      }
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (cells.some((c) => c !== null && c !== '')) rows.push({ line: rowNumber, cells });
  });
  return { ok: true, kind: 'xlsx', encoding: 'xlsx', rows, problems };
}
