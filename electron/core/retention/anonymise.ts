import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { shredSubjectKeys } from '../audit/seal';
import { holdingConnection } from '../db/engine';
import type { DB } from '../db/schema';
import { peopleToRedact, redactPrintLog } from './redact-prints';
import { ANONYMISED_NAME, dropFromSearch, redactBorrowerTables } from './redact';

/** The date before which a case must have been closed to be anonymised. */
export function retentionCutoff(now: Date, years: number): string {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/**
 * Audit rows about the borrower that stay readable after anonymisation: those written before
 * migration 008 sealed audit details (its `meta.audit_sealed_from_id`). Their text is part of
 * the hash chain, and the head hashes that closed months carried out of the file, so it cannot
 * change; they stay in the encrypted log, readable by the auditor and the manager only, and
 * the preview says how many there are. A database without the mark counts every plain row.
 */
async function plainAuditRowsAbout(
  db: Kysely<DB>,
  borrowerId: number,
  sealedFrom: number,
): Promise<number> {
  // Entity ids are stored as text: the borrower's and its rows' ids are matched as text.
  const idsOf = (table: 'visits' | 'visit_records' | 'repayment_plans') =>
    db
      .selectFrom(table)
      .select((eb) => eb.cast<string>('id', 'text').as('id'))
      .where('borrower_id', '=', borrowerId);
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '<', sealedFrom)
    .where('subject_id', 'is', null)
    .where((eb) => eb.or([eb('before', 'is not', null), eb('after', 'is not', null)]))
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'borrower'), eb('entity_id', '=', String(borrowerId))]),
        eb.and([eb('entity', '=', 'visit'), eb('entity_id', 'in', idsOf('visits'))]),
        eb.and([eb('entity', '=', 'visit_record'), eb('entity_id', 'in', idsOf('visit_records'))]),
        eb.and([
          eb('entity', '=', 'repayment_plan'),
          eb('entity_id', 'in', idsOf('repayment_plans')),
        ]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function sealedFromId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'audit_sealed_from_id')
    .executeTakeFirst();
  return row ? Number(row.value) : Number.MAX_SAFE_INTEGER;
}

/** Closed cases kept since before `cutoff` and not yet anonymised, the longest closed first. */
export async function anonymisationCandidates(db: Kysely<DB>, cutoff: string) {
  const rows = await db
    .selectFrom('borrowers as b')
    .select((eb) => [
      'b.id as borrowerId',
      'b.closed_at as closedAt',
      eb
        .selectFrom('loans as l')
        .select((count) => count.fn.countAll<number>().as('n'))
        .whereRef('l.borrower_id', '=', 'b.id')
        .as('loans'),
    ])
    .where('b.status', '=', 'closed')
    .where('b.closed_at', 'is not', null)
    .where('b.closed_at', '<', cutoff)
    .where('b.name', '<>', ANONYMISED_NAME)
    .orderBy('b.closed_at')
    .$narrowType<{ closedAt: string }>()
    .execute();
  const sealedFrom = await sealedFromId(db);
  const candidates = [];
  for (const r of rows) {
    candidates.push({
      borrowerId: r.borrowerId,
      closedAt: r.closedAt,
      loans: Number(r.loans),
      plainAuditRows: await plainAuditRowsAbout(db, r.borrowerId, sealedFrom),
    });
  }
  return candidates;
}

/**
 * Removes what identifies a person from closed cases kept past the retention period, and keeps
 * the figures (loans, amounts, dates, outcomes) that monthly summaries and roll rates need.
 * Everything happens in one transaction, which also checks that each borrower is still a
 * candidate: the tables (redact.ts), the print log (redact-prints.ts), the search index, and
 * the borrowers' audit keys, whose deletion makes the audit details sealed with them
 * unreadable (audit/seal.ts).
 *
 * On SQLite, deleted keys and replaced text are overwritten in the file rather than left in
 * free space, and the WAL's older page images go too (`scrubbedOnSqlite`). Backups made before
 * stay as they are, until pruned (backup.ts).
 */
export async function anonymiseClosedCases(app: Visitdesk, years: number, borrowerIds: number[]) {
  const cutoff = retentionCutoff(app.now(), years);
  const at = app.now().toISOString();
  return scrubbedOnSqlite(app, async (tx) => {
    const candidates = await anonymisationCandidates(tx, cutoff);
    const eligible = new Set(candidates.map((c) => c.borrowerId));
    const refused = borrowerIds.filter((id) => !eligible.has(id));
    if (refused.length) {
      throw new AppFailure(
        'CONFLICT',
        `not closed for more than ${years} years: ${refused.slice(0, 10).join(', ')}`,
        { details: { refused } },
      );
    }
    const chosen = new Set(borrowerIds);
    const plainAuditRows = candidates
      .filter((c) => chosen.has(c.borrowerId))
      .reduce((sum, c) => sum + c.plainAuditRows, 0);
    const people = await peopleToRedact(tx, borrowerIds);
    await redactBorrowerTables(tx, borrowerIds);
    const printsRedacted = await redactPrintLog(tx, borrowerIds, people, at);
    await dropFromSearch(app.engine, tx, borrowerIds);
    const keysShredded = await shredSubjectKeys(tx, borrowerIds);
    await app.record(tx, {
      action: 'retention.anonymise',
      entity: 'borrower',
      after: { years, cutoff, borrowerIds, keysShredded, printsRedacted, plainAuditRows },
    });
    return { anonymised: borrowerIds.length, plainAuditRows };
  });
}

/**
 * `work` as one write. Engine-specific: on SQLite, `secure_delete` is on while the write runs,
 * so deleted keys and replaced text are overwritten in the file rather than left in free
 * space, and afterwards the WAL is checkpointed and truncated so its older page images go too
 * (best effort: a reader holding the WAL keeps it until the next checkpoint). A PostgreSQL
 * server's storage is its own (encrypted at rest by the server): nothing to set here.
 *
 * The switch is made inside the write, and put back and the WAL checkpointed while the
 * connection is held through the engine (db/engine.ts holdingConnection): another call's
 * write can be open before or after this one (a call made in the same turn), and the
 * session refuses the connection to code outside an open write (the anonymisation failed
 * after committing; tests/unit/db/checks-beside-a-write.test.ts).
 */
async function scrubbedOnSqlite<T>(
  app: Visitdesk,
  work: (tx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (app.engine.kind !== 'sqlite') return app.write(work);
  let before: unknown = null;
  let committed = false;
  try {
    const result = await app.write(async (tx) => {
      const db = app.db;
      before = db.pragma('secure_delete', { simple: true });
      db.pragma('secure_delete = ON');
      return work(tx);
    });
    committed = true;
    return result;
  } finally {
    await holdingConnection(app.engine, () => {
      const db = app.db;
      if (before !== null) db.pragma(`secure_delete = ${Number(before) ? 'ON' : 'OFF'}`);
      if (!committed) return;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A busy WAL is checkpointed later; the anonymisation itself is committed.
      }
    });
  }
}
