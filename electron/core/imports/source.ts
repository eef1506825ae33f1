import type { ImportEncodingChoice } from '../../shared/schemas/imports';
import { readCsv } from './csv';
import type { SourceTable } from './table';
import { readXlsx } from './xlsx';

/**
 * Reads an import file as rows of cells. The bytes decide first (an XLSX is a zip), then the
 * name: a file called .xlsx/.xls that is not a workbook is refused rather than read as text.
 */
export async function readImportFile(
  fileName: string,
  bytes: Uint8Array,
  encoding: ImportEncodingChoice = 'auto',
): Promise<SourceTable> {
  const looksZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (looksZip || /\.xlsx?$/i.test(fileName)) return readXlsx(bytes);
  return readCsv(bytes, encoding);
}

/** The CSV-only, synchronous path (worker threads run it without awaiting). */
export function isSpreadsheetName(fileName: string, bytes: Uint8Array): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b) || /\.xlsx?$/i.test(fileName);
}
