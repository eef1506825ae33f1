import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Visitdesk } from '../../electron/core/app/visitdesk';
import { appendAuditRow } from '../../electron/core/audit/chain';
import type { Engine } from '../../electron/core/db/engine';
import {
  postgresEngine,
  poolConfig,
  type PostgresEngine,
} from '../../electron/core/db/postgres/connect';
import { copySqliteToPostgres } from '../../electron/core/db/postgres/copy-from-sqlite';
import { migratePostgres } from '../../electron/core/db/postgres/migrate';
import { handlers } from '../../electron/core/handlers';
import type { HandlerMap } from '../../electron/core/app/handler-types';
import { createDispatcher, type TypedInvoke } from '../../electron/core/ipc/dispatch';
import { benchClock, type SeededBranch } from './seed';

/**
 * The synthetic branch on PostgreSQL (`--engine postgres`): the SQLite seed (seed.ts), copied
 * with the app's own `copySqliteToPostgres` into a database on a PostgreSQL server, and a desk
 * on it: the real dispatcher and handlers over an app-like object whose engine is PostgreSQL
 * (the app's sign-in session is SQLite-only, so the desk carries the seed's manager session).
 *
 * The server is `$VISITDESK_BENCH_PG_URL` (a superuser's address, kept between runs), else
 * `$VISITDESK_TEST_PG_URL`, else a throw-away cluster started for the run
 * (tests/tools/postgres-cluster.mjs) and stopped at the end. On a server that is kept, the copy
 * is cached: its database is named after the seed's cache key and marked with it (COMMENT ON
 * DATABASE) once the copy committed, so the next run with the same seed reuses it; copies of
 * older seeds of the same scale are dropped. Nothing writes to it: the read cases run here, and
 * the import writes into throw-away databases of its own (import-postgres.ts).
 * The database belongs to a login of its own that row-level security binds, which migrates,
 * copies and reads it, as a desk would: a superuser's queries would skip the branch policies
 * and be planned differently.
 */

export interface PostgresBranch {
  /** The desk login's address of the branch's database (for a baseline pool of one's own). */
  url: string;
  /** The server's superuser address (a write case's throw-away databases: import-postgres.ts). */
  serverUrl: string;
  engine: PostgresEngine;
  /** The dispatcher over the PostgreSQL desk, signed in as the seed's manager. */
  invoke: TypedInvoke;
  fromCache: boolean;
  copyMs: number;
  serverVersion: string;
  close(): Promise<void>;
}

/** A database name from the seed's cache key: `vdbench_full_v34_0123abcd…`. */
export function databaseNameFor(cacheKey: string): string {
  return `vdbench_${cacheKey.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 63);
}

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

/**
 * The login the bench's databases belong to, as a bank's DBA hands one over: NOSUPERUSER and
 * NOBYPASSRLS, so row-level security binds it (every table's policy adds the branch to each
 * query's plan, as on a desk). Its password is set anew on every run.
 */
export const APP_LOGIN = 'vdbench_app';

async function appLogin(serverUrl: string): Promise<{ user: string; password: string }> {
  const password = `pw-${crypto.randomBytes(12).toString('hex')}`;
  await asSuperuser(serverUrl, async (c) => {
    const { rowCount } = await c.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APP_LOGIN]);
    const verb = rowCount ? 'ALTER' : 'CREATE';
    await c.query(
      `${verb} ROLE ${APP_LOGIN} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
    );
  });
  return { user: APP_LOGIN, password };
}

export async function asSuperuser<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(poolConfig({ url, seesEveryBranch: true }, process.env));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * What `app` the services need on an engine, without Electron around it: the engine, the
 * session, the branch's clock, `write`/`record` (an audited transaction), and what the
 * dispatcher asks (never idle, nothing to lock or touch).
 */
export function engineDesk(
  engine: Engine,
  session: NonNullable<Visitdesk['session']>,
  now: () => Date,
): Visitdesk {
  return {
    engine,
    session,
    now,
    write: <T>(work: Parameters<Engine['transaction']>[0]) =>
      engine.transaction(work) as Promise<T>,
    record: (tx: Parameters<typeof appendAuditRow>[1], entry: object) =>
      appendAuditRow(engine, tx, {
        staffId: session.staffId,
        ...entry,
      } as Parameters<typeof appendAuditRow>[2]),
    idleExpired: () => false,
    touch: () => {},
    lock: () => {},
    log: (message: string, error?: unknown) => console.error(message, error),
    files: { db: `(PostgreSQL, engine ${engine.kind})` },
  } as unknown as Visitdesk;
}

