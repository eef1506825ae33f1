import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The loans a visit is about: the ones the planner chose, or else all of the borrower's
 * overdue loans (a borrower with none overdue: their open loans, say for a visit to collect a
 * payment). "Amount collected" in the monthly summary counts payments on these loans, so every
 * path that writes a visit (plan dialog, roster import, route planner, demo) goes through
 * insertVisit, which asks here.
 */
export async function visitLoans(
  db: Kysely<DB>,
  borrowerId: number,
  chosen: readonly number[],
): Promise<readonly number[]> {
  if (chosen.length > 0) return [...new Set(chosen)];
  const open = await db
    .selectFrom('loans')
    .select('id')
    .select((eb) =>
      eb(
        eb('overdue_principal_fen', '+', eb.ref('overdue_interest_fen')),
        '+',
        eb.ref('penalty_fen'),
      ).as('overdue_fen'),
    )
    .where('borrower_id', '=', borrowerId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const overdue = open.filter((l) => Number(l.overdue_fen) > 0);
  return (overdue.length > 0 ? overdue : open).map((l) => l.id);
}
