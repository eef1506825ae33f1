import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db/engine';
import type { DB } from '../db/schema';
import {
  GENESIS_HASH,
  auditHash,
  chainColumns,
  chainFieldsOf,
  type AuditEntry,
  type ChainReport,
} from './audit';
import { subjectKeyOf } from './seal';

/**
 * The audit chain for the async core, on either engine (issue 19): the same rows, hashes and
 * sealed details as the synchronous `appendAudit`/`verifyAuditChain` in ./audit.ts, which the
 * services not yet moved to the engine still use on SQLite.
 *
 * One chain per branch with one appender at a time:
 * - SQLite has one writer: the chain's head is its last row, read inside the transaction.
 * - PostgreSQL has many: the head is the branch's row of `audit_head`, locked (`FOR UPDATE`)
 *   by the appending transaction until it commits, so a second desk's append waits for it and
 *   then links to the row it wrote (under SERIALIZABLE, a head changed since the waiting
 *   transaction began is a serialisation failure, which the engine retries). Ids are the
 *   head's next number, so the chain stays gapless as `verify` expects.
 *
 * PostgreSQL stores `at` as timestamptz and reads it back as `toISOString()` text: the time is
 * written in that form, so the text hashed is the text read back.
 */

/** The branch a PostgreSQL connection works for (connect.ts sets it on every connection). */
const connectionBranch = sql<number>`current_setting('visitdesk.branch_id')::integer`;

/**
 * The hash of the chain's last row (the genesis hash while it is empty), on `db` or inside a
 * write's `tx`: what a month close anchors and a checkpoint signs.
 */
export async function chainHead(db: Kysely<DB>): Promise<string> {
  const last = await db
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

/** Appends one chained row inside the caller's transaction; returns the row's hash. */
export async function appendAuditRow(
  engine: Pick<Engine, 'kind'>,
  tx: Kysely<DB>,
  entry: AuditEntry,
): Promise<string> {
  const given = entry.at ?? new Date().toISOString();
  const at = engine.kind === 'postgres' ? new Date(given).toISOString() : given;
  const subject = entry.subject ?? null;
  const key = subject === null ? null : await subjectKeyOf(tx, subject, at);
  const fields = chainFieldsOf(entry, at, key);

  if (engine.kind === 'sqlite') {
    const prev = await chainHead(tx);
    const hash = auditHash(prev, fields);
    await tx
      .insertInto('audit_log')
      .values({ ...fields, subject_id: subject, prev_hash: prev, hash })
      .execute();
    return hash;
  }

  // The connection's branch, said as well as enforced by row-level security: a login that
  // sees every branch (maintenance) must still move only this branch's head.
  const branch = connectionBranch;
  const head = await tx
    .selectFrom('audit_head')
    .select(['last_id', 'hash'])
    .where(sql.ref('branch_id'), '=', branch)
    .forUpdate()
    .executeTakeFirst();
  if (!head) throw new Error('internal: the branch has no audit head row');
  const hash = auditHash(head.hash, fields);
  const id = head.last_id + 1;
  await tx
    .insertInto('audit_log')
    .values({ id, ...fields, subject_id: subject, prev_hash: head.hash, hash })
    .execute();
  await tx
    .updateTable('audit_head')
    .set({ last_id: id, hash })
    .where(sql.ref('branch_id'), '=', branch)
    .execute();
  return hash;
}

/** Rows read per query when verifying: the chain is read in id order, a page at a time. */
const VERIFY_PAGE = 5_000;

/**
 * Recomputes the chain from its first row, a page at a time (a branch's log grows to millions
 * of rows): an edited, inserted or deleted row breaks it. On PostgreSQL (`kind`), the chain of
 * the connection's branch.
 */
export async function verifyChain(
  db: Kysely<DB>,
  kind: Engine['kind'] = 'sqlite',
): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let rows = 0;
  let expectedId = 1;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .select(['id', ...chainColumns, 'prev_hash', 'hash'])
      // PostgreSQL: the connection's branch's chain, said as well as enforced by row-level
      // security (a maintenance login sees every branch).
      .$if(kind === 'postgres', (q) => q.where(sql.ref('branch_id'), '=', connectionBranch))
      .where('id', '>=', expectedId)
      .orderBy('id')
      .limit(VERIFY_PAGE)
      .execute();
    for (const row of page) {
      rows += 1;
      const broken =
        row.id !== expectedId || row.prev_hash !== prev || auditHash(prev, row) !== row.hash;
      if (broken) return { ok: false, rows, head: prev, firstBadId: row.id };
      prev = row.hash;
      expectedId = row.id + 1;
    }
    if (page.length < VERIFY_PAGE) return { ok: true, rows, head: prev, firstBadId: null };
  }
}
