import type { Sqlite } from '../../electron/core/db/sqlite';

/**
 * Writes the same rows into the encrypted and the plain database with bare prepared
 * statements, one transaction per chunk per database, so both hold identical rows with
 * identical ids. Rows are objects keyed by column, so a column and its value cannot drift
 * apart; every row of one call must have the same keys in the same order.
 */

const CHUNK = 50_000;

export type SeedRow = Record<string, string | number | null>;

export class TwinWriter {
  constructor(readonly dbs: readonly Sqlite[]) {}

  insert(table: string, rows: readonly SeedRow[]): void {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    for (const db of this.dbs) {
      const statement = db.prepare(sql);
      db.transaction(() => {
        for (const row of rows) statement.run(...Object.values(row));
      })();
    }
  }

  /** Generates and writes `count` rows chunk by chunk, so a million rows never sit in memory. */
  stream(table: string, count: number, row: (i: number) => SeedRow): number {
    for (let start = 0; start < count; start += CHUNK) {
      const rows: SeedRow[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i++) rows.push(row(i));
      this.insert(table, rows);
    }
    return count;
  }

  /** Runs `work` on each database in its own transaction. */
  each(work: (db: Sqlite) => void): void {
    for (const db of this.dbs) db.transaction(() => work(db))();
  }
}

export function tableNames(db: Sqlite): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  return new Set(rows.map((r) => r.name));
}
