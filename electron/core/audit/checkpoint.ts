import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/result';
import { checkpointSchema, type Checkpoint } from '../../shared/schemas/file-check';
import type { Session } from '../../shared/schemas/foundation';
import { readSlotFile, type KeySlotFile } from '../db/keyslots';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { jsonColumn } from '../db/columns';
import type { DB } from '../db/schema';
import type { AuditEntry } from './audit';
import { chainHead } from './chain';

/**
 * Signed checkpoints make the audit chain's tail visible. The chain alone proves that no row in
 * the middle changed, but deleting the last rows, or all of them, leaves a shorter chain that
 * still verifies. A checkpoint records the head hash, the row count and the time, signed with the
 * signed-in account's own Ed25519 key from its key slot (whoever holds only the database key
 * cannot sign). Each is written three ways: as an audit row (inside the chain), as a line in
 * `visitdesk.checkpoints.jsonl` beside the database (outside it), and on paper (the monthly
 * report and the backup sheet show the latest). `verify` checks the chain against every one it
 * finds and against heads carried in from outside (`--head`, `--heads`), and says which rows are
 * missing when the chain is shorter than a checkpoint.
 */

const signedText = (c: Omit<Checkpoint, 'signature'>) =>
  [c.format, c.databaseId, c.rows, c.head, c.at, c.reason, c.username, c.publicKey].join('\n');

export function checkpointsFile(dbFile: string): string {
  const dir = path.dirname(path.resolve(dbFile));
  return path.join(dir, `${path.basename(dbFile).replace(/\.db$/i, '')}.checkpoints.jsonl`);
}

/**
 * What a checkpoint needs of the app object (app/visitdesk.ts): named here, so the app, which
 * signs one before every backup, and this file do not import each other.
 */
interface SigningApp {
  readonly session: Session | null;
  readonly signer: crypto.KeyObject | null;
  readonly files: { db: string };
  now(): Date;
  write<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  record(
    tx: Kysely<DB>,
    entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null },
  ): Promise<string>;
}

/** A checkpoint row's details: plain JSON (a checkpoint has no subject, so it is never sealed). */
const auditDetails = jsonColumn('audit_log.after', z.unknown());

const rowCountQuery = (db: Kysely<DB>) =>
  db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));

const databaseIdQuery = (db: Kysely<DB>) =>
  db.selectFrom('meta').select('value').where('key', '=', 'database_id');

/** The checkpoints' audit rows, oldest first unless the caller orders them otherwise. */
const checkpointRowsQuery = (db: Kysely<DB>) =>
  db.selectFrom('audit_log').select('after').where('action', '=', 'audit.checkpoint');

const hashAtIdQuery = (db: Kysely<DB>, id: number) =>
  db.selectFrom('audit_log').select('hash').where('id', '=', id);

const idOfHashQuery = (db: Kysely<DB>, hash: string) =>
  db.selectFrom('audit_log').select('id').where('hash', '=', hash);

const databaseIdOf = async (db: Kysely<DB>) =>
  (await databaseIdQuery(db).executeTakeFirst())?.value ?? '';

const rowCountOf = async (db: Kysely<DB>) => (await rowCountQuery(db).executeTakeFirstOrThrow()).n;

/** Whether the signed-in account can sign one now (never otherwise after a sign-in). */
export function canSign(app: Pick<SigningApp, 'session' | 'signer'>): boolean {
  return app.session !== null && app.signer !== null;
}

/**
 * Signs the chain as it stands and records the checkpoint's audit row, inside the caller's
 * write `tx` (a month close): the row comes after the rows it covers. Once the write has
 * committed, the caller keeps it beside the database too (`keepCheckpoint`): a file is not the
 * write's to touch.
 */
export async function signCheckpoint(
  app: SigningApp,
  tx: Kysely<DB>,
  reason: string,
): Promise<Checkpoint> {
  const session = app.session;
  const signer = app.signer;
  if (!session || !signer) {
    throw new AppFailure('UNAUTHENTICATED', 'a checkpoint is signed by a signed-in account');
  }
  const count = await rowCountOf(tx);
  const unsigned = {
    format: 'visitdesk-checkpoint-v1' as const,
    databaseId: await databaseIdOf(tx),
    rows: count,
    head: await chainHead(tx),
    at: app.now().toISOString(),
    reason,
    username: session.username,
    publicKey: crypto
      .createPublicKey(signer)
      .export({ type: 'spki', format: 'der' })
      .toString('base64'),
  };
  const checkpoint: Checkpoint = {
    ...unsigned,
    signature: crypto.sign(null, Buffer.from(signedText(unsigned)), signer).toString('base64'),
  };
  await app.record(tx, {
    staffId: session.staffId,
    action: 'audit.checkpoint',
    entity: 'audit',
    entityId: String(count),
    after: checkpoint,
  });
  return checkpoint;
}

