import type { ColumnMapping, ImportEncodingChoice, ImportMode } from '../../shared/schemas/imports';
import type { SourceTable } from './table';

// What the import's worker tasks are given. A leaf (shared types and the table's shape only):
// jobs/task-types.ts names these without reaching the import's code, which reaches the records
// feature and through it the app object that runs the jobs.

/** An import file: XLSX arrives already read (exceljs is asynchronous), CSV as its bytes. */
export type ImportSource =
  | { kind: 'csv'; bytes: Uint8Array; encoding: ImportEncodingChoice }
  | { kind: 'table'; table: SourceTable; sha256: string };

/** What an import needs. Plain data, so it can be posted to a worker thread. */
export interface ImportCasesArgs {
  fileName: string;
  source: ImportSource;
  mapping?: ColumnMapping;
  mode: ImportMode;
  /** The date the file's figures describe (ISO); its snapshot is stored under it. */
  asOf: string;
  /** Who runs the import, for the audit row and inferred payments (a worker has no session). */
  staffId: number | null;
  /** ISO timestamp for created/updated columns and the audit row; defaults to now. */
  now?: string;
  /** The branch's day (ISO) birth dates are checked against; defaults to the day of `now`. */
  today?: string;
}

export interface PreviewCasesArgs {
  fileName: string;
  source: ImportSource;
  mapping?: ColumnMapping;
  rows: number;
  /** The branch's day (ISO) birth dates are checked against; defaults to today there. */
  today?: string;
}
