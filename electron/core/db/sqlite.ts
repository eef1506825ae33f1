import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** An open connection (better-sqlite3 API with SQLite3 Multiple Ciphers inside). */
export type Sqlite = BetterSqlite3.Database;
/**
 * The constructor. Tests and the CLI use the Node-ABI build; the Electron app passes the
 * Node-API build shipped inside version 13 (see README, "Native addon").
 */
export type SqliteDriver = typeof BetterSqlite3;

export interface SqliteErrorLike {
  code: string;
  message: string;
}

export function sqliteCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as SqliteErrorLike).code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}
