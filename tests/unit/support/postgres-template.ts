import crypto from 'node:crypto';
import pg from 'pg';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import {
  appDatabase,
  asSuperuser,
  newAppLogin,
  testClusterUrl,
  withDatabase,
  type AppDatabase,
} from './postgres';

/**
 * Databases at the latest schema, made by copying one that was migrated once per test process.
 *
 * Migrating an empty database as the app's login took about 240 ms here, on top of the 140 ms
 * that CREATE DATABASE takes; 364 of the unit suite's tests each made one, on both of CI's
 * passes. A copy of a migrated template (CREATE DATABASE … TEMPLATE, STRATEGY FILE_COPY: the
 * small files copied whole) takes about 85 ms.
 *
 * Each copy is still what `init` leaves for a login of its own: a new login (no superuser, no
 * BYPASSRLS) owns the new database, and REASSIGN OWNED hands it every object of the copy, which
 * the template's own login made by migrating. The template database itself belongs to the
 * cluster's superuser, so REASSIGN OWNED (which also moves the old login's databases) leaves it
 * where it is. tests/unit/db/postgres-template.test.ts checks a copy against a database
 * migrated the plain way, object by object, owners and policies included.
 */

interface Template {
  database: string;
  owner: string;
}

let template: Promise<Template> | null = null;

async function makeTemplate(): Promise<Template> {
  const suffix = crypto.randomBytes(6).toString('hex');
  const database = `vd_template_${suffix}`;
  const login = await newAppLogin(`template_${suffix}`);
  const owner = login.user;
  await asSuperuser((c) => c.query(`CREATE DATABASE ${database} OWNER ${owner}`));
  const engine = await postgresEngine({
    url: withDatabase(testClusterUrl(), database, login),
  });
  try {
    await migratePostgres(engine.db);
  } finally {
    await engine.close();
  }
  // The superuser's from now on: REASSIGN OWNED in a copy must not move the template too. No
  // connections: CREATE DATABASE refuses a template anyone is connected to.
  await asSuperuser(async (c) => {
    const { rows } = await c.query<{ me: string }>('SELECT current_user AS me');
    await c.query(`ALTER DATABASE ${database} OWNER TO ${c.escapeIdentifier(rows[0]!.me)}`);
    await c.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
  });
  return { database, owner };
}

/**
 * A new database at the latest schema, owned with everything in it by a login of its own, as
 * `init` leaves one; the same as `freshAppDatabase` followed by the app's migrations.
 */
export async function migratedAppDatabase(): Promise<AppDatabase> {
  template ??= makeTemplate().catch((error: unknown) => {
    template = null;
    throw error;
  });
  const { database: source, owner } = await template;
  const suffix = crypto.randomBytes(6).toString('hex');
  const name = `vd_${suffix}`;
  const login = await newAppLogin(suffix);
  const database = appDatabase(name, login);
  try {
    await asSuperuser((c) =>
      c.query(`CREATE DATABASE ${name} TEMPLATE ${source} OWNER ${login.user} STRATEGY FILE_COPY`),
    );
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`REASSIGN OWNED BY ${owner} TO ${login.user}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}
