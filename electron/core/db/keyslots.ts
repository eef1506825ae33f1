import crypto from 'node:crypto';
import fs from 'node:fs';
import { writePrivateFile } from '../app/private-file';
import { z } from 'zod';
import { AppFailure } from '../../shared/result';

/**
 * The database key is random and stored only wrapped. Each staff account has a key slot:
 * an X25519 key pair whose private half is wrapped under the passphrase (scrypt →
 * AES-256-GCM), and the database key sealed to its public half. Sealing needs no passphrase,
 * so the manager can rotate the database key and re-seal it for every account, while a
 * removed slot (or an old copy of it) opens only the keys sealed before. The recovery key is
 * the raw database key itself, so any SQLCipher 4 tool can open the file with it.
 */

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current recommendation for scrypt: N=2^17, r=8, p=1 (128 MiB). */
export const OWASP_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const box = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const sealed = box.extend({ ephemeralPublicKey: z.string() });

const slotSchema = z.object({
  username: z.string(),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.string(),
  }),
  publicKey: z.string(),
  privateKey: box,
  sealedKey: sealed,
  /** During a key rotation: the new key, sealed before the file is rekeyed. */
  sealedNextKey: sealed.optional(),
  /**
   * HMAC-SHA256 of the slot's identity (database id, user name, public key, KDF settings and
   * wrapped private key) under a key derived from the database key (slotMac). Whoever can write
   * the key file but does not hold the database key cannot make one, so a substituted public
   * key is caught before a rotation seals the next database key to it.
   */
  mac: z.string().optional(),
  /**
   * An Ed25519 key pair for signing audit checkpoints (audit/checkpoint.ts): the public half in
   * clear, covered by the MAC; the private half wrapped under the passphrase like the X25519
   * one. Someone holding only the database key can rewrite rows but not sign as this account.
   */
  signPublicKey: z.string().optional(),
  signPrivateKey: box.optional(),
});
export type KeySlot = z.infer<typeof slotSchema>;

const slotFileSchema = z.object({
  format: z.literal('visitdesk-keyslots'),
  version: z.literal(2),
  databaseId: z.string().min(1),
  slots: z.array(slotSchema),
  /**
   * A desk on PostgreSQL (app/server-desk.ts): the database login's password, encrypted under a
   * key derived from the desk key the slots seal, so a passphrase that opens a slot also opens
   * the connection and the password is never on disk in clear text.
   */
  server: z.object({ password: box }).optional(),
});
export type KeySlotFile = z.infer<typeof slotFileSchema>;

export function newDatabaseKey(): Buffer {
  return crypto.randomBytes(32);
}

export function emptySlotFile(databaseId: string): KeySlotFile {
  return { format: 'visitdesk-keyslots', version: 2, databaseId, slots: [] };
}

function deriveWrappingKey(passphrase: string, salt: Buffer, cost: ScryptCost): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * 1024 * 1024,
  });
}

const label = (kind: string, databaseId: string, username: string) =>
  Buffer.from(`visitdesk-${kind}-v2\u0000${databaseId}\u0000${username}`, 'utf8');

function encrypt(key: Buffer, plain: Buffer, aad: Buffer) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

function decrypt(key: Buffer, sealedBox: z.infer<typeof box>, aad: Buffer): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      key,
      Buffer.from(sealedBox.iv, 'base64'),
    );
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealedBox.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealedBox.data, 'base64')),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
}

function sealTo(publicKeyDer: string, key: Buffer, aad: Buffer): z.infer<typeof sealed> {
  const recipient = crypto.createPublicKey({
    key: Buffer.from(publicKeyDer, 'base64'),
    format: 'der',
    type: 'spki',
  });
  const ephemeral = crypto.generateKeyPairSync('x25519');
  const shared = crypto.diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const ephemeralPublicKey = ephemeral.publicKey
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
  const boxKey = Buffer.from(
    crypto.hkdfSync('sha256', shared, Buffer.from(ephemeralPublicKey, 'base64'), aad, 32),
  );
  return { ...encrypt(boxKey, key, aad), ephemeralPublicKey };
}

