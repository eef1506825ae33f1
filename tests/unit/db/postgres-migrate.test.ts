import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, migrations } from '../../../electron/core/db/migrations';
import { postgresBaselineVersion } from '../../../electron/core/db/postgres/baseline';
import { migratePostgres, postgresSchemaVersion } from '../../../electron/core/db/postgres/migrate';
import { asSuperuser, freshDatabase, type TestDatabase } from '../support/postgres';

/** A Kysely on its own pool whose connections work for branch 1 (or none: `branch` null). */
function connect(url: string, branch: string | null = '1'): Kysely<unknown> {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  if (branch !== null) {
    pool.on('connect', (client) => {
      void client.query("SELECT set_config('visitdesk.branch_id', $1, false)", [branch]);
    });
  }
  return new Kysely({ dialect: new PostgresDialect({ pool }) });
}

const opened: { db: Kysely<unknown>; database: TestDatabase }[] = [];

async function fresh(branch: string | null = '1') {
  const database = await freshDatabase();
  const db = connect(database.url, branch);
  opened.push({ db, database });
  return db;
}

afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.drop();
  }
});

/** Every table, column and trigger of schema public, to compare a database before and after. */
async function snapshot(db: Kysely<unknown>): Promise<string[]> {
  const columns = await sql<{ item: string }>`
    SELECT table_name || '.' || column_name || ' ' || data_type AS item
    FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL
    SELECT 'trigger ' || tgname FROM pg_catalog.pg_trigger WHERE NOT tgisinternal
    ORDER BY 1`.execute(db);
  return columns.rows.map((r) => r.item);
}

describe('PostgreSQL migration', () => {
  it('brings an empty database to the latest version in one go, and a second run changes nothing', async () => {
    const db = await fresh();
    expect(await postgresSchemaVersion(db)).toBe(0);
    expect(await migratePostgres(db)).toBe(latestVersion);
    expect(postgresBaselineVersion).toBe(19);
    expect(await postgresSchemaVersion(db)).toBe(latestVersion);

    const marker = await sql<{ app: string; version: number; created_at: Date }>`
      SELECT app, version, created_at FROM visitdesk_schema`.execute(db);
    expect(marker.rows).toHaveLength(1);
    expect(marker.rows[0]).toMatchObject({ app: 'visitdesk', version: latestVersion });
    // The search helper's table came in the same transaction.
    const search = await sql<{ present: boolean }>`
      SELECT to_regclass('public.borrower_search_tokens') IS NOT NULL AS present`.execute(db);
    expect(search.rows[0]!.present).toBe(true);
    // Migration 008's row: every audit row of a new database is sealed, from the first.
    const meta = await sql<{ branch_id: number; value: string }>`
      SELECT branch_id, value FROM meta WHERE key = 'audit_sealed_from_id'`.execute(db);
    expect(meta.rows).toEqual([{ branch_id: 1, value: '1' }]);

    const before = await snapshot(db);
    expect(await migratePostgres(db)).toBe(latestVersion);
    expect(await snapshot(db)).toEqual(before);
    const again = await sql<{ created_at: Date }>`SELECT created_at FROM visitdesk_schema`.execute(
      db,
    );
    expect(again.rows).toEqual([{ created_at: marker.rows[0]!.created_at }]);
  });

  it('lets two desks starting together build the schema once, whatever the isolation', async () => {
    const db = await fresh();
    const { name, url } = opened[0]!.database;
    // The waiting desk must still see the schema the first one committed.
    await asSuperuser((c) =>
      c.query(`ALTER DATABASE ${name} SET default_transaction_isolation TO 'serializable'`),
    );
    const other = connect(url);
    try {
      const versions = await Promise.all([migratePostgres(db), migratePostgres(other)]);
      expect(versions).toEqual([latestVersion, latestVersion]);
      const isolation = await sql<{ level: string }>`
        SELECT current_setting('transaction_isolation') AS level`.execute(db);
      expect(isolation.rows[0]!.level).toBe('serializable');
      const marker = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM visitdesk_schema`.execute(db);
      expect(marker.rows[0]!.n).toBe(1);
    } finally {
      await other.destroy();
    }
  });

  it('refuses a database of a newer Visitdesk, changing nothing', async () => {
    const db = await fresh();
    await migratePostgres(db);
    await sql`UPDATE visitdesk_schema SET version = ${latestVersion + 1}`.execute(db);
    const before = await snapshot(db);
    await expect(migratePostgres(db)).rejects.toMatchObject({
      code: 'DB_NEWER_THAN_APP',
      details: { schema: latestVersion + 1, supported: latestVersion },
    });
    expect(await snapshot(db)).toEqual(before);
    expect(await postgresSchemaVersion(db)).toBe(latestVersion + 1);
  });

  it('refuses another application’s database, creating nothing in it', async () => {
    const db = await fresh();
    await sql`CREATE TABLE invoices (id integer PRIMARY KEY, total numeric NOT NULL)`.execute(db);
    await sql`INSERT INTO invoices VALUES (1, 99.5)`.execute(db);
    const before = await snapshot(db);
    await expect(migratePostgres(db)).rejects.toMatchObject({
      code: 'DB_NOT_VISITDESK',
      details: { tables: ['invoices'] },
    });
    expect(await snapshot(db)).toEqual(before);
    const rows = await sql<{ id: number; total: string }>`SELECT * FROM invoices`.execute(db);
    expect(rows.rows).toEqual([{ id: 1, total: '99.5' }]);
    expect(await postgresSchemaVersion(db)).toBe(0);
  });

  it('counts a view as another application’s too', async () => {
    const db = await fresh();
    await sql`CREATE VIEW answer AS SELECT 42 AS n`.execute(db);
    await expect(migratePostgres(db)).rejects.toMatchObject({ code: 'DB_NOT_VISITDESK' });
    expect(await snapshot(db)).toEqual(['answer.n integer']);
  });

  it('writes nothing on a connection that names no branch', async () => {
    const db = await fresh(null);
    await expect(migratePostgres(db)).rejects.toThrow(/visitdesk\.branch_id is not set/);
    expect(await snapshot(db)).toEqual([]);
  });

  it('has PostgreSQL SQL for every migration after the baseline', () => {
    const later = migrations.filter((m) => m.version > postgresBaselineVersion);
    for (const m of later) expect(m.postgres?.trim(), `migration ${m.version}`).toBeTruthy();
    expect(latestVersion).toBeGreaterThanOrEqual(postgresBaselineVersion);
  });
});
