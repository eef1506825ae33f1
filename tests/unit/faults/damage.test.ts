import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk, MANAGER, signedInCore, tempDir } from '../support/core';
import { createNodeCore } from '../../../electron/core/node';

async function closedCoreWithBackup() {
  const core = await signedInCore();
  expectOk(await core.invoke('settings:update', { autoLockMinutes: 42 }));
  expectOk(await core.invoke('backup:create', {}));
  expectOk(await core.invoke('auth:signOut', {}));
  return core;
}

async function expectRestorable(
  core: Awaited<ReturnType<typeof closedCoreWithBackup>>,
  size: number,
) {
  const state = expectOk(await core.invoke('auth:state', {}));
  expect(state.phase).toBe('damaged');
  expect(state.problem).toMatchObject({ code: 'DB_DAMAGED', hasBackup: true });
  // Never silently replaced by an empty database.
  expect(fs.statSync(core.dbFile).size).toBe(size);
  expectOk(await core.invoke('auth:restoreLatestBackup', MANAGER));
  expectOk(await core.invoke('auth:signIn', MANAGER));
  expect(expectOk(await core.invoke('settings:get', {})).autoLockMinutes).toBe(42);
}

describe('a damaged data folder gives a clear message and a way out', () => {
  it('a truncated database file', async () => {
    const core = await closedCoreWithBackup();
    const size = Math.floor(fs.statSync(core.dbFile).size / 3);
    fs.truncateSync(core.dbFile, size);
    expectError(await core.invoke('auth:signIn', MANAGER), 'DB_DAMAGED');
    await expectRestorable(core, size);
  });

  it('a flipped byte inside a page (the cipher’s HMAC catches it)', async () => {
    const core = await closedCoreWithBackup();
    const bytes = fs.readFileSync(core.dbFile);
    bytes[4096 + 100] = bytes[4096 + 100]! ^ 0xff;
    fs.writeFileSync(core.dbFile, bytes);
    const result = await core.invoke('auth:signIn', MANAGER);
    if (result.ok) {
      // The damaged page may not be read at sign-in; a full check must find it.
      const report = expectOk(await core.invoke('audit:checkIntegrity', {}));
      expect(report.ok).toBe(false);
      // SQLite names the damage by what it finds: a malformed page, or a b-tree page whose
      // contents no longer add up (which tree depends on the schema's page layout).
      expect(report.problems.join()).toMatch(/malformed|corrupt|Tree \d+ page \d+/i);
      // The app closes the file and offers the backup.
      await expectRestorable(core, bytes.length);
    } else {
      expect(result.error.code).toBe('DB_DAMAGED');
      await expectRestorable(core, bytes.length);
    }
  });

  it('a missing database file with its key file present', async () => {
    const core = await closedCoreWithBackup();
    fs.rmSync(core.dbFile);
    const state = expectOk(await core.invoke('auth:state', {}));
    expect(state).toMatchObject({
      phase: 'damaged',
      problem: { code: 'DB_DAMAGED', hasBackup: true },
    });
    expectError(await core.invoke('auth:signIn', MANAGER), 'NOT_FOUND');
    expect(fs.existsSync(core.dbFile)).toBe(false);
    expectOk(await core.invoke('auth:restoreLatestBackup', MANAGER));
    expectOk(await core.invoke('auth:signIn', MANAGER));
  });

  it('a damaged key-slot file: the recovery key still opens the data', async () => {
    const core = await closedCoreWithBackup();
    fs.writeFileSync(
      core.app.files.keys,
      '{"format":"visitdesk-keyslots","version":1,"slots":[{"usern',
    );
    expect(expectOk(await core.invoke('auth:state', {})).problem?.code).toBe('KEYSLOTS_DAMAGED');
    expectError(await core.invoke('auth:signIn', MANAGER), 'KEYSLOTS_DAMAGED');
    expectOk(
      await core.invoke('auth:recover', {
        recoveryKey: core.recoveryKey,
        username: 'admin',
        passphrase: 'after the damage',
        confirm: 'after the damage',
      }),
    );
    expectOk(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'after the damage' }),
    );
    expect(expectOk(await core.invoke('settings:get', {})).autoLockMinutes).toBe(42);
  });

  it('a full disk: the write is refused with DISK_FULL and nothing is lost', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 42 }));
    const db = core.app.db;
    db.exec('CREATE TABLE filler (x TEXT) STRICT');
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages + 2}`);
    let error: unknown;
    try {
      db.transaction(() => {
        for (let i = 0; i < 2000; i++)
          db.prepare('INSERT INTO filler VALUES (?)').run('x'.repeat(500));
        core.app.audit({ action: 'filler', entity: 'filler' });
      })();
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 0 });
    expect(expectOk(await core.invoke('settings:get', {})).autoLockMinutes).toBe(42);
    const { translateOpenError } = await import('../../../electron/core/db/open');
    expect(translateOpenError(error, core.dbFile)).toMatchObject({ code: 'DISK_FULL' });
  });

  it('a read-only data folder: a clear READ_ONLY message, the file untouched', async () => {
    const core = await closedCoreWithBackup();
    const mountPoint = tempDir('visitdesk-ro-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint]);
    } catch {
      // Not allowed to mount here: make the folder read-only the portable way instead.
      // (As root permissions are not enforced, so then only the mount path is a real test.)
      throw new Error('this test needs to mount a tmpfs (run as root, as CI does)');
    }
    try {
      for (const f of fs.readdirSync(core.dir)) {
        const from = path.join(core.dir, f);
        if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(mountPoint, f));
      }
      execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
      const before = fs.readFileSync(path.join(mountPoint, 'visitdesk.db'));
      const ro = createNodeCore(path.join(mountPoint, 'visitdesk.db'), {
        kdfCost: { N: 2 ** 12, r: 8, p: 1 },
        dailyBackup: false,
        log: () => {},
      });
      const result = await ro.invoke('auth:signIn', MANAGER);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['READ_ONLY']).toContain(result.error.code);
      expect(fs.readFileSync(path.join(mountPoint, 'visitdesk.db')).equals(before)).toBe(true);
      ro.app.lock('quit');
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });
});
