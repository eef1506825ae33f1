import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import type { Sqlite } from './sqlite';

/**
 * Kysely's own SQLite dialect over the app's open connection, with three changes:
 *
 * - statements are prepared once per connection and SQL text (Kysely's driver prepares every
 *   query anew, which costs more than running most of ours);
 * - a transaction starts with BEGIN IMMEDIATE: in WAL a writer must take the write lock up
 *   front, as the app's other writers do, or a read that later writes fails with BUSY instead
 *   of waiting for busy_timeout;
 * - Kysely never closes the connection: the app opened it (key, PRAGMAs) and closes it.
 *
 * Transactions are serialised by the driver's connection mutex: a transaction holds the one
 * connection from BEGIN to COMMIT, awaits included, and every other query waits for it.
 */
export function visitdeskSqliteDialect(connection: Sqlite): SqliteDialect {
  return new ImmediateSqliteDialect(connection, { database: cachedDatabase(connection) });
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #connection: Sqlite;
  readonly #config: SqliteDialectConfig;

  constructor(connection: Sqlite, config: SqliteDialectConfig) {
    super(config);
    this.#connection = connection;
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#connection, this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #connection: Sqlite;

  constructor(connection: Sqlite, config: SqliteDialectConfig) {
    super(config);
    this.#connection = connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }

  // SQLite ends a transaction itself on some errors (a full disk, an interrupt); a ROLLBACK
  // then fails with "no transaction is active" and would hide the error that caused it.
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#connection.inTransaction) await super.rollbackTransaction(connection);
  }
}

const caches = new WeakMap<Sqlite, Map<string, SqliteStatement>>();

/** The connection as Kysely's driver sees it: cached statements, and a close that does nothing. */
function cachedDatabase(connection: Sqlite): SqliteDatabase {
  let cache = caches.get(connection);
  if (!cache) {
    cache = new Map();
    caches.set(connection, cache);
  }
  const statements = cache;
  return {
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql) as unknown as SqliteStatement;
        // Ids are bound, so the texts are few; a bound keeps a runaway caller from growing it.
        if (statements.size >= 500) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
    close(): void {},
  };
}
