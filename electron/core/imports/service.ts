import type { Kysely } from 'kysely';
import type {
  ImportPreview,
  ImportResult,
  OfficerConflictView,
} from '../../shared/schemas/imports';
import type { AuditEntry } from '../audit/audit';
import { sqliteEngine } from '../db/engine';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { evaluateAfterPayments, evaluateBorrowersInDb } from '../records/evaluate';
import { loadBranchToday } from '../settings/branch-clock';
import { engineImportDesk, type ImportDesk } from './desk';
import { foreseeOfficerConflicts } from './officer-conflicts';
import {
  checkReport,
  mergeWarnings,
  prepareImport,
  type ImportProgress,
  type ImportReads,
  type PreparedImport,
} from './prepare';
import { ProgressMeter } from './progress';
import { columnLetter } from './table';
import type { ImportCasesArgs, PreviewCasesArgs } from './task-args';
import { cellText } from './values';
import { writeRowsPostgres } from './write-postgres';
import { writeRowsSqlite, type RowsToWrite } from './write-sqlite';
import { WriteTally, type ListedConflict } from './write-tally';

export type { ImportProgress } from './prepare';

/** The run's answer before anything is written: the checks' report, nothing counted yet. */
function outcome(args: ImportCasesArgs, prepared: PreparedImport): ImportResult {
  return {
    mode: args.mode,
    asOf: args.asOf,
    ...checkReport(prepared),
    inserted: 0,
    updated: 0,
    unchanged: 0,
    written: false,
    paymentsFoundFen: 0,
    paymentsFoundLoans: 0,
    visitCashConfirmedFen: 0,
    visitCashConfirmedLoans: 0,
    officerConflicts: [],
    officerConflictsTotal: 0,
  };
}

/**
 * Imports case rows in ONE write on the engine (issue 19): all-or-nothing writes nothing when
 * any row is bad; valid-only writes the good rows and reports the rest. Rows are upserted by
 * resident ID, then loan number, with a dated snapshot of each loan, by the engine's own writer
 * (SQLite: the cases feature's prepared statements row by row, write-sqlite.ts; PostgreSQL:
 * a statement per kind of row with its columns as arrays, a batch at a time, write-postgres.ts); the payments the file shows are
 * judged against promises in the same write, and the import adds one audit row: who, the file
 * and its SHA-256, the counts. Whole or not at all: a row that fails rolls everything back.
 *
 * In a worker thread (SQLite), terminating the thread mid-way leaves the transaction
 * uncommitted.
 */
export async function importCasesOn(
  desk: ImportDesk,
  args: ImportCasesArgs,
  progress: ImportProgress = () => {},
): Promise<ImportResult> {
  const now = args.now ?? new Date().toISOString();
  const today = args.today ?? (await loadBranchToday(desk.engine.db, new Date(now)));
  const prepared = await prepareImport(desk, args.fileName, args.source, args.mapping, progress, {
    today,
  });
  const refusedWhole = prepared.layout === null || prepared.layout.problems.length > 0;
  if (refusedWhole || prepared.total === 0) return outcome(args, prepared);
  if (args.mode === 'all-or-nothing' && prepared.problems.length) return outcome(args, prepared);

  const { rows } = prepared;
  const paidOnAt = prepared.layout?.columns.indexOf('last_paid_on') ?? -1;
  const outstandingAt = prepared.layout?.columns.indexOf('outstanding_principal') ?? -1;
  const columnName = (at: number) => prepared.layout?.headers[at] || columnLetter(at);
  const tally = await desk.write(async (tx) => {
    // Made inside the write: on PostgreSQL a conflict with a writer outside the app runs it again.
    const tally = new WriteTally(columnName(paidOnAt), columnName(outstandingAt));
    const job: RowsToWrite = {
      rows,
      fileName: args.fileName,
      asOf: args.asOf,
      staffId: args.staffId,
      now,
      tally,
      // Row by row for a small file, ten times a second for a large one (progress.ts).
      writing: new ProgressMeter(progress, 'write', true),
      progress,
    };
    const officerRule = desk.connection
      ? writeRowsSqlite(desk.connection, job)
      : await writeRowsPostgres(tx, job);
    // Payments inferred from the file may keep promises and instalments: judge them in the
    // same transaction, so the import and its consequences land together.
    await judgePaidBorrowers(desk, tx, tally.paidBorrowers, args, now);
    await desk.record(tx, {
      staffId: args.staffId,
      action: 'cases.import',
      entity: 'import',
      entityId: args.fileName.slice(0, 200),
      at: now,
      after: {
        fileName: args.fileName,
        sha256: prepared.sha256,
        mode: args.mode,
        asOf: args.asOf,
        rows: prepared.total,
        rejected: prepared.rejected,
        ...tally.counts,
        officersNotOnStaff: prepared.unknownOfficers.map((o) => ({ name: o.name, rows: o.rows })),
        officerConflicts: tally.conflictsTotal,
        officerRule,
      },
    });
    return tally;
  });
  progress(rows.length, rows.length, 'done');
  const { counts, moneyLoans } = tally;
  return {
    ...outcome(args, prepared),
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    written: true,
    warnings: mergeWarnings(prepared.warnings, tally.writeWarnings()),
    paymentsFoundFen: counts.paymentsFen,
    paymentsFoundLoans: moneyLoans.payments,
    visitCashConfirmedFen: counts.visitCashConfirmedFen,
    visitCashConfirmedLoans: moneyLoans.visitCash,
    officerConflicts: await conflictViews(desk.engine.db, tally.conflicts),
    officerConflictsTotal: tally.conflictsTotal,
  };
}

