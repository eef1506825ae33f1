import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import {
  deskKeyCheck,
  openServerPassword,
  readSlotFile,
  sealServerPassword,
  writeSlotFile,
  type KeySlotFile,
} from '../db/keyslots';
import { postgresEngine, poolConfig, type PostgresEngine } from '../db/postgres/connect';
import { migratePostgres, postgresSchemaVersion } from '../db/postgres/migrate';
import type { DB } from '../db/schema';
import type { DataFiles } from './paths';

/**
 * A desk whose data lives on a PostgreSQL server (issue 19) instead of this PC's encrypted file.
 *
 * The desk keeps the same key file as on SQLite, one slot per account, each sealing a random
 * 32-byte desk key; the passphrase that opens a slot opens the desk. On SQLite that key is the
 * file's encryption key; here it is what the server's database knows only by its HMAC (meta
 * `desk_key_check`), so a slot sealing any other key (a key file of another database, a slot
 * written by someone without the key) is refused before anything is read, and it encrypts the
 * login's password in the key file (keyslots.ts `server`), so the password is never on disk in
 * clear text. The recovery key is the desk key, as on SQLite it is the file's key.
 */
export interface ServerDatabase {
  /** `postgres://user@host:port/db?sslmode=verify-full…` (db/postgres/connect.ts). */
  url: string;
  /**
   * The login's password given at start (VISITDESK_DATABASE_PASSWORD), when the address has
   * none. Given, it wins over the one the key file keeps (see `givenPassword`).
   */
  password?: string;
}

/**
 * The server named by VISITDESK_DATABASE_URL, or null (this PC's encrypted file, the default).
 * The address is checked now, before any window opens: one that is not `verify-full` TLS, or
 * names a parameter Visitdesk does not read, is refused with its one sentence.
 */
export function serverFromEnvironment(
  env: Record<string, string | undefined>,
  url = env.VISITDESK_DATABASE_URL?.trim(),
): ServerDatabase | null {
  if (!url) return null;
  const { password } = poolConfig({ url }, env);
  return password === undefined ? { url } : { url, password };
}

