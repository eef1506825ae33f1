import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import {
  backupPostgres,
  manifestFileOf,
  restorePostgres,
  type PostgresBackupManifest,
} from '../../../electron/core/backup/postgres';
import { latestVersion } from '../../../electron/core/db/migrations';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { AppFailure } from '../../../electron/shared/result';
import { openTestEngine, type EngineUnderTest } from '../support/engines';
import {
  asSuperuser,
  freshDatabase,
  testClusterUrl,
  withDatabase,
  type TestDatabase,
} from '../support/postgres';

/**
 * Backups and restores on PostgreSQL (issue 19): pg_dump and pg_restore on the tests' cluster,
 * a restore checked against what the backup recorded, and every refusal leaving the target
 * database as it was.
 */

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-pgbackup-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function source(): Promise<EngineUnderTest> {
  // As the superuser: a backup must see every branch, and the app's own login is refused one
  // (below); the tests' writes go through the same engine.
  const under = await openTestEngine('postgres', { superuser: true });
  cleanups.push(() => under.close());
  const { engine } = under;
  for (let i = 1; i <= 12; i++) {
    await engine.transaction(async (tx) => {
      await tx
        .insertInto('meta')
        .values({ key: `k${i}`, value: `值 ${i}\n\ttab` })
        .execute();
      await appendAuditRow(engine, tx, {
        staffId: null,
        action: 'test.write',
        entity: 'meta',
        entityId: `k${i}`,
        // Every third row sealed with a borrower's key (audit_subject_keys gets rows too).
        ...(i % 3 === 0 ? { subject: i } : {}),
        after: { value: i },
      });
    });
  }
  return under;
}

async function emptyTarget(): Promise<TestDatabase> {
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  return database;
}

