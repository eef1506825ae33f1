import { describe, expect, it } from 'vitest';
import { parseRecoveryKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import {
  addAccount,
  expectError,
  expectOk,
  MANAGER,
  signedInCore,
  switchTo,
} from '../support/core';

describe('database key rotation', () => {
  it('re-encrypts the file, re-seals every slot and issues a new recovery key', async () => {
    const core = await signedInCore();
    const officer = addAccount(core, { username: 'li', role: 'officer' });
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 33 }));
    expectError(
      await core.invoke('keys:rotate', { passphrase: 'not the passphrase' }),
      'BAD_CREDENTIALS',
    );
    const { recoveryKey } = expectOk(
      await core.invoke('keys:rotate', { passphrase: MANAGER.passphrase }),
    );
    expect(recoveryKey).not.toBe(core.recoveryKey);
    expect(expectOk(await core.invoke('settings:get', {})).autoLockMinutes).toBe(33);
    core.app.lock('signOut');

    expect(() =>
      openEncrypted(core.dbFile, parseRecoveryKey(core.recoveryKey), { driver: nodeDriver }),
    ).toThrowError(expect.objectContaining({ code: 'WRONG_KEY' }) as Error);
    const db = openEncrypted(core.dbFile, parseRecoveryKey(recoveryKey), { driver: nodeDriver });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    // Every account still signs in with its own passphrase, none of which was needed.
    await switchTo(core, officer);
    await switchTo(core, MANAGER);
    const audit = expectOk(await core.invoke('audit:list', { action: 'keys.rotate' }));
    expect(audit.total).toBe(1);
    expect(audit.rows[0]!.after).not.toContain(recoveryKey.replace(/-/g, '').toLowerCase());
  });

  it('only a manager may rotate', async () => {
    const core = await signedInCore();
    const clerk = addAccount(core, { username: 'clerk1', role: 'clerk' });
    await switchTo(core, clerk);
    expectError(await core.invoke('keys:rotate', { passphrase: clerk.passphrase }), 'FORBIDDEN');
  });
});
