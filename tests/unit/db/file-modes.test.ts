import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk, MANAGER, signedInCore } from '../support/core';

// Who else on the PC can read or replace what the app writes? Nobody: every file it writes is
// owner-only (0600), every folder it makes 0700. Encrypted or not, another account has no
// business opening, copying or swapping them.

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('files the app writes', () => {
  it('are owner-only: database, WAL, shared memory, key slots, attempts, backups', async () => {
    const core = await signedInCore();
    const dir = path.dirname(core.dbFile);
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 30 }));
    const backup = expectOk(await core.invoke('backup:create', {}));
    core.app.lock('signOut');
    expectError(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'not this one' }),
      'BAD_CREDENTIALS',
    );
    expectOk(await core.invoke('auth:signIn', MANAGER));
    const written = [
      'visitdesk.db',
      'visitdesk.db-wal',
      'visitdesk.db-shm',
      'visitdesk.keys.json',
      'visitdesk.attempts.json',
    ].map((f) => path.join(dir, f));
    written.push(backup.file, backup.file.replace(/\.db$/, '.keys.json'));
    for (const file of written) expect([file, mode(file)]).toEqual([file, 0o600]);
    expect(mode(path.join(dir, 'backups'))).toBe(0o700);
  });

  it('a database left readable by an older version is made owner-only when it opens', async () => {
    const core = await signedInCore();
    core.app.lock('signOut');
    fs.chmodSync(core.dbFile, 0o644);
    expectOk(await core.invoke('auth:signIn', MANAGER));
    expect(mode(core.dbFile)).toBe(0o600);
  });
});
