import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { verifyChain } from '../audit/chain';
import { latestVersion } from '../db/migrations';
import { poolConfig, postgresEngine, translatePostgresError } from '../db/postgres/connect';
import { postgresSchemaVersion } from '../db/postgres/migrate';
import type { DB } from '../db/schema';

/**
 * Backups and restores of a Visitdesk database on PostgreSQL (issue 19): `pg_dump
 * --format=custom`, so a database administrator can also read and restore the file with the
 * PostgreSQL tools alone, and `pg_restore` into an empty database, checked before it is
 * handed over.
 *
 * Beside each dump, `<file>.json` records what the database held when it was dumped: the
 * schema version, the rows of every table per branch, each branch's audit head and the dump's
 * SHA-256. They are read in the very snapshot pg_dump dumps (`pg_export_snapshot`), so they
 * describe the dump exactly, however many desks were writing. A restore compares the restored
 * database with them: the chain's own check finds a row edited or removed in the middle, but
 * only the recorded head finds the last rows cut off, and only the counts find rows missing
 * from a table outside the chain. The dump's TOC has no row counts to compare with, and
 * counting the COPY lines of the dump would only check pg_restore against itself.
 *
 * pg_restore commits its one transaction before anything can be checked from outside it, so a
 * restore that fails the check is undone by dropping everything it made. That is the state it
 * found only because the database held nothing in schema public before (checked first, under
 * the migrators' lock so a desk cannot start building a schema in it meanwhile), and because
 * the dump makes nothing outside schema public (checked in its TOC).
 *
 * The connection reaches pg_dump and pg_restore through libpq's environment, never their
 * arguments: any account on the machine can read a process's arguments.
 */