/**
 * `importCasesOn` over a SQLite connection with no app around it: a worker thread's own
 * connection, the command line, the tests and the benchmark. The engine is made for the import
 * and let go after it (the connection stays open: it is the caller's).
 */
export async function importCases(
  db: Sqlite,
  args: ImportCasesArgs,
  progress: ImportProgress = () => {},
): Promise<ImportResult> {
  const engine = sqliteEngine(db);
  try {
    return await importCasesOn(engineImportDesk(engine, db), args, progress);
  } finally {
    await engine.close();
  }
}

/**
 * The borrowers' promises and instalments judged again, on the write's tx: on SQLite with the
 * prepared statements the import has always used (records/evaluate.ts evaluateBorrowersInDb,
 * thousands of borrowers after a large file), on PostgreSQL through the records' builders.
 * Both decide by the same judgement and write one audit row when anything changed.
 */
async function judgePaidBorrowers(
  desk: ImportDesk,
  tx: Kysely<DB>,
  borrowerIds: readonly number[],
  args: ImportCasesArgs,
  now: string,
): Promise<void> {
  if (!borrowerIds.length) return;
  if (desk.connection) {
    evaluateBorrowersInDb(desk.connection, {
      borrowerIds,
      staffId: args.staffId,
      at: now,
      asOf: args.asOf,
    });
    return;
  }
  const judge = {
    now: () => new Date(now),
    record: (on: Kysely<DB>, entry: Omit<AuditEntry, 'staffId'>) =>
      desk.record(on, { staffId: args.staffId, ...entry }),
  };
  await evaluateAfterPayments(judge, tx, borrowerIds, args.asOf);
}

async function conflictViews(
  db: Kysely<DB>,
  conflicts: readonly ListedConflict[],
): Promise<OfficerConflictView[]> {
  if (!conflicts.length) return [];
  const staff = await db.selectFrom('staff').select(['id', 'name']).execute();
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return conflicts.map((c) => ({
    line: c.line,
    borrowerId: c.borrowerId,
    borrowerName: c.name,
    currentOfficer: names.get(c.currentOfficerId) ?? '',
    fileOfficer: names.get(c.fileOfficerId) ?? '',
    kept: c.kept,
  }));
}

/**
 * What the import screen shows before anything is written: the detected encoding, which
 * column fills which field, the first rows as text, and every problem the import would report,
 * read on the engine (and on SQLite's connection for the loans' owners, prepare.ts).
 */
export async function previewCasesOn(
  reads: ImportReads,
  args: PreviewCasesArgs,
  progress: ImportProgress = () => {},
): Promise<ImportPreview> {
  const prepared = await prepareImport(reads, args.fileName, args.source, args.mapping, progress, {
    sampleRows: args.rows,
    today: args.today,
  });
  const layout = prepared.layout;
  const report = checkReport(prepared);
  const foreseen = await foreseeOfficerConflicts(reads.engine.db, prepared.rows);
  return {
    kind: prepared.kind,
    encoding: report.encoding,
    headerLine: layout?.headerLine ?? 0,
    headers: layout?.headers.map((h, i) => h || columnLetter(i)) ?? [],
    columns: layout?.columns ?? [],
    missingFields: layout?.missingFields ?? [],
    rows: prepared.sample.map((r) => ({
      line: r.line,
      // A glance, not a 50,000-character cell.
      cells: r.cells.map((c) => cellText(c).slice(0, 200)),
    })),
    totalRows: report.total,
    rejected: report.rejected,
    problems: report.errors,
    warnings: report.warnings,
    unknownOfficers: report.unknownOfficers,
    // The officer conflicts the import would report, and the branch rule that will settle them.
    officerConflicts: foreseen.conflicts,
    officerConflictsTotal: foreseen.total,
    officerRule: foreseen.rule,
  };
}

/** `previewCasesOn` over a SQLite connection with no app around it (a worker thread's). */
export async function previewCases(
  db: Sqlite,
  args: PreviewCasesArgs,
  progress: ImportProgress = () => {},
): Promise<ImportPreview> {
  const engine = sqliteEngine(db);
  try {
    return await previewCasesOn({ engine, connection: db }, args, progress);
  } finally {
    await engine.close();
  }
}
