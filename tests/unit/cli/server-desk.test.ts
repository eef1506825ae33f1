import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/main';
import { residentId } from '../cases/support';
import { MANAGER, tempDir } from '../support/core';
import { signedInCoreOn } from '../support/desk';
import type { AppDatabase } from '../support/postgres';
import { cli } from './support';

/**
 * The command line as a desk on a PostgreSQL server (issue 19): every command that signs in
 * runs through the dispatcher on the server VISITDESK_DATABASE_URL (or --database-url) names,
 * with the key file beside --db as the app keeps it; the password comes from the key file.
 */

const EN = { LANG: 'en_US.UTF-8' };

/**
 * A server database set up by the app's own setup screen, from a desk folder of its own, then
 * signed out: the commands sign in with the key file beside --db and the address alone.
 */
async function serverDesk() {
  const core = await signedInCoreOn('postgres');
  const database = core.database!;
  await core.app.settle();
  core.app.lock('signOut');
  await core.app.closed();
  const parsed = new URL(database.appUrl);
  parsed.password = '';
  const address = parsed.toString();
  const { dir } = core;
  const db = path.join(dir, 'visitdesk.db');
  return { database, address, dir, db, env: { ...EN, VISITDESK_DATABASE_URL: address } };
}

async function onServer(database: AppDatabase, text: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const header =
  '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,逾期起始日';

describe('the desk commands on a PostgreSQL server', () => {
  it('import, stats, verify and export-summary run on the server with the key file’s password', async () => {
    const { database, dir, db, env } = await serverDesk();
    const file = path.join(dir, 'cases.csv');
    fs.writeFileSync(
      file,
      [
        header,
        `张三,${residentId('1980-05-17', 131)},13800138001,石桥镇,溪口村,DK-1,10000,2025-03-01,8000,1234.50,2026-10-03`,
        `李梅,${residentId('1975-02-11', 242)},13800138002,石桥镇,溪口村,DK-2,20000,2025-04-01,15000,0,`,
      ].join('\r\n'),
    );
    const imported = await cli(
      ['import', '--db', db, '--file', file, '--as-of', '2026-11-01', '--json'],
      MANAGER.passphrase,
      env,
    );
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ written: true, total: 2, rejected: 0 });
    // On the server, not in a file beside --db.
    expect(fs.existsSync(db)).toBe(false);
    const borrowers = await onServer(database, 'SELECT name FROM borrowers ORDER BY name');
    expect(borrowers.map((r: { name: string }) => r.name).sort()).toEqual(['张三', '李梅'].sort());

    const stats = await cli(['stats', '--db', db, '--json'], MANAGER.passphrase, env);
    expect(stats.code).toBe(0);
    const tables = (JSON.parse(stats.stdout) as { tables: Record<string, number> }).tables;
    expect(tables).toMatchObject({ borrowers: 2, loans: 2, staff: 1, branch: 1 });

    const verify = await cli(['verify', '--db', db, '--json'], MANAGER.passphrase, env);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, integrity: 'ok' });

    const out = path.join(dir, 'summary.xlsx');
    const summary = await cli(
      [
        'export-summary',
        '--db',
        db,
        '--month',
        '2026-10',
        '--out',
        out,
        '--purpose',
        '月报上报总行',
      ],
      MANAGER.passphrase,
      env,
    );
    expect(summary.stderr).toBe('');
    expect(summary.code).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);

    const actions = await onServer(database, 'SELECT action FROM audit_log ORDER BY id');
    expect(actions.map((r: { action: string }) => r.action)).toContain('cases.import');
  });

  it('refuses a wrong passphrase and a desk folder without its key file, in one sentence', async () => {
    const { db, env } = await serverDesk();
    const wrong = await cli(['stats', '--db', db], 'not the passphrase', env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.split('\n')).toHaveLength(1);

    const elsewhere = path.join(tempDir(), 'visitdesk.db');
    const noKeys = await cli(['stats', '--db', elsewhere], MANAGER.passphrase, env);
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toContain('has no key file beside it');
    expect(noKeys.stderr.split('\n')).toHaveLength(1);
  });

  it('never ignores VISITDESK_DATABASE_URL: every command runs as a desk or takes --database-url', () => {
    for (const command of commands) {
      expect(
        command.desk === true || 'database-url' in command.options,
        `${command.name} would ignore the server's address`,
      ).toBe(true);
    }
  });
});
