import { sql } from 'kysely';
import type { Engine } from './engine';
import { postgresOnlyTables } from './postgres/baseline';
import { searchTables } from './postgres/search-ddl';

/** Full-text search keeps its index in shadow tables: counted in their own table, not here. */
const searchShadow = /_(data|idx|content|docsize|config)$/;

/**
 * Rows per table of the branch's database, by name: what it holds, without any of its
 * contents. The same tables on both engines: SQLite's (less its FTS5 index and the index's
 * shadow tables), and on PostgreSQL the branch tables with the same names (less the tables
 * only PostgreSQL has and its search tokens), counted as the login sees them, its branch.
 * The names come from the engine's own catalogue, and each is counted as an identifier, never
 * as a value from outside.
 */
export async function tableCounts(engine: Engine): Promise<{ tables: Record<string, number> }> {
  const names =
    engine.kind === 'sqlite' ? await sqliteTables(engine) : await postgresTables(engine);
  const tables: Record<string, number> = {};
  for (const name of names) {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM ${sql.table(name)}`.execute(engine.db);
    tables[name] = Number(rows[0]!.n);
  }
  return { tables };
}

async function sqliteTables(engine: Engine): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
      AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`.execute(engine.db);
  return rows.map((r) => r.name).filter((name) => !searchShadow.test(name));
}

async function postgresTables(engine: Engine): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = c.oid AND a.attname = 'branch_id' AND NOT a.attisdropped)
    ORDER BY c.relname COLLATE "C"`.execute(engine.db);
  const notHere = new Set([...postgresOnlyTables, ...searchTables]);
  return rows.map((r) => r.name).filter((name) => !notHere.has(name));
}
