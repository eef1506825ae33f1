import type { ImportOfficerRule } from '../../shared/schemas/assignments';
import { readImportOfficerRule } from '../assignments/import-rule';
import { SearchBacklog } from '../cases/search-backlog';
import { officerLookup, upsertBorrowerAndLoan } from '../cases/upsert';
import type { Sqlite } from '../db/sqlite';
import { UnknownOfficerLedger } from './officers';
import type { PreparedRow } from './prepare';
import type { ImportProgress, ProgressMeter } from './progress';
import type { WriteTally } from './write-tally';

/** What either engine's writer is given: the file's checked rows and where they go. */
export interface RowsToWrite {
  rows: readonly PreparedRow[];
  fileName: string;
  asOf: string;
  staffId: number | null;
  now: string;
  tally: WriteTally;
  /** The writing phase's meter (row by row for a small file) and the import's progress. */
  writing: ProgressMeter;
  progress: ImportProgress;
}

/**
 * SQLite's write of an import's rows: the measured hot loop, one row at a time through the
 * cases feature's upsert (cached prepared statements), on the connection the engine's write
 * transaction holds (desk.ts), then the search index once per borrower. Synchronous
 * inside the write: it gives the event loop no turn (app/write-guard.ts). Returns the branch's
 * rule on manual assignments, as it was applied.
 */
export function writeRowsSqlite(db: Sqlite, job: RowsToWrite): ImportOfficerRule {
  const { rows, writing } = job;
  writing.tell(0, rows.length);
  const officers = officerLookup(db);
  const search = new SearchBacklog();
  const unknownOfficers = new UnknownOfficerLedger(db);
  const officerRule = readImportOfficerRule(db);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const result = upsertBorrowerAndLoan(db, row, job.asOf, job.staffId, {
      officers,
      now: job.now,
      search,
      officerRule,
      fileName: job.fileName,
    });
    // The name waits for a manager; a known officer in this file settles an older one.
    if (row.unknownOfficer) {
      unknownOfficers.unknown(result.borrowerId, row.unknownOfficer, {
        fileName: job.fileName,
        line: row.line,
        asOf: job.asOf,
        now: job.now,
      });
    } else if (row.officer !== null) unknownOfficers.known(result.borrowerId);
    job.tally.row(row, result);
    writing.tell(i + 1, rows.length);
  }
  // Every row is written; the search index (a couple of seconds per 100,000 rows) is left.
  job.progress(rows.length, rows.length, 'index');
  search.flush(db);
  return officerRule;
}
