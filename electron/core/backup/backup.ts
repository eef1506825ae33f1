import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/result';
import { dataFilesFor } from '../app/paths';
import { openEncrypted } from '../db/open';
import { readSlotFile, unwrapSlot, writeSlotFile } from '../db/keyslots';
import type { Sqlite, SqliteDriver } from '../db/sqlite';

export interface BackupResult {
  file: string;
  keysFile: string;
  bytes: number;
  createdAt: string;
}

export const KEEP_BACKUPS = 14;

export function backupFileName(at: Date): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
  return `visitdesk-${stamp}.db`;
}

/** What `backupFileName` writes: the UTC date, time and milliseconds. */
const BACKUP_NAME = /^visitdesk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})\.db$/;

/** The UTC instant a backup's file name says it was made at (`backupFileName`'s inverse). */
export function backupFileInstant(file: string): Date | null {
  const m = BACKUP_NAME.exec(path.basename(file));
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * `VACUUM INTO` writes a compact copy encrypted with the same key (the online backup API
 * refuses encrypted sources in this build); the key-slot file goes beside it so the copy
 * opens with the same passphrases or the recovery key.
 */
export function backupInto(
  db: Sqlite,
  out: string,
  keysFile: string,
  progress: (done: number, total: number) => void = () => {},
): BackupResult {
  const target = path.resolve(out);
  if (fs.existsSync(target)) throw new AppFailure('CONFLICT', `backup file exists: ${target}`);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  progress(0, 2);
  try {
    // VACUUM INTO accepts an empty file: made owner-only first, the copy is never readable by
    // other accounts, not even for a moment. SQL, not Kysely: VACUUM INTO is SQLite's own (a
    // PostgreSQL backup is pg_dump's).
    fs.closeSync(fs.openSync(tmp, 'wx', 0o600));
    db.prepare('VACUUM INTO ?').run(tmp);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  const fd = fs.openSync(tmp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // The key file first, then the copy's final name: a kill between the two leaves a key file
  // without a copy (never listed), not a copy that nothing can open with a passphrase.
  const targetKeys = dataFilesFor(target).keys;
  writeSlotFile(targetKeys, readSlotFile(keysFile));
  progress(1, 2);
  fs.renameSync(tmp, target);
  progress(2, 2);
  return {
    file: target,
    keysFile: targetKeys,
    bytes: fs.statSync(target).size,
    createdAt: new Date().toISOString(),
  };
}

export function listBackups(dir: string): { file: string; createdAt: string; bytes: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => {
      const file = path.join(dir, name);
      const stat = fs.statSync(file);
      return { file, createdAt: stat.mtime.toISOString(), bytes: stat.size };
    });
}

/** Keeps the newest `keep` automatic backups; older ones and their key files go. */
export function pruneBackups(dir: string, keep = KEEP_BACKUPS): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dir).slice(keep)) {
    fs.rmSync(old.file, { force: true });
    fs.rmSync(dataFilesFor(old.file).keys, { force: true });
    removed.push(old.file);
  }
  return removed;
}

export type BackupKey =
  { kind: 'raw'; key: Buffer } | { kind: 'passphrase'; username: string; passphrase: string };

/** Opens a backup copy read-only and runs quick_check; throws when it is not sound. */
export function checkBackup(file: string, key: BackupKey, driver: SqliteDriver): Buffer {
  const raw =
    key.kind === 'raw'
      ? key.key
      : unwrapSlot(readSlotFile(dataFilesFor(file).keys), key.username, key.passphrase);
  if (!raw) throw new AppFailure('BAD_CREDENTIALS', 'wrong user name or passphrase for the backup');
  const copy = openEncrypted(file, raw, { driver, readonly: true });
  try {
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new AppFailure('DB_DAMAGED', `backup fails quick_check: ${result}`);
  } finally {
    copy.close();
  }
  return raw;
}

/** Copies `source` to `target` (owner-only) and flushes it to the disk before returning. */
function copyDurably(source: string, target: string): void {
  fs.copyFileSync(source, target);
  fs.chmodSync(target, 0o600);
  const fd = fs.openSync(target, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces the database with a backup the caller has already checked (checkBackup). The
 * replaced file (and its WAL and key file) are kept beside it as `*.replaced-<time>`, so a
 * restore never loses anything. The swap never leaves the folder without a database: the
 * backup is copied and flushed under a temporary name, the old file gets a second name (a hard
 * link, or a copy where links are refused), and the copy is renamed over the database, which
 * replaces it in one step.
 */
export function swapInBackup(
  source: string,
  dbFile: string,
  now: Date,
): { replaced: string | null } {
  const files = dataFilesFor(dbFile);
  const sourceKeys = dataFilesFor(source).keys;
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  fs.mkdirSync(path.dirname(files.db), { recursive: true });
  const tmp = `${files.db}.restoring`;
  fs.rmSync(tmp, { force: true });
  copyDurably(source, tmp);
  let replaced: string | null = null;
  if (fs.existsSync(files.db)) {
    replaced = `${files.db}.replaced-${stamp}`;
    keepSecondName(files.db, replaced);
  }
  // The old WAL belongs to the old file: kept beside it, and never read by the restored one.
  for (const suffix of ['-wal', '-shm']) {
    if (!fs.existsSync(files.db + suffix)) continue;
    if (replaced) keepSecondName(files.db + suffix, replaced + suffix);
    fs.rmSync(files.db + suffix, { force: true });
  }
  if (fs.existsSync(files.keys)) copyDurably(files.keys, `${files.keys}.replaced-${stamp}`);
  fs.renameSync(tmp, files.db);
  writeSlotFile(files.keys, readSlotFile(sourceKeys));
  return { replaced };
}

function keepSecondName(file: string, second: string): void {
  try {
    fs.linkSync(file, second);
  } catch {
    copyDurably(file, second);
  }
}