export interface PostgresBackupOptions {
  /** The database's address, as for the app (`sslmode=verify-full` required). */
  url: string;
  /** The dump; its manifest goes beside it as `<file>.json`. */
  file: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface PostgresBackupResult {
  file: string;
  bytes: number;
  tables: number;
}

export interface PostgresRestoreResult {
  tables: number;
  auditRows: number;
  schemaVersion: number;
}

const manifestSchema = z.object({
  format: z.literal('visitdesk-postgres-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  schemaVersion: z.number().int().positive(),
  pgDump: z.string(),
  serverVersion: z.string(),
  dump: z.object({
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** Every table of schema public; `branched` tables are counted per branch. */
  tables: z.array(z.object({ name: z.string(), branched: z.boolean() })),
  /** Rows per table and branch (`null`: a table without branches); absent means none. */
  rows: z.array(
    z.object({
      table: z.string(),
      branchId: z.number().int().positive().nullable(),
      count: z.number().int().positive(),
    }),
  ),
  /** Each branch's audit chain head (audit_head) when dumped. */
  audit: z.array(
    z.object({
      branchId: z.number().int().positive(),
      lastId: z.number().int().nonnegative(),
      hash: z.string(),
    }),
  ),
});

export type PostgresBackupManifest = z.infer<typeof manifestSchema>;

/** Where the manifest of a dump lives. */
export function manifestFileOf(file: string): string {
  return `${file}.json`;
}

/**
 * Dumps the Visitdesk database at `url` into `file` (owner-only, written under a temporary name
 * and renamed when whole) with its manifest. Refuses a database without Visitdesk's schema
 * marker, and a login that row-level security keeps to one branch: a backup holds every
 * branch. Progress counts the tables pg_dump has dumped.
 */
export async function backupPostgres(
  options: PostgresBackupOptions,
): Promise<PostgresBackupResult> {
  const config = poolConfig({ url: options.url }, process.env);
  const server = `${config.host}:${config.port}/${config.database}`;
  const target = path.resolve(options.file);
  const manifestFile = manifestFileOf(target);
  for (const existing of [target, manifestFile]) {
    if (fs.existsSync(existing))
      throw new AppFailure('CONFLICT', `backup file exists: ${existing}`);
  }
  const pgDump = await clientTool('pg_dump');
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial`;
  const partialManifest = `${manifestFile}.partial`;
  const db = singleConnection(config);
  let fd: number | null = null;
  try {
    // Owner-only from the moment it exists: the dump holds the borrowers' personal data.
    fd = fs.openSync(partial, 'wx', 0o600);
    const dumpFd = fd;
    const recorded = await db
      .connection()
      .execute(async (connection) => {
        await sql`BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(connection);
        try {
          const found = await readSnapshot(connection, server);
          options.onProgress?.(0, found.tables.length);
          let dumped = 0;
          await runTool(
            pgDump.file,
            [
              '--format=custom',
              '--verbose',
              '--no-password',
              `--snapshot=${found.snapshot}`,
              '--lock-wait-timeout=60000',
            ],
            {
              env: libpqEnvironment(config, options.url, pgDump.major),
              stdout: dumpFd,
              signal: options.signal,
              onLine: (line) => {
                if (!line.startsWith('pg_dump: dumping contents of table ')) return;
                dumped = Math.min(dumped + 1, found.tables.length);
                options.onProgress?.(dumped, found.tables.length);
              },
              server,
              password: config.password,
            },
          );
          return found;
        } finally {
          await sql`ROLLBACK`.execute(connection).catch(() => undefined);
        }
      })
      .catch((error: unknown) => {
        throw translatePostgresError(error, server, config.password);
      });
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    const bytes = fs.statSync(partial).size;
    const manifest: PostgresBackupManifest = {
      format: 'visitdesk-postgres-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      schemaVersion: recorded.schemaVersion,
      pgDump: pgDump.version,
      serverVersion: recorded.serverVersion,
      dump: { bytes, sha256: await sha256Of(partial) },
      tables: recorded.tables,
      rows: recorded.rows,
      audit: recorded.audit,
    };
    writeDurably(partialManifest, `${JSON.stringify(manifest, null, 2)}\n`);
    // The dump first, then its manifest: a kill between the two leaves a dump that restore
    // refuses for want of its manifest, never a manifest describing another dump.
    fs.renameSync(partial, target);
    fs.renameSync(partialManifest, manifestFile);
    syncDirectory(path.dirname(target));
    return { file: target, bytes, tables: recorded.tables.length };
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    fs.rmSync(partialManifest, { force: true });
    throw error;
  } finally {
    await db.destroy();
  }
}

interface Snapshot {
  snapshot: string;
  schemaVersion: number;
  serverVersion: string;
  tables: PostgresBackupManifest['tables'];
  rows: PostgresBackupManifest['rows'];
  audit: PostgresBackupManifest['audit'];
}

/** What the database holds in the transaction's snapshot, which pg_dump then dumps. */
async function readSnapshot(db: Kysely<DB>, server: string): Promise<Snapshot> {
  const role = await sql<{ seesAll: boolean }>`
    SELECT rolsuper OR rolbypassrls AS "seesAll" FROM pg_catalog.pg_roles
    WHERE rolname = current_user`.execute(db);
  if (!role.rows[0]?.seesAll) {
    throw new AppFailure(
      'FORBIDDEN',
      `this login sees only its own branch's rows on ${server} (row-level security); back up as the database's superuser or a role with BYPASSRLS, so that the backup holds every branch`,
    );
  }
  const schemaVersion = await postgresSchemaVersion(db);
  if (schemaVersion === 0) {
    throw new AppFailure(
      'DB_NOT_VISITDESK',
      `${server} is not a Visitdesk database (it has no visitdesk_schema marker); nothing was backed up`,
    );
  }
  const exported = await sql<{ snapshot: string; serverVersion: string }>`
    SELECT pg_export_snapshot() AS snapshot, current_setting('server_version') AS "serverVersion"`.execute(
    db,
  );
  const tables = await tablesOf(db);
  const rows: PostgresBackupManifest['rows'] = [];
  for (const table of tables) {
    const counted = table.branched
      ? await sql<{ branchId: number; count: string | number }>`
          SELECT branch_id AS "branchId", count(*) AS count FROM ${sql.table(`public.${table.name}`)}
          GROUP BY branch_id ORDER BY branch_id`.execute(db)
      : await sql<{ branchId: null; count: string | number }>`
          SELECT NULL AS "branchId", count(*) AS count FROM ${sql.table(`public.${table.name}`)}
          HAVING count(*) > 0`.execute(db);
    for (const row of counted.rows) {
      rows.push({ table: table.name, branchId: row.branchId, count: Number(row.count) });
    }
  }
  const audit = await sql<{ branchId: number; lastId: string | number; hash: string }>`
    SELECT branch_id AS "branchId", last_id AS "lastId", hash FROM public.audit_head
    ORDER BY branch_id`.execute(db);
  return {
    snapshot: exported.rows[0]!.snapshot,
    serverVersion: exported.rows[0]!.serverVersion,
    schemaVersion,
    tables,
    rows,
    audit: audit.rows.map((r) => ({
      branchId: r.branchId,
      lastId: Number(r.lastId),
      hash: r.hash,
    })),
  };
}

/** The tables of schema public, and whether each has a `branch_id`. */
async function tablesOf(db: Kysely<DB>): Promise<PostgresBackupManifest['tables']> {
  const found = await sql<{ name: string; branched: boolean }>`
    SELECT c.relname AS name, EXISTS (
      SELECT 1 FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = c.oid AND a.attname = 'branch_id' AND NOT a.attisdropped
    ) AS branched
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
    ORDER BY c.relname`.execute(db);
  return found.rows;
}

/**
 * Restores a dump made by `backupPostgres` into an empty database, then checks it against the
 * dump's manifest: a schema this app knows, the same rows per table and branch, every branch's
 * audit chain whole and ending at the recorded head. A restore that fails the check leaves the
 * database empty again. Progress counts the tables whose rows pg_restore has loaded.
 */
export async function restorePostgres(
  options: PostgresBackupOptions,
): Promise<PostgresRestoreResult> {
  const config = poolConfig({ url: options.url }, process.env);
  const server = `${config.host}:${config.port}/${config.database}`;
  const file = path.resolve(options.file);
  const manifest = await readManifest(file);
  if (manifest.schemaVersion > latestVersion) {
    throw new AppFailure(
      'DB_NEWER_THAN_APP',
      `the backup's schema ${manifest.schemaVersion} is newer than this Visitdesk (${latestVersion}); restore it with a newer Visitdesk`,
      { details: { schema: manifest.schemaVersion, supported: latestVersion } },
    );
  }
  const pgRestore = await clientTool('pg_restore');
  const tableData = await listArchive(pgRestore, file);
  const engine = await postgresEngine({ url: options.url, seesEveryBranch: true });
  try {
    return await engine.db.connection().execute(async (lockHolder) => {
      // The migrators' lock (db/postgres/migrate.ts): a desk starting on this database waits
      // until the restore is over instead of building its own schema in it.
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(lockHolder);
      try {
        const before = await objectsInPublic(engine.db);
        if (before.length > 0) {
          throw new AppFailure(
            'CONFLICT',
            `${server} is not empty (schema public holds ${before.join(', ')}); a backup is restored only into an empty database, and nothing was changed`,
            { details: { objects: before } },
          );
        }
        options.onProgress?.(0, tableData);
        let loaded = 0;
        await runTool(
          pgRestore.file,
          [
            '--format=custom',
            '--no-owner',
            '--no-privileges',
            '--exit-on-error',
            '--single-transaction',
            '--verbose',
            '--no-password',
            `--dbname=${conninfoValue('dbname', config.database)}`,
            file,
          ],
          {
            env: libpqEnvironment(config, options.url, pgRestore.major),
            stdout: 'ignore',
            signal: options.signal,
            onLine: (line) => {
              if (!line.startsWith('pg_restore: processing data for table ')) return;
              loaded = Math.min(loaded + 1, tableData);
              options.onProgress?.(loaded, tableData);
            },
            server,
            password: config.password,
          },
        );
        try {
          options.signal?.throwIfAborted();
          return await checkRestored(engine.db, manifest, server);
        } catch (error) {
          await emptyAgain(engine.db);
          throw error;
        }
      } finally {
        await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`
          .execute(lockHolder)
          .catch(() => undefined);
      }
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw cancelled();
    throw translatePostgresError(error, server, config.password);
  } finally {
    await engine.close();
  }
}

/** migrate.ts's `migrationLock`: one key for everything that builds a schema ('vdsk'). */
const MIGRATION_LOCK = 0x7664736b;

async function readManifest(file: string): Promise<PostgresBackupManifest> {
  const manifestFile = manifestFileOf(file);
  if (!fs.existsSync(file)) throw new AppFailure('NOT_FOUND', `no backup file ${file}`);
  let text: string;
  try {
    text = fs.readFileSync(manifestFile, 'utf8');
  } catch {
    throw notABackup(
      file,
      `its manifest ${manifestFile} is missing (backup writes it beside the dump; it records what the restore is checked against)`,
    );
  }
  let manifest: PostgresBackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(text));
  } catch {
    throw notABackup(file, `its manifest ${manifestFile} is not a Visitdesk backup manifest`);
  }
  const bytes = fs.statSync(file).size;
  if (bytes !== manifest.dump.bytes || (await sha256Of(file)) !== manifest.dump.sha256) {
    throw notABackup(
      file,
      'it is not the dump its manifest describes (changed or cut short since it was made)',
    );
  }
  return manifest;
}

function notABackup(file: string, why: string): AppFailure {
  return new AppFailure(
    'VALIDATION',
    `${file} is not a Visitdesk backup that can be restored: ${why}`,
    {
      fields: { file: 'v.invalid' },
    },
  );
}

/**
 * Reads the dump's table of contents: a pg_dump custom-format archive of a Visitdesk database
 * (its schema marker and the marker's row), with nothing outside schema public, which is all a
 * failed restore knows how to remove. Returns the number of tables with rows to load.
 */
async function listArchive(tool: ClientTool, file: string): Promise<number> {
  let lines: string[] = [];
  try {
    const listed = await runTool(tool.file, ['--list', file], {
      env: { ...withoutLibpq(process.env), LC_ALL: 'C' },
      stdout: 'pipe',
      server: 'the backup file',
    });
    lines = listed.stdout.split('\n');
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'NOT_FOUND') throw error;
    const said = error instanceof Error ? error.message : String(error);
    throw notABackup(
      file,
      `pg_restore cannot read it as a pg_dump custom-format archive (${said})`,
    );
  }
  const entries = lines
    .map((line) => /^\d+; \d+ \d+ ([A-Z][A-Z ]*[A-Z]) (\S+) (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ kind: m[1]!, schema: m[2]!, rest: m[3]! }));
  const has = (kind: string) =>
    entries.some(
      (e) => e.kind === kind && e.schema === 'public' && e.rest.startsWith('visitdesk_schema '),
    );
  if (!has('TABLE') || !has('TABLE DATA')) {
    throw notABackup(
      file,
      'it is a PostgreSQL dump, but not of a Visitdesk database (no visitdesk_schema)',
    );
  }
  const outside = entries.filter((e) => e.schema !== 'public');
  if (outside.length > 0) {
    throw notABackup(
      file,
      `it makes objects outside schema public (${outside.map((e) => `${e.kind} ${e.schema} ${e.rest}`).join('; ')})`,
    );
  }
  return entries.filter((e) => e.kind === 'TABLE DATA').length;
}

/**
 * What schema public holds, by name (at most ten): relations of every kind, routines and
 * types, except what an extension owns (an extension a database administrator installed in
 * every new database is not the database's content).
 */
async function objectsInPublic(db: Kysely<DB>): Promise<string[]> {
  const found = await sql<{ name: string }>`
    SELECT name FROM (
      SELECT c.relname AS name, c.oid, 'pg_class'::regclass AS catalog FROM pg_catalog.pg_class c
      WHERE c.relnamespace = 'public'::regnamespace
      UNION ALL
      SELECT p.proname || '()', p.oid, 'pg_proc'::regclass FROM pg_catalog.pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace
      UNION ALL
      SELECT t.typname, t.oid, 'pg_type'::regclass FROM pg_catalog.pg_type t
      WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('b', 'd', 'e', 'r')
        -- A table's or a type's array type goes with it.
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e
          WHERE e.oid = t.typelem AND e.typarray = t.oid)
    ) o
    WHERE NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e'
    )
    ORDER BY name LIMIT 10`.execute(db);
  return found.rows.map((r) => r.name);
}

/**
 * Drops everything a restore made in schema public, in one transaction: the tables (with their
 * indexes, triggers, policies and identity sequences), then what is left of each other kind.
 */
async function emptyAgain(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const relations = await sql<{ drop: string }>`
      SELECT format('DROP %s IF EXISTS %s CASCADE',
        CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
          WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' WHEN 'c' THEN 'TYPE'
          ELSE 'TABLE' END, c.oid::regclass) AS drop
      FROM pg_catalog.pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')
      ORDER BY c.relkind <> 'r'`.execute(tx);
    for (const { drop } of relations.rows) await sql.raw(drop).execute(tx);
    const others = await sql<{ drop: string }>`
      SELECT format('DROP ROUTINE IF EXISTS %s CASCADE', p.oid::regprocedure) AS drop
      FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'public'::regnamespace
      UNION ALL
      SELECT format('DROP %s IF EXISTS %s CASCADE',
        CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype)
      FROM pg_catalog.pg_type t
      WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('d', 'e', 'r')`.execute(tx);
    for (const { drop } of others.rows) await sql.raw(drop).execute(tx);
  });
  const left = await objectsInPublic(db);
  if (left.length > 0) {
    throw new AppFailure(
      'INTERNAL',
      `the failed restore could not be removed entirely; schema public still holds ${left.join(', ')}`,
    );
  }
}

/**
 * The restored database against its manifest. Each branch is checked in its own transaction
 * with `visitdesk.branch_id` set, so row-level security shows a login bound by it that branch;
 * a login that bypasses it (a superuser) would see every branch's chain interleaved, so for
 * the check `audit_log` is that branch's rows alone: a temporary view of that name comes
 * before schema public in the search path, and goes with the transaction.
 */
async function checkRestored(
  db: Kysely<DB>,
  manifest: PostgresBackupManifest,
  server: string,
): Promise<PostgresRestoreResult> {
  const problems: string[] = [];
  const schemaVersion = await postgresSchemaVersion(db);
  if (schemaVersion > latestVersion) {
    throw new AppFailure(
      'DB_NEWER_THAN_APP',
      `the restored schema ${schemaVersion} is newer than this Visitdesk (${latestVersion})`,
      { details: { schema: schemaVersion, supported: latestVersion } },
    );
  }
  if (schemaVersion !== manifest.schemaVersion) {
    problems.push(`schema version ${schemaVersion}, recorded ${manifest.schemaVersion}`);
  }
  const tables = await tablesOf(db);
  const names = (list: { name: string }[]) => list.map((t) => t.name).join(',');
  if (names(tables) !== names(manifest.tables)) {
    problems.push(`tables ${names(tables)}, recorded ${names(manifest.tables)}`);
  }
  const expected = (table: string, branchId: number | null) =>
    manifest.rows.find((r) => r.table === table && r.branchId === branchId)?.count ?? 0;
  const branches = [
    ...new Set([...manifest.rows.map((r) => r.branchId), ...manifest.audit.map((a) => a.branchId)]),
  ].filter((b): b is number => b !== null);
  let auditRows = 0;
  for (const table of manifest.tables.filter((t) => !t.branched)) {
    const counted = await sql<{ count: string | number }>`
      SELECT count(*) AS count FROM ${sql.table(`public.${table.name}`)}`.execute(db);
    const count = Number(counted.rows[0]!.count);
    if (count !== expected(table.name, null)) {
      problems.push(`${table.name}: ${count} rows, recorded ${expected(table.name, null)}`);
    }
  }
  for (const branchId of branches) {
    await db.connection().execute(async (connection) => {
      await sql`BEGIN`.execute(connection);
      try {
        await sql`SELECT set_config('visitdesk.branch_id', ${String(branchId)}, true)`.execute(
          connection,
        );
        for (const table of manifest.tables.filter((t) => t.branched)) {
          const counted = await sql<{ count: string | number }>`
            SELECT count(*) AS count FROM ${sql.table(`public.${table.name}`)}
            WHERE branch_id = ${branchId}`.execute(connection);
          const count = Number(counted.rows[0]!.count);
          if (count !== expected(table.name, branchId)) {
            problems.push(
              `${table.name} of branch ${branchId}: ${count} rows, recorded ${expected(table.name, branchId)}`,
            );
          }
        }
        await sql`CREATE TEMPORARY VIEW audit_log AS
          SELECT * FROM public.audit_log WHERE branch_id = ${sql.lit(branchId)}`.execute(
          connection,
        );
        const chain = await verifyChain(connection, 'postgres');
        auditRows += chain.rows;
        const head = manifest.audit.find((a) => a.branchId === branchId);
        if (!chain.ok) {
          problems.push(`branch ${branchId}'s audit chain breaks at row ${chain.firstBadId}`);
        } else if (head && (chain.head !== head.hash || chain.rows !== head.lastId)) {
          problems.push(
            `branch ${branchId}'s audit chain ends at row ${chain.rows}, recorded ${head.lastId} (a different head)`,
          );
        }
      } finally {
        await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      }
    });
  }
  if (problems.length > 0) {
    throw new AppFailure(
      'DB_DAMAGED',
      `the backup restored into ${server} did not pass its check (${problems.slice(0, 3).join('; ')}); the database was emptied again`,
      { details: { problems } },
    );
  }
  return { tables: tables.length, auditRows, schemaVersion };
}

