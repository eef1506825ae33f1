import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSlotFile, writeSlotFile } from '../../../electron/core/db/keyslots';
import {
  addAccount,
  expectError,
  expectOk,
  MANAGER,
  signedInCore,
  switchTo,
} from '../support/core';

// Someone who can write the key file (it sits beside the database) but does not hold the
// database key swaps an account's public key for their own, hoping the next key rotation seals
// the new database key to them.

function forgePublicKey(keysFile: string, username: string) {
  const attacker = crypto.generateKeyPairSync('x25519');
  const file = readSlotFile(keysFile);
  writeSlotFile(keysFile, {
    ...file,
    slots: file.slots.map((s) =>
      s.username === username
        ? {
            ...s,
            publicKey: attacker.publicKey
              .export({ type: 'spki', format: 'der' })
              .toString('base64'),
          }
        : s,
    ),
  });
}

describe('key slots carry a MAC under the database key', () => {
  it('a substituted public key is audited at sign-in and the rotation refuses to seal to it', async () => {
    const core = await signedInCore();
    const li = addAccount(core, { username: 'li', role: 'officer' });
    core.app.lock('signOut');
    forgePublicKey(core.app.files.keys, 'li');

    await switchTo(core, MANAGER);
    const flagged = expectOk(await core.invoke('audit:list', { action: 'keys.slotForged' })).rows;
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ success: false, staffName: '王建国' });
    expect(JSON.parse(String(flagged[0]!.after))).toEqual({ usernames: ['li'] });

    const refused = expectError(
      await core.invoke('keys:rotate', { passphrase: MANAGER.passphrase }),
      'KEYSLOTS_DAMAGED',
    );
    expect(refused.fields).toEqual({ _: 'e.keys.slotForged' });
    expect(refused.message).toContain('li');
    // Nothing was sealed to anybody, and the database key did not change.
    expect(readSlotFile(core.app.files.keys).slots.every((s) => !s.sealedNextKey)).toBe(true);

    // The manager resets li's passphrase: a fresh slot, signed; the rotation goes through.
    expectOk(
      await core.invoke('accounts:resetPassphrase', {
        staffId: li.staffId,
        passphrase: 'a brand new passphrase',
        confirm: 'a brand new passphrase',
      }),
    );
    expectOk(await core.invoke('keys:rotate', { passphrase: MANAGER.passphrase }));
    await switchTo(core, { username: 'li', passphrase: 'a brand new passphrase' });
  });

  it('a key file from before slots carried a MAC is signed once at the next sign-in, audited', async () => {
    const core = await signedInCore();
    addAccount(core, { username: 'li', role: 'officer' });
    core.app.lock('signOut');
    const file = readSlotFile(core.app.files.keys);
    writeSlotFile(core.app.files.keys, {
      ...file,
      slots: file.slots.map(({ mac: _mac, ...s }) => s),
    });
    await switchTo(core, MANAGER);
    expect(readSlotFile(core.app.files.keys).slots.every((s) => typeof s.mac === 'string')).toBe(
      true,
    );
    const signed = expectOk(await core.invoke('audit:list', { action: 'keys.slotsSigned' })).rows;
    expect(signed).toHaveLength(1);
    expect(JSON.parse(String(signed[0]!.after))).toEqual({ usernames: ['admin', 'li'] });
    // Signed once: a second sign-in finds nothing to sign.
    await switchTo(core, MANAGER);
    expect(
      expectOk(await core.invoke('audit:list', { action: 'keys.slotsSigned' })).rows,
    ).toHaveLength(1);
    expectOk(await core.invoke('keys:rotate', { passphrase: MANAGER.passphrase }));
  });
});
