import crypto from 'node:crypto';
import type {
  ColumnMapping,
  DetectedEncoding,
  ImportEncodingChoice,
  ImportField,
  ImportProblem,
  UnknownOfficerSummary,
} from '../../shared/schemas/imports';
import { holdingConnection } from '../db/engine';
import { first, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { loadBranchToday } from '../settings/branch-clock';
import { readCsv } from './csv';
import type { ImportDesk } from './desk';
import { loadOfficerDirectory, resolveOfficerCell } from './officers';
import { MORE_PROBLEMS, ProblemList } from './problem-list';
import { MORE_WARNINGS } from './report';
import { FileCheck, type CaseImportRow, type HeaderInfo } from './rows';
import { ProgressMeter, type ImportProgress } from './progress';
import { isSpreadsheet, readImportFile } from './source';
import type { ReadProblem, SourceRow, SourceTable } from './table';
import type { ImportSource } from './task-args';
import { loanOwnersPostgres } from './bulk-postgres';

export type { ImportProgress } from './progress';

/** Everything known about a file before anything is written. */
export interface PreparedImport {
  kind: 'csv' | 'xlsx';
  encoding: DetectedEncoding | null;
  sha256: string;
  layout: HeaderInfo | null;
  /** Data rows in the file. */
  total: number;
  /**
   * Rows that passed every check, officer cells replaced by the staff number they name; a row
   * whose officer nobody has carries no officer and the name in `unknownOfficer`.
   */
  rows: PreparedRow[];
  /** Data rows rejected; each row once. */
  rejected: number;
  /** Errors, sorted by line; at most MAX_REPORTED_PROBLEMS, then an "and N more" entry. */
  problems: ImportProblem[];
  /** Warnings (rows imported differently from the file), bounded the same way. */
  warnings: ImportProblem[];
  /** Officer names nobody on the staff list has, in order of first appearance. */
  unknownOfficers: UnknownOfficerSummary[];
  /** The first data rows as read (as many as asked for: the preview's). */
  sample: SourceRow[];
}

/**
 * What the checks found, as the preview shows it and the run reports it: one source for both,
 * so the rows a clerk sees refused before importing are the rows the import refuses, with the
 * same reasons and counts.
 */
export interface CheckReport {
  encoding: DetectedEncoding | null;
  total: number;
  rejected: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  unknownOfficers: UnknownOfficerSummary[];
}

export function checkReport(prepared: PreparedImport): CheckReport {
  return {
    encoding: prepared.encoding,
    total: prepared.total,
    rejected: prepared.rejected,
    errors: prepared.problems,
    warnings: prepared.warnings,
    unknownOfficers: prepared.unknownOfficers,
  };
}

const sha256Of = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** CSV stays as bytes (decoded where the import runs); XLSX is read here, asynchronously. */
export async function importSourceFor(
  fileName: string,
  bytes: Uint8Array,
  encoding: ImportEncodingChoice,
): Promise<ImportSource> {
  if (!isSpreadsheet(fileName, bytes)) return { kind: 'csv', bytes, encoding };
  return {
    kind: 'table',
    table: await readImportFile(fileName, bytes, encoding),
    sha256: sha256Of(bytes),
  };
}

/** A checked row; `unknownOfficer` when its officer cell named nobody (the row has none). */
export interface PreparedRow extends CaseImportRow {
  unknownOfficer?: { name: string; key: string };
}

/** A bounded list's "and N more" entry, worded for warnings. */
function asWarnings(list: ProblemList): ImportProblem[] {
  return list
    .toArray()
    .map((p) => (p.reason === MORE_PROBLEMS ? { ...p, reason: MORE_WARNINGS } : p));
}

const isMore = (p: ImportProblem) => p.reason === MORE_PROBLEMS || p.reason === MORE_WARNINGS;

/**
 * Warning lists found at different stages (reading, writing) as one: sorted by line, held to
 * the same bound, with a single closing "and N more" entry counting every warning left out.
 */
export function mergeWarnings(...lists: readonly ImportProblem[][]): ImportProblem[] {
  const merged = new ProblemList();
  let leftOut = 0;
  for (const list of lists) {
    for (const p of list) {
      if (isMore(p)) leftOut += Number(p.detail ?? 0);
      else merged.push(p);
    }
  }
  const kept = merged.toArray();
  const last = kept.at(-1);
  if (last && isMore(last)) {
    kept[kept.length - 1] = {
      ...last,
      reason: MORE_WARNINGS,
      detail: String(Number(last.detail ?? 0) + leftOut),
    };
  } else if (leftOut > 0) {
    kept.push({ line: 0, column: '', reason: MORE_WARNINGS, detail: String(leftOut) });
  }
  return kept;
}

/** How the owner lookup reads the loans table: one scan into a map, or one query per row. */
export type OwnerLookupPath = 'scan' | 'lookup';

/** A loans table at most this many times the file's valid rows is scanned whole. */
export const SCAN_LOANS_PER_FILE_ROW = 4;

/**
 * The path for a file of `fileRows` valid rows against `loans` loans. When the file is large
 * next to the loans table, one scan into a map beats a lookup per row; otherwise look each
 * one up (a daily delta of a few rows into a branch of thousands).
 */
export function ownerLookupPath(loans: number, fileRows: number): OwnerLookupPath {
  return loans <= fileRows * SCAN_LOANS_PER_FILE_ROW ? 'scan' : 'lookup';
}

const OWNER_SQL =
  'SELECT l.loan_no, b.id_number FROM loans l JOIN borrowers b ON b.id = l.borrower_id';

/**
 * Who owns a loan number already (their resident ID), or undefined for a loan the branch does
 * not have, on SQLite's connection. Both paths give the same answers (owner-lookup.test.ts pits them against each
 * other); `path` is chosen from the table's size unless a test forces one.
 */
export function loanOwners(
  db: Sqlite,
  fileRows: number,
  path?: OwnerLookupPath,
): (loanNo: string) => string | undefined {
  const n = first(
    db,
    qb.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n')),
  )!.n;
  if (n === 0) return () => undefined;
  // Both paths stay prepared SQL (measured: the import's check reads every row's owner): the
  // scan reads raw arrays without an object per loan, the lookup runs once per file row.
  if ((path ?? ownerLookupPath(n, fileRows)) === 'scan') {
    const map = new Map<string, string>();
    for (const r of db.prepare(OWNER_SQL).raw().iterate() as IterableIterator<[string, string]>) {
      map.set(r[0], r[1]);
    }
    return (loanNo) => map.get(loanNo);
  }
  // The resident ID, not the loan number: selecting both and plucking the first column
  // answered every existing loan with its own number, so each one looked like another
  // borrower's.
  const one = db
    .prepare(
      'SELECT b.id_number FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE l.loan_no = ?',
    )
    .pluck();
  return (loanNo) => one.get(loanNo) as string | undefined;
}

/** What reading and checking a file needs: the engine, and on SQLite its connection. */
export type ImportReads = Pick<ImportDesk, 'engine' | 'connection'>;

/**
 * The owners of the file's loan numbers, by engine: on SQLite the prepared paths above (the
 * check's measured reads), on PostgreSQL a thousand loan numbers a query.
 *
 * On SQLite every owner is read while the connection is held through the engine, as the
 * engine's own reads do (db/engine.ts holdingConnection): the write of a call made in the same
 * turn of the event loop can be open between this check's awaits, and read directly the
 * connection would refuse the check, or answer from inside that write, with rows that might
 * never commit (tests/unit/db/checks-beside-a-write.test.ts).
 */
export async function ownersOf(
  reads: ImportReads,
  rows: readonly CaseImportRow[],
): Promise<(loanNo: string) => string | undefined> {
  if (reads.engine.kind === 'sqlite') {
    const owners = await holdingConnection(reads.engine, () => {
      const connection = reads.connection;
      if (!connection) throw new Error('internal: an import on SQLite needs its connection');
      const ownerOf = loanOwners(connection, rows.length);
      const found = new Map<string, string>();
      for (const { loanNo } of rows) {
        const owner = ownerOf(loanNo);
        if (owner !== undefined) found.set(loanNo, owner);
      }
      return found;
    });
    return (loanNo) => owners.get(loanNo);
  }
  const owners = await loanOwnersPostgres(
    reads.engine.db,
    rows.map((r) => r.loanNo),
  );
  return (loanNo) => owners.get(loanNo);
}

/** The table's rows, each with the problems read on its line, into the check. */
function feedTable(check: FileCheck, rows: SourceRow[], readProblems: ReadProblem[]): void {
  const byLine = new Map<number, ReadProblem[]>();
  for (const p of readProblems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  for (const row of rows) check.add(row, byLine.get(row.line));
}

/**
 * Reads and checks a file against the database without writing: format and values of every
 * row (rows.ts), then what needs the database: the officer named, and a loan number already
 * belonging to another borrower. The preview and the import both start here, so the report a
 * user reads before importing is the one the import acts on. A CSV is checked row by row as
 * it is read and only its valid rows are kept; `sampleRows` data rows are kept as read too.
 */
export async function prepareImport(
  reads: ImportReads,
  fileName: string,
  source: ImportSource,
  mapping: ColumnMapping | undefined,
  progress: ImportProgress = () => {},
  { sampleRows = 0, today }: { sampleRows?: number; today?: string } = {},
): Promise<PreparedImport> {
  // Birth dates in resident IDs are checked against the branch's day, as the case form does.
  const day = today ?? (await loadBranchToday(reads.engine.db, new Date()));
  const problems = new ProblemList();
  // Checking is quick next to writing: it reports by time only (a small file's events are then
  // its writing's, from 0 to its row count).
  const checking = new ProgressMeter(progress, 'check', false);
  let table: SourceTable;
  let sha256: string;
  let check: FileCheck;
  if (source.kind === 'csv') {
    if (isSpreadsheet(fileName, source.bytes)) {
      throw new Error('an XLSX file must be read with importSourceFor first');
    }
    // How many rows a CSV holds is known only at its end: the progress has no total till then.
    check = new FileCheck(
      'csv',
      mapping,
      problems,
      sampleRows,
      (done) => checking.tell(done, 0),
      day,
    );
    table = readCsv(source.bytes, source.encoding, (row, found) => check.add(row, found));
    sha256 = sha256Of(source.bytes);
  } else {
    table = source.table;
    sha256 = source.sha256;
    const { rows } = table.ok ? table : { rows: [] };
    check = new FileCheck(
      table.kind,
      mapping,
      problems,
      sampleRows,
      (done) => checking.tell(done, rows.length),
      day,
    );
    if (table.ok) feedTable(check, rows, table.problems);
  }
  const base = {
    kind: table.kind,
    encoding: table.encoding,
    sha256,
    rows: [],
    rejected: 0,
    sample: [],
    warnings: [],
    unknownOfficers: [],
  };
  if (!table.ok) return { ...base, layout: null, total: 0, problems: [table.problem] };

  const checked = check.finish();
  const { layout, total, checker, sample } = checked;
  let { rejected } = checked;
  if (checker === null) {
    // The header is unusable: its problems are the file's, every data row is rejected.
    return { ...base, layout, total, rejected, sample, problems: problems.toArray() };
  }
  if (total === 0) {
    return {
      ...base,
      layout,
      total,
      problems: [{ line: 0, column: '', reason: 'v.import.empty' }],
    };
  }

  const reject = (line: number, field: ImportField, reason: string) => {
    problems.push({ line, column: checker.columnFor(field), reason });
    rejected++;
  };
  const directory = await loadOfficerDirectory(reads.engine.db);
  const ownerOf = await ownersOf(reads, checked.valid);
  const warnings = new ProblemList();
  const unknown = new Map<string, UnknownOfficerSummary>();
  const officerColumn = checker.columnFor('officer');
  const rows: PreparedRow[] = [];
  for (const row of checked.valid as PreparedRow[]) {
    // Loan numbers are unique within the file (rows.ts), so checking owners against the
    // database before writing is the same as checking them while writing.
    const owner = ownerOf(row.loanNo);
    if (owner !== undefined && owner !== row.idNumber) {
      reject(row.line, 'loan_no', 'v.import.loanOfOtherBorrower');
      continue;
    }
    if (row.officer !== null) {
      const officer = resolveOfficerCell(directory, row.officer);
      if (officer.kind === 'ambiguous') {
        reject(row.line, 'officer', 'v.import.ambiguousOfficer');
        continue;
      }
      if (officer.kind === 'unknown') {
        // Imported without the assignment, never rejected: a branch that imports before it
        // has entered its staff must still get its cases.
        warnings.push({
          line: row.line,
          column: officerColumn,
          reason: 'v.import.officerNotOnStaff',
          detail: officer.name,
        });
        const seen = unknown.get(officer.key);
        if (seen) seen.rows++;
        else {
          unknown.set(officer.key, {
            name: officer.name,
            column: officerColumn,
            rows: 1,
            firstLine: row.line,
          });
        }
        row.unknownOfficer = { name: officer.name, key: officer.key };
        row.officer = null;
      } else {
        // The cases upsert looks officers up by number or name: hand it the unambiguous number.
        row.officer = officer.staffNo;
      }
    }
    rows.push(row);
  }
  return {
    ...base,
    layout,
    total,
    rows,
    rejected,
    sample,
    problems: problems.toArray(),
    warnings: asWarnings(warnings),
    unknownOfficers: [...unknown.values()],
  };
}