interface ClientTool {
  file: string;
  version: string;
  major: number;
}

/**
 * pg_dump or pg_restore: from VISITDESK_PG_BIN (a folder) if set, else the PATH, else the
 * newest of the usual installation folders (Debian's and the Windows installer's).
 */
async function clientTool(name: 'pg_dump' | 'pg_restore'): Promise<ClientTool> {
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  const folders = [
    ...(process.env.VISITDESK_PG_BIN ? [process.env.VISITDESK_PG_BIN] : []),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
    ...versionFolders('/usr/lib/postgresql', (v) => path.join('/usr/lib/postgresql', v, 'bin')),
    ...versionFolders('C:\\Program Files\\PostgreSQL', (v) =>
      path.join('C:\\Program Files\\PostgreSQL', v, 'bin'),
    ),
  ];
  const file = folders.map((f) => path.join(f, exe)).find((f) => fs.existsSync(f));
  if (!file) {
    throw new AppFailure(
      'NOT_FOUND',
      `${name} was not found: install the PostgreSQL client tools (Debian: apt install postgresql-client) or set VISITDESK_PG_BIN to their folder`,
    );
  }
  const { stdout } = await runTool(file, ['--version'], {
    env: { ...withoutLibpq(process.env), LC_ALL: 'C' },
    stdout: 'pipe',
    server: name,
  });
  const version = stdout.trim();
  const major = Number(/\) (\d+)/.exec(version)?.[1] ?? 0);
  return { file, version, major };
}

