import fs from 'node:fs';
import { cacheSizeKiB } from '../../electron/core/db/open';
import type { Sqlite } from '../../electron/core/db/sqlite';
import { nodeDriver } from '../../electron/core/node';

/**
 * The baseline database: a plain, unencrypted file opened with the SAME Node build of
 * better-sqlite3-multiple-ciphers as the app, without any cipher or key pragma. (Loading a
 * second SQLite copy into the process would make the key pragmas of the app's connections
 * silently do nothing: TOOLCHAIN.md.) It gets the app's journal, durability and page-cache
 * settings, so a ratio measures what encryption and our layers add, not a different cache.
 */
export function openPlain(file: string, options: { create?: boolean } = {}): Sqlite {
  const exists = fs.existsSync(file);
  const db = new nodeDriver(file, { fileMustExist: !options.create });
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('temp_store=MEMORY');
  db.pragma('foreign_keys=ON');
  db.pragma(`cache_size=-${cacheSizeKiB(exists ? fs.statSync(file).size : 0)}`);
  return db;
}

/** Columns a row can be inserted with (generated columns excluded). */
function storedColumns(db: Sqlite, table: string): string[] {
  const columns = db.pragma(`table_xinfo(${JSON.stringify(table)})`) as {
    name: string;
    hidden: number;
  }[];
  return columns.filter((c) => c.hidden === 0).map((c) => c.name);
}

/**
 * Copies every row of `table` (the foundation rows setup wrote) into the baseline. A row the
 * baseline's own migrations already wrote (e.g. a `meta` marker) is replaced by the app's.
 */
export function copyRows(from: Sqlite, to: Sqlite, table: string): number {
  const columns = storedColumns(from, table);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const insert = to.prepare(
    `INSERT OR REPLACE INTO "${table}" (${list}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const rows = from.prepare(`SELECT ${list} FROM "${table}"`).raw().all() as unknown[][];
  to.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  return rows.length;
}

export function closeCleanly(db: Sqlite): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
