import type { ImportOfficerRule } from '../../shared/schemas/assignments';
import type { OfficerConflictView } from '../../shared/schemas/imports';
import { readImportOfficerRule } from '../assignments/import-rule';
import { officerLookup } from '../cases/upsert';
import type { Sqlite } from '../db/sqlite';
import type { PreparedRow } from './prepare';

/** Conflicts the preview lists by name; the count covers them all. */
const PREVIEW_CONFLICTS = 10;

interface ForeseenConflicts {
  conflicts: OfficerConflictView[];
  total: number;
  rule: ImportOfficerRule;
}

/** Borrowers whose officer is a manager's choice: their last assignment is manual and current. */
const HELD_BY_HAND = `
  SELECT b.id, b.id_number, b.assigned_officer_id
  FROM borrowers b
  JOIN assignments a ON a.id = (SELECT max(id) FROM assignments WHERE borrower_id = b.id)
  WHERE a.source = 'manual' AND a.to_officer_id = b.assigned_officer_id`;

/**
 * The officer conflicts an import of `rows` would report, found before anything is written (the
 * preview), by the rule the import applies row by row (cases/upsert.ts officerFromFile): a row
 * whose officer differs from a manager's reassignment conflicts; where head office wins, the
 * file's officer takes the case, so a later row of the same borrower no longer conflicts.
 */
export function foreseeOfficerConflicts(
  db: Sqlite,
  rows: readonly PreparedRow[],
  listed = PREVIEW_CONFLICTS,
): ForeseenConflicts {
  const rule = readImportOfficerRule(db);
  const held = db.prepare(HELD_BY_HAND).all() as {
    id: number;
    id_number: string;
    assigned_officer_id: number;
  }[];
  if (held.length === 0) return { conflicts: [], total: 0, rule };
  const byIdNumber = new Map(
    held.map((h) => [h.id_number, { id: h.id, current: h.assigned_officer_id, byHand: true }]),
  );
  const officers = officerLookup(db);
  const names = new Map(
    (db.prepare('SELECT id, name FROM staff').all() as { id: number; name: string }[]).map((s) => [
      s.id,
      s.name,
    ]),
  );
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
