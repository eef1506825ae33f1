import { Kysely } from 'kysely';
import type { DB } from './schema';
import type { Sqlite } from './sqlite';
import { visitdeskSqliteDialect } from './sqlite-dialect';

/**
 * One database engine behind the core: the embedded encrypted SQLite (the default) or a
 * PostgreSQL server (./postgres/connect.ts). Repositories query `db`; a service runs all the
 * queries of one user action in one `transaction`, and only on the `tx` it is given (on
 * SQLite, a query on `db` inside the transaction waits for the transaction, so forever).
 */
export interface Engine {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<DB>;
  /**
   * Runs `work` in one write transaction: committed when it resolves, rolled back when it
   * throws. A branch's write transactions run one at a time on both engines (SQLite: BEGIN
   * IMMEDIATE on its one connection; PostgreSQL: the branch's write lock, then SERIALIZABLE),
   * so a rule checked inside one holds when it commits. On PostgreSQL the work may run more
   * than once (a conflict with a writer outside the engine is retried), so it must do nothing
   * outside the database that cannot be repeated.
   */
  transaction<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Ends the engine's own resources; the SQLite connection stays open (the app owns it). */
  close(): Promise<void>;
}

/**
 * The SQLite engine over a connection the app has opened (openEncrypted). Transactions begin
 * IMMEDIATE and run one at a time (./sqlite-dialect.ts).
 */
export function sqliteEngine(connection: Sqlite): Engine {
  const db = new Kysely<DB>({ dialect: visitdeskSqliteDialect(connection) });
  return {
    kind: 'sqlite',
    db,
    transaction: (work) => db.transaction().execute(work),
    close: () => db.destroy(),
  };
}

/**
 * Runs `read` holding the engine's connection, as a Kysely query does: after any write open on
 * it has ended, and with no write beginning until `read` settles. `read` gets a Kysely bound to
 * that connection for any query of its own.
 *
 * For the SQLite fast paths that read the app's connection directly (the case list, the
 * calendar, the month's figures). The engine has one connection; a SQLite write never yields
 * the event loop, but its awaits resolve as microtasks, as do those of the calls in flight
 * beside it, so a direct read could otherwise run inside another call's open write (the
 * session refuses that: app/session.ts `db`). Never call it inside a transaction: it would wait
 * for itself.
 */
export function holdingConnection<T>(
  engine: Engine,
  read: (db: Kysely<DB>) => T | Promise<T>,
): Promise<T> {
  return engine.db.connection().execute(async (db) => read(db));
}