function openSealed(
  privateKey: crypto.KeyObject,
  box: z.infer<typeof sealed>,
  aad: Buffer,
): Buffer | null {
  const ephemeral = crypto.createPublicKey({
    key: Buffer.from(box.ephemeralPublicKey, 'base64'),
    format: 'der',
    type: 'spki',
  });
  const shared = crypto.diffieHellman({ privateKey, publicKey: ephemeral });
  const boxKey = Buffer.from(
    crypto.hkdfSync('sha256', shared, Buffer.from(box.ephemeralPublicKey, 'base64'), aad, 32),
  );
  const key = decrypt(boxKey, box, aad);
  return key && key.length === 32 ? key : null;
}

function macKey(databaseKey: Buffer): Buffer {
  return Buffer.from(
    crypto.hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'visitdesk-slot-mac-v2', 32),
  );
}

/** The MAC of a slot's identity under the database key (see KeySlot.mac). */
export function slotMac(databaseKey: Buffer, databaseId: string, slot: KeySlot): string {
  const identity = JSON.stringify([
    databaseId,
    slot.username,
    slot.publicKey,
    [slot.kdf.name, slot.kdf.N, slot.kdf.r, slot.kdf.p, slot.kdf.salt],
    [slot.privateKey.iv, slot.privateKey.tag, slot.privateKey.data],
    slot.signPublicKey ?? '',
  ]);
  return crypto.createHmac('sha256', macKey(databaseKey)).update(identity).digest('base64');
}

export interface SlotCheck {
  /** Slots whose MAC does not match: forged or altered. */
  forged: string[];
  /** Slots written before slots carried a MAC (or with the MAC removed). */
  unsigned: string[];
}

export function checkSlots(file: KeySlotFile, databaseKey: Buffer): SlotCheck {
  const forged: string[] = [];
  const unsigned: string[] = [];
  for (const slot of file.slots) {
    if (!slot.mac) unsigned.push(slot.username);
    else {
      const expected = Buffer.from(slotMac(databaseKey, file.databaseId, slot), 'base64');
      const given = Buffer.from(slot.mac, 'base64');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
        forged.push(slot.username);
    }
  }
  return { forged, unsigned };
}

/** Gives the slots that have no MAC one (files written before slots carried a MAC). */
export function signUnsigned(file: KeySlotFile, databaseKey: Buffer): KeySlotFile {
  return {
    ...file,
    slots: file.slots.map((s) =>
      s.mac ? s : { ...s, mac: slotMac(databaseKey, file.databaseId, s) },
    ),
  };
}

/** Gives every slot its MAC under `databaseKey` (after a check, or a rotation's promotion). */
export function signSlots(file: KeySlotFile, databaseKey: Buffer): KeySlotFile {
  return {
    ...file,
    slots: file.slots.map((s) => ({ ...s, mac: slotMac(databaseKey, file.databaseId, s) })),
  };
}

export function makeSlot(
  databaseId: string,
  key: Buffer,
  username: string,
  passphrase: string,
  cost: ScryptCost = OWASP_SCRYPT,
): KeySlot {
  const salt = crypto.randomBytes(16);
  const pair = crypto.generateKeyPairSync('x25519');
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const privateDer = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const wrapping = deriveWrappingKey(passphrase, salt, cost);
  const slot: KeySlot = {
    username,
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    publicKey,
    privateKey: encrypt(wrapping, privateDer, label('slot', databaseId, username)),
    sealedKey: sealTo(publicKey, key, label('seal', databaseId, username)),
    ...signingPair(wrapping, databaseId, username),
  };
  return { ...slot, mac: slotMac(key, databaseId, slot) };
}

function signingPair(wrapping: Buffer, databaseId: string, username: string) {
  const pair = crypto.generateKeyPairSync('ed25519');
  return {
    signPublicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    signPrivateKey: encrypt(
      wrapping,
      pair.privateKey.export({ type: 'pkcs8', format: 'der' }),
      label('sign', databaseId, username),
    ),
  };
}

