import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../shared/result';

/**
 * The database key is random and stored only wrapped: one slot per staff account
 * (scrypt of the passphrase, AES-256-GCM). The recovery key is the raw key itself, so any
 * SQLCipher 4 tool can open the file with it.
 */

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current recommendation for scrypt: N=2^17, r=8, p=1 (128 MiB). */
export const OWASP_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const slotSchema = z.object({
  username: z.string(),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.string(),
  }),
  iv: z.string(),
  tag: z.string(),
  wrappedKey: z.string(),
});
export type KeySlot = z.infer<typeof slotSchema>;

const slotFileSchema = z.object({
  format: z.literal('visitdesk-keyslots'),
  version: z.literal(1),
  databaseId: z.string().min(1),
  slots: z.array(slotSchema),
});
export type KeySlotFile = z.infer<typeof slotFileSchema>;

export function newDatabaseKey(): Buffer {
  return crypto.randomBytes(32);
}

function deriveWrappingKey(passphrase: string, salt: Buffer, cost: ScryptCost): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * 1024 * 1024,
  });
}

function aad(databaseId: string, username: string): Buffer {
  return Buffer.from(`visitdesk-slot-v1\u0000${databaseId}\u0000${username}`, 'utf8');
}

export function makeSlot(
  databaseId: string,
  key: Buffer,
  username: string,
  passphrase: string,
  cost: ScryptCost = OWASP_SCRYPT,
): KeySlot {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const wrapping = deriveWrappingKey(passphrase, salt, cost);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrapping, iv);
  cipher.setAAD(aad(databaseId, username));
  const wrappedKey = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    username,
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrappedKey.toString('base64'),
  };
}

/**
 * Returns the database key, or null when the user is unknown or the passphrase wrong.
 * An unknown user costs the same scrypt work, so timing does not tell which it was.
 */
export function unwrapSlot(
  file: KeySlotFile,
  username: string,
  passphrase: string,
  decoyCost: ScryptCost = OWASP_SCRYPT,
): Buffer | null {
  const slot = file.slots.find((s) => s.username === username);
  if (!slot) {
    deriveWrappingKey(passphrase, crypto.randomBytes(16), decoyCost);
    return null;
  }
  const wrapping = deriveWrappingKey(passphrase, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
  try {
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      wrapping,
      Buffer.from(slot.iv, 'base64'),
    );
    decipher.setAAD(aad(file.databaseId, username));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([
      decipher.update(Buffer.from(slot.wrappedKey, 'base64')),
      decipher.final(),
    ]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
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
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(slotFileSchema.parse(content), null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export function upsertSlot(file: KeySlotFile, slot: KeySlot): KeySlotFile {
  return { ...file, slots: [...file.slots.filter((s) => s.username !== slot.username), slot] };
}

export function removeSlot(file: KeySlotFile, username: string): KeySlotFile {
  return { ...file, slots: file.slots.filter((s) => s.username !== username) };
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
