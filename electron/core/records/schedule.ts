import type { PlanSection } from '../../shared/schemas/records';
import type { PlanPreview } from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** Repayment plan schedules and the totals check against the overdue amount. */

export interface ScheduledInstalment {
  seq: number;
  dueOn: string;
  amountFen: number;
}

/**
 * The due date `months` months after `first`, on the same day of the month, or the month's
 * last day when it is shorter (31 January → 28/29 February → 31 March).
 */
export function monthlyDueDate(first: string, months: number): string {
  const year = Number(first.slice(0, 4));
  const month = Number(first.slice(5, 7)) - 1 + months;
  const day = Number(first.slice(8, 10));
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day, last))).toISOString().slice(0, 10);
}

/**
 * Monthly instalments from the first due date. Equal mode splits the total into whole fen and
 * puts the remainder on the last instalment (so the borrower's regular amount stays the same
 * and the odd fen are settled once); custom mode takes the amounts given, which the schema
 * has already checked add up to the total.
 */
export function generateSchedule(
  plan: Pick<PlanSection, 'mode' | 'count' | 'firstDueOn' | 'totalFen' | 'amountsFen'>,
): ScheduledInstalment[] {
  const amounts =
    plan.mode === 'equal' ? equalAmounts(plan.totalFen, plan.count) : [...plan.amountsFen];
  if (amounts.reduce((a, b) => a + b, 0) !== plan.totalFen) {
    throw new AppFailure('VALIDATION', 'the instalments do not add up to the total', {
      fields: { amountsFen: 'v.planSum' },
    });
  }
  return amounts.map((amountFen, index) => ({
    seq: index + 1,
    dueOn: monthlyDueDate(plan.firstDueOn, index),
    amountFen,
  }));
}

export function equalAmounts(totalFen: number, count: number): number[] {
  const base = Math.floor(totalFen / count);
  if (base <= 0) {
    throw new AppFailure('VALIDATION', 'too many instalments for the total', {
      fields: { count: 'v.instalments' },
    });
  }
  const amounts = Array.from({ length: count }, () => base);
  amounts[count - 1] = totalFen - base * (count - 1);
  return amounts;
}

/**
 * What the borrower owes overdue now: principal, interest and penalty overdue on the plan's
 * loan (or all the borrower's open loans), as of the last import, less the money taken on
 * visits since that import wrote the loan (an import brings its own payments with it).
 */
export async function overdueNowFen(
  db: Kysely<DB>,
  borrowerId: number,
  loanId: number | null,
): Promise<number> {
  let query = db
    .selectFrom('loans as l')
    .select(['l.overdue_principal_fen', 'l.overdue_interest_fen', 'l.penalty_fen'])
    .select((eb) =>
      eb
        .selectFrom('payments as p')
        .select((inner) => inner.fn.sum<number | string>('p.amount_fen').as('fen'))
        .whereRef('p.loan_id', '=', 'l.id')
        .where('p.source', '=', 'visit')
        .whereRef('p.created_at', '>', 'l.updated_at')
        .as('taken_fen'),
    )
    .where('l.borrower_id', '=', borrowerId)
    .where('l.status', '=', 'active');
  if (loanId !== null) query = query.where('l.id', '=', loanId);
  const loans = await query.execute();
  if (loanId !== null && loans.length === 0) {
    throw new AppFailure('VALIDATION', 'the loan is not an open loan of the borrower', {
      fields: { loanId: 'v.invalid' },
    });
  }
  // Each loan's overdue less the cash taken on it, never below nothing (PostgreSQL's sum of
  // bigint is numeric, read as text).
  return loans.reduce(
    (sum, l) =>
      sum +
      Math.max(
        0,
        l.overdue_principal_fen + l.overdue_interest_fen + l.penalty_fen - Number(l.taken_fen ?? 0),
      ),
    0,
  );
}

/** The totals check: a plan may not exceed the overdue amount, and covers it unless explained. */
export function totalsProblems(
  totalFen: number,
  overdueFen: number,
  shortfallReason: string,
): Record<string, string> {
  if (totalFen > overdueFen) return { totalFen: 'v.planExceedsOverdue' };
  if (totalFen < overdueFen && shortfallReason.trim() === '') {
    return { shortfallReason: 'v.shortfallReason' };
  }
  return {};
}

export async function previewPlan(
  db: Kysely<DB>,
  borrowerId: number,
  plan: Pick<
    PlanSection,
    'loanId' | 'mode' | 'count' | 'firstDueOn' | 'totalFen' | 'amountsFen' | 'shortfallReason'
  >,
): Promise<PlanPreview> {
  const exists = await db
    .selectFrom('borrowers')
    .select('id')
    .where('id', '=', borrowerId)
    .executeTakeFirst();
  if (!exists) throw new AppFailure('NOT_FOUND', `no borrower ${borrowerId}`);
  const overdueFen = await overdueNowFen(db, borrowerId, plan.loanId);
  return {
    instalments: generateSchedule(plan),
    totalFen: plan.totalFen,
    overdueFen,
    problems: totalsProblems(plan.totalFen, overdueFen, plan.shortfallReason),
  };
}
