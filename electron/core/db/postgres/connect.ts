import fs from 'node:fs';
import { Kysely, PostgresDialect, sql, type ControlledTransaction } from 'kysely';
import pg from 'pg';
import { AppFailure } from '../../../shared/result';
import type { Engine } from '../engine';
import type { DB } from '../schema';
import { visitdeskTypes } from './types';

export interface PostgresOptions {
  /** `postgres://user[:password]@host[:port]/database?sslmode=verify-full[&sslrootcert=file]` */
  url: string;
  /**
   * The login's password when neither the address nor VISITDESK_DATABASE_PASSWORD gives one:
   * the one a desk's key file keeps encrypted (app/server-desk.ts).
   */
  password?: string;
  /** The branch this desk works for; row-level security policies read it. */
  branchId?: number;
  /** Tests only: a plain connection to 127.0.0.1, ::1 or localhost. Nothing in the app sets it. */
  allowPlainLoopback?: boolean;
  /**
   * Accept a login that row-level security does not bind (a superuser, or a role with
   * BYPASSRLS), which sees every branch: backups and restores, which must, and tests on a
   * throw-away cluster. A desk never does: its login must see its own branch only.
   */
  seesEveryBranch?: boolean;
}

export interface PostgresEngine extends Engine {
  readonly kind: 'postgres';
  /** Transactions run again after a serialisation failure or deadlock, since the engine opened. */
  readonly retries: number;
}

const maxAttempts = 5;

/** The first key of the branch's write lock (`pg_advisory_lock(key, branch)`): "VD" and 1. */
const BRANCH_WRITES = 0x56440001;

/**
 * Runs `work` in a SERIALIZABLE transaction while holding the branch's write lock, a session
 * advisory lock taken on the transaction's connection BEFORE it begins: a branch's writes run
 * one at a time, as on SQLite, and each starts from a snapshot taken after the last one
 * committed, so desks writing at once queue instead of failing each other's serialisation
 * (every write appends to the branch's one audit chain). Reads do not take it. Branches do
 * not wait for one another. The lock ends with the connection if the process dies.
 */
async function oneWriterAtATime<T>(
  db: Kysely<DB>,
  work: (tx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    const branch = sql`current_setting('visitdesk.branch_id')::integer`;
    await sql`SELECT pg_advisory_lock(${BRANCH_WRITES}, ${branch})`.execute(connection);
    try {
      const tx = await connection.startTransaction().setIsolationLevel('serializable').execute();
      const result = await workOrRollBack(tx, work);
      try {
        await tx.commit().execute();
      } catch (error) {
        // The server may have committed before the connection broke: say so, never "nothing
        // was changed". A refusal the server sent (a serialisation failure at commit) is not
        // in doubt and goes on as it is.
        if (sqlState(error) === null) throw new CommitInDoubt(error);
        throw error;
      }
      return result;
    } finally {
      await sql`SELECT pg_advisory_unlock(${BRANCH_WRITES}, ${branch})`
        .execute(connection)
        // A connection that broke has let go of its locks already.
        .catch(() => undefined);
    }
  });
}
/**
 * `work` in the controlled transaction `tx`, which is rolled back if `work` fails. A connection
 * that broke has rolled back already; `work`'s own error is the one to tell.
 */
