import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import {
  checkSlots,
  dropNextKey,
  emptySlotFile,
  signSlots,
  slotMac,
  formatRecoveryKey,
  promoteNextKey,
  removeSlot,
  sealNextKey,
  unwrapSlotKeys,
  makeSlot,
  newDatabaseKey,
  OWASP_SCRYPT,
  parseRecoveryKey,
  readSlotFile,
  unwrapSlot,
  writeSlotFile,
  type KeySlotFile,
} from '../../../electron/core/db/keyslots';
import { TEST_KDF, tempDir } from '../support/core';

const file = (slots: KeySlotFile['slots']): KeySlotFile => ({ ...emptySlotFile('db-1'), slots });

describe('key slots', () => {
  it('unwraps the database key with the right passphrase only', () => {
    const key = newDatabaseKey();
    const slots = file([makeSlot('db-1', key, 'admin', 'correct horse battery', TEST_KDF)]);
    expect(unwrapSlot(slots, 'admin', 'correct horse battery', TEST_KDF)?.equals(key)).toBe(true);
    expect(unwrapSlot(slots, 'admin', 'correct horse batterY', TEST_KDF)).toBeNull();
    expect(unwrapSlot(slots, 'nobody', 'correct horse battery', TEST_KDF)).toBeNull();
  });

  it('binds a slot to its user name and database (a copied slot does not open)', () => {
    const key = newDatabaseKey();
    const slot = makeSlot('db-1', key, 'admin', 'correct horse battery', TEST_KDF);
    expect(
      unwrapSlot(
        file([{ ...slot, username: 'mallory' }]),
        'mallory',
        'correct horse battery',
        TEST_KDF,
      ),
    ).toBeNull();
    expect(
      unwrapSlot(
        { ...file([slot]), databaseId: 'db-2' },
        'admin',
        'correct horse battery',
        TEST_KDF,
      ),
    ).toBeNull();
  });

  it("uses OWASP's scrypt cost by default and never stores the key in clear", () => {
    const key = newDatabaseKey();
    const slot = makeSlot('db-1', key, 'admin', 'correct horse battery');
    expect(slot.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const text = JSON.stringify(slot);
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
  });

  it('a rotation seals the new key to every account without their passphrases', () => {
    const oldKey = newDatabaseKey();
    const newKey = newDatabaseKey();
    const start = file([
      makeSlot('db-1', oldKey, 'admin', 'correct horse battery', TEST_KDF),
      makeSlot('db-1', oldKey, 'li', 'officer passphrase', TEST_KDF),
    ]);
    const pending = sealNextKey(start, newKey, oldKey);
    const li = unwrapSlotKeys(pending, 'li', 'officer passphrase', TEST_KDF)!;
    expect(li.current.equals(oldKey)).toBe(true);
    expect(li.next!.equals(newKey)).toBe(true);
    const done = promoteNextKey(pending, newKey);
    expect(unwrapSlotKeys(done, 'li', 'officer passphrase', TEST_KDF)).toMatchObject({
      current: newKey,
      next: null,
    });
    expect(unwrapSlot(done, 'admin', 'correct horse battery', TEST_KDF)!.equals(newKey)).toBe(true);
    expect(
      unwrapSlotKeys(dropNextKey(pending), 'li', 'officer passphrase', TEST_KDF),
    ).toMatchObject({
      current: oldKey,
      next: null,
    });
  });

  it('a removed account keeps nothing: its old slot copy opens only the old key', () => {
    const oldKey = newDatabaseKey();
    const newKey = newDatabaseKey();
    const start = file([
      makeSlot('db-1', oldKey, 'admin', 'correct horse battery', TEST_KDF),
      makeSlot('db-1', oldKey, 'gone', 'leaver passphrase', TEST_KDF),
    ]);
    const copiedBeforeLeaving = start.slots[1]!;
    const rotated = promoteNextKey(sealNextKey(removeSlot(start, 'gone'), newKey, oldKey), newKey);
    // Even pasted back into the new file, the old slot yields only the old key.
    const tampered = { ...rotated, slots: [...rotated.slots, copiedBeforeLeaving] };
    expect(unwrapSlot(tampered, 'gone', 'leaver passphrase', TEST_KDF)!.equals(oldKey)).toBe(true);
    expect(unwrapSlot(tampered, 'admin', 'correct horse battery', TEST_KDF)!.equals(newKey)).toBe(
      true,
    );
  });

  it('writes the slot file atomically and reads it back', () => {
    const dir = tempDir();
    const target = path.join(dir, 'visitdesk.keys.json');
    const content = file([
      makeSlot('db-1', newDatabaseKey(), 'admin', 'correct horse battery', TEST_KDF),
    ]);
    writeSlotFile(target, content);
    expect(readSlotFile(target)).toEqual(content);
    expect(fs.readdirSync(dir)).toEqual(['visitdesk.keys.json']);
  });

  it('reports a missing or damaged slot file as KEYSLOTS_DAMAGED', () => {
    const dir = tempDir();
    const target = path.join(dir, 'visitdesk.keys.json');
    expect(() => readSlotFile(target)).toThrowError(
      expect.objectContaining({ code: 'KEYSLOTS_DAMAGED' }) as Error,
    );
    fs.writeFileSync(
      target,
      '{"format":"visitdesk-keyslots","version":1,"databaseId":"x","slots":[{"user',
    );
    expect(() => readSlotFile(target)).toThrowError(
      expect.objectContaining({ code: 'KEYSLOTS_DAMAGED' }) as Error,
    );
  });

  it('formats the recovery key as 64 hex digits in groups and parses it back', () => {
    const key = crypto.randomBytes(32);
    const text = formatRecoveryKey(key);
    expect(text).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/);
    expect(parseRecoveryKey(text).equals(key)).toBe(true);
    expect(parseRecoveryKey(` ${text.toLowerCase().replace(/-/g, ' ')} `).equals(key)).toBe(true);
    expect(() => parseRecoveryKey(text.slice(0, 70))).toThrowError(
      expect.objectContaining({ code: 'WRONG_KEY' }) as Error,
    );
  });

  it('a public key slipped into the file is refused before a rotation seals the next key to it', () => {
    const key = newDatabaseKey();
    const next = newDatabaseKey();
    const honest = file([
      makeSlot('db-1', key, 'admin', 'correct horse battery', TEST_KDF),
      makeSlot('db-1', key, 'li', 'officer passphrase', TEST_KDF),
    ]);
    expect(checkSlots(honest, key)).toEqual({ forged: [], unsigned: [] });
    // Someone who can write the key file swaps li's public key for one of their own.
    const attacker = crypto.generateKeyPairSync('x25519');
    const forgedFile = {
      ...honest,
      slots: honest.slots.map((s) =>
        s.username === 'li'
          ? {
              ...s,
              publicKey: attacker.publicKey
                .export({ type: 'spki', format: 'der' })
                .toString('base64'),
            }
          : s,
      ),
    };
    expect(checkSlots(forgedFile, key)).toEqual({ forged: ['li'], unsigned: [] });
    expect(() => sealNextKey(forgedFile, next, key)).toThrow(/key slot of li failed its check/);
    // Dropping the MAC does not help: an unsigned slot is refused too.
    const stripped = {
      ...forgedFile,
      slots: forgedFile.slots.map(({ mac: _mac, ...s }) => s),
    };
    expect(checkSlots(stripped, key)).toEqual({ forged: [], unsigned: ['admin', 'li'] });
    expect(() => sealNextKey(stripped, next, key)).toThrow(AppFailure);
    // A MAC made without the database key does not pass.
    const guessed = {
      ...forgedFile,
      slots: forgedFile.slots.map((s) => ({ ...s, mac: slotMac(newDatabaseKey(), 'db-1', s) })),
    };
    expect(checkSlots(guessed, key).forged).toEqual(['admin', 'li']);
    // After a rotation every slot is signed under the new key, not the old one.
    const rotated = promoteNextKey(sealNextKey(honest, next, key), next);
    expect(checkSlots(rotated, next)).toEqual({ forged: [], unsigned: [] });
    expect(checkSlots(rotated, key).forged).toEqual(['admin', 'li']);
    expect(checkSlots(signSlots(stripped, key), key)).toEqual({ forged: [], unsigned: [] });
  });
});
