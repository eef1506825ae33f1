import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFileOf } from '../../../electron/cli/database-file';
import { readSlotFile } from '../../../electron/core/db/keyslots';
import { tempDir } from '../support/core';
import { cli, openCore } from './support';

describe('CLI', () => {
  it('init prints the recovery key as JSON and creates an encrypted database', async () => {
    const db = path.join(tempDir(), 'v.db');
    // The command line's own scrypt cost (the other tests lower it to save time).
    const { code, stdout } = await cli(
      [
        'init',
        '--db',
        db,
        '--branch-name',
        '石桥支行',
        '--branch-code',
        'QS1',
        '--user',
        'boss',
        '--json',
      ],
      undefined,
      {},
      null,
    );
    expect(code).toBe(0);
    const slots = readSlotFile(keyFileOf(db));
    expect(slots.slots.map((slot) => slot.kdf)).toEqual([
      expect.objectContaining({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 }),
    ]);
    const parsed = JSON.parse(stdout) as { recoveryKey: string };
    expect(parsed.recoveryKey).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/);
    expect(fs.readFileSync(db).includes(Buffer.from('石桥支行'))).toBe(false);
    const stats = await cli(['stats', '--db', db, '--user', 'boss', '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ tables: { branch: 1, staff: 1 } });
  });

  it('verify exits 0 on a sound database and non-zero after tampering', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const good = await cli(['verify', '--db', db, '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      ok: true,
      integrity: 'ok',
      audit: { ok: true },
    });
    const core = openCore(db);
    const signIn = await core.invoke('auth:signIn', {
      username: 'admin',
      passphrase: 'correct horse battery',
    });
    expect(signIn.ok).toBe(true);
    core.app.db.exec('DROP TRIGGER audit_log_no_update');
    core.app.db.prepare("UPDATE audit_log SET action = 'forged' WHERE id = 1").run();
    core.app.lock('quit');
    const bad = await cli(['verify', '--db', db, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      audit: { ok: false, firstBadId: 1 },
    });
    const told = await cli(['verify', '--db', db, '--lang', 'en']);
    expect(told.code).toBe(1);
    expect(told.stdout).toBe(`${db} has problems: the audit chain breaks at row 1.`);
    expect((await cli(['verify', '--db', db])).stdout).toBe(
      `${db} 有问题：审计链在第 1 条记录处断开。`,
    );
  });

  it('backup and restore round-trip; restore keeps the replaced file', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const out = path.join(dir, 'copy.db');
    const made = await cli(['backup', '--db', db, '--out', out, '--json']);
    expect(made.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'copy.keys.json'))).toBe(true);
    const restored = await cli(['restore', '--from', out, '--db', db, '--json']);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout).replaced).toMatch(/v\.db\.replaced-/);
    expect((await cli(['verify', '--db', db])).code).toBe(0);
  });

  it('errors go to stderr with a non-zero exit, as JSON with --json', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const wrong = await cli(['stats', '--db', db, '--json'], 'not the passphrase');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(JSON.parse(wrong.stderr)).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    const missing = await cli(['stats', '--db', path.join(dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `错误：${path.join(dir, 'nope.db')} 处没有 Visitdesk 数据库：请用 --db 给出数据库文件，或先用 init 创建。`,
    );
    expect(fs.existsSync(path.join(dir, 'nope.db'))).toBe(false);
    expect((await cli(['no-such-command'])).code).toBe(2);
    expect((await cli(['stats', '--bogus'])).code).toBe(2);
    const badInit = await cli([
      'init',
      '--db',
      path.join(dir, 'x.db'),
      '--branch-name',
      'B',
      '--branch-code',
      '!',
      '--json',
    ]);
    expect(badInit.code).toBe(1);
    expect(JSON.parse(badInit.stderr)).toMatchObject({
      error: { code: 'VALIDATION', fields: { 'branch.code': 'v.branchCode' } },
    });
  });
});

describe('CLI beside a running app', () => {
  it('refuses to restore while the app holds the database, and reads while it does', async () => {
    const { spawn } = await import('node:child_process');
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const out = path.join(dir, 'copy.db');
    await cli(['backup', '--db', db, '--out', out]);
    // Stand-in for the app: a live process named in the marker file.
    const app = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(path.join(dir, 'v.running'), String(app.pid));
      const refused = await cli(['restore', '--from', out, '--db', db, '--json']);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'BUSY' } });
      expect((await cli(['verify', '--db', db])).code).toBe(0);
      // Reading beside the app leaves the app's marker in place.
      expect(fs.readFileSync(path.join(dir, 'v.running'), 'utf8')).toBe(String(app.pid));
    } finally {
      app.kill('SIGKILL');
    }
    // A marker left by a dead process does not block.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await cli(['restore', '--from', out, '--db', db])).code).toBe(0);
  });
});