/** The dispatcher the app uses, over a desk on `engine`. */
export function deskInvoke(desk: Visitdesk): TypedInvoke {
  return createDispatcher(desk, handlers as HandlerMap) as TypedInvoke;
}

async function databaseMarker(serverUrl: string, name: string): Promise<string | null | 'none'> {
  return asSuperuser(serverUrl, async (c) => {
    const { rows } = await c.query<{ marker: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
      [name],
    );
    return rows.length === 0 ? 'none' : rows[0]!.marker;
  });
}

export async function preparePostgresBranch(
  branch: SeededBranch,
  options: { fresh?: boolean; log?: (line: string) => void } = {},
): Promise<PostgresBranch> {
  const log = options.log ?? (() => {});
  const kept = process.env.VISITDESK_BENCH_PG_URL ?? process.env.VISITDESK_TEST_PG_URL;
  // Loaded only when needed: an ES module with top-level await, which the CommonJS bench
  // scripts can import but not require.
  const tools = kept ? null : await import('../tools/postgres-cluster.mjs');
  const cluster = tools ? await tools.startCluster() : null;
  const serverUrl = kept ?? cluster!.url;
  if (cluster) log(`PostgreSQL: a throw-away cluster on 127.0.0.1:${cluster.port}`);
  let stopped = !cluster;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    tools!.stopCluster(cluster!.dir);
  };
  // However the run ends (an interrupt during the copy included: run.ts exits on SIGINT), the
  // throw-away cluster goes with it; stopping it is synchronous, as an exit listener must be.
  if (cluster) process.on('exit', stop);
  try {
    const cacheKey = branch.manifest.cacheKey;
    const name = databaseNameFor(cacheKey);
    const url = withDatabase(serverUrl, name, await appLogin(serverUrl));
    const marker = await databaseMarker(serverUrl, name);
    const fromCache = marker === cacheKey && !options.fresh;
    let copyMs = 0;
    if (!fromCache) {
      const prefix = databaseNameFor(`${branch.scale.name}-`);
      await asSuperuser(serverUrl, async (c) => {
        const { rows } = await c.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
          [prefix],
        );
        for (const { datname } of rows) {
          await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        }
        await c.query(`CREATE DATABASE "${name}" OWNER ${APP_LOGIN}`);
      });
      log(`copying the ${branch.scale.name} seed into PostgreSQL database ${name}…`);
      const started = performance.now();
      // The sign-in's background work (the promises' evaluation) finishes before the copy.
      await branch.app.settle();
      const target = await postgresEngine({ url });
      try {
        await migratePostgres(target.db);
        let lastLog = started;
        await copySqliteToPostgres(branch.app.db, target, {
          onProgress(table, done, total) {
            const now = performance.now();
            if (now - lastLog > 30_000 || done === total) {
              if (done === total && total > 0) log(`  ${table}: ${total.toLocaleString('en-US')}`);
              lastLog = now;
            }
          },
        });
        // Fresh statistics, as autovacuum would gather them on a server that has run a while.
        await sql`ANALYZE`.execute(target.db);
      } finally {
        await target.close();
      }
      copyMs = Math.round(performance.now() - started);
      await asSuperuser(serverUrl, (c) =>
        c.query(`COMMENT ON DATABASE "${name}" IS '${cacheKey.replace(/'/g, "''")}'`),
      );
      log(`copied in ${(copyMs / 1000).toFixed(1)} s${kept ? ' (kept for later runs)' : ''}`);
    } else {
      log(`reusing PostgreSQL database ${name} (copied from the same seed)`);
    }
    // A desk's connection: the owner's login, bound by row-level security (checked on connect).
    const engine = await postgresEngine({ url });
    const session = branch.app.session;
    if (!session) throw new Error('the SQLite branch is not signed in');
    const desk = engineDesk(engine, { ...session }, benchClock(branch.asOf));
    const { rows } = await sql<{
      v: string;
    }>`SELECT current_setting('server_version') AS v`.execute(engine.db);
    return {
      url,
      serverUrl,
      engine,
      serverVersion: rows[0]!.v,
      invoke: deskInvoke(desk),
      fromCache,
      copyMs,
      async close() {
        await engine.close();
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The baseline of a read case on PostgreSQL: the queries the service ran, replayed bare.

/** One query a pg client ran while recording; `batch` groups queries that were in flight at once. */
export interface RecordedQuery {
  sql: string;
  params: unknown[];
  batch: number;
  /** The rows it returned (kept only when asked, for checks). */
  rows?: unknown[];
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/** The statements every connection of the engine's pool runs once as it opens (connect.ts). */
const connectionSetup = /^SET TimeZone = 'UTC'; SET DateStyle/;

/** The connections of the baseline's pools (`bareQueryPool`), which a recording leaves out. */
const bareClients = new WeakSet<object>();

/**
 * Runs `work` and lists every query that pg clients other than the baseline's ran meanwhile, in
 * the order they were sent, with their parameters: the SQL Kysely compiled and the few
 * statements a service writes as text alike (both go through `Client.prototype.query`, as
 * text and values). Queries sent while another was still running (a service's Promise.all)
 * share a batch, so the replay sends them together too. A new connection's session set-up is
 * left out: the baseline pool runs the same on its own connections.
 */
export async function recordQueries<T>(
  work: () => Promise<T>,
  options: { keepRows?: boolean } = {},
): Promise<{ result: T; calls: RecordedQuery[] }> {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const calls: RecordedQuery[] = [];
  let inFlight = 0;
  let batch = -1;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text !== 'string' || bareClients.has(this) || connectionSetup.test(text)) {
      return original.apply(this, args);
    }
    if (typeof args[args.length - 1] === 'function') {
      throw new Error('recordQueries: a callback query; the app only awaits promises');
    }
    if (inFlight === 0) batch++;
    const call: RecordedQuery = {
      sql: text,
      params: structuredClone((values as unknown[] | undefined) ?? []),
      batch,
    };
    calls.push(call);
    inFlight++;
    const promise = original.apply(this, args) as Promise<pg.QueryResult>;
    return promise.then(
      (result) => {
        inFlight--;
        if (options.keepRows) call.rows = result.rows;
        return result;
      },
      (error: unknown) => {
        inFlight--;
        throw error;
      },
    );
  };
  try {
    const result = await work();
    return { result, calls };
  } finally {
    proto.query = original;
  }
}

/**
 * The statements of a read's snapshot (electron/core/db/postgres/snapshot.ts): each connection
 * of the group opens a READ ONLY REPEATABLE READ transaction, the first exports its snapshot and
 * the others import it by its id, and each is rolled back. They are not replayed (an exported
 * snapshot's id lives as long as its transaction): the baseline is the data queries alone, so on
 * PostgreSQL the ratio includes what reading at one instant costs.
 */
const snapshotControl =
  /^\s*(start transaction\b[^;]*\bread only|begin\b[^;]*\bread only|set transaction snapshot\b|select pg_export_snapshot\(\)|rollback\b|commit\b)/i;

const notARead = /^\s*(insert|update|delete|merge|copy|begin|start|savepoint|lock|set)\b/i;

/** A plain pool on the branch's database: the app's session settings and type parsers, no Kysely. */
export function bareQueryPool(url: string): pg.Pool {
  const pool = new pg.Pool(poolConfig({ url, seesEveryBranch: true }, process.env));
  pool.on('error', () => {});
  pool.on('connect', (client) => bareClients.add(client));
  return pool;
}

/**
 * Recorded reads run bare on `pool` with `pool.query(text, values)` (pg's unnamed extended
 * protocol, as Kysely sends them), each batch of concurrent queries together and the batches in
 * order.
 */
export class PgReplay {
  /** The data queries replayed (the snapshot's own statements left out). */
  readonly queries: readonly RecordedQuery[];
  private readonly batches: RecordedQuery[][];

  constructor(
    private readonly pool: pg.Pool,
    calls: readonly RecordedQuery[],
  ) {
    this.queries = calls.filter((c) => !snapshotControl.test(c.sql));
    const write = this.queries.find((c) => notARead.test(c.sql));
    if (write) {
      throw new Error(`a read case wrote (${write.sql.slice(0, 80)}…): give it its own baseline`);
    }
    if (this.queries.length === 0) throw new Error('the app ran no query: nothing to replay');
    const batches: RecordedQuery[][] = [];
    for (const call of this.queries) (batches[call.batch] ??= []).push(call);
    this.batches = batches.filter((b) => b.length > 0);
  }

  /** Runs every recorded query; returns each one's rows, in the recorded order. */
  async run(): Promise<unknown[][]> {
    const out: unknown[][] = [];
    for (const batch of this.batches) {
      const results = await Promise.all(batch.map((c) => this.pool.query(c.sql, c.params)));
      for (const r of results) out.push(r.rows);
    }
    return out;
  }
}
