import type { ImportEncodingChoice } from '../../shared/schemas/imports';
import { readCsv } from './csv';
import type { SourceTable } from './table';
import { readXlsx } from './xlsx';

/**
 * The bytes decide first (an XLSX is a zip), then the name: a file called .xlsx/.xls that is
 * not a workbook is refused as one rather than read as text.
 */
export function isSpreadsheet(fileName: string, bytes: Uint8Array): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b) || /\.xlsx?$/i.test(fileName);
}

/** Reads an import file as rows of cells. */
export async function readImportFile(
  fileName: string,
  bytes: Uint8Array,
  encoding: ImportEncodingChoice = 'auto',
): Promise<SourceTable> {
  return isSpreadsheet(fileName, bytes) ? readXlsx(bytes) : readCsv(bytes, encoding);
}
