import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import { postgresBin } from '../../tools/postgres-cluster.mjs';
import { freshAppDatabase, type AppDatabase } from '../support/postgres';
import { migratedAppDatabase } from '../support/postgres-template';

/**
 * The suites' databases at the latest schema are copies of one migrated template
 * (support/postgres-template.ts). A copy must be what the app's own migrations leave in an
 * empty database for a login of its own, or every suite that uses one tests something else:
 * compared here with one migrated the plain way, by pg_dump's whole schema (owners, grants,
 * row-level security and its policies, triggers, functions, indexes) and by the catalog's
 * owners.
 */

const databases: AppDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

const run = promisify(execFile);

/** The schema as pg_dump writes it, each database's own login named LOGIN. */
async function schemaOf(database: AppDatabase): Promise<string> {
  const login = decodeURIComponent(new URL(database.appUrl).username);
  const bin = postgresBin();
  if (!bin) throw new Error('no PostgreSQL programs found (VISITDESK_PG_BIN)');
  const { stdout } = await run(
    path.join(bin, 'pg_dump'),
    ['--schema-only', '--dbname', database.url],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout
    .split(login)
    .join('LOGIN')
    .split('\n')
    .filter(
      (line) =>
        !line.startsWith('-- Dumped') &&
        !line.startsWith('\\restrict') &&
        !line.startsWith('\\unrestrict'),
    )
    .join('\n');
}

/** Who owns each object in the schema: [kind, name, owner is the database's own login]. */
async function ownersIn(database: AppDatabase): Promise<[string, string, boolean][]> {
  const login = decodeURIComponent(new URL(database.appUrl).username);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ kind: string; name: string; owner: string }>(`
      SELECT c.relkind::text AS kind, c.relname AS name, pg_get_userbyid(c.relowner) AS owner
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public'
      UNION ALL
      SELECT 'function', p.proname, pg_get_userbyid(p.proowner)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public'
      UNION ALL
      SELECT 'type', t.typname, pg_get_userbyid(t.typowner)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public'
       ORDER BY 1, 2`);
    return rows.map((row) => [row.kind, row.name, row.owner === login]);
  } finally {
    await client.end();
  }
}

describe('a copy of the migrated template', () => {
  it('is the schema the migrations make, every object owned by its own login', async () => {
    const plain = await freshAppDatabase();
    databases.push(plain);
    const engine = await postgresEngine({ url: plain.appUrl });
    try {
      await migratePostgres(engine.db);
    } finally {
      await engine.close();
    }
    const copies = [await migratedAppDatabase(), await migratedAppDatabase()];
    databases.push(...copies);

    const expected = await schemaOf(plain);
    expect(expected).toContain('CREATE POLICY');
    expect(expected).toContain('ENABLE ROW LEVEL SECURITY');
    for (const copy of copies) expect(await schemaOf(copy)).toBe(expected);

    const owners = await ownersIn(plain);
    expect(owners.length).toBeGreaterThan(50);
    expect(owners.filter(([, , own]) => !own)).toEqual([]);
    for (const copy of copies) expect(await ownersIn(copy)).toEqual(owners);
    // Two copies, two logins: nothing of one is the other's.
    const [first, second] = copies.map((c) => new URL(c.appUrl).username);
    expect(first).not.toBe(second);
  });

  it('is the login’s to use as init leaves it: it may connect, write and migrate', async () => {
    const copy = await migratedAppDatabase();
    databases.push(copy);
    const engine = await postgresEngine({ url: copy.appUrl });
    try {
      // Already at the latest version: nothing to do, and allowed to check.
      await migratePostgres(engine.db);
      await engine.db.insertInto('meta').values({ key: 'template-test', value: 'x' }).execute();
      const row = await engine.db
        .selectFrom('meta')
        .select('value')
        .where('key', '=', 'template-test')
        .executeTakeFirst();
      expect(row?.value).toBe('x');
    } finally {
      await engine.close();
    }
  });
});
