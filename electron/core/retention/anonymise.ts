import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { shredSubjectKeys } from '../audit/seal';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
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
function plainAuditRowsAbout(db: Sqlite, borrowerId: number, sealedFrom: number): number {
  // JS numbers bind as REAL, whose text is '1.0': the entity id is matched as text (idText).
  const row = statement(
    db,
    `SELECT count(*) AS n FROM audit_log a
      WHERE a.id < :sealedFrom AND a.subject_id IS NULL
        AND (a.before IS NOT NULL OR a.after IS NOT NULL)
        AND ((a.entity = 'borrower' AND a.entity_id = :idText)
          OR (a.entity = 'visit' AND a.entity_id IN
                (SELECT CAST(id AS TEXT) FROM visits WHERE borrower_id = :id))
          OR (a.entity = 'visit_record' AND a.entity_id IN
                (SELECT CAST(id AS TEXT) FROM visit_records WHERE borrower_id = :id))
          OR (a.entity = 'repayment_plan' AND a.entity_id IN
                (SELECT CAST(id AS TEXT) FROM repayment_plans WHERE borrower_id = :id)))`,
  ).get({ id: borrowerId, idText: String(borrowerId), sealedFrom }) as { n: number };
  return row.n;
}

function sealedFromId(db: Sqlite): number {
  const row = statement(db, "SELECT value FROM meta WHERE key = 'audit_sealed_from_id'").get() as
    { value: string } | undefined;
  return row ? Number(row.value) : Number.MAX_SAFE_INTEGER;
}

export function anonymisationCandidates(db: Sqlite, cutoff: string) {
  const rows = statement(
    db,
    `SELECT b.id AS borrowerId, b.closed_at AS closedAt,
            (SELECT count(*) FROM loans l WHERE l.borrower_id = b.id) AS loans
       FROM borrowers b
      WHERE b.status = 'closed' AND b.closed_at IS NOT NULL AND b.closed_at < ?
        AND b.name <> '${ANONYMISED_NAME}'
      ORDER BY b.closed_at`,
  ).all(cutoff) as { borrowerId: number; closedAt: string; loans: number }[];
  const sealedFrom = sealedFromId(db);
  return rows.map((r) => ({
    ...r,
    plainAuditRows: plainAuditRowsAbout(db, r.borrowerId, sealedFrom),
  }));
}

/**
 * Removes what identifies a person from closed cases kept past the retention period, and keeps
 * the figures (loans, amounts, dates, outcomes) that monthly summaries and roll rates need.
 * Everything happens in one transaction: the tables (redact.ts), the print log
 * (redact-prints.ts), the search index, and the borrowers' audit keys, whose deletion makes
 * the audit details sealed with them unreadable (audit/seal.ts).
 *
 * `secure_delete` is on for the transaction so deleted keys and replaced text are overwritten
 * in the file rather than left in free space; afterwards the WAL is checkpointed and truncated
 * so its older page images go too (best effort: a reader holding the WAL keeps it until the
 * next checkpoint). Backups made before stay as they are, until pruned (backup.ts).
 */
export function anonymiseClosedCases(app: Visitdesk, years: number, borrowerIds: number[]) {
  const cutoff = retentionCutoff(app.now(), years);
  const candidates = anonymisationCandidates(app.db, cutoff);
  const eligible = new Set(candidates.map((c) => c.borrowerId));
  const refused = borrowerIds.filter((id) => !eligible.has(id));
  if (refused.length) {
    throw new AppFailure(
      'CONFLICT',
      `not closed for more than ${years} years: ${refused.slice(0, 10).join(', ')}`,
      {
        details: { refused },
      },
    );
  }
  const chosen = new Set(borrowerIds);
  const plainAuditRows = candidates
    .filter((c) => chosen.has(c.borrowerId))
    .reduce((sum, c) => sum + c.plainAuditRows, 0);
  const at = app.now().toISOString();
  const secureDelete = app.db.pragma('secure_delete', { simple: true });
  app.db.pragma('secure_delete = ON');
  try {
    app.db.transaction(() => {
      const people = peopleToRedact(app.db, borrowerIds);
      redactBorrowerTables(app.db, borrowerIds);
      const printsRedacted = redactPrintLog(app.db, borrowerIds, people, at);
      dropFromSearch(app.db, borrowerIds);
      const keysShredded = shredSubjectKeys(app.db, borrowerIds);
      app.audit({
        action: 'retention.anonymise',
        entity: 'borrower',
        after: { years, cutoff, borrowerIds, keysShredded, printsRedacted, plainAuditRows },
      });
    })();
  } finally {
    app.db.pragma(`secure_delete = ${Number(secureDelete) ? 'ON' : 'OFF'}`);
  }
  try {
    app.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A busy WAL is checkpointed later; the anonymisation itself is committed.
  }
  return { anonymised: borrowerIds.length, plainAuditRows };
}
