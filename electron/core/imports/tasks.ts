import type { Sqlite } from '../db/sqlite';
import { importCases, previewCases, type ImportProgress } from './service';
import type { ImportCasesArgs, PreviewCasesArgs } from './task-args';

/** The import's worker tasks, spread into jobs/tasks.ts: each on the worker's own connection. */
export const importTasks = {
  importCases(db: Sqlite, args: ImportCasesArgs, progress: ImportProgress) {
    return importCases(db, args, progress);
  },
  previewCases(db: Sqlite, args: PreviewCasesArgs, progress: ImportProgress) {
    return previewCases(db, args, progress);
  },
} as const;
