import type { Kysely } from 'kysely';
import type { ImportOfficerRule } from '../../shared/schemas/assignments';
import type { OfficerConflictView } from '../../shared/schemas/imports';
import { loadImportOfficerRule } from '../assignments/import-rule';
import { loadOfficerLookup } from '../cases/upsert';
import type { DB } from '../db/schema';
import type { PreparedRow } from './prepare';

/** Conflicts the preview lists by name; the count covers them all. */
const PREVIEW_CONFLICTS = 10;

interface ForeseenConflicts {
  conflicts: OfficerConflictView[];
  total: number;
  rule: ImportOfficerRule;
}

/** Borrowers whose officer is a manager's choice: their last assignment is manual and current. */
const heldByHand = (db: Kysely<DB>) =>
  db
    .selectFrom('borrowers as b')
    .innerJoin('assignments as a', (join) =>
      join.on((eb) =>
        eb(
          'a.id',
          '=',
          eb
            .selectFrom('assignments as last')
            .select((x) => x.fn.max('last.id').as('id'))
            .whereRef('last.borrower_id', '=', 'b.id'),
        ),
      ),
    )
    .select(['b.id', 'b.id_number', 'b.assigned_officer_id'])
    .where('a.source', '=', 'manual')
    .whereRef('a.to_officer_id', '=', 'b.assigned_officer_id');

/**
 * The officer conflicts an import of `rows` would report, found on the engine before anything
 * is written (the preview), by the rule the import applies row by row (cases/upsert.ts
 * officerFromFile): a row whose officer differs from a manager's reassignment conflicts; where
 * head office wins, the file's officer takes the case, so a later row of the same borrower no
 * longer conflicts.
 */
export async function foreseeOfficerConflicts(
  db: Kysely<DB>,
  rows: readonly PreparedRow[],
  listed = PREVIEW_CONFLICTS,
): Promise<ForeseenConflicts> {
  const rule = await loadImportOfficerRule(db);
  const held = await heldByHand(db).execute();
  if (held.length === 0) return { conflicts: [], total: 0, rule };
  const byIdNumber = new Map(
    held.map((h) => [h.id_number, { id: h.id, current: h.assigned_officer_id!, byHand: true }]),
  );
  const officers = await loadOfficerLookup(db);
  const staff = await db.selectFrom('staff').select(['id', 'name']).execute();
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const conflicts: OfficerConflictView[] = [];
  let total = 0;
  for (const row of rows) {
    const borrower = byIdNumber.get(row.idNumber);
    const officerText = row.officer?.trim();
    if (!borrower?.byHand || !officerText) continue;
    const fileOfficerId = officers.get(officerText);
    if (fileOfficerId === undefined || fileOfficerId === borrower.current) continue;
    total++;
    if (conflicts.length < listed) {
      conflicts.push({
        line: row.line,
        borrowerId: borrower.id,
        borrowerName: row.name,
        currentOfficer: names.get(borrower.current) ?? '',
        fileOfficer: names.get(fileOfficerId) ?? '',
        kept: rule,
      });
    }
    if (rule === 'headOffice') {
      borrower.current = fileOfficerId;
      borrower.byHand = false;
    }
  }
  return { conflicts, total, rule };
}
