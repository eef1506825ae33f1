import fs from 'node:fs';
import { AppFailure } from '../../shared/result';
import { sqliteCode, type Sqlite, type SqliteDriver } from './sqlite';

export interface OpenOptions {
  driver: SqliteDriver;
  /** Create the file if it is missing. Off by default: never start over on an empty file. */
  create?: boolean;
  readonly?: boolean;
  /** WAL for the app; DELETE for a private copy that is rekeyed and then renamed into place. */
  journal?: 'WAL' | 'DELETE';
}

const MiB = 1024 * 1024;

/** Page cache sized for the data: the whole file up to 256 MiB, never under 32 MiB. */
export function cacheSizeKiB(fileBytes: number): number {
  const bytes = Math.min(256 * MiB, Math.max(32 * MiB, Math.ceil(fileBytes * 1.1)));
  return Math.round(bytes / 1024);
}

/**
 * Opens an encrypted database in the order that is safe with SQLite3 Multiple Ciphers:
 * cipher, key, a read that proves the key, then WAL with synchronous=FULL, temp store in
 * memory (temp files are not encrypted) and no mmap (it corrupts encrypted pages).
 */
export function openEncrypted(file: string, key: Buffer, options: OpenOptions): Sqlite {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  const exists = fs.existsSync(file);
  if (!exists && !options.create) {
    throw new AppFailure('NOT_FOUND', `database file not found: ${file}`);
  }
  // Owner-only from the start: SQLite gives the WAL and shared-memory files the database
  // file's own permissions, so creating it 0600 (and tightening an older 0644 file) keeps all
  // three from other accounts on the PC. (Encrypted anyway; but nobody else should read or
  // replace them.)
  if (!exists) fs.closeSync(fs.openSync(file, 'wx', 0o600));
  else if (!options.readonly) restrictToOwner(file);
  let db: Sqlite;
  try {
    db = new options.driver(file, {
      fileMustExist: !options.create,
      readonly: options.readonly ?? false,
    });
  } catch (error) {
    throw translateOpenError(error, file);
  }
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    // A raw key in SQLCipher's x'…' form: no key derivation (the slots already did that), and
    // any SQLCipher 4 tool opens the file with the same 64 hex digits.
    db.pragma(`key="x'${key.toString('hex')}'"`);
    // PRAGMA key always answers ok; the first read is what proves the key.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (!options.readonly) {
      const wanted = options.journal ?? 'WAL';
      const mode = db.pragma(`journal_mode=${wanted}`, { simple: true });
      if (String(mode).toUpperCase() !== wanted) throw new Error(`journal_mode is ${mode}`);
    }
    db.pragma('synchronous=FULL');
    db.pragma('temp_store=MEMORY');
    db.pragma('mmap_size=0');
    db.pragma('foreign_keys=ON');
    db.pragma('busy_timeout=5000');
    db.pragma(`cache_size=-${cacheSizeKiB(exists ? fs.statSync(file).size : 0)}`);
    return db;
  } catch (error) {
    db.close();
    throw translateOpenError(error, file);
  }
}

/** Drops group and other permissions from a file we own (no-op on Windows, where modes differ). */
export function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  try {
    const { mode, uid } = fs.statSync(file);
    const ours = typeof process.getuid !== 'function' || uid === process.getuid();
    if (ours && (mode & 0o077) !== 0) fs.chmodSync(file, mode & 0o700);
  } catch {
    // Missing or not ours: opening it reports what is wrong.
  }
}

export function translateOpenError(error: unknown, file: string): Error {
  if (error instanceof AppFailure) return error;
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_NOTADB':
      return new AppFailure('WRONG_KEY', `cannot read ${file}: wrong key or not a database`);
    case 'SQLITE_CORRUPT':
      return new AppFailure('DB_DAMAGED', `database is damaged: ${message}`);
    case 'SQLITE_FULL':
      return new AppFailure('DISK_FULL', 'disk full');
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY_DIRECTORY':
      return new AppFailure('READ_ONLY', `cannot write in the data folder: ${message}`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new AppFailure('BUSY', 'the database is in use by another program');
    case 'SQLITE_IOERR_WRITE':
    case 'SQLITE_IOERR':
      return /full|ENOSPC/i.test(message)
        ? new AppFailure('DISK_FULL', 'disk full')
        : new AppFailure('DB_DAMAGED', `input/output error: ${message}`);
    // File-system errors from our own files (marker, key slots, backups).
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new AppFailure('READ_ONLY', `cannot write in the data folder: ${message}`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppFailure('DISK_FULL', 'disk full');
    default:
      return error instanceof Error ? error : new Error(message);
  }
}
