import fs from 'node:fs';
import path from 'node:path';
import { dataFilesFor } from '../core/app/paths';

/**
 * What is wrong with a file named as a database, before the core is asked to open it, so a
 * wrong path is not told as "key file missing". Without the key nobody can prove a file is a
 * Visitdesk database, but a file that is no database at all is easy to tell: SQLite files,
 * encrypted ones included, are whole pages (512 bytes or a power of two above), and a plain
 * one starts with SQLite's own header, which an encrypted file never shows.
 */
export type DatabaseFileProblem =
  'missing' | 'folder' | 'notDatabase' | 'plainSqlite' | 'noKeyFile' | null;

const plainHeader = Buffer.from('SQLite format 3\0', 'latin1');

function headOf(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(plainHeader.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** A database killed before its first checkpoint may hold everything in its WAL. */
const walHolds = (file: string) => {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
};

export function databaseFileProblem(file: string): DatabaseFileProblem {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'missing';
  }
  if (stat.isDirectory()) return 'folder';
  if (stat.size === 0 ? !walHolds(file) : stat.size % 512 !== 0) return 'notDatabase';
  if (stat.size > 0 && headOf(file).equals(plainHeader)) return 'plainSqlite';
  if (!fs.existsSync(dataFilesFor(file).keys)) return 'noKeyFile';
  return null;
}

/** The key file the core looks for beside a database or a backup. */
export const keyFileOf = (file: string) => dataFilesFor(path.resolve(file)).keys;
