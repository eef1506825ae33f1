import type { Engine } from '../db/engine';
import type { Sqlite } from '../db/sqlite';
import { engineImportDesk } from './desk';
import {
  importCases,
  importCasesOn,
  previewCases,
  previewCasesOn,
  type ImportProgress,
} from './service';
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

/** The same on a server desk's worker: its own pool on the PostgreSQL engine. */
export const importServerTasks = {
  importCases(engine: Engine, args: ImportCasesArgs, progress: ImportProgress) {
    return importCasesOn(engineImportDesk(engine, null), args, progress);
  },
  previewCases(engine: Engine, args: PreviewCasesArgs, progress: ImportProgress) {
    return previewCasesOn(engineImportDesk(engine, null), args, progress);
  },
} as const;