export interface SlotKeys {
  current: Buffer;
  /** Set while a rotation is under way (the new key), so a crash never locks anyone out. */
  next: Buffer | null;
  /** The account's checkpoint-signing key; null for a slot written before slots had one. */
  signing: crypto.KeyObject | null;
}

/**
 * Gives an account's slot a signing key pair (slots written before slots carried one). Needs the
 * passphrase, so it happens at that account's sign-in; the MAC is renewed with the database key.
 */
export function addSigningKey(
  file: KeySlotFile,
  username: string,
  passphrase: string,
  databaseKey: Buffer,
): { file: KeySlotFile; signing: crypto.KeyObject | null } {
  let signing: crypto.KeyObject | null = null;
  const slots = file.slots.map((s) => {
    if (s.username !== username || s.signPublicKey) return s;
    const wrapping = deriveWrappingKey(passphrase, Buffer.from(s.kdf.salt, 'base64'), s.kdf);
    const pair = signingPair(wrapping, file.databaseId, username);
    const der = decrypt(wrapping, pair.signPrivateKey, label('sign', file.databaseId, username));
    signing = der ? crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : null;
    const withKey = { ...s, ...pair };
    return { ...withKey, mac: slotMac(databaseKey, file.databaseId, withKey) };
  });
  return { file: { ...file, slots }, signing };
}

/**
 * Returns the keys the account may open, or null when the user is unknown or the passphrase
 * wrong. An unknown user costs the same scrypt work, so timing does not tell which it was.
 */
export function unwrapSlotKeys(
  file: KeySlotFile,
  username: string,
  passphrase: string,
  decoyCost: ScryptCost = OWASP_SCRYPT,
): SlotKeys | null {
  const slot = file.slots.find((s) => s.username === username);
  if (!slot) {
    deriveWrappingKey(passphrase, crypto.randomBytes(16), decoyCost);
    return null;
  }
  const wrapping = deriveWrappingKey(passphrase, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
  const privateDer = decrypt(wrapping, slot.privateKey, label('slot', file.databaseId, username));
  if (!privateDer) return null;
  const privateKey = crypto.createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
  const aad = label('seal', file.databaseId, username);
  const current = openSealed(privateKey, slot.sealedKey, aad);
  if (!current) return null;
  const next = slot.sealedNextKey ? openSealed(privateKey, slot.sealedNextKey, aad) : null;
  const signDer = slot.signPrivateKey
    ? decrypt(wrapping, slot.signPrivateKey, label('sign', file.databaseId, username))
    : null;
  const signing = signDer
    ? crypto.createPrivateKey({ key: signDer, format: 'der', type: 'pkcs8' })
    : null;
  return { current, next, signing };
}

/** The current database key for an account (see unwrapSlotKeys). */
export function unwrapSlot(
  file: KeySlotFile,
  username: string,
  passphrase: string,
  decoyCost: ScryptCost = OWASP_SCRYPT,
): Buffer | null {
  return unwrapSlotKeys(file, username, passphrase, decoyCost)?.current ?? null;
}

/**
 * Step 1 of a rotation: seal the new key to every account beside the current one. Every slot's
 * MAC is checked under the current key first: a forged or unsigned slot is refused, so the new
 * database key is never sealed to a public key that someone slipped into the file.
 */
export function sealNextKey(file: KeySlotFile, next: Buffer, current: Buffer): KeySlotFile {
  const { forged, unsigned } = checkSlots(file, current);
  const refused = [...forged, ...unsigned];
  if (refused.length) {
    throw new AppFailure(
      'KEYSLOTS_DAMAGED',
      `the key slot of ${refused.join(', ')} failed its check; reset that account's passphrase before rotating the key`,
      { fields: { _: 'e.keys.slotForged' }, details: { usernames: refused } },
    );
  }
  return {
    ...file,
    slots: file.slots.map((s) => ({
      ...s,
      sealedNextKey: sealTo(s.publicKey, next, label('seal', file.databaseId, s.username)),
    })),
  };
}

/** Step 3 of a rotation: the new key becomes the current one, and signs every slot. */
export function promoteNextKey(file: KeySlotFile, next: Buffer): KeySlotFile {
  return signSlots(
    {
      ...file,
      slots: file.slots.map(({ sealedNextKey, ...s }) =>
        sealedNextKey ? { ...s, sealedKey: sealedNextKey } : s,
      ),
    },
    next,
  );
}

/** Drops an unfinished rotation (the file was never rekeyed). */
export function dropNextKey(file: KeySlotFile): KeySlotFile {
  return { ...file, slots: file.slots.map(({ sealedNextKey: _drop, ...s }) => s) };
}

export function readSlotFile(file: string): KeySlotFile {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppFailure('KEYSLOTS_DAMAGED', `key file missing: ${file}`, {
      details: { cause: (error as NodeJS.ErrnoException).code ?? 'unknown' },
    });
  }
  try {
    return slotFileSchema.parse(JSON.parse(raw));
  } catch {
    throw new AppFailure('KEYSLOTS_DAMAGED', `key file is damaged: ${file}`);
  }
}

