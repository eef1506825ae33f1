import type { Sqlite } from './sqlite';

/** Full-text search keeps its index in shadow tables: counted in their own table, not here. */
const searchShadow = /_(data|idx|content|docsize|config)$/;

/**
 * Rows per table of the database, by name: what it holds, without any of its contents.
 * SQL, not Kysely: the table names come from `sqlite_master`, SQLite's own catalogue, and each
 * is counted under a name only known at run time.
 */
export function tableCounts(db: Sqlite): { tables: Record<string, number> } {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .all() as { name: string }[];
  const tables: Record<string, number> = {};
  for (const { name } of names) {
    if (searchShadow.test(name)) continue;
    // A name read from sqlite_master, quoted as an identifier: never a value from outside.
    const row = db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as {
      n: number;
    };
    tables[name] = row.n;
  }
  return { tables };
}
