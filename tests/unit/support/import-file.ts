import type { Sqlite } from '../../../electron/core/db/sqlite';
import { importSourceFor, type ImportProgress } from '../../../electron/core/imports/prepare';
import { importCases } from '../../../electron/core/imports/service';
import type { ImportCasesArgs } from '../../../electron/core/imports/task-args';
import type { ImportEncodingChoice, ImportResult } from '../../../electron/shared/schemas/imports';

/**
 * An import of a file's bytes in this process, without the worker thread: what imports:run does
 * once the job starts (read the source, then importCases), for tests that set up a branch or
 * measure the importer itself.
 */
export async function importCaseFile(
  db: Sqlite,
  args: Omit<ImportCasesArgs, 'source'> & { bytes: Uint8Array; encoding?: ImportEncodingChoice },
  progress?: ImportProgress,
): Promise<ImportResult> {
  const { bytes, encoding = 'auto', ...rest } = args;
  const source = await importSourceFor(args.fileName, bytes, encoding);
  return importCases(db, { ...rest, source }, progress);
}
