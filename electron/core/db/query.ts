import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { DB } from './schema';
import type { Sqlite } from './sqlite';

/**
 * Kysely as a typed query builder only: queries are compiled here and run synchronously on
 * the better-sqlite3 connection, so a service can wrap several of them in one
 * `db.transaction` and values are always bound.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** A prepared statement with loosely typed parameters (values come from compiled queries). */
export interface Statement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

function prepared(db: Sqlite, sql: string): Statement {
  let map = cache.get(db);
  if (!map) {
    map = new Map();
    cache.set(db, map);
  }
  let statement = map.get(sql);
  if (!statement) {
    statement = db.prepare(sql) as unknown as Statement;
    if (map.size > 500) map.clear();
    map.set(sql, statement);
  }
  return statement;
}

type Row<Q> = Q extends Compilable<infer R> ? R : never;

export function all<Q extends Compilable<unknown>>(db: Sqlite, query: Q): Row<Q>[] {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).all(...(parameters as unknown[])) as Row<Q>[];
}

export function first<Q extends Compilable<unknown>>(db: Sqlite, query: Q): Row<Q> | undefined {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).get(...(parameters as unknown[])) as Row<Q> | undefined;
}

/** The rows one at a time, for a scan too large to hold (the audit chain's verification). */
export function iterate<Q extends Compilable<unknown>>(
  db: Sqlite,
  query: Q,
): IterableIterator<Row<Q>> {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).iterate(...(parameters as unknown[])) as IterableIterator<Row<Q>>;
}

export function run(
  db: Sqlite,
  query: Compilable<unknown>,
): { changes: number; lastInsertRowid: number } {
  const { sql, parameters } = query.compile();
  const info = prepared(db, sql).run(...(parameters as unknown[]));
  return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
}

/**
 * Rows as arrays of column values, in the SELECT's order, for a large result the caller maps
 * itself: better-sqlite3 builds one object per row through its native API, which for thousands
 * of rows costs more than the query (the calendar's 7,500-visit month: 38 → 26 ms bare).
 * Cached apart from `statement()`, so the same SQL can still be read as objects elsewhere.
 */
export function rawRows(db: Sqlite, sql: string, params: readonly unknown[]): unknown[][] {
  const key = `raw\u0000${sql}`;
  let map = cache.get(db);
  if (!map) {
    map = new Map();
    cache.set(db, map);
  }
  let raw = map.get(key);
  if (!raw) {
    const prepared = db.prepare(sql) as unknown as Statement & { raw(on: boolean): Statement };
    raw = prepared.raw(true);
    if (map.size > 500) map.clear();
    map.set(key, raw);
  }
  return raw.all(...params) as unknown[][];
}

/** A bare prepared statement for hot loops (imports, seeding), cached per connection. */
export function statement(db: Sqlite, sql: string): Statement {
  return prepared(db, sql);
}