function versionFolders(root: string, bin: (version: string) => string): string[] {
  try {
    return fs
      .readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map(bin);
  } catch {
    return [];
  }
}

/** The environment without libpq's own variables, which would change what the address says. */
function withoutLibpq(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('PG')));
}

/**
 * The connection, as libpq's environment: the same server, login and TLS rules poolConfig read
 * from the address. Messages in English (`LC_ALL=C`): progress is read from them.
 */
function libpqEnvironment(
  config: ReturnType<typeof poolConfig>,
  url: string,
  major: number,
): NodeJS.ProcessEnv {
  // poolConfig has read and checked the address, and demands verify-full; it keeps the
  // certificate file's contents, libpq wants its name.
  const rootcert = new URL(url).searchParams.get('sslrootcert');
  return {
    ...withoutLibpq(process.env),
    LC_ALL: 'C',
    PGHOST: config.host,
    PGPORT: String(config.port),
    PGUSER: String(config.user),
    PGDATABASE: config.database,
    ...(config.password === undefined ? {} : { PGPASSWORD: config.password }),
    PGSSLMODE: 'verify-full',
    PGSSLROOTCERT: rootcert && rootcert !== 'system' ? path.resolve(rootcert) : systemRoots(major),
    PGAPPNAME: 'visitdesk-backup',
    PGCONNECT_TIMEOUT: '5',
  };
}

