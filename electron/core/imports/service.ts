import type {
  ImportPreview,
  ImportResult,
  OfficerConflictView,
} from '../../shared/schemas/imports';
import { readImportOfficerRule } from '../assignments/import-rule';
import { all, qb } from '../db/query';
import { evaluateBorrowersInDb } from '../records/evaluate';
import { appendAudit } from '../audit/audit';
import { SearchBacklog } from '../cases/search-backlog';
import { officerLookup, upsertBorrowerAndLoan, type OfficerConflict } from '../cases/upsert';
import type { Sqlite } from '../db/sqlite';
import {
  checkReport,
  mergeWarnings,
  prepareImport,
  type ImportProgress,
  type PreparedImport,
} from './prepare';
import { foreseeOfficerConflicts } from './officer-conflicts';
import { UnknownOfficerLedger } from './officers';
import { ProblemList } from './problem-list';
import { ProgressMeter } from './progress';
import { columnLetter } from './table';
import type { ImportCasesArgs, PreviewCasesArgs } from './task-args';
import { cellText } from './values';
import { branchToday } from '../settings/branch-clock';

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

/** The report lists this many officer differences; the total counts them all. */
const LISTED_CONFLICTS = 200;

/**
 * Imports case rows in ONE transaction. All-or-nothing writes nothing when any row is bad;
 * valid-only writes the good rows and reports the rest. Rows go through the cases feature's
 * upsert (by resident ID, then loan number, with a dated snapshot of each loan); the import
 * adds one audit row: who, the file and its SHA-256, the counts.
 *
 * Synchronous, so it runs the same in-process (tests, CLI, benchmark) and in a worker thread,
 * where terminating the thread mid-way leaves the transaction uncommitted.
 */
