import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { DB } from '../db/schema';
import { canonicalJson } from '../notices/print';

/**
 * Optimistic versions for records two desks may edit at once (issue 20): a borrower, a visit,
 * a notice template.
 *
 * A record's version is a digest of what its edit form shows, worked out when it is read and
 * again, inside the write's transaction, when a save names the version it started from. Any
 * change to those fields (another desk's save, a daily file's import, a move on the calendar)
 * gives another version, with no column to keep in step on every path that writes the row.
 * A save whose version is no longer the record's is refused with `STALE_VERSION`, and nothing
 * is written; the refusal carries the record as it now is and who changed it last, so the form
 * can say what changed and keep what the user typed. A save without a version (the CLI, an
 * import) is not checked.
 */
export function contentVersion(fields: unknown): string {
  return crypto
    .createHash('sha256')
    .update(canonicalJson(fields), 'utf8')
    .digest('hex')
    .slice(0, 16);
}

/** Who last changed an entity, from the audit log: shown beside what changed. */
export async function lastChange(
  db: Kysely<DB>,
  entity: string,
  entityId: string | number,
): Promise<{ by: string | null; at: string | null }> {
  const row = await db
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select(['a.at', 's.name'])
    .where('a.entity', '=', entity)
    .where('a.entity_id', '=', String(entityId))
    .where('a.success', '=', 1)
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { by: row?.name ?? null, at: row?.at ?? null };
}

/**
 * Refuses a save that started from `expected` when the record is now at `actual`. `current`
 * is the record as its read channel returns it (the form compares it with what it loaded).
 */
export async function checkVersion(
  db: Kysely<DB>,
  expected: string | undefined,
  record: { entity: string; entityId: string | number; actual: string; current: unknown },
): Promise<void> {
  if (expected === undefined || expected === record.actual) return;
  const change = await lastChange(db, record.entity, record.entityId);
  throw new AppFailure(
    'STALE_VERSION',
    `${record.entity} ${record.entityId} was changed after this form was opened` +
      (change.by ? ` (by ${change.by}${change.at ? ` at ${change.at}` : ''})` : ''),
    { details: { current: record.current, version: record.actual, ...change } },
  );
}
