import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { writeFlag } from '../db/columns';
import { first, iterate, qb, run } from '../db/query';
import type { AuditLogTable } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { sealText, subjectKey } from './seal';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  staffId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  success?: boolean;
  before?: unknown;
  after?: unknown;
  /**
   * The borrower the row is about. Its before/after are then sealed with the borrower's key
   * (seal.ts) and become unreadable once the borrower is anonymised; the other fields stay
   * clear. Give it whenever the details may hold anything about a borrower.
   */
  subject?: number | null;
  /** ISO time; defaults to now. */
  at?: string;
  /** The branch server's desk the row is written for (app/caller.ts); none on a desk's own data. */
  deskId?: string | null;
}

/** The columns the hash covers, in the order hashed. */
export const chainColumns = [
  'at',
  'staff_id',
  'action',
  'entity',
  'entity_id',
  'success',
  'before',
  'after',
  'desk_id',
] as const;

/** The columns the hash covers, as stored (the flag as 0/1, the details as their text). */
export type ChainFields = Omit<
  Pick<Selectable<AuditLogTable>, (typeof chainColumns)[number]>,
  'desk_id'
> & {
  /** Absent (not null) when no desk is named, so a row inserts where the column is yet to come. */
  desk_id?: string | null;
};

/**
 * The row's hash over the previous one and its stored fields. The flag is hashed as 0 or 1
 * whatever the engine hands back (PostgreSQL's boolean), so the same row hashes alike on both.
 */
export function auditHash(
  prevHash: string,
  row: Omit<ChainFields, 'success'> & { success: ChainFields['success'] | boolean },
): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at,
    row.staff_id,
    row.action,
    row.entity,
    row.entity_id,
    typeof row.success === 'boolean' ? Number(row.success) : row.success,
    row.before,
    row.after,
    // Hashed only when set (migration 022): rows without a desk hash exactly as before it.
    ...(row.desk_id ? [row.desk_id] : []),
  ]);
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function auditHead(db: Sqlite): string {
  const row = first(db, qb.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1));
  return row?.hash ?? GENESIS_HASH;
}

/**
 * An entry's stored fields: details as JSON text, sealed with `key` when the entry has a
 * subject (the chain hashes the stored text: sealed details verify with or without their key).
 * Both chains (this file's and chain.ts's) store entries through it.
 */
export function chainFieldsOf(entry: AuditEntry, at: string, key: Buffer | null): ChainFields {
  const subject = entry.subject ?? null;
  const details = (value: unknown): string | null => {
    if (value === undefined) return null;
    const text = JSON.stringify(value);
    return key === null || subject === null ? text : sealText(key, subject, text);
  };
  return {
    at,
    staff_id: entry.staffId,
    action: entry.action,
    entity: entry.entity,
    entity_id:
      entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    success: writeFlag(entry.success !== false),
    before: details(entry.before),
    after: details(entry.after),
    ...(entry.deskId ? { desk_id: entry.deskId } : {}),
  };
}

/** Appends one chained row. Call inside the transaction of the change it records. */
export function appendAudit(db: Sqlite, entry: AuditEntry): string {
  const at = entry.at ?? new Date().toISOString();
  const subject = entry.subject ?? null;
  const fields = chainFieldsOf(entry, at, subject === null ? null : subjectKey(db, subject, at));
  const prev = auditHead(db);
  const hash = auditHash(prev, fields);
  run(
    db,
    qb.insertInto('audit_log').values({ ...fields, subject_id: subject, prev_hash: prev, hash }),
  );
  return hash;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  head: string;
  /** The first row whose hash or link does not hold, or where a row is missing. */
  firstBadId: number | null;
}

function hasDeskColumn(db: Sqlite): boolean {
  return (
    db.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'desk_id'").get() !==
    undefined
  );
}

/** Recomputes the chain from the first row; an edited, inserted or deleted row breaks it. */
export function verifyAuditChain(db: Sqlite): ChainReport {
  let prev = GENESIS_HASH;
  let rows = 0;
  let expectedId = 1;
  // A file not yet at migration 022 (a migration's own check) has no desk column to read.
  const columns = hasDeskColumn(db)
    ? chainColumns
    : chainColumns.filter((c): c is Exclude<typeof c, 'desk_id'> => c !== 'desk_id');
  const chain = qb
    .selectFrom('audit_log')
    .select(['id', ...columns, 'prev_hash', 'hash'])
    .orderBy('id');
  for (const row of iterate(db, chain)) {
    rows += 1;
    const broken =
      row.id !== expectedId || row.prev_hash !== prev || auditHash(prev, row) !== row.hash;
    if (broken) return { ok: false, rows, head: prev, firstBadId: row.id };
    prev = row.hash;
    expectedId = row.id + 1;
  }
  return { ok: true, rows, head: prev, firstBadId: null };
}