/** Writes the slot file atomically: a temp file in the same folder, fsync, rename. */
export function writeSlotFile(file: string, content: KeySlotFile): void {
  writePrivateFile(file, JSON.stringify(slotFileSchema.parse(content), null, 2));
}

export function upsertSlot(file: KeySlotFile, slot: KeySlot): KeySlotFile {
  return { ...file, slots: [...file.slots.filter((s) => s.username !== slot.username), slot] };
}

export function removeSlot(file: KeySlotFile, username: string): KeySlotFile {
  return { ...file, slots: file.slots.filter((s) => s.username !== username) };
}

const serverPasswordKey = (deskKey: Buffer): Buffer =>
  Buffer.from(
    crypto.hkdfSync('sha256', deskKey, Buffer.alloc(0), 'visitdesk-server-password-v1', 32),
  );

const serverPasswordLabel = (databaseId: string) =>
  Buffer.from(`visitdesk-server-password-v1\u0000${databaseId}`, 'utf8');

/** The file with the PostgreSQL login's password encrypted under the desk key (see `server`). */
export function sealServerPassword(
  file: KeySlotFile,
  deskKey: Buffer,
  password: string,
): KeySlotFile {
  const sealedPassword = encrypt(
    serverPasswordKey(deskKey),
    Buffer.from(password, 'utf8'),
    serverPasswordLabel(file.databaseId),
  );
  return { ...file, server: { password: sealedPassword } };
}

/** The password `sealServerPassword` stored, or null when none is or the key does not open it. */
export function openServerPassword(file: KeySlotFile, deskKey: Buffer): string | null {
  if (!file.server) return null;
  const plain = decrypt(
    serverPasswordKey(deskKey),
    file.server.password,
    serverPasswordLabel(file.databaseId),
  );
  return plain === null ? null : plain.toString('utf8');
}

/**
 * What a PostgreSQL database keeps to know its desk key (meta `desk_key_check`): an HMAC under
 * the key, never the key. A key file made for another database, or a slot sealing a key of
 * someone's choosing, unwraps a key whose check does not match, and is refused.
 */
export function deskKeyCheck(deskKey: Buffer, databaseId: string): string {
  return crypto
    .createHmac('sha256', deskKey)
    .update(`visitdesk-desk-key-check-v1\u0000${databaseId}`, 'utf8')
    .digest('base64');
}

/** 64 hex digits in 16 groups of 4, for reading aloud and typing back. */
export function formatRecoveryKey(key: Buffer): string {
  const hex = key.toString('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

export function parseRecoveryKey(text: string): Buffer {
  const hex = text.replace(/[\s-]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new AppFailure('WRONG_KEY', 'a recovery key is 64 hexadecimal digits', {
      fields: { recoveryKey: 'v.invalid' },
    });
  }
  return Buffer.from(hex, 'hex');
}
