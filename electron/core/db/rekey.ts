import type { Sqlite } from './sqlite';

/**
 * Re-encrypts the whole file with a new raw key. SQLite3 Multiple Ciphers refuses
 * `PRAGMA rekey` in WAL mode, so the WAL is checkpointed and the journal switched to DELETE
 * for the rekey, then back to WAL. The rekey itself runs as one SQLite transaction over the
 * rollback journal: if the process dies midway, the journal rolls the file back to the old key.
 */
export function rekeyDatabase(db: Sqlite, newKey: Buffer): void {
  if (newKey.length !== 32) throw new Error('database key must be 32 bytes');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const mode = db.pragma('journal_mode=DELETE', { simple: true });
  if (String(mode).toLowerCase() !== 'delete')
    throw new Error(`could not leave WAL mode (${mode})`);
  try {
    db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
  } finally {
    db.pragma('journal_mode=WAL');
  }
}
