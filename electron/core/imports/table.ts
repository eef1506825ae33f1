import type { DetectedEncoding, ImportProblem } from '../../shared/schemas/imports';

/** A cell as read from the file: CSV gives text; XLSX also numbers and dates. */
export type SourceCell = string | number | Date | null;

/** One row of the file with the line number the user sees (1-based, first line of the row). */
export interface SourceRow {
  line: number;
  cells: SourceCell[];
}

/** A problem found while reading, before the header is known (column by position). */
export interface ReadProblem {
  line: number;
  /** 0-based column position, when the problem belongs to one cell. */
  columnIndex?: number;
  reason: string;
  detail?: string;
}

/** The file as rows of cells, or the reason it could not be read at all. */
export type SourceTable =
  | {
      ok: true;
      kind: 'csv' | 'xlsx';
      encoding: DetectedEncoding;
      rows: SourceRow[];
      problems: ReadProblem[];
    }
  | { ok: false; kind: 'csv' | 'xlsx'; encoding: DetectedEncoding | null; problem: ImportProblem };

/** Excel shows column positions as letters; the report names a column by its header or letter. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Cells longer than this are refused: no field of ours is near it, and it guards memory. */
export const MAX_CELL_CHARS = 2000;
