import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups, pruneBackups } from '../../../electron/core/backup/backup';
import { nodeDriver } from '../../../electron/core/node';
import {
  expectError,
  expectOk,
  freshCore,
  MANAGER,
  setupPayload,
  signedInCore,
} from '../support/core';
import { restoreFrom } from '../support/restore';

describe('backups', () => {
  it('writes an encrypted VACUUM INTO copy with its key file, in a worker thread', async () => {
    const core = await signedInCore();
    const made = expectOk(await core.invoke('backup:create', {}));
    expect(fs.existsSync(made.file)).toBe(true);
    expect(fs.existsSync(made.file.replace(/\.db$/, '.keys.json'))).toBe(true);
    expect(fs.readFileSync(made.file).includes(Buffer.from('青山农商银行石桥支行'))).toBe(false);
    expect(expectOk(await core.invoke('backup:list', {})).map((b) => b.file)).toEqual([made.file]);
  });

  it('restores a checked copy and keeps the replaced file', async () => {
    const core = await signedInCore();
    const made = expectOk(await core.invoke('backup:create', {}));
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 99 }));
    core.app.lock('signOut');
    const { replaced } = restoreFrom(
      made.file,
      core.dbFile,
      { kind: 'passphrase', ...MANAGER },
      nodeDriver,
    );
    expect(replaced && fs.existsSync(replaced)).toBe(true);
    expectOk(await core.invoke('auth:signIn', MANAGER));
    expect(expectOk(await core.invoke('settings:get', {})).autoLockMinutes).toBe(10);
  });

  it('refuses a damaged copy and changes nothing', async () => {
    const core = await signedInCore();
    const made = expectOk(await core.invoke('backup:create', {}));
    core.app.lock('signOut');
    const bytes = fs.readFileSync(made.file);
    bytes.fill(0x41, 8192, 12288);
    fs.writeFileSync(made.file, bytes);
    const before = fs.readFileSync(core.dbFile);
    expect(() =>
      restoreFrom(made.file, core.dbFile, { kind: 'passphrase', ...MANAGER }, nodeDriver),
    ).toThrow();
    expect(fs.readFileSync(core.dbFile).equals(before)).toBe(true);
  });

  it('backs up once per day of use and keeps the newest 14', async () => {
    let now = Date.parse('2026-11-01T01:00:00Z');
    const core = freshCore({ now: () => new Date(now), dailyBackup: true });
    expectOk(await core.invoke('auth:setup', setupPayload()));
    await core.app.settle();
    expect(listBackups(core.app.files.backups)).toHaveLength(1);
    expectOk(await core.invoke('auth:signOut', {}));
    expectOk(await core.invoke('auth:signIn', MANAGER));
    await core.app.settle();
    expect(listBackups(core.app.files.backups)).toHaveLength(1);
    for (let day = 1; day <= 15; day++) {
      now += 24 * 3600_000;
      core.app.lock('signOut');
      expectOk(await core.invoke('auth:signIn', MANAGER));
      await core.app.settle();
    }
    expect(listBackups(core.app.files.backups)).toHaveLength(14);
    expect(pruneBackups(core.app.files.backups)).toEqual([]);
    // Seventeen sign-ins (scrypt each) and fifteen backups in a worker: 15 s alone, and past
    // the unit project's 60 s on a loaded 2-core machine running the whole suite.
  }, 180_000);

  it('a damaged database is reported, never replaced by an empty one, and restores from backup', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('backup:create', {}));
    expectOk(await core.invoke('auth:signOut', {}));
    const bytes = fs.readFileSync(core.dbFile);
    bytes.fill(0x00, 0, bytes.length);
    fs.writeFileSync(core.dbFile, bytes);
    expectError(await core.invoke('auth:signIn', MANAGER), 'DB_DAMAGED');
    const state = expectOk(await core.invoke('auth:state', {}));
    expect(state.phase).toBe('damaged');
    expect(state.problem?.hasBackup).toBe(true);
    expect(fs.statSync(core.dbFile).size).toBe(bytes.length);
    expectError(
      await core.invoke('auth:restoreLatestBackup', {
        username: 'admin',
        passphrase: 'wrong passphrase',
      }),
      'BAD_CREDENTIALS',
    );
    expectOk(await core.invoke('auth:restoreLatestBackup', MANAGER));
    expect(fs.readdirSync(path.dirname(core.dbFile)).some((f) => f.includes('.replaced-'))).toBe(
      true,
    );
    expectOk(await core.invoke('auth:signIn', MANAGER));
    expect(expectOk(await core.invoke('settings:branch', {})).name).toBe('青山农商银行石桥支行');
  });
});
