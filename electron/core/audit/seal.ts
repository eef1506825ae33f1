import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { idChunks } from '../db/id-chunks';
import { first, qb, run } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';

/**
 * Crypto-shredding of a borrower's personal data in the audit log.
 *
 * The log is append-only and hash-chained: a row's text can never change, or the chain and the
 * head hashes that closed months carried out of the file stop verifying. So the before/after
 * of a row about a borrower (its "subject") is stored sealed with that borrower's own random
 * 256-bit key (AES-256-GCM), and the chain hashes the sealed text. Anonymising the borrower
 * deletes the key, in the same transaction as the rest of the anonymisation: the rows stay,
 * the chain still verifies, and what they said about the person can no longer be read by
 * anyone, including whoever holds the database key.
 *
 * Keys live in `audit_subject_keys` inside the encrypted database. Deleting one runs with
 * `secure_delete` on (retention), so the key's bytes do not linger in the page's free space.
 */

export const SEAL_VERSION = 'v1';

/** The stored form of sealed details; valid JSON so a naive reader never crashes. */
interface SealedEnvelope {
  $sealed: typeof SEAL_VERSION;
  subject: number;
  /** 12-byte GCM nonce, base64. */
  iv: string;
  /** Ciphertext followed by the 16-byte GCM tag, base64. */
  data: string;
}

export type OpenedDetails =
  /** Written without a subject (non-personal) or before sealing existed: readable as stored. */
  | { state: 'plain'; text: string }
  /** Sealed, and the subject's key is still there. */
  | { state: 'sealed'; text: string; subject: number }
  /** Sealed, and the key is gone: the borrower was anonymised. */
  | { state: 'anonymised'; subject: number };

/** Binds the ciphertext to its subject, so sealed text cannot be passed off as another's. */
const aad = (subject: number) => Buffer.from(`visitdesk-audit/${SEAL_VERSION}/${subject}`, 'utf8');

/** The subject's stored key: one query, run by `qb` on the connection or on the engine. */
const storedKeyQuery = (db: Kysely<DB>, subject: number) =>
  db.selectFrom('audit_subject_keys').select('key').where('borrower_id', '=', subject);

function storedKey(db: Sqlite, subject: number): Buffer | null {
  return first(db, storedKeyQuery(qb, subject))?.key ?? null;
}

/** The subject's key, made on first use (inside the caller's transaction). */
export function subjectKey(db: Sqlite, subject: number, at: string): Buffer {
  const existing = storedKey(db, subject);
  if (existing) return existing;
  const key = crypto.randomBytes(32);
  run(
    db,
    qb.insertInto('audit_subject_keys').values({ borrower_id: subject, key, created_at: at }),
  );
  return key;
}

/**
 * The subject's key for the async core (audit/chain.ts), made on first use inside the caller's
 * transaction. Two desks sealing for the same borrower at once: the second insert yields to
 * the first (no conflict error) and both use the key that was kept.
 */
export async function subjectKeyOf(tx: Kysely<DB>, subject: number, at: string): Promise<Buffer> {
  const read = () => storedKeyQuery(tx, subject).executeTakeFirst();
  const existing = await read();
  if (existing) return existing.key;
  await tx
    .insertInto('audit_subject_keys')
    .values({ borrower_id: subject, key: crypto.randomBytes(32), created_at: at })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const kept = await read();
  if (!kept) throw new Error(`internal: no audit key kept for subject ${subject}`);
  return kept.key;
}

export function sealText(key: Buffer, subject: number, text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(subject));
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const envelope: SealedEnvelope = {
    $sealed: SEAL_VERSION,
    subject,
    iv: iv.toString('base64'),
    data: data.toString('base64'),
  };
  return JSON.stringify(envelope);
}

/** The envelope when `text` is sealed details, else null (plain JSON written unsealed). */
export function sealedEnvelope(text: string): SealedEnvelope | null {
  if (!text.startsWith(`{"$sealed":"${SEAL_VERSION}"`)) return null;
  try {
    const parsed = JSON.parse(text) as Partial<SealedEnvelope>;
    if (
      typeof parsed.subject === 'number' &&
      typeof parsed.iv === 'string' &&
      typeof parsed.data === 'string'
    ) {
      return parsed as SealedEnvelope;
    }
  } catch {
    // Not an envelope after all: shown as stored.
  }
  return null;
}

function openEnvelope(envelope: SealedEnvelope, key: Buffer): string | null {
  try {
    const data = Buffer.from(envelope.data, 'base64');
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      key,
      Buffer.from(envelope.iv, 'base64'),
    );
    decipher.setAAD(aad(envelope.subject));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // A key made after the anonymisation (a later action on the anonymised case) does not
    // open what was sealed with the shredded one.
    return null;
  }
}

/** Sealed details opened with their subject's key; null when not sealed or the key is not theirs. */
export function openSealed(text: string, key: Buffer): string | null {
  const envelope = sealedEnvelope(text);
  return envelope ? openEnvelope(envelope, key) : null;
}

/** Stored audit details as a reader sees them (seal.ts's OpenedDetails), for one listing. */
export type Opener = (text: string) => OpenedDetails;

/**
 * Opens the sealed details among `texts` for reading (the viewer, the export): each subject's
 * key is read once, in one query for the whole listing, and none is ever created. Sealed
 * details whose key is gone, or does not open them, read as anonymised.
 */
export async function detailsOpener(
  db: Kysely<DB>,
  texts: Iterable<string | null>,
): Promise<Opener> {
  const subjects = new Set<number>();
  for (const text of texts) {
    const envelope = text === null ? null : sealedEnvelope(text);
    if (envelope) subjects.add(envelope.subject);
  }
  const keys = new Map<number, Buffer>();
  for (const chunk of idChunks([...subjects])) {
    const found = await db
      .selectFrom('audit_subject_keys')
      .select(['borrower_id', 'key'])
      .where('borrower_id', 'in', chunk)
      .execute();
    for (const k of found) keys.set(k.borrower_id, k.key);
  }
  return (text) => {
    const envelope = sealedEnvelope(text);
    if (!envelope) return { state: 'plain', text };
    const subject = envelope.subject;
    const key = keys.get(subject);
    const opened = key ? openSealed(text, key) : null;
    return opened === null
      ? { state: 'anonymised', subject }
      : { state: 'sealed', text: opened, subject };
  };
}

/**
 * Deletes the subjects' keys inside the caller's transaction (retention's anonymisation): their
 * sealed audit details become unreadable for good. Returns how many keys were deleted. On
 * SQLite, call with `secure_delete` on, so the key bytes are overwritten, not just unlinked.
 */
export async function shredSubjectKeys(
  tx: Kysely<DB>,
  subjects: readonly number[],
): Promise<number> {
  let count = 0;
  for (const chunk of idChunks(subjects)) {
    const deleted = await tx
      .deleteFrom('audit_subject_keys')
      .where('borrower_id', 'in', chunk)
      .executeTakeFirst();
    count += Number(deleted.numDeletedRows);
  }
  return count;
}

/** The borrower a visit is about, for audit rows written where only the visit is at hand. */
export async function visitSubject(db: Kysely<DB>, visitId: number): Promise<number | null> {
  const row = await db
    .selectFrom('visits')
    .select('borrower_id')
    .where('id', '=', visitId)
    .executeTakeFirst();
  return row?.borrower_id ?? null;
}
