import type { PlanSection } from '../../shared/schemas/records';
import type { PlanPreview } from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';

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
export function overdueNowFen(db: Sqlite, borrowerId: number, loanId: number | null): number {
  const row = statement(
    db,
    `SELECT coalesce(sum(max(0,
              l.overdue_principal_fen + l.overdue_interest_fen + l.penalty_fen
              - coalesce((SELECT sum(p.amount_fen) FROM payments p
                          WHERE p.loan_id = l.id AND p.source = 'visit'
                            AND p.created_at > l.updated_at), 0))), 0) AS fen,
            count(*) AS loans
     FROM loans l
     WHERE l.borrower_id = ? AND l.status = 'active' AND (? IS NULL OR l.id = ?)`,
  ).get(borrowerId, loanId, loanId) as { fen: number; loans: number };
  if (loanId !== null && row.loans === 0) {
    throw new AppFailure('VALIDATION', 'the loan is not an open loan of the borrower', {
      fields: { loanId: 'v.invalid' },
    });
  }
  return row.fen;
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

export function previewPlan(
  db: Sqlite,
  borrowerId: number,
  plan: Pick<
    PlanSection,
    'loanId' | 'mode' | 'count' | 'firstDueOn' | 'totalFen' | 'amountsFen' | 'shortfallReason'
  >,
): PlanPreview {
  const exists = statement(db, 'SELECT 1 FROM borrowers WHERE id = ?').get(borrowerId);
  if (!exists) throw new AppFailure('NOT_FOUND', `no borrower ${borrowerId}`);
  const overdueFen = overdueNowFen(db, borrowerId, plan.loanId);
  return {
    instalments: generateSchedule(plan),
    totalFen: plan.totalFen,
    overdueFen,
    problems: totalsProblems(plan.totalFen, overdueFen, plan.shortfallReason),
  };
}