/** Appends a committed checkpoint to the file beside the database (owner-only, synced). */
export function keepCheckpoint(app: Pick<SigningApp, 'files'>, checkpoint: Checkpoint): void {
  const fd = fs.openSync(checkpointsFile(app.files.db), 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A checkpoint on demand: signed in a write of its own, then kept beside the database. */
export async function writeCheckpoint(app: SigningApp, reason: string): Promise<Checkpoint> {
  const checkpoint = await app.write((tx) => signCheckpoint(app, tx, reason));
  keepCheckpoint(app, checkpoint);
  return checkpoint;
}

/**
 * A checkpoint where one can be signed: routine moments (a backup) go on without one when the
 * account has no signing key loaded.
 */
export function checkpointIfSigned(app: SigningApp, reason: string): Promise<Checkpoint | null> {
  return canSign(app) ? writeCheckpoint(app, reason) : Promise.resolve(null);
}

export type CheckpointVerdict =
  | 'ok'
  /** The chain has fewer rows than the checkpoint covered: its tail was removed. */
  | 'tailMissing'
  /** The row at the checkpoint's count has another hash: rows were rewritten. */
  | 'headMismatch'
  /** The signature does not hold, or the key is not the one in that account's slot. */
  | 'badSignature'
  /** Signed for another database. */
  | 'otherDatabase';

export interface CheckpointCheck {
  checkpoint: Checkpoint;
  source: 'chain' | 'file' | 'given';
  verdict: CheckpointVerdict;
  /** For tailMissing: how many rows are gone. */
  missingRows: number | null;
}

function signatureHolds(c: Checkpoint, slots: KeySlotFile | null): boolean {
  try {
    const { signature, ...rest } = c;
    const key = crypto.createPublicKey({
      key: Buffer.from(c.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    if (!crypto.verify(null, Buffer.from(signedText(rest)), key, Buffer.from(signature, 'base64')))
      return false;
    // The key must be the account's own (the slot's public key is covered by its MAC). An
    // account that was removed since leaves its checkpoints checked by signature alone.
    const slot = slots?.slots.find((s) => s.username === c.username);
    return !slot?.signPublicKey || slot.signPublicKey === c.publicKey;
  } catch {
    return false;
  }
}

/** Reads the checkpoints kept outside the database; unreadable lines are skipped. */
export function readCheckpointsFile(file: string): Checkpoint[] {
  if (!fs.existsSync(file)) return [];
  const found: Checkpoint[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      found.push(checkpointSchema.parse(JSON.parse(line)));
    } catch {
      // A torn last line (a crash while appending) is not a checkpoint.
    }
  }
  return found;
}

/**
 * Every checkpoint known, from the chain itself, the file beside it and any given ones, read
 * through the engine (`db` outside a transaction, or the caller's `tx`).
 */
export async function checkCheckpoints(
  db: Kysely<DB>,
  options: { dbFile: string; keysFile: string; given?: Checkpoint[] },
): Promise<CheckpointCheck[]> {
  const inChain = (await checkpointRowsQuery(db).orderBy('id').execute()).flatMap((r) => {
    const parsed = checkpointSchema.safeParse(r.after === null ? null : auditDetails.read(r.after));
    return parsed.success ? [parsed.data] : [];
  });
  let slots: KeySlotFile | null = null;
  try {
    slots = readSlotFile(options.keysFile);
  } catch {
    slots = null;
  }
  const id = await databaseIdOf(db);
  const total = await rowCountOf(db);
  const hashAtRow = async (id: number) =>
    (await hashAtIdQuery(db, id).executeTakeFirst())?.hash ?? null;
  const seen = new Set<string>();
  const checks: CheckpointCheck[] = [];
  const sources: [CheckpointCheck['source'], Checkpoint[]][] = [
    ['chain', inChain],
    ['file', readCheckpointsFile(checkpointsFile(options.dbFile))],
    ['given', options.given ?? []],
  ];
  for (const [source, list] of sources) {
    for (const checkpoint of list) {
      if (seen.has(checkpoint.signature)) continue;
      seen.add(checkpoint.signature);
      let verdict: CheckpointVerdict = 'ok';
      let missingRows: number | null = null;
      if (checkpoint.databaseId !== id) verdict = 'otherDatabase';
      else if (!signatureHolds(checkpoint, slots)) verdict = 'badSignature';
      else if (checkpoint.rows > total) {
        verdict = 'tailMissing';
        missingRows = checkpoint.rows - total;
      } else if (checkpoint.rows > 0 && (await hashAtRow(checkpoint.rows)) !== checkpoint.head)
        verdict = 'headMismatch';
      checks.push({ checkpoint, source, verdict, missingRows });
    }
  }
  return checks;
}

/** The newest checkpoint in the chain, as screens and paper show it; null when none yet. */
export async function latestCheckpoint(
  db: Kysely<DB>,
): Promise<{ at: string; rows: number; head: string; username: string; reason: string } | null> {
  const row = await checkpointRowsQuery(db).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row?.after) return null;
  const parsed = checkpointSchema.safeParse(auditDetails.read(row.after));
  if (!parsed.success) return null;
  const { at, rows, head, username, reason } = parsed.data;
  return { at, rows, head, username, reason };
}

/** Where each head hash carried in from outside sits in the chain (null: not in it). */
export async function locateHeads(
  db: Kysely<DB>,
  heads: string[],
): Promise<{ hash: string; foundAtId: number | null }[]> {
  const found = [];
  for (const h of heads) {
    const hash = h.trim().toLowerCase();
    const row = await idOfHashQuery(db, hash).executeTakeFirst();
    found.push({ hash, foundAtId: row?.id ?? null });
  }
  return found;
}
