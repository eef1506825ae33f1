import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresEngine, type PostgresEngine } from '../../../electron/core/db/postgres/connect';
import { AppFailure } from '../../../electron/shared/result';
import { tempDir } from '../support/core';
import {
  asSuperuser,
  freshDatabase,
  testClusterUrl,
  withDatabase,
  type TestDatabase,
} from '../support/postgres';

let database: TestDatabase;
const engines: PostgresEngine[] = [];
const superuserPassword = () => decodeURIComponent(new URL(testClusterUrl()).password);

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  await database.drop();
});

// The tests' login is the cluster's superuser: accepted here as a maintenance login would be.
async function open(options: Parameters<typeof postgresEngine>[0]): Promise<PostgresEngine> {
  const engine = await postgresEngine({ seesEveryBranch: true, ...options });
  engines.push(engine);
  return engine;
}

/** The failure an open gives, checked to name no password it was given. */
async function refusal(
  options: Parameters<typeof postgresEngine>[0],
  secrets: string[] = [superuserPassword()],
): Promise<AppFailure> {
  const error = await postgresEngine({ seesEveryBranch: true, ...options }).then(
    (engine) => {
      engines.push(engine);
      throw new Error('the engine opened');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppFailure);
  const failure = error as AppFailure;
  for (const secret of secrets) {
    expect(failure.message).not.toContain(secret);
    expect(JSON.stringify(failure.toError())).not.toContain(secret);
  }
  return failure;
}

function address(changes: { port?: number; host?: string; search?: string }): string {
  const url = new URL(database.url);
  if (changes.port !== undefined) url.port = String(changes.port);
  if (changes.host !== undefined) url.hostname = changes.host;
  if (changes.search !== undefined) url.search = changes.search;
  return url.toString();
}

/** A loopback port that counts the connections made to it and closes each at once. */
async function listener(): Promise<{ port: number; connections: () => number; close(): void }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, connections: () => count, close: () => server.close() };
}

async function freePort(): Promise<number> {
  const { port, close } = await listener();
  close();
  return port;
}

