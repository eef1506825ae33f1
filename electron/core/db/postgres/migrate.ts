import { sql, type Kysely, type Transaction } from 'kysely';
import { AppFailure } from '../../../shared/result';
import { latestVersion, migrations } from '../migrations';
import { postgresBaseline, postgresBaselineVersion } from './baseline';
import { searchDdl } from './search-ddl';

/* eslint-disable @typescript-eslint/no-explicit-any -- the schema is what this module makes;
   it runs before any table the app's row types describe exists, so it queries none of them. */
type AnyDb = Kysely<any>;
type AnyTx = Transaction<any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Brings a PostgreSQL database to the schema of `target` (default: the latest), and refuses a
 * database it must not touch, writing nothing to it:
 * - empty (no table in schema public): the baseline, the search table and the marker at
 *   version 19, then every later migration, all in one transaction. The PostgreSQL schema
 *   starts at 19: no Visitdesk database on PostgreSQL existed before, so the SQLite history up
 *   to 19 is the baseline in one piece (baseline.ts);
 * - Visitdesk's (the marker `visitdesk_schema`) at an older version: each later migration's
 *   `postgres` SQL in its own transaction, which also moves the marker;
 * - Visitdesk's at a newer version: DB_NEWER_THAN_APP;
 * - tables but no marker (another application's database): DB_NOT_VISITDESK.
 *
 * One migrator at a time per database: an advisory lock held across all its transactions, on
 * one connection, so desks starting together wait and then find the work done. (Taken inside
 * each transaction instead, the lock would come after the transaction's snapshot under
 * REPEATABLE READ or SERIALIZABLE, and the desk that waited would not see the other's schema.)
 * The connection must have `visitdesk.branch_id` set (the connection layer does): new rows
 * take their branch from it.
 */
export async function migratePostgres(
  db: AnyDb,
  options: { target?: number } = {},
): Promise<number> {
  const target = options.target ?? latestVersion;
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${migrationLock})`.execute(connection);
    try {
      return await migrateLocked(connection, target);
    } finally {
      // A connection that failed has ended its session, and the lock with it: the error that
      // ended it is the one to report.
      await sql`SELECT pg_advisory_unlock(${migrationLock})`
        .execute(connection)
        .catch(() => undefined);
    }
  });
}

/** The one key every Visitdesk migrator takes ('vdsk'). */
const migrationLock = 0x7664736b;

async function migrateLocked(db: AnyDb, target: number): Promise<number> {
  let version = await db.transaction().execute(async (tx) => {
    const found = await inspect(tx);
    if (found.kind === 'visitdesk') return found.version;
    if (target < postgresBaselineVersion) {
      throw new Error(
        `internal: the PostgreSQL schema starts at version ${postgresBaselineVersion}, not ${target}`,
      );
    }
    await requireBranch(tx);
    await sql.raw(postgresBaseline).execute(tx);
    await sql.raw(searchDdl).execute(tx);
    await sql`INSERT INTO visitdesk_schema (app, version)
      VALUES ('visitdesk', ${postgresBaselineVersion})`.execute(tx);
    for (const migration of laterThan(postgresBaselineVersion, target)) {
      await apply(tx, migration.version, postgresSqlOf(migration));
    }
    return Math.min(target, latestVersion);
  });
  for (const migration of laterThan(version, target)) {
    version = await db.transaction().execute(async (tx) => {
      await requireBranch(tx);
      await apply(tx, migration.version, postgresSqlOf(migration));
      return migration.version;
    });
  }
  return version;
}

/**
 * The schema version the marker records; 0 when the database has none (empty, or another
 * application's), as SQLite's user_version reads before the first migration.
 */
export async function postgresSchemaVersion(db: AnyDb): Promise<number> {
  const present = await sql<{ present: boolean }>`
    SELECT to_regclass('public.visitdesk_schema') IS NOT NULL AS present`.execute(db);
  if (!present.rows[0]?.present) return 0;
  const marker = await sql<{ version: number }>`
    SELECT version FROM visitdesk_schema WHERE app = 'visitdesk'`.execute(db);
  return marker.rows[0]?.version ?? 0;
}

type Found = { kind: 'empty' } | { kind: 'visitdesk'; version: number };

/** What the database holds; refuses another application's and a newer Visitdesk's. */
async function inspect(tx: AnyTx): Promise<Found> {
  const version = await postgresSchemaVersion(tx);
  if (version > latestVersion) {
    throw new AppFailure(
      'DB_NEWER_THAN_APP',
      `database schema ${version} is newer than this Visitdesk (${latestVersion})`,
      { details: { schema: version, supported: latestVersion } },
    );
  }
  if (version > 0) return { kind: 'visitdesk', version };
  // Views and foreign tables count: a database with anything of its own is not ours to fill.
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    ORDER BY c.relname LIMIT 5`.execute(tx);
  if (tables.rows.length > 0) {
    throw new AppFailure(
      'DB_NOT_VISITDESK',
      'the database holds tables that are not Visitdesk’s; give Visitdesk an empty database',
      { details: { tables: tables.rows.map((r) => r.name) } },
    );
  }
  return { kind: 'empty' };
}

async function apply(tx: AnyTx, version: number, statements: string): Promise<void> {
  await sql.raw(statements).execute(tx);
  await sql`UPDATE visitdesk_schema SET version = ${version} WHERE app = 'visitdesk'`.execute(tx);
}

/** Rows the schema writes take the connection's branch: without one they would fail midway. */
async function requireBranch(tx: AnyTx): Promise<void> {
  const setting = await sql<{ branch: string | null }>`
    SELECT current_setting('visitdesk.branch_id', true) AS branch`.execute(tx);
  const branch = setting.rows[0]?.branch ?? '';
  if (!/^[1-9][0-9]*$/.test(branch)) {
    throw new Error('internal: visitdesk.branch_id is not set on this PostgreSQL connection');
  }
}

function laterThan(version: number, target: number) {
  return migrations.filter((m) => m.version > version && m.version <= target);
}

function postgresSqlOf(migration: (typeof migrations)[number]): string {
  if (migration.postgres === undefined) {
    throw new Error(
      `internal: migration ${migration.version} (${migration.name}) has no PostgreSQL SQL`,
    );
  }
  return migration.postgres;
}
