import { AppFailure } from '../../shared/result';
import { headerKey } from './headers';
import { readImportFile } from './source';
import type { SourceCell, SourceRow } from './table';
import { cellText } from './values';

/**
 * Reading the staff list and the visit roster: the generic reader of electron/core/imports
 * (encoding detection, CSV, XLSX) and a small header map per sheet, Chinese or English.
 */

export type ImportMode = 'all-or-nothing' | 'valid-only';

export interface ImportError {
  line: number;
  /** A rule code from the compliance engine, or the kind of format problem. */
  rule: string;
  reason: string;
  reasonEn: string;
}

export interface SheetRow<F extends string> {
  line: number;
  cell: (field: F) => SourceCell;
  text: (field: F) => string;
  blank: boolean;
}

/**
 * Reads a file and finds its header row: the first row naming every required column. Rows
 * above it (titles, notes) are skipped; rows after it come back keyed by field.
 */
export async function readSheet<F extends string>(
  fileName: string,
  bytes: Uint8Array,
  headers: Record<F, readonly string[]>,
  required: readonly NoInfer<F>[],
): Promise<SheetRow<F>[]> {
  const table = await readImportFile(fileName, bytes);
  if (!table.ok) {
    throw new AppFailure('VALIDATION', `the file cannot be read: ${table.problem.reason}`, {
      details: { problem: table.problem },
    });
  }
  const lookup = new Map<string, F>();
  for (const [field, names] of Object.entries(headers) as [F, readonly string[]][]) {
    for (const name of names) lookup.set(headerKey(name), field);
  }
  const headerIndex = table.rows.findIndex((row) => {
    const found = new Set(row.cells.map((c) => lookup.get(headerKey(cellText(c)))));
    return required.every((f) => found.has(f));
  });
  if (headerIndex < 0) {
    throw new AppFailure(
      'VALIDATION',
      `the header row is missing; needed: ${required.join(', ')}`,
      {
        details: { required },
      },
    );
  }
  const columns = new Map<F, number>();
  (table.rows[headerIndex] as SourceRow).cells.forEach((c, index) => {
    const field = lookup.get(headerKey(cellText(c)));
    if (field && !columns.has(field)) columns.set(field, index);
  });
  return table.rows.slice(headerIndex + 1).map((row) => {
    const cell = (field: F): SourceCell => {
      const index = columns.get(field);
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    return {
      line: row.line,
      cell,
      text: (field) => cellText(cell(field)),
      blank: row.cells.every((c) => cellText(c) === ''),
    };
  });
}

/** 9:00, 09:00, 9：00, 0900, an Excel time fraction or an XLSX time cell → 'HH:MM'. */
export function parseTime(cell: SourceCell): string | null {
  let minutes: number | null = null;
  if (cell instanceof Date) {
    minutes = cell.getUTCHours() * 60 + cell.getUTCMinutes();
  } else if (typeof cell === 'number') {
    if (cell >= 0 && cell < 1) minutes = Math.round(cell * 1440);
  } else {
    const match = /^(\d{1,2})[:：]?(\d{2})(?:[:：]\d{2})?$/.exec(cellText(cell));
    if (match) {
      const [h, m] = [Number(match[1]), Number(match[2])];
      if (h < 24 && m < 60) minutes = h * 60 + m;
    }
  }
  if (minutes === null || minutes >= 24 * 60) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Signals a rollback of an all-or-nothing import that found problems. */
export class RollBack extends Error {}

/** The spreadsheet a staff or roster import was sent over a channel, as readSheet takes it. */
export const sheetOf = (input: { fileName: string; contentBase64: string }) => ({
  name: input.fileName,
  bytes: Buffer.from(input.contentBase64, 'base64'),
});
