import fs from 'node:fs';
import { openEncrypted } from '../db/open';
import type { SqliteDriver } from '../db/sqlite';

/**
 * Re-encrypts a closed database under a new key without ever leaving the real file half
 * converted: the file is copied, the copy is rekeyed, and the copy replaces the file by an
 * atomic rename. The caller has sealed the new key into every slot first (keys/rotation.ts),
 * so whichever file a crash leaves behind, one of the slot's keys opens it.
 */
export function rekeyClosedFile(
  dbFile: string,
  driver: SqliteDriver,
  oldKey: Buffer,
  newKey: Buffer,
): void {
  const copy = `${dbFile}.rekey`;
  try {
    fs.rmSync(copy, { force: true });
    fs.rmSync(`${copy}-journal`, { force: true });
    fs.copyFileSync(dbFile, copy);
    const target = openEncrypted(copy, oldKey, { driver, journal: 'DELETE' });
    try {
      target.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    } finally {
      target.close();
    }
    const fd = fs.openSync(copy, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    // The caller checkpointed and truncated the WAL before closing, so nothing is lost with it.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
    fs.renameSync(copy, dbFile);
  } catch (error) {
    fs.rmSync(copy, { force: true });
    throw error;
  }
}
