import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backupFileInstant,
  backupFileName,
  listBackups,
  pruneBackups,
} from '../../../electron/core/backup/backup';
import { dataFilesFor } from '../../../electron/core/app/paths';
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
    const dir = core.app.files.backups;
    const names = () => listBackups(dir).map((b) => path.basename(b.file));
    expectOk(await core.invoke('auth:setup', setupPayload()));
    await core.app.settle();
    expect(names()).toEqual(['visitdesk-20261101-010000-000.db']);
    // Signed in again the same day: no second backup.
    expectOk(await core.invoke('auth:signOut', {}));
    expectOk(await core.invoke('auth:signIn', MANAGER));
    await core.app.settle();
    expect(names()).toHaveLength(1);

    // Fourteen earlier days' backups (18 to 31 October), each with its key file, as the days
    // before would have left them: copies of the first under their names. Fifteen in all.
    const first = listBackups(dir)[0]!.file;
    const earlier = Array.from({ length: 14 }, (_, i) => {
      const file = path.join(dir, backupFileName(new Date(Date.UTC(2026, 9, 18 + i, 1))));
      fs.copyFileSync(first, file);
      fs.copyFileSync(dataFilesFor(first).keys, dataFilesFor(file).keys);
      return file;
    });
    expect(names()).toHaveLength(15);

    // The next day's first sign-in backs up and keeps the newest 14: the two oldest go, each
    // with its key file.
    now += 24 * 3600_000;
    core.app.lock('signOut');
    expectOk(await core.invoke('auth:signIn', MANAGER));
    await core.app.settle();
    expect(names()).toEqual([
      'visitdesk-20261102-010000-000.db',
      'visitdesk-20261101-010000-000.db',
      ...earlier
        .slice(2)
        .map((file) => path.basename(file))
        .reverse(),
    ]);
    for (const gone of earlier.slice(0, 2)) {
      expect(fs.existsSync(gone)).toBe(false);
      expect(fs.existsSync(dataFilesFor(gone).keys)).toBe(false);
    }
    for (const kept of listBackups(dir))
      expect(fs.existsSync(dataFilesFor(kept.file).keys)).toBe(true);

    // Signed in again that day: nothing new; the day after: one more, the oldest goes.
    core.app.lock('signOut');
    expectOk(await core.invoke('auth:signIn', MANAGER));
    await core.app.settle();
    expect(names()).toHaveLength(14);
    now += 24 * 3600_000;
    core.app.lock('signOut');
    expectOk(await core.invoke('auth:signIn', MANAGER));
    await core.app.settle();
    expect(names()[0]).toBe('visitdesk-20261103-010000-000.db');
    expect(names()).toHaveLength(14);
    expect(fs.existsSync(earlier[2]!)).toBe(false);
    expect(pruneBackups(dir)).toEqual([]);
  });

  it('counts the days of use by the branch’s calendar (Beijing), not by UTC dates', async () => {
    // 07:30 in Beijing on 1 November is 23:30 UTC on 31 October.
    let now = Date.parse('2026-10-31T23:30:00Z');
    const core = freshCore({ now: () => new Date(now), dailyBackup: true });
    const names = () => listBackups(core.app.files.backups).map((b) => path.basename(b.file));
    const signInAt = async (iso: string) => {
      now = Date.parse(iso);
      core.app.lock('signOut');
      expectOk(await core.invoke('auth:signIn', MANAGER));
      await core.app.settle();
    };
    expectOk(await core.invoke('auth:setup', setupPayload()));
    await core.app.settle();
    expect(names()).toEqual(['visitdesk-20261031-233000-000.db']);
    // 08:30 in Beijing, the same day there (00:30 UTC, a new UTC date): nothing new.
    await signInAt('2026-11-01T00:30:00Z');
    expect(names()).toHaveLength(1);
    // 23:50 in Beijing, still 1 November there: nothing new.
    await signInAt('2026-11-01T15:50:00Z');
    expect(names()).toHaveLength(1);
    // 00:10 in Beijing on 2 November (16:10 UTC, still 1 November in UTC): the day's backup.
    await signInAt('2026-11-01T16:10:00Z');
    expect(names()).toEqual([
      'visitdesk-20261101-161000-000.db',
      'visitdesk-20261031-233000-000.db',
    ]);
  });

  it('reads back the instant a backup’s file name was made at (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (at) => {
          const file = path.join('/backups', backupFileName(at));
          expect(backupFileInstant(file)?.toISOString()).toBe(at.toISOString());
        },
      ),
    );
    // By hand: 07:30 in Beijing on 1 November 2026.
    expect(backupFileInstant('/b/visitdesk-20261031-233000-000.db')?.toISOString()).toBe(
      '2026-10-31T23:30:00.000Z',
    );
    expect(backupFileInstant('/b/visitdesk-20261031-233000-000.db.partial')).toBeNull();
    expect(backupFileInstant('/b/notes.db')).toBeNull();
    // Only the names the backup list counts as backups (a copy someone renamed is not one).
    expect(backupFileInstant('/b/old-visitdesk-20261031-233000-000.db')).toBeNull();
  });

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