/** The system's certificate authorities: libpq 16 names them `system`; 15 needs the file. */
function systemRoots(major: number): string {
  if (major >= 16) return 'system';
  const bundles = [
    '/etc/ssl/certs/ca-certificates.crt',
    '/etc/pki/tls/certs/ca-bundle.crt',
    '/etc/ssl/cert.pem',
  ];
  const found = bundles.find((f) => fs.existsSync(f));
  if (!found) {
    throw new AppFailure(
      'PG_TLS_FAILED',
      'the database address names no sslrootcert and this system has no certificate bundle for pg_dump; add sslrootcert=<file> to the address',
    );
  }
  return found;
}

/** A libpq connection-string value, quoted: the tools read `--dbname` as one. */
function conninfoValue(key: string, value: string): string {
  return `${key}='${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

interface RunOptions {
  env: NodeJS.ProcessEnv;
  stdout: number | 'pipe' | 'ignore';
  signal?: AbortSignal | undefined;
  onLine?: (line: string) => void;
  /** What the messages name: the server, or the file. */
  server: string;
  password?: string | undefined;
}

/**
 * Runs a client program (no shell) to its end. Its stderr is read line by line; a failure is
 * an AppFailure made of its last error line. Aborting kills it.
 */
function runTool(file: string, args: string[], options: RunOptions): Promise<{ stdout: string }> {
  const tool = path.basename(file).replace(/\.exe$/, '');
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(cancelled());
    const child = spawn(file, args, {
      env: options.env,
      stdio: ['ignore', options.stdout, 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let pending = '';
    const tail: string[] = [];
    const onAbort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        options.onLine?.(line);
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        error.code === 'ENOENT'
          ? new AppFailure(
              'NOT_FOUND',
              `${tool} was not found: install the PostgreSQL client tools`,
            )
          : error,
      );
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (pending) tail.push(pending);
      if (options.signal?.aborted) return reject(cancelled());
      if (code === 0) return resolve({ stdout });
      reject(toolFailure(tool, tail, options.server, options.password));
    });
  });
}

function cancelled(): AppFailure {
  return new AppFailure('CANCELLED', 'cancelled; nothing was kept');
}

/** A client program's failure in one sentence, with the code of what a user can act on. */
function toolFailure(tool: string, tail: string[], server: string, password?: string): AppFailure {
  // Only what it said went wrong: its progress lines name tables, which may say anything.
  const said = tail.filter((l) =>
    /^(pg_dump|pg_restore|pg_wrapper): (error|detail|hint):|FATAL|ERROR|DETAIL|HINT/.test(l),
  );
  const raw = (
    said.find((l) => /error:/.test(l)) ??
    said[0] ??
    tail.filter(Boolean).at(-1) ??
    `${tool} failed`
  ).trim();
  const line = password ? raw.split(password).join('***') : raw;
  const all = said.join('\n');
  const failure = (code: ConstructorParameters<typeof AppFailure>[0], what: string) =>
    new AppFailure(code, `${what}: ${line}`);
  if (/could not read from input file|could not uncompress data|unexpected end of file/.test(all)) {
    return failure('VALIDATION', `${tool} could not read the backup file (damaged)`);
  }
  if (/server version mismatch|unsupported version .* in file header/.test(all)) {
    return failure(
      'NOT_FOUND',
      `${tool} is older than ${server} needs; install newer PostgreSQL client tools`,
    );
  }
  if (/password authentication failed|no password supplied/.test(all)) {
    return failure('PG_AUTH_FAILED', `${server} refused the login`);
  }
  if (/SSL|certificate/i.test(all))
    return failure('PG_TLS_FAILED', `no trusted TLS connection to ${server}`);
  if (/could not connect|Connection refused|timeout expired|could not translate host/.test(all)) {
    return failure('PG_UNREACHABLE', `cannot reach ${server}`);
  }
  if (/database ".*" does not exist/.test(all))
    return failure('PG_NO_DATABASE', `${server} has no such database`);
  if (/read-only transaction/.test(all)) return failure('PG_READ_ONLY', `${server} is read-only`);
  if (/No space left on device|could not extend file/.test(all))
    return failure('DISK_FULL', `${tool}: disk full`);
  if (/permission denied|must be owner/.test(all)) {
    return failure('FORBIDDEN', `${tool} was not allowed what it needs on ${server}`);
  }
  return failure('INTERNAL', `${tool} failed on ${server}`);
}

/** A Kysely on one connection: the snapshot pg_dump imports lives as long as its transaction. */
function singleConnection(config: ReturnType<typeof poolConfig>): Kysely<DB> {
  const pool = new pg.Pool({ ...config, max: 1 });
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The renames themselves survive a power cut once the folder is synced (not on Windows). */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