async function withRole<T>(work: (user: string, password: string) => Promise<T>): Promise<T> {
  const user = `vd_role_${crypto.randomBytes(4).toString('hex')}`;
  const password = `pw-${crypto.randomBytes(12).toString('hex')}`;
  await asSuperuser((c) => c.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`));
  try {
    return await work(user, password);
  } finally {
    await asSuperuser((c) => c.query(`DROP ROLE ${user}`));
  }
}

async function withEnv<T>(name: string, value: string, work: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

describe('connecting to PostgreSQL', () => {
  it('opens over verified TLS, in UTC, named visitdesk, with the branch set', async () => {
    const engine = await open({ url: database.url, branchId: 7 });
    expect(engine.kind).toBe('postgres');
    const { rows } = await sql<{
      ssl: boolean;
      zone: string;
      app: string;
      branch: string;
    }>`SELECT (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl,
        current_setting('TimeZone') AS zone, current_setting('application_name') AS app,
        current_setting('visitdesk.branch_id') AS branch`.execute(engine.db);
    expect(rows).toEqual([{ ssl: true, zone: 'UTC', app: 'visitdesk', branch: '7' }]);
    // Every connection of the pool, not only the first.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        engine.transaction(async (tx) => {
          const result = await sql<{
            branch: string;
          }>`SELECT current_setting('visitdesk.branch_id') AS branch, pg_sleep(0.05)`.execute(tx);
          return result.rows[0]?.branch;
        }),
      ),
    );
    expect(answers).toEqual(Array(6).fill('7'));
  });

  it('takes the branch as 1 when none is given', async () => {
    const engine = await open({ url: database.url });
    const { rows } = await sql<{
      branch: string;
    }>`SELECT current_setting('visitdesk.branch_id') AS branch`.execute(engine.db);
    expect(rows[0]?.branch).toBe('1');
  });

  it('refuses a login that sees every branch (superuser, BYPASSRLS) for a desk, takes the app’s own', async () => {
    const superuser = await postgresEngine({ url: database.url }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(superuser).toMatchObject({ code: 'PG_SEES_EVERY_BRANCH' });
    await withRole(async (user, password) => {
      const url = withDatabase(database.url, database.name, { user, password });
      await asSuperuser((c) => c.query(`ALTER ROLE ${user} BYPASSRLS`));
      await expect(postgresEngine({ url })).rejects.toMatchObject({
        code: 'PG_SEES_EVERY_BRANCH',
      });
      await asSuperuser((c) => c.query(`ALTER ROLE ${user} NOBYPASSRLS`));
      const desk = await postgresEngine({ url });
      engines.push(desk);
      expect(desk.kind).toBe('postgres');
    });
  });

  it('refuses a wrong password without saying it', async () => {
    await withRole(async (user, password) => {
      const wrong = `${password}-not`;
      const failure = await refusal(
        { url: withDatabase(database.url, database.name, { user, password: wrong }) },
        [wrong, password],
      );
      expect(failure.code).toBe('PG_AUTH_FAILED');
      expect(failure.message).toContain(user);
    });
  });

  it('takes the password from VISITDESK_DATABASE_PASSWORD when the address has none', async () => {
    await withRole(async (user, password) => {
      const bare = new URL(database.url);
      bare.username = user;
      bare.password = '';
      const engine = await withEnv('VISITDESK_DATABASE_PASSWORD', password, () =>
        open({ url: bare.toString() }),
      );
      const { rows } = await sql<{ who: string }>`SELECT current_user AS who`.execute(engine.db);
      expect(rows[0]?.who).toBe(user);
      await engine.close();
      const wrong = `${password}-old`;
      const failure = await withEnv('VISITDESK_DATABASE_PASSWORD', wrong, () =>
        refusal({ url: bare.toString() }, [wrong, password]),
      );
      expect(failure.code).toBe('PG_AUTH_FAILED');
    });
  });

  it('says the server is unreachable when nobody listens on its port', async () => {
    const failure = await refusal({ url: address({ port: await freePort() }) });
    expect(failure.code).toBe('PG_UNREACHABLE');
    expect(failure.message).toMatch(/ECONNREFUSED/);
  });

  it('gives up on a server that never answers after 5 seconds', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const failure = await refusal({
        url: address({ port: (silent.address() as net.AddressInfo).port }),
      });
      expect(failure.code).toBe('PG_UNREACHABLE');
      expect(failure.message).toMatch(/timeout/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('says the server is unreachable when its name is unknown', async () => {
    const failure = await refusal({ url: address({ host: 'visitdesk-db.invalid' }) });
    expect(failure.code).toBe('PG_UNREACHABLE');
  });

  it('says the database does not exist', async () => {
    const failure = await refusal({ url: withDatabase(database.url, 'vd_nowhere') });
    expect(failure.code).toBe('PG_NO_DATABASE');
    expect(failure.message).toContain('vd_nowhere');
  });

  it('refuses an address without sslmode=verify-full before connecting', async () => {
    const port = await listener();
    try {
      for (const search of ['', '?sslmode=disable', '?sslmode=prefer', '?sslmode=require']) {
        const failure = await refusal({ url: address({ port: port.port, search }) });
        expect(failure.code).toBe('PG_TLS_REQUIRED');
      }
      const verifyCa = address({
        port: port.port,
        search: new URL(database.url).search.replace('verify-full', 'verify-ca'),
      });
      expect((await refusal({ url: verifyCa })).code).toBe('PG_TLS_REQUIRED');
      expect(port.connections()).toBe(0);
      // The test flag allows a plain connection on loopback: this one is tried.
      const plain = await refusal({
        url: address({ port: port.port, search: '' }),
        allowPlainLoopback: true,
      });
      expect(plain.code).toBe('PG_UNREACHABLE');
      expect(port.connections()).toBe(1);
    } finally {
      port.close();
    }
  });

  it('refuses a plain connection to another host even with the test flag', async () => {
    for (const host of ['10.0.0.1', 'db.branch.example', '[::2]']) {
      const failure = await refusal({
        url: address({ host, search: '?sslmode=disable' }),
        allowPlainLoopback: true,
      });
      expect(failure.code).toBe('PG_TLS_REQUIRED');
    }
  });

  it('reports a server that refuses plain connections (the flag on loopback)', async () => {
    const failure = await refusal({ url: address({ search: '' }), allowPlainLoopback: true });
    expect(failure.code).toBe('PG_TLS_FAILED');
  });

  it('refuses a server whose certificate the given CA did not sign', async () => {
    const dir = tempDir();
    const ca = path.join(dir, 'other-ca.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=Other CA',
        '-keyout',
        path.join(dir, 'other-ca.key'),
        '-out',
        ca,
      ],
      { stdio: 'pipe' },
    );
    const other = await refusal({
      url: address({ search: `?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}` }),
    });
    expect(other.code).toBe('PG_TLS_FAILED');
    // The system's authorities do not know the test cluster's own CA either.
    const system = await refusal({
      url: address({ search: '?sslmode=verify-full&sslrootcert=system' }),
    });
    expect(system.code).toBe('PG_TLS_FAILED');
    const missing = await refusal({
      url: address({
        search: `?sslmode=verify-full&sslrootcert=${encodeURIComponent(path.join(dir, 'none.crt'))}`,
      }),
    });
    expect(missing.code).toBe('PG_TLS_FAILED');
    expect(missing.message).toMatch(/ENOENT/);
  });

  it('refuses a read-only database', async () => {
    const readOnly = await freshDatabase();
    try {
      await asSuperuser((c) =>
        c.query(`ALTER DATABASE ${readOnly.name} SET default_transaction_read_only = on`),
      );
      const failure = await refusal({ url: readOnly.url });
      expect(failure.code).toBe('PG_READ_ONLY');
    } finally {
      await readOnly.drop();
    }
  });

  it('refuses an address that is not one, or has parameters it does not read, without echoing it', async () => {
    const secret = 'very-secret-pass';
    const broken = await refusal({ url: `postgres://u:${secret}@[broken/db` }, [secret]);
    expect(broken.code).toBe('VALIDATION');
    const extra = await refusal(
      { url: `${address({})}&host=elsewhere.example`.replace(superuserPassword(), secret) },
      [secret],
    );
    expect(extra.code).toBe('VALIDATION');
    expect(extra.message).toContain('host');
  });
});

