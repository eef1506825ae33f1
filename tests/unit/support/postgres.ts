import crypto from 'node:crypto';
import pg from 'pg';

/** The test cluster's superuser address (tests/unit/support/postgres-global.ts). */
export function testClusterUrl(): string {
  const url = process.env.VISITDESK_TEST_PG_URL;
  if (!url) throw new Error('no test PostgreSQL: VISITDESK_TEST_PG_URL is not set');
  return url;
}

/** The same address with another database (or user and password) in it. */
export function withDatabase(
  url: string,
  database: string,
  login?: { user: string; password: string },
): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (login) {
    parsed.username = encodeURIComponent(login.user);
    parsed.password = encodeURIComponent(login.password);
  }
  return parsed.toString();
}

export interface TestDatabase {
  name: string;
  /** The superuser's address of this database. */
  url: string;
  drop(): Promise<void>;
}

/** Runs statements as the cluster's superuser on its maintenance database. */
export async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testClusterUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the test cluster, dropped (with its connections) by `drop`. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `vd_${crypto.randomBytes(6).toString('hex')}`;
  await asSuperuser((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(testClusterUrl(), name),
    drop: () =>
      asSuperuser((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export interface AppDatabase extends TestDatabase {
  /** The address as the database's owner, a login of its own as a desk connects with. */
  appUrl: string;
}

/** A new login as a bank's DBA makes one for the app: no superuser, no BYPASSRLS, no CREATEDB. */
export async function newAppLogin(suffix: string): Promise<{ user: string; password: string }> {
  const user = `vd_app_${suffix}`;
  const password = `pw-${crypto.randomBytes(12).toString('hex')}`;
  await asSuperuser((c) =>
    c.query(
      `CREATE ROLE ${user} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
    ),
  );
  return { user, password };
}

/**
 * A new empty database owned by a new login of its own, as a bank's DBA hands one over for
 * `init`: LOGIN with a password (the cluster takes SCRAM over TLS only), NOSUPERUSER and
 * NOBYPASSRLS, so row-level security binds it. `drop` drops the database, then the login.
 */
export async function freshAppDatabase(): Promise<AppDatabase> {
  const suffix = crypto.randomBytes(6).toString('hex');
  const name = `vd_${suffix}`;
  const login = await newAppLogin(suffix);
  await asSuperuser((c) => c.query(`CREATE DATABASE ${name} OWNER ${login.user}`));
  return appDatabase(name, login);
}

/** `name`, owned by `login`: its addresses, and `drop` for the database, then the login. */
export function appDatabase(name: string, login: { user: string; password: string }): AppDatabase {
  return {
    name,
    url: withDatabase(testClusterUrl(), name),
    appUrl: withDatabase(testClusterUrl(), name, login),
    drop: () =>
      asSuperuser(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${login.user}`);
      }),
  };
}
