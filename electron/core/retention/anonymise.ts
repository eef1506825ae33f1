import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/** The date before which a case must have been closed to be anonymised. */
export function retentionCutoff(now: Date, years: number): string {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

export function anonymisationCandidates(db: Sqlite, cutoff: string) {
  return statement(
    db,
    `SELECT b.id AS borrowerId, b.closed_at AS closedAt,
            (SELECT count(*) FROM loans l WHERE l.borrower_id = b.id) AS loans
       FROM borrowers b
      WHERE b.status = 'closed' AND b.closed_at IS NOT NULL AND b.closed_at < ?
        AND b.name <> '已匿名'
      ORDER BY b.closed_at`,
  ).all(cutoff) as { borrowerId: number; closedAt: string; loans: number }[];
}

/**
 * Removes what identifies a person from closed cases kept past the retention period, and keeps
 * the figures (loans, amounts, dates, outcomes) that monthly summaries and roll rates need.
 * Free text written about the person (notes, assessments, visit words) goes too. The
 * resident-ID column must stay unique and 18 characters: it becomes a placeholder.
 */
function anonymiseBorrower(db: Sqlite, borrowerId: number): void {
  const placeholder = `ANON${String(borrowerId).padStart(14, '0')}`;
  statement(
    db,
    `UPDATE borrowers SET name = '已匿名', name_sort = '', id_number = ?, birth_date = substr(birth_date, 1, 4) || '-01-01',
       mobile = NULL, other_phones = '[]', province_code = NULL, city_code = NULL, county_code = NULL,
       township_code = NULL, village_code = NULL, address_detail = '', occupation = '',
       household_members = '[]', preferred_contact_times = '', vulnerability_notes = ''
     WHERE id = ?`,
  ).run(placeholder, borrowerId);
  statement(
    db,
    `UPDATE contacts SET name = '已匿名', phone = NULL, note = '' WHERE borrower_id = ?`,
  ).run(borrowerId);
  statement(db, `UPDATE notes SET text = '（已匿名）' WHERE borrower_id = ?`).run(borrowerId);
  statement(
    db,
    `UPDATE assessments SET income = '', expenses = '', assets = '', livelihood = '', note = '' WHERE borrower_id = ?`,
  ).run(borrowerId);
  statement(db, `UPDATE contact_events SET note = '' WHERE borrower_id = ?`).run(borrowerId);
  statement(db, 'DELETE FROM borrower_search WHERE rowid = ?').run(borrowerId);
}

export function anonymiseClosedCases(app: Visitdesk, years: number, borrowerIds: number[]): number {
  const cutoff = retentionCutoff(app.now(), years);
  const eligible = new Set(anonymisationCandidates(app.db, cutoff).map((c) => c.borrowerId));
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
  app.db.transaction(() => {
    for (const id of borrowerIds) anonymiseBorrower(app.db, id);
    app.audit({
      action: 'retention.anonymise',
      entity: 'borrower',
      after: { years, cutoff, borrowerIds },
    });
  })();
  return borrowerIds.length;
}
