import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { postgresSchemaVersion } from '../../../electron/core/db/postgres/migrate';
import { latestVersion } from '../../../electron/core/db/migrations';
import { tempDir } from '../support/core';
import { asSuperuser, freshDatabase, testClusterUrl, withDatabase } from '../support/postgres';
import { cli, initBranch, openCore } from './support';

/**
 * The command line on PostgreSQL (issue 19): `--database-url` (or VISITDESK_DATABASE_URL) on
 * init, backup and restore; every refusal one sentence, with nothing written and no password
 * shown. The other commands run as a desk on the server: server-desk.test.ts.
 */

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** An empty database owned by a login of its own, as a bank's DBA would hand it over. */
async function appDatabase() {
  const user = `vd_app_${crypto.randomBytes(4).toString('hex')}`;
  const password = `pw-${crypto.randomBytes(12).toString('hex')}`;
  const name = `vd_cli_${crypto.randomBytes(4).toString('hex')}`;
  await asSuperuser(async (c) => {
    await c.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);
    await c.query(`CREATE DATABASE ${name} OWNER ${user}`);
  });
  cleanups.push(() =>
    asSuperuser(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${user}`);
    }),
  );
  return {
    name,
    password,
    url: withDatabase(testClusterUrl(), name, { user, password }),
    admin: withDatabase(testClusterUrl(), name),
  };
}

const schemaOf = async (url: string) => {
  const engine = await postgresEngine({ url, seesEveryBranch: true });
  try {
    return await postgresSchemaVersion(engine.db);
  } finally {
    await engine.close();
  }
};

describe('init --database-url', () => {
  let db: Awaited<ReturnType<typeof appDatabase>>;
  beforeAll(async () => {
    db = await appDatabase();
  });

  it('creates the schema in an empty database as the app’s own login, and says so', async () => {
    const run = await cli(['init', '--database-url', db.url, '--lang', 'en']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Created Visitdesk's schema (version ${latestVersion}) in 127.0.0.1:${new URL(db.url).port}/${db.name}.`,
    );
    expect(await schemaOf(db.admin)).toBe(latestVersion);
  });

  it('refuses a database that already holds it, changing nothing', async () => {
    const run = await cli(['init', '--database-url', db.url, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`already holds Visitdesk's schema (version ${latestVersion})`);
  });

  it('takes the address from VISITDESK_DATABASE_URL, in Chinese by default', async () => {
    const other = await appDatabase();
    const run = await cli(['init', '--json'], 'unused', { VISITDESK_DATABASE_URL: other.url });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: latestVersion });
    const again = await cli(['init'], 'unused', { VISITDESK_DATABASE_URL: other.url });
    expect(again.stderr).toContain('该数据库已有 Visitdesk 的表结构');
  });

  it('refuses another application’s database, a wrong password, an unreachable server and a plain connection, in one sentence each, writing nothing', async () => {
    const foreign = await appDatabase();
    const owner = await postgresEngine({ url: foreign.admin, seesEveryBranch: true });
    await owner.db.schema.createTable('invoices').addColumn('id', 'integer').execute();
    await owner.close();
    const other = await cli(['init', '--database-url', foreign.url, '--lang', 'en', '--json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stderr).error.code).toBe('DB_NOT_VISITDESK');
    expect(await schemaOf(foreign.admin)).toBe(0);

    const wrong = new URL(db.url);
    wrong.password = 'not-the-password';
    const refused = await cli(['init', '--database-url', wrong.toString(), '--lang', 'en']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toContain('not-the-password');
    expect(refused.stderr).not.toContain(db.password);
    expect(refused.stderr.split('\n')).toHaveLength(1);

    const away = new URL(db.url);
    away.port = '1';
    const unreachable = await cli(['init', '--database-url', away.toString(), '--json']);
    expect(JSON.parse(unreachable.stderr).error.code).toBe('PG_UNREACHABLE');

    const plain = db.url.replace(/\?.*$/, '?sslmode=disable');
    const tls = await cli(['init', '--database-url', plain, '--json']);
    expect(JSON.parse(tls.stderr).error.code).toBe('PG_TLS_REQUIRED');
  });

  it('refuses a superuser login for the schema (it would own tables no desk may use)', async () => {
    const fresh = await freshDatabase();
    cleanups.push(() => fresh.drop());
    const run = await cli(['init', '--database-url', fresh.url, '--json']);
    expect(JSON.parse(run.stderr).error.code).toBe('PG_SEES_EVERY_BRANCH');
    expect(await schemaOf(fresh.url)).toBe(0);
  });
});

describe('backup and restore --database-url', () => {
  it('round-trips a branch through pg_dump into an empty database, checked', async () => {
    const source = await appDatabase();
    expect((await cli(['init', '--database-url', source.url])).code).toBe(0);
    const desk = await postgresEngine({ url: source.url });
    for (const n of [1, 2, 3]) {
      await desk.transaction((tx) =>
        appendAuditRow(desk, tx, {
          staffId: null,
          action: 'test.row',
          entity: 'test',
          entityId: n,
        }),
      );
    }
    await desk.close();
    const out = path.join(tempDir(), 'branch.dump');
    // A backup sees every branch: the maintenance login.
    const backup = await cli([
      'backup',
      '--database-url',
      source.admin,
      '--out',
      out,
      '--lang',
      'en',
    ]);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(
      /^Backed up \d+ tables to .*branch\.dump \(\d+ bytes\) with its manifest .*branch\.dump\.json; keep the two files together\.$/,
    );
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);

    const target = await appDatabase();
    const restored = await cli(['restore', '--database-url', target.url, '--from', out, '--json']);
    expect(restored.stderr).toBe('');
    expect(JSON.parse(restored.stdout)).toMatchObject({
      auditRows: 3,
      schemaVersion: latestVersion,
    });
    // Into a database that is no longer empty: refused.
    const again = await cli(['restore', '--database-url', target.url, '--from', out, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('CONFLICT');
  });
});

describe('copy-to-postgres', () => {
  it('moves this PC’s branch into the server’s empty database, checked, and refuses a second time', async () => {
    const branch = await initBranch();
    const server = await appDatabase();
    expect((await cli(['init', '--database-url', server.url])).code).toBe(0);
    const copy = await cli([
      'copy-to-postgres',
      '--db',
      branch.db,
      '--database-url',
      server.url,
      '--json',
    ]);
    expect(copy.stderr).toBe('');
    const report = JSON.parse(copy.stdout) as { auditRows: number; auditHead: string };
    const desk = await postgresEngine({ url: server.url });
    try {
      const staff = await desk.db.selectFrom('staff').select(['name', 'role']).execute();
      expect(staff).toEqual([{ name: 'admin', role: 'manager' }]);
      expect(await verifyChain(desk.db, 'postgres')).toMatchObject({
        ok: true,
        rows: report.auditRows,
        head: report.auditHead,
      });
    } finally {
      await desk.close();
    }
    // The PC's key file opens the copy as a desk on the server (its slots seal the key whose
    // check the copy wrote): stats as the manager, with the server's address.
    const stats = await cli(['stats', '--db', branch.db, '--database-url', server.url, '--json']);
    expect([stats.code, stats.stderr]).toEqual([0, '']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ tables: { staff: 1 } });
    const again = await cli([
      'copy-to-postgres',
      '--db',
      branch.db,
      '--database-url',
      server.url,
      '--json',
    ]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('CONFLICT');
  });
});

describe('copy-to-postgres as anyone but the manager', () => {
  it('refuses an officer (audited) and a wrong passphrase, copying nothing', async () => {
    const branch = await initBranch();
    const core = openCore(branch.db);
    expect(
      (await core.invoke('auth:signIn', { username: 'admin', passphrase: 'correct horse battery' }))
        .ok,
    ).toBe(true);
    const staff = await core.invoke('staff:create', {
      staffNo: 'R-1',
      name: '李明',
      role: 'officer',
    });
    if (!staff.ok) throw new Error(staff.error.message);
    const passphrase = 'officer passphrase 1';
    const made = await core.invoke('accounts:create', {
      staffId: staff.data.id,
      username: 'li.ming',
      passphrase,
      confirm: passphrase,
    });
    expect(made.ok).toBe(true);
    await core.app.settle();
    core.app.lock('quit');
    const server = await appDatabase();
    expect((await cli(['init', '--database-url', server.url])).code).toBe(0);
    const args = ['copy-to-postgres', '--db', branch.db, '--database-url', server.url, '--json'];
    const officer = await cli([...args, '--user', 'li.ming'], passphrase);
    expect(JSON.parse(officer.stderr).error.code).toBe('FORBIDDEN');
    const wrong = await cli(args, 'not the passphrase');
    expect(JSON.parse(wrong.stderr).error.code).toBe('BAD_CREDENTIALS');
    const desk = await postgresEngine({ url: server.url });
    try {
      expect(await desk.db.selectFrom('staff').select('id').execute()).toEqual([]);
    } finally {
      await desk.close();
    }
    const again = openCore(branch.db);
    expect(
      (
        await again.invoke('auth:signIn', {
          username: 'admin',
          passphrase: 'correct horse battery',
        })
      ).ok,
    ).toBe(true);
    const refused = again.app.db
      .prepare(
        "SELECT after FROM audit_log WHERE action = 'access.refused' AND entity_id = 'copy-to-postgres'",
      )
      .all() as { after: string }[];
    expect(refused.map((r) => JSON.parse(r.after) as unknown)).toEqual([{ role: 'officer' }]);
    again.app.lock('quit');
  });
});
