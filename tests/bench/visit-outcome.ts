import { addDays } from '../../electron/shared/dates';
import type { RecordVisitInput } from '../../electron/shared/schemas/records';
import type { Sqlite } from '../../electron/core/db/sqlite';

/**
 * What the "record a visit" case submits: a full outcome form for a planned visit of the
 * seeded branch, as an officer fills it in after a morning visit on the branch date (the
 * borrower met and promised to pay, the household's situation noted, a follow-up set).
 */

export interface OpenVisit {
  id: number;
  borrowerId: number;
  loanId: number;
  staffIds: number[];
}

/**
 * The next visit after `afterId` that is still open (planned or notified) and not yet
 * recorded, with its staff and loan; null when none is left.
 */
export function nextOpenVisit(db: Sqlite, afterId: number): OpenVisit | null {
  const row = db
    .prepare(
      `SELECT v.id, v.borrower_id AS borrowerId,
              (SELECT loan_id FROM visit_loans WHERE visit_id = v.id ORDER BY loan_id LIMIT 1) AS loanId
         FROM visits v
        WHERE v.id > ? AND v.status IN ('planned', 'notified')
          AND NOT EXISTS (SELECT 1 FROM visit_records r WHERE r.visit_id = v.id)
          AND EXISTS (SELECT 1 FROM visit_loans l WHERE l.visit_id = v.id)
        ORDER BY v.id LIMIT 1`,
    )
    .get(afterId) as { id: number; borrowerId: number; loanId: number } | undefined;
  if (!row) return null;
  const staff = db
    .prepare(
      `SELECT vs.staff_id AS id FROM visit_staff vs JOIN staff s ON s.id = vs.staff_id
        WHERE vs.visit_id = ? AND s.active = 1 ORDER BY vs.staff_id`,
    )
    .all(row.id) as { id: number }[];
  return { ...row, staffIds: staff.map((s) => s.id) };
}

/** The outcome form for `visit`, held earlier on `today` (the branch clock stands at 10:00). */
export function promiseOutcome(visit: OpenVisit, today: string): RecordVisitInput {
  return {
    visitId: visit.id,
    date: today,
    start: '08:30',
    end: '09:10',
    staffIds: visit.staffIds,
    met: 'borrower',
    outcome: 'promise_to_pay',
    borrowerWords: '本月底前先还两千元，其余等下月工资发了再还。',
    situation: {
      livelihood: '在镇上电子厂上班，妻子务农，两个孩子上学。',
      income: '工资每月约四千五百元',
      expenses: '房租、孩子学费',
      assets: '自住农房一处',
      householdSize: 4,
      monthlyIncomeFen: 450_000,
      monthlyExpensesFen: 300_000,
      capacityFen: 100_000,
    },
    checklist: {
      staffCardsShown: true,
      rightsExplained: true,
      noThirdPartyDisclosure: true,
      recorded: true,
      recordingRef: `REC-${today.replaceAll('-', '')}-${visit.id}`,
    },
    nextAction: '到期日电话确认还款',
    followUpOn: addDays(today, 7),
    promise: { amountFen: 200_000, dueOn: addDays(today, 14), loanId: visit.loanId },
  };
}