export async function workOrRollBack<T>(
  tx: ControlledTransaction<DB>,
  work: (tx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  try {
    return await work(tx);
  } catch (error) {
    await tx
      .rollback()
      .execute()
      .catch(() => undefined);
    throw error;
  }
}

const retried = new Set(['40001', '40P01']);

/** The connection broke while COMMIT was on its way: the change may or may not be saved. */
class CommitInDoubt extends Error {
  constructor(cause: unknown) {
    super('the connection broke during COMMIT', { cause });
  }
}

/**
 * Connects to a PostgreSQL server and checks it before anything is written: reachable, the
 * login accepted, the database there, and writable (a read-only replica given by mistake is
 * refused). Every failure is an AppFailure whose message names the server, never the
 * password.
 */
export async function postgresEngine(options: PostgresOptions): Promise<PostgresEngine> {
  const config = poolConfig(options, process.env);
  const server = `${config.host}:${config.port}/${config.database}`;
  const translate = (error: unknown) => translatePostgresError(error, server, config.password);
  const pool = new pg.Pool(config);
  // An idle connection the server drops emits here; the pool has removed it already and the
  // next query opens another. Without a listener the whole process would stop.
  pool.on('error', () => {});
  // So does a connection that breaks while a transaction holds it (the pool listens only to
  // idle ones): the transaction's next query fails and says so; the event must not stop the
  // process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await refuseReadOnly(db, server);
    if (!options.seesEveryBranch) await refuseBranchBypass(db, server);
  } catch (error) {
    await db.destroy();
    throw translate(error);
  }
  let retries = 0;
  return {
    kind: 'postgres',
    db,
    get retries() {
      return retries;
    },
    async transaction<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await oneWriterAtATime(db, work);
        } catch (error) {
          if (attempt >= maxAttempts || !retried.has(sqlState(error) ?? '')) throw translate(error);
          retries++;
          await backoff(attempt);
        }
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * The pool's settings from the address, refusing one that does not require a verified TLS
 * connection before any connection is tried. Only the parameters below are read; any other
 * (`host=`, `options=`…) is refused rather than ignored, so the address means what it says.
 */
export function poolConfig(
  options: PostgresOptions,
  env: Record<string, string | undefined>,
): pg.PoolConfig & { host: string; port: number; database: string; password?: string } {
  const url = parseAddress(options.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 5432;
  const database = decodeURIComponent(url.pathname.slice(1));
  const user = decodeURIComponent(url.username);
  if (!host || !database || !user) {
    throw badAddress('the database address must name the user, the server and the database');
  }
  for (const name of url.searchParams.keys()) {
    if (name !== 'sslmode' && name !== 'sslrootcert') {
      throw badAddress(`the database address has a parameter Visitdesk does not read: ${name}`);
    }
  }
  const branchId = options.branchId ?? 1;
  if (!Number.isSafeInteger(branchId) || branchId < 1) {
    throw new AppFailure('VALIDATION', `not a branch id: ${branchId}`);
  }
  const password = url.password
    ? decodeURIComponent(url.password)
    : env.VISITDESK_DATABASE_PASSWORD || options.password || undefined;
  return {
    host,
    port,
    database,
    user,
    ...(password === undefined ? {} : { password }),
    ssl: tlsOptions(url, host, options.allowPlainLoopback === true),
    application_name: 'visitdesk',
    max: 10,
    connectionTimeoutMillis: 5000,
    types: visitdeskTypes(),
    // Each new connection, before the pool hands it out (a failure ends it): UTC and ISO
    // output, which the type parsers read, and the branch for row-level security. No JIT:
    // the month's figures are costed high enough to be compiled, and compiled they ran slower
    // (the roll rates' loan walk at full scale: 1.7 s with it, 0.8–0.9 s without).
    onConnect: (client) =>
      client.query(
        `SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET jit = off; ` +
          `SELECT set_config('visitdesk.branch_id', '${branchId}', false)`,
      ),
  };
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

function tlsOptions(url: URL, host: string, allowPlainLoopback: boolean): pg.PoolConfig['ssl'] {
  const mode = url.searchParams.get('sslmode');
  if (mode === 'verify-full') {
    const rootcert = url.searchParams.get('sslrootcert');
    // libpq's `system`, or no sslrootcert: the system's certificate authorities.
    if (!rootcert || rootcert === 'system') return { rejectUnauthorized: true };
    try {
      return { rejectUnauthorized: true, ca: fs.readFileSync(rootcert, 'utf8') };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new AppFailure('PG_TLS_FAILED', `cannot read sslrootcert ${rootcert}: ${reason}`);
    }
  }
  if (allowPlainLoopback && loopback.has(host) && (mode === null || mode === 'disable')) {
    return false;
  }
  throw new AppFailure(
    'PG_TLS_REQUIRED',
    `the database address must say sslmode=verify-full (it says ${mode === null ? 'no sslmode' : `sslmode=${mode}`}); no connection was tried`,
  );
}

function parseAddress(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not the text itself: it may hold a password.
    throw badAddress('the database address is not a URL (postgres://…)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw badAddress('the database address must start with postgres://');
  }
  return url;
}

function badAddress(message: string): AppFailure {
  return new AppFailure('VALIDATION', message, { fields: { databaseUrl: 'v.invalid' } });
}

async function refuseReadOnly(db: Kysely<DB>, server: string): Promise<void> {
  const { rows } = await sql<{ recovery: boolean; readOnly: string; defaultReadOnly: string }>`
    SELECT pg_is_in_recovery() AS "recovery",
      current_setting('transaction_read_only') AS "readOnly",
      current_setting('default_transaction_read_only') AS "defaultReadOnly"
  `.execute(db);
  const state = rows[0];
  if (!state) throw new Error('the server answered no row');
  if (state.recovery) {
    throw new AppFailure('PG_READ_ONLY', `${server} is a replica in recovery (read-only)`);
  }
  if (state.readOnly === 'on' || state.defaultReadOnly === 'on') {
    throw new AppFailure('PG_READ_ONLY', `${server} takes only read-only transactions`);
  }
}

/**
 * Row-level security keeps branches apart, and it does not bind a superuser or a BYPASSRLS
 * role: such a login would read and write every branch's rows. A desk connects with the app's
 * own login instead.
 */
async function refuseBranchBypass(db: Kysely<DB>, server: string): Promise<void> {
  const { rows } = await sql<{ bypass: boolean }>`
    SELECT rolsuper OR rolbypassrls AS "bypass" FROM pg_roles WHERE rolname = current_user
  `.execute(db);
  if (rows[0]?.bypass) {
    throw new AppFailure(
      'PG_SEES_EVERY_BRANCH',
      `${server}: the login is a superuser or bypasses row-level security`,
    );
  }
}

// 5–10, 10–20, 20–40, 40–80 ms: long enough for the other transaction to commit, jittered so
// that two that collided do not collide again in step.
function backoff(attempt: number): Promise<void> {
  const base = 5 * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, base + Math.random() * base));
}

const unreachable = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

const certificate =
  /^(ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY|DECRYPT)|HOSTNAME_MISMATCH/;

/**
 * pg's and Node's errors → the app's codes, for the failures a user can act on; any other
 * error (a constraint, a bug) is returned as it is. The message names the server and says
 * what happened in English, with the password (if one slipped into a driver's text) blanked.
 */
export function translatePostgresError(error: unknown, server: string, password?: string): unknown {
  if (error instanceof AppFailure) return error;
  const code = errorCode(error);
  const text = errorText(error);
  const said = password ? text.split(password).join('***') : text;
  const failure = (kind: ConstructorParameters<typeof AppFailure>[0], what: string) =>
    new AppFailure(kind, `${what}: ${said}`);
  if (code === '28P01' || code === '28000') {
    // pg_hba's `hostnossl … reject` is 28000 too: a login refused because it was not TLS.
    return /no encryption/i.test(text)
      ? failure('PG_TLS_FAILED', `${server} refuses connections without TLS`)
      : failure('PG_AUTH_FAILED', `${server} refused the login`);
  }
  if (/client password must be a string/.test(text)) {
    return new AppFailure(
      'PG_AUTH_FAILED',
      `${server} asks for a password and none was given (in the address or VISITDESK_DATABASE_PASSWORD)`,
    );
  }
  if (code === '3D000') return failure('PG_NO_DATABASE', `${server} has no such database`);
  if (code === '25006') return failure('PG_READ_ONLY', `${server} is read-only`);
  if (code === '53100') return new AppFailure('DISK_FULL', `${server}: disk full: ${said}`);
  if (/does not support SSL/i.test(text) || (code !== null && certificate.test(code))) {
    return failure('PG_TLS_FAILED', `no trusted TLS connection to ${server}`);
  }
  if (error instanceof CommitInDoubt) {
    return failure('PG_COMMIT_UNKNOWN', `the connection to ${server} broke during COMMIT`);
  }
  if (
    (code !== null && unreachable.has(code)) ||
    /connection timeout|timeout expired|Connection terminated|not queryable/i.test(text)
  ) {
    return failure('PG_UNREACHABLE', `cannot reach ${server}`);
  }
  return error;
}

/** The SQLSTATE of a server error (also when a caller wrapped it as `cause`). */
function sqlState(error: unknown): string | null {
  const code = errorCode(error);
  if (code !== null && /^[0-9A-Z]{5}$/.test(code)) return code;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause === undefined ? null : sqlState(cause);
}

// Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError
// whose own code is the first attempt's.
function errorCode(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = errorCode(inner);
      if (innerCode !== null) return innerCode;
    }
  }
  return null;
}

function errorText(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((inner) => errorText(inner)).join('; ');
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