/** Every table's rows, all branches, as the cluster's superuser sees them. */
async function rowsPerTable(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace
       AND relkind = 'r' ORDER BY relname`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const counted = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM public."${name}"`,
      );
      counts[name] = Number(counted.rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Anything at all in schema public (relations, routines). */
async function publicObjects(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)
        + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace) AS n`,
    );
    return Number(found.rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function chainOf(url: string) {
  const engine = await postgresEngine({ url, seesEveryBranch: true });
  try {
    return await verifyChain(engine.db, 'postgres');
  } finally {
    await engine.close();
  }
}

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

/** The command lines of this process's children that run `name`. */
function childCommandLines(name: string): string[][] {
  const lines: string[][] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.some((a) => a.includes(name))) lines.push(argv);
    } catch {
      // Ended while being read.
    }
  }
  return lines;
}

describe('backupPostgres and restorePostgres', () => {
  it('restores a backup into an empty database with the same rows, chain and head', async () => {
    const from = await source();
    const file = path.join(folder(), 'branch.dump');
    const password = decodeURIComponent(new URL(testClusterUrl()).password);
    expect(password.length).toBeGreaterThan(0);
    const seen: string[][] = [];
    const progress: [number, number][] = [];
    // pg_dump's command line, read while it runs: every few milliseconds, not only when a
    // progress line arrives (its last lines can be read after it has exited and been reaped).
    const watch = setInterval(() => seen.push(...childCommandLines('pg_dump')), 5);
    const backup = await backupPostgres({
      url: from.url!,
      file,
      onProgress: (done, total) => progress.push([done, total]),
    }).finally(() => clearInterval(watch));

    // pg_dump ran, and neither the password nor the address was on its command line, nor on
    // that of Debian's wrapper (/usr/bin/pg_dump is a Perl script that execs the real one) or
    // of the `pg_dump --version` that found the tool.
    const dumps = seen.filter(
      (argv) => path.basename(argv[0]!) === 'pg_dump' && !argv.includes('--version'),
    );
    expect(dumps.length).toBeGreaterThan(0);
    for (const argv of seen) {
      expect(argv.join(' ')).not.toContain(password);
      expect(argv.join(' ')).not.toContain('postgres://');
    }
    for (const argv of dumps) expect(argv).toContain('--format=custom');
    const tables = Object.keys(await rowsPerTable(from.url!)).length;
    expect(backup).toEqual({ file, bytes: fs.statSync(file).size, tables });
    expect(progress[0]).toEqual([0, tables]);
    expect(progress.at(-1)).toEqual([tables, tables]);
    // Owner-only: the dump holds personal data; the manifest too.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(manifestFileOf(file)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['branch.dump', 'branch.dump.json']);

    const manifest = JSON.parse(
      fs.readFileSync(manifestFileOf(file), 'utf8'),
    ) as PostgresBackupManifest;
    const sourceChain = await verifyChain(from.engine.db, 'postgres');
    expect(sourceChain).toMatchObject({ ok: true, rows: 12 });
    expect(manifest).toMatchObject({
      schemaVersion: latestVersion,
      audit: [{ branchId: 1, lastId: 12, hash: sourceChain.head }],
    });
    expect(manifest.rows).toContainEqual({ table: 'audit_log', branchId: 1, count: 12 });
    expect(manifest.rows).toContainEqual({ table: 'audit_subject_keys', branchId: 1, count: 4 });

    const target = await emptyTarget();
    const restoreProgress: [number, number][] = [];
    const restored = await restorePostgres({
      url: target.url,
      file,
      onProgress: (done, total) => restoreProgress.push([done, total]),
    });
    expect(restored).toEqual({ tables, auditRows: 12, schemaVersion: latestVersion });
    expect(restoreProgress.at(-1)).toEqual([tables, tables]);
    expect(await rowsPerTable(target.url)).toEqual(await rowsPerTable(from.url!));
    expect(await chainOf(target.url)).toEqual(sourceChain);
    // The restored database works as a Visitdesk database: the next append links to the head.
    const engine = await postgresEngine({ url: target.url, seesEveryBranch: true });
    try {
      await engine.transaction((tx) =>
        appendAuditRow(engine, tx, { staffId: null, action: 'after.restore', entity: 'meta' }),
      );
      expect(await verifyChain(engine.db, 'postgres')).toMatchObject({ ok: true, rows: 13 });
      await expect(
        engine.transaction((tx) => tx.deleteFrom('audit_log').where('id', '=', 1).execute()),
      ).rejects.toThrow(/append-only/);
    } finally {
      await engine.close();
    }
  });

  it('restores every branch, checked branch by branch, as the superuser or as the app’s own login', async () => {
    // The app's own login: no superuser, so row-level security binds it to its branch.
    const role = `vd_app_${crypto.randomBytes(4).toString('hex')}`;
    const password = crypto.randomBytes(12).toString('hex');
    await asSuperuser((c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    cleanups.push(() => asSuperuser((c) => c.query(`DROP ROLE ${role}`)).then(() => undefined));
    const from = await source();
    await sql`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${sql.id(role)}`.execute(
      from.engine.db,
    );
    // A second branch in the same database, written by that login, with its own chain.
    const fromName = new URL(from.url!).pathname.slice(1);
    const second = await postgresEngine({
      url: withDatabase(testClusterUrl(), fromName, { user: role, password }),
      branchId: 2,
    });
    try {
      await second.transaction((tx) =>
        tx
          .insertInto('audit_head')
          .values({ last_id: 0, hash: '0'.repeat(64) })
          .execute(),
      );
      for (let i = 1; i <= 5; i++) {
        await second.transaction(async (tx) => {
          await tx
            .insertInto('meta')
            .values({ key: `b2-${i}`, value: 'x' })
            .execute();
          await appendAuditRow(second, tx, { staffId: null, action: 'b2.write', entity: 'meta' });
        });
      }
    } finally {
      await second.close();
    }
    const file = path.join(folder(), 'two.dump');
    await backupPostgres({ url: from.url!, file });
    const manifest = JSON.parse(
      fs.readFileSync(manifestFileOf(file), 'utf8'),
    ) as PostgresBackupManifest;
    expect(manifest.audit.map((a) => [a.branchId, a.lastId])).toEqual([
      [1, 12],
      [2, 5],
    ]);

    // The superuser sees both chains at once; each is still checked alone.
    const asAdmin = await emptyTarget();
    await expect(restorePostgres({ url: asAdmin.url, file })).resolves.toMatchObject({
      auditRows: 17,
    });
    expect(await rowsPerTable(asAdmin.url)).toEqual(await rowsPerTable(from.url!));

    // The app's own login, which owns the new database and which row-level security binds:
    // the restored tables are its own, and each branch's rows are checked through the policy.
    const name = `vd_${crypto.randomBytes(6).toString('hex')}`;
    await asSuperuser((c) => c.query(`CREATE DATABASE ${name} OWNER ${role}`));
    cleanups.push(() =>
      asSuperuser((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
    );
    const appUrl = withDatabase(testClusterUrl(), name, { user: role, password });
    await expect(restorePostgres({ url: appUrl, file })).resolves.toMatchObject({
      auditRows: 17,
    });
    const superuserUrl = withDatabase(testClusterUrl(), name);
    expect(await rowsPerTable(superuserUrl)).toEqual(await rowsPerTable(from.url!));
    // That login cannot make a backup: it would hold one branch only.
    const refused = await failureOf(
      backupPostgres({ url: appUrl, file: path.join(folder(), 'one-branch.dump') }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('refuses to restore into a database that is not empty, and changes nothing', async () => {
    const from = await source();
    const file = path.join(folder(), 'b.dump');
    await backupPostgres({ url: from.url!, file });
    const before = await rowsPerTable(from.url!);
    const refused = await failureOf(restorePostgres({ url: from.url!, file }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/not empty.*nothing was changed/);
    expect(await rowsPerTable(from.url!)).toEqual(before);
    expect(await chainOf(from.url!)).toMatchObject({ ok: true, rows: 12 });

    // Another application's one table is enough to refuse, and it stays.
    const other = await emptyTarget();
    const client = new pg.Client({ connectionString: other.url });
    await client.connect();
    await client.query('CREATE TABLE invoices (id int); INSERT INTO invoices VALUES (1)');
    await client.end();
    expect((await failureOf(restorePostgres({ url: other.url, file }))).details).toEqual({
      objects: ['invoices'],
    });
    expect(await rowsPerTable(other.url)).toEqual({ invoices: 1 });
  });

  it('refuses a file that is not a whole Visitdesk dump, and leaves the target empty', async () => {
    const from = await source();
    const dir = folder();
    const file = path.join(dir, 'b.dump');
    await backupPostgres({ url: from.url!, file });
    const manifest = fs.readFileSync(manifestFileOf(file), 'utf8');
    const target = await emptyTarget();
    const attempt = async (bytes: Buffer, manifestText: string | null) => {
      const name = path.join(dir, `try-${Math.random().toString(36).slice(2)}.dump`);
      fs.writeFileSync(name, bytes);
      if (manifestText !== null) fs.writeFileSync(manifestFileOf(name), manifestText);
      const failure = await failureOf(restorePostgres({ url: target.url, file: name }));
      expect(await publicObjects(target.url)).toBe(0);
      return failure;
    };
    const whole = fs.readFileSync(file);
    const cut = whole.subarray(0, Math.floor(whole.length * 0.9));
    const matching = (bytes: Buffer) => {
      const m = JSON.parse(manifest) as PostgresBackupManifest;
      m.dump = {
        bytes: bytes.length,
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      };
      return JSON.stringify(m);
    };

    // No manifest beside it.
    expect((await attempt(whole, null)).message).toMatch(/manifest .* is missing/);
    // Cut short, with the manifest of the whole dump.
    expect((await attempt(cut, manifest)).message).toMatch(/changed or cut short/);
    // Garbage, with a manifest made to match it: pg_restore cannot read it.
    expect(
      (
        await attempt(
          Buffer.from('not a dump at all\n'),
          matching(Buffer.from('not a dump at all\n')),
        )
      ).message,
    ).toMatch(/pg_dump custom-format archive/);
    // Its table of contents whole but its rows damaged, with a manifest made to match:
    // pg_restore makes the tables, fails in the rows, and its one transaction rolls back.
    const damaged = Buffer.from(whole);
    for (let i = damaged.length - 120; i < damaged.length; i++) damaged[i]! ^= 0x5a;
    const midway = await attempt(damaged, matching(damaged));
    expect(midway.message).toMatch(/^pg_restore could not read the backup file/);
    // A dump of another application's database.
    const other = await emptyTarget();
    const client = new pg.Client({ connectionString: other.url });
    await client.connect();
    await client.query('CREATE TABLE invoices (id int)');
    await client.end();
    const foreign = await failureOf(
      backupPostgres({ url: other.url, file: path.join(dir, 'o.dump') }),
    );
    expect(foreign.code).toBe('DB_NOT_VISITDESK');
    expect(fs.existsSync(path.join(dir, 'o.dump'))).toBe(false);
  });

  it('refuses a backup whose audit chain was tampered with, and empties the target again', async () => {
    const from = await source();
    // Someone with the superuser's rights edits row 5 behind the triggers' back.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(from.engine.db);
    await sql`UPDATE audit_log SET action = 'edited' WHERE id = 5`.execute(from.engine.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(from.engine.db);
    const file = path.join(folder(), 'b.dump');
    await backupPostgres({ url: from.url!, file });
    const target = await emptyTarget();
    const refused = await failureOf(restorePostgres({ url: target.url, file }));
    expect(refused.code).toBe('DB_DAMAGED');
    expect(refused.message).toMatch(/audit chain breaks at row 5.*emptied again/);
    expect(await publicObjects(target.url)).toBe(0);
    // The same target then takes a good backup.
    const good = await source();
    const goodFile = path.join(folder(), 'good.dump');
    await backupPostgres({ url: good.url!, file: goodFile });
    await expect(restorePostgres({ url: target.url, file: goodFile })).resolves.toMatchObject({
      auditRows: 12,
    });
  });

  it('refuses a restore whose rows differ from what the backup recorded', async () => {
    const from = await source();
    const file = path.join(folder(), 'b.dump');
    await backupPostgres({ url: from.url!, file });
    const manifest = JSON.parse(
      fs.readFileSync(manifestFileOf(file), 'utf8'),
    ) as PostgresBackupManifest;
    const target = await emptyTarget();

    const meta = manifest.rows.find((r) => r.table === 'meta')!;
    fs.writeFileSync(
      manifestFileOf(file),
      JSON.stringify({
        ...manifest,
        rows: manifest.rows.map((r) => (r === meta ? { ...r, count: r.count + 1 } : r)),
      }),
    );
    const counts = await failureOf(restorePostgres({ url: target.url, file }));
    expect(counts.code).toBe('DB_DAMAGED');
    expect(counts.details).toEqual({
      problems: [`meta of branch 1: ${meta.count} rows, recorded ${meta.count + 1}`],
    });
    expect(await publicObjects(target.url)).toBe(0);

    // The last rows of the chain cut off verify as a chain; only the recorded head finds it.
    fs.writeFileSync(
      manifestFileOf(file),
      JSON.stringify({
        ...manifest,
        audit: [{ ...manifest.audit[0]!, lastId: 13, hash: 'f'.repeat(64) }],
      }),
    );
    const head = await failureOf(restorePostgres({ url: target.url, file }));
    expect(head.message).toMatch(/ends at row 12, recorded 13/);
    expect(await publicObjects(target.url)).toBe(0);

    fs.writeFileSync(
      manifestFileOf(file),
      JSON.stringify({ ...manifest, schemaVersion: latestVersion + 1 }),
    );
    expect((await failureOf(restorePostgres({ url: target.url, file }))).code).toBe(
      'DB_NEWER_THAN_APP',
    );
    expect(await publicObjects(target.url)).toBe(0);
  });

  it('cancelled, keeps no partial file and restores nothing', async () => {
    const from = await source();
    const dir = folder();
    const file = path.join(dir, 'b.dump');
    const stop = new AbortController();
    const cancelled = await failureOf(
      backupPostgres({
        url: from.url!,
        file,
        signal: stop.signal,
        onProgress: (done) => {
          if (done === 1) stop.abort();
        },
      }),
    );
    expect(cancelled.code).toBe('CANCELLED');
    expect(fs.readdirSync(dir)).toEqual([]);

    await backupPostgres({ url: from.url!, file });
    const target = await emptyTarget();
    const stopRestore = new AbortController();
    const restoreCancelled = await failureOf(
      restorePostgres({
        url: target.url,
        file,
        signal: stopRestore.signal,
        onProgress: (done) => {
          if (done === 1) stopRestore.abort();
        },
      }),
    );
    expect(restoreCancelled.code).toBe('CANCELLED');
    // pg_restore's one transaction ends with its connection.
    await expect.poll(() => publicObjects(target.url)).toBe(0);
    await expect(restorePostgres({ url: target.url, file })).resolves.toMatchObject({
      auditRows: 12,
    });
  });
});