export function importCases(
  db: Sqlite,
  args: ImportCasesArgs,
  progress: ImportProgress = () => {},
): ImportResult {
  const now = args.now ?? new Date().toISOString();
  const today = args.today ?? branchToday(db, new Date(now));
  const prepared = prepareImport(db, args.fileName, args.source, args.mapping, progress, {
    today,
  });
  const refusedWhole = prepared.layout === null || prepared.layout.problems.length > 0;
  if (refusedWhole || prepared.total === 0) return outcome(args, prepared);
  if (args.mode === 'all-or-nothing' && prepared.problems.length) return outcome(args, prepared);

  const counts = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    borrowersInserted: 0,
    borrowersUpdated: 0,
    paymentsFen: 0,
    visitCashConfirmedFen: 0,
  };
  // Loans the file found new money on, and loans whose visit cash it confirmed.
  const moneyLoans = { payments: 0, visitCash: 0 };
  const { rows } = prepared;
  const paidBorrowers: number[] = [];
  // Warnings found while writing: a last repayment date the interval between the files rules
  // out (left unused), a fall in principal against a file of the same date (not a repayment).
  const writeWarnings = new ProblemList();
  const paidOnAt = prepared.layout?.columns.indexOf('last_paid_on') ?? -1;
  const paidOnColumn = prepared.layout?.headers[paidOnAt] || columnLetter(paidOnAt);
  const outstandingAt = prepared.layout?.columns.indexOf('outstanding_principal') ?? -1;
  const outstandingColumn = prepared.layout?.headers[outstandingAt] || columnLetter(outstandingAt);
  // Row by row for a small file, ten times a second for a large one (progress.ts).
  const writing = new ProgressMeter(progress, 'write', true);
  const conflicts: (OfficerConflict & { line: number; borrowerId: number; name: string })[] = [];
  let conflictsTotal = 0;
  db.transaction(() => {
    writing.tell(0, rows.length);
    const officers = officerLookup(db);
    const search = new SearchBacklog();
    const unknownOfficers = new UnknownOfficerLedger(db);
    const officerRule = readImportOfficerRule(db);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const result = upsertBorrowerAndLoan(db, row, args.asOf, args.staffId, {
        officers,
        now,
        search,
        officerRule,
        fileName: args.fileName,
      });
      if (result.officerConflict) {
        conflictsTotal++;
        if (conflicts.length < LISTED_CONFLICTS) {
          conflicts.push({
            ...result.officerConflict,
            line: row.line,
            borrowerId: result.borrowerId,
            name: row.name,
          });
        }
      }
      // The name waits for a manager; a known officer in this file settles an older one.
      if (row.unknownOfficer) {
        unknownOfficers.unknown(result.borrowerId, row.unknownOfficer, {
          fileName: args.fileName,
          line: row.line,
          asOf: args.asOf,
          now,
        });
      } else if (row.officer !== null) unknownOfficers.known(result.borrowerId);
      counts[result.loan]++;
      if (result.borrower === 'inserted') counts.borrowersInserted++;
      else if (result.borrower === 'updated') counts.borrowersUpdated++;
      counts.paymentsFen += result.paymentFen;
      counts.visitCashConfirmedFen += result.confirmedFen;
      if (result.confirmedFen > 0) moneyLoans.visitCash++;
      if (result.paymentFen > 0) {
        moneyLoans.payments++;
        paidBorrowers.push(result.borrowerId);
      }
      if (result.paidOnUnused) {
        writeWarnings.push({
          line: row.line,
          column: paidOnColumn,
          reason:
            result.paidOnUnused === 'afterAsOf'
              ? 'v.import.paidOnAfterAsOf'
              : 'v.import.paidOnBeforePrevious',
        });
      }
      if (result.sameDateFallFen > 0) {
        writeWarnings.push({
          line: row.line,
          column: outstandingColumn,
          reason: 'v.import.sameDateFall',
        });
      }
      writing.tell(i + 1, rows.length);
    }
    // Every row is written; the search index (a couple of seconds per 100,000 rows) is left.
    progress(rows.length, rows.length, 'index');
    search.flush(db);
    // Payments inferred from the file may keep promises and instalments: judge them in the
    // same transaction, so the import and its consequences land together.
    if (paidBorrowers.length) {
      evaluateBorrowersInDb(db, {
        borrowerIds: paidBorrowers,
        staffId: args.staffId,
        at: now,
        asOf: args.asOf,
      });
    }
    appendAudit(db, {
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
        ...counts,
        officersNotOnStaff: prepared.unknownOfficers.map((o) => ({ name: o.name, rows: o.rows })),
        officerConflicts: conflictsTotal,
        officerRule,
      },
    });
  })();
  progress(rows.length, rows.length, 'done');
  return {
    ...outcome(args, prepared),
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    written: true,
    warnings: mergeWarnings(prepared.warnings, writeWarnings.toArray()),
    paymentsFoundFen: counts.paymentsFen,
    paymentsFoundLoans: moneyLoans.payments,
    visitCashConfirmedFen: counts.visitCashConfirmedFen,
    visitCashConfirmedLoans: moneyLoans.visitCash,
    officerConflicts: conflictViews(db, conflicts),
    officerConflictsTotal: conflictsTotal,
  };
}

function conflictViews(
  db: Sqlite,
  conflicts: readonly (OfficerConflict & { line: number; borrowerId: number; name: string })[],
): OfficerConflictView[] {
  if (!conflicts.length) return [];
  const names = new Map(
    all(db, qb.selectFrom('staff').select(['id', 'name'])).map((s) => [s.id, s.name]),
  );
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
 * column fills which field, the first rows as text, and every problem the import would report.
 */
export function previewCases(
  db: Sqlite,
  args: PreviewCasesArgs,
  progress: ImportProgress = () => {},
): ImportPreview {
  const prepared = prepareImport(db, args.fileName, args.source, args.mapping, progress, {
    sampleRows: args.rows,
    today: args.today,
  });
  const layout = prepared.layout;
  const report = checkReport(prepared);
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
    ...officerConflictsAhead(db, prepared.rows),
  };
}

/** The officer conflicts the import would report, and the branch rule that will settle them. */
function officerConflictsAhead(db: Sqlite, rows: PreparedImport['rows']) {
  const foreseen = foreseeOfficerConflicts(db, rows);
  return {
    officerConflicts: foreseen.conflicts,
    officerConflictsTotal: foreseen.total,
    officerRule: foreseen.rule,
  };
}