/** `host:port/database`, for the screens: never the login or the password. */
export function serverLabel(server: ServerDatabase): string {
  const { host, port, database } = poolConfig({ url: server.url }, {});
  return `${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
}

/** The meta key of the desk key's check (see above). */
const CHECK = 'desk_key_check';

/**
 * The password the address or VISITDESK_DATABASE_PASSWORD gives, if any: at setup it is the one
 * to keep; at a sign-in it wins over the kept one (the server's administrator changed it) and
 * replaces it in the key file.
 */
function givenPassword(server: ServerDatabase): string | undefined {
  return poolConfig({ url: server.url }, {}).password ?? server.password;
}

/** The desk's connection to the server: the password given, else the one the key file kept. */
function connect(server: ServerDatabase, kept?: string): Promise<PostgresEngine> {
  return postgresEngine(connectionOf(server, kept));
}

function connectionOf(server: ServerDatabase, kept?: string): { url: string; password?: string } {
  const password = givenPassword(server) ?? kept;
  return { url: server.url, ...(password === undefined ? {} : { password }) };
}

async function metaValue(db: Kysely<DB>, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/**
 * What the server's database is, for the state screen before anyone signs in: `empty` (no
 * schema, or the schema without a branch: the setup screen's), `setUp`, or null when that
 * cannot be known without the key file (no password given, the server unreachable): the setup
 * screen then says why when it tries.
 */
export async function probeServer(server: ServerDatabase): Promise<'empty' | 'setUp' | null> {
  if (givenPassword(server) === undefined) return null;
  let engine: PostgresEngine;
  try {
    engine = await connect(server);
  } catch {
    return null;
  }
  try {
    if ((await postgresSchemaVersion(engine.db)) === 0) return 'empty';
    const branch = await engine.db.selectFrom('branch').select('id').executeTakeFirst();
    return branch ? 'setUp' : 'empty';
  } catch {
    return null;
  } finally {
    await engine.close();
  }
}

/**
 * Setup on a server: the schema in an empty database (as `init` makes it), or the schema `init`
 * made with no branch yet; a database with a branch is someone's already and is refused.
 * Returns the engine, for the caller to write the branch in; the key check goes in that write.
 */
export async function serverForSetup(server: ServerDatabase): Promise<PostgresEngine> {
  if (givenPassword(server) === undefined) {
    throw new AppFailure(
      'PG_AUTH_FAILED',
      'setting up on a server needs the login’s password once: in the address or VISITDESK_DATABASE_PASSWORD',
    );
  }
  const engine = await connect(server);
  try {
    await migratePostgres(engine.db);
    const branch = await engine.db.selectFrom('branch').select('id').executeTakeFirst();
    if (branch) {
      throw new AppFailure(
        'ALREADY_SET_UP',
        'this server database is already set up; sign in with the recovery key to make this desk’s key file',
      );
    }
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** The meta row of the desk key's check, written inside setup's transaction. */
export async function writeDeskKeyCheck(
  tx: Kysely<DB>,
  deskKey: Buffer,
  databaseId: string,
): Promise<void> {
  await tx
    .insertInto('meta')
    .values({ key: CHECK, value: deskKeyCheck(deskKey, databaseId) })
    .execute();
}

/** The key file of a new server desk: the password given at setup, encrypted under the key. */
export function withServerPassword(
  file: KeySlotFile,
  server: ServerDatabase,
  deskKey: Buffer,
): KeySlotFile {
  const password = givenPassword(server);
  return password === undefined ? file : sealServerPassword(file, deskKey, password);
}

/**
 * Opens the desk on the server with the desk key a slot unwrapped (or the recovery key): the
 * connection (the password given, else the one the key file keeps), the schema brought up to
 * date (a newer one refused), then the database's id and key check compared with the key file's
 * and the key's. Anything that does not match closes the connection and is refused.
 * `keyFile` is null for the recovery key when the key file is lost.
 */
export async function openServerDesk(
  server: ServerDatabase,
  files: DataFiles,
  deskKey: Buffer,
  options: { keyFile: KeySlotFile | null },
): Promise<{ engine: PostgresEngine; connection: { url: string; password?: string } }> {
  const kept = options.keyFile ? openServerPassword(options.keyFile, deskKey) : null;
  const given = givenPassword(server);
  if (given === undefined && kept === null) {
    throw new AppFailure(
      'PG_AUTH_FAILED',
      'the key file keeps no password for the database server; give it in VISITDESK_DATABASE_PASSWORD',
    );
  }
  const engine = await connect(server, kept ?? undefined);
  try {
    if ((await postgresSchemaVersion(engine.db)) === 0) {
      throw new AppFailure(
        'NOT_SET_UP',
        'the server database has no Visitdesk data: is the address the right one?',
      );
    }
    await migratePostgres(engine.db);
    const id = await metaValue(engine.db, 'database_id');
    const check = await metaValue(engine.db, CHECK);
    if (id === null || check === null) {
      throw new AppFailure('NOT_SET_UP', 'the server database is not set up yet');
    }
    if (options.keyFile && options.keyFile.databaseId !== id) {
      throw new AppFailure(
        'KEYSLOTS_DAMAGED',
        'the key file belongs to another database; sign in with the recovery key',
      );
    }
    if (check !== deskKeyCheck(deskKey, id)) {
      throw new AppFailure(
        options.keyFile ? 'KEYSLOTS_DAMAGED' : 'WRONG_KEY',
        options.keyFile
          ? 'the key file does not open this database; sign in with the recovery key'
          : 'the recovery key does not open this database',
      );
    }
  } catch (error) {
    await engine.close();
    throw error;
  }
  // The administrator changed the password and gave the new one: keep it instead of the old.
  if (options.keyFile && given !== undefined && given !== kept) {
    const current = readSlotFile(files.keys);
    writeSlotFile(files.keys, sealServerPassword(current, deskKey, given));
  }
  // What a worker thread opens its own pool with (app/jobs.ts), kept while the desk is open.
  return { engine, connection: connectionOf(server, kept ?? undefined) };
}

/** What a desk on a server does not do itself: the server's administrator does it. */
export function notOnServer(what: string): AppFailure {
  return new AppFailure(
    'NOT_ON_SERVER',
    `${what} is for this PC's own database; on a database server it is done on the server (visitdesk backup/restore --database-url)`,
  );
}