describe('PostgreSQL transactions', () => {
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
    await client.query('INSERT INTO counter VALUES (1, 0)');
    await client.query('CREATE TABLE pair (id int PRIMARY KEY, n int NOT NULL)');
    await client.query('INSERT INTO pair VALUES (1, 0), (2, 0)');
    await client.end();
  });

  it('runs a branch’s writes one at a time: desks writing at once queue, none is retried', async () => {
    const engine = await open({ url: database.url });
    const increment = () =>
      engine.transaction(async (tx) => {
        const { rows } = await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(tx);
        // A real wait between the read and the write: another desk would get in here.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await sql`UPDATE counter SET n = ${rows[0]!.n + 1} WHERE id = 1`.execute(tx);
        return rows[0]!.n + 1;
      });
    const results = await Promise.all(Array.from({ length: 8 }, increment));
    expect(results.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(engine.retries).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(
      engine.db,
    );
    expect(rows[0]?.n).toBe(8);
  });

  it('lets another branch write while one branch’s write is under way', async () => {
    const first = await open({ url: database.url, branchId: 1 });
    const second = await open({ url: database.url, branchId: 2 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const long = first.transaction(async (tx) => {
      await sql`UPDATE pair SET n = n + 1 WHERE id = 1`.execute(tx);
      entered();
      await held;
    });
    await inside;
    // Branch 2 is not held up by branch 1's open write.
    await second.transaction((tx) => sql`UPDATE pair SET n = n + 1 WHERE id = 2`.execute(tx));
    release();
    await long;
    const { rows } = await sql<{ n: number }>`SELECT n FROM pair ORDER BY id`.execute(first.db);
    expect(rows).toEqual([{ n: 1 }, { n: 1 }]);
  });

  it('retries a write that a writer outside the engine made unserialisable', async () => {
    const engine = await open({ url: database.url });
    const outsider = new pg.Client({ connectionString: database.url });
    await outsider.connect();
    let attempts = 0;
    const result = await engine.transaction(async (tx) => {
      attempts++;
      const { rows } = await sql<{ n: number }>`SELECT n FROM pair WHERE id = 1`.execute(tx);
      // Between this read and the write, on the first attempt only, someone else commits.
      if (attempts === 1) await outsider.query('UPDATE pair SET n = n + 10 WHERE id = 1');
      await sql`UPDATE pair SET n = ${rows[0]!.n + 1} WHERE id = 1`.execute(tx);
      return rows[0]!.n + 1;
    });
    await outsider.end();
    expect(attempts).toBe(2);
    expect(engine.retries).toBe(1);
    // The retry read the outsider's write: both count.
    const { rows } = await sql<{ n: number }>`SELECT n FROM pair WHERE id = 1`.execute(engine.db);
    expect(rows[0]?.n).toBe(result);
    expect(result).toBe(12);
  });

  it('lets other errors through at once, with nothing kept', async () => {
    const engine = await open({ url: database.url });
    let attempts = 0;
    const error = await engine
      .transaction(async (tx) => {
        attempts++;
        await sql`UPDATE counter SET n = n + 100 WHERE id = 1`.execute(tx);
        await sql`INSERT INTO counter VALUES (1, 0)`.execute(tx);
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: '23505' });
    expect(attempts).toBe(1);
    expect(engine.retries).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(
      engine.db,
    );
    expect(rows[0]?.n).toBe(8);
  });
});
