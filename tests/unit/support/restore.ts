import path from 'node:path';
import { checkBackup, swapInBackup, type BackupKey } from '../../../electron/core/backup/backup';
import type { SqliteDriver } from '../../../electron/core/db/sqlite';

/**
 * The file half of a restore (check the backup, swap it in) without the role check and the
 * audit row that restoreAsManager adds: for tests of the swap itself, and for the kill -9
 * writer, which runs as a plain child process (no vitest here).
 */
export function restoreFrom(
  from: string,
  dbFile: string,
  key: BackupKey,
  driver: SqliteDriver,
  now = new Date(),
): { replaced: string | null } {
  const source = path.resolve(from);
  checkBackup(source, key, driver);
  return swapInBackup(source, dbFile, now);
}
