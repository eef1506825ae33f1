import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/**
 * The loans a visit is about: the ones the planner chose, or else all of the borrower's
 * overdue loans (a borrower with none overdue: their open loans, say for a visit to collect a
 * payment). "Amount collected" in the monthly summary counts payments on these loans, so every
 * path that writes a visit (plan dialog, roster import, route planner, demo) goes through
 * insertVisit, which asks here.
 */
export function visitLoans(
  db: Sqlite,
  borrowerId: number,
  chosen: readonly number[],
): readonly number[] {
  if (chosen.length > 0) return [...new Set(chosen)];
  const open = statement(
    db,
    `SELECT id, overdue_principal_fen + overdue_interest_fen + penalty_fen AS overdue_fen
     FROM loans WHERE borrower_id = ? AND status = 'active' ORDER BY id`,
  ).all(borrowerId) as { id: number; overdue_fen: number }[];
  const overdue = open.filter((l) => l.overdue_fen > 0);
  return (overdue.length > 0 ? overdue : open).map((l) => l.id);
}
