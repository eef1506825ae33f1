import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { AuditEntry } from '../audit/audit';
import { appendAuditRow } from '../audit/chain';
import type { Engine } from '../db/engine';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';

/**
 * Where a case import reads and writes (issue 19): the engine, one write transaction on it, the
 * audit row through the chain, and on SQLite the connection the engine runs on. The import's
 * bulk paths run engine-specific code behind one interface each (prepare.ts's owner lookup,
 * write-sqlite.ts and write-postgres.ts): on SQLite they keep the prepared statements of the
 * measured hot loop, run on `connection` inside the engine's transaction (a write on SQLite
 * holds the one connection from BEGIN to COMMIT, so they land in it).
 */
export interface ImportDesk {
  readonly engine: Engine;
  /** SQLite: the connection under `engine`; PostgreSQL: null. */
  readonly connection: Sqlite | null;
  write<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  record(tx: Kysely<DB>, entry: AuditEntry): Promise<string>;
}

/** An engine with no app around it: a worker thread's connection, the tests, the benchmark. */
export function engineImportDesk(engine: Engine, connection: Sqlite | null): ImportDesk {
  if ((engine.kind === 'sqlite') !== (connection !== null)) {
    throw new Error('internal: an import on SQLite needs the connection under its engine');
  }
  return {
    engine,
    connection,
    write: (work) => engine.transaction(work),
    record: (tx, entry) => appendAuditRow(engine, tx, entry),
  };
}

/**
 * The app's engine, its writes (app.write) and audit rows (app.record). The connection is taken
 * when used, not when the desk is made: the session hands it only to a caller that holds it
 * (inside this import's write, or prepare.ts's owner check holding it through the engine), as
 * another call's write may be open in between.
 */
export function appImportDesk(app: Visitdesk): ImportDesk {
  const engine = app.engine;
  return {
    engine,
    get connection() {
      return engine.kind === 'sqlite' ? app.db : null;
    },
    write: (work) => app.write(work),
    record: (tx, entry) => app.record(tx, entry),
  };
}
