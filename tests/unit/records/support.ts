import type { Sqlite } from '../../../electron/core/db/sqlite';
import { residentIdCheckChar } from '../../../electron/shared/idcard';
import type { RecordVisitInput } from '../../../electron/shared/schemas/records';

/**
 * The records feature's test branch, its dates and its outcome. The branch itself runs on either
 * engine in desk-records.ts (a manager, two officers and a clerk, one overdue borrower with two
 * loans, a clock the test can move); the inserts below write the same borrower, loan and visit
 * straight into a SQLite connection, for the suites that build a database by hand (migrations,
 * a receipt's writer killed mid-way).
 */

/** 2026-05-20 10:00 in China. */
export const START = new Date('2026-05-20T02:00:00.000Z');
export const TODAY = '2026-05-20';

export function residentId(seq: number): string {
  const first17 = `331121198005${String(10 + (seq % 18)).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function insertBorrower(db: Sqlite, seq: number, name = '张秀英'): number {
  const at = '2026-01-01T00:00:00.000Z';
  return Number(
    db
      .prepare(
        `INSERT INTO borrowers (name, id_number, birth_date, sex, township, village, overdue_since,
           total_overdue_fen, outstanding_fen, created_at, updated_at)
         VALUES (?, ?, '1980-05-10', 'F', '石桥镇', '东村', '2026-02-01', 320000, 3000000, ?, ?)`,
      )
      .run(name, residentId(seq), at, at).lastInsertRowid,
  );
}

/** A loan ¥3,000 principal + ¥200 interest overdue (320,000 fen), written by an import. */
export function insertLoan(db: Sqlite, borrowerId: number, loanNo: string): number {
  const at = '2026-05-01T00:00:00.000Z';
  return Number(
    db
      .prepare(
        `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, outstanding_principal_fen,
           overdue_principal_fen, overdue_interest_fen, penalty_fen, overdue_since, as_of,
           created_at, updated_at)
         VALUES (?, ?, 5000000, '2025-01-01', 3000000, 300000, 20000, 0, '2026-02-01',
           '2026-05-01', ?, ?)`,
      )
      .run(loanNo, borrowerId, at, at).lastInsertRowid,
  );
}

/** A planned visit (as the planning feature would have written it). */
export function insertVisit(
  db: Sqlite,
  visit: { borrowerId: number; date: string; staffIds: number[]; loanIds?: number[] },
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, township, village,
           status, planned_by, planned_at, updated_at)
         VALUES (?, ?, '09:00', '10:00', 'negotiation', '石桥镇', '东村', 'notified', ?, ?, ?)`,
      )
      .run(
        visit.borrowerId,
        visit.date,
        visit.staffIds[0],
        START.toISOString(),
        START.toISOString(),
      ).lastInsertRowid,
  );
  for (const staffId of visit.staffIds) {
    db.prepare('INSERT INTO visit_staff (visit_id, staff_id) VALUES (?, ?)').run(id, staffId);
  }
  for (const loanId of visit.loanIds ?? []) {
    db.prepare('INSERT INTO visit_loans (visit_id, loan_id) VALUES (?, ?)').run(id, loanId);
  }
  return id;
}

/** What `outcome` needs of a branch: the two officers who went. */
export interface RecordsCore {
  officer: { staffId: number };
  partner: { staffId: number };
}

/** A complete, valid outcome for a visit on 20 May by the two officers. */
export function outcome(
  core: RecordsCore,
  visitId: number,
  overrides: Partial<RecordVisitInput> = {},
): RecordVisitInput {
  return {
    visitId,
    date: TODAY,
    start: '09:05',
    end: '09:50',
    staffIds: [core.officer.staffId, core.partner.staffId],
    met: 'borrower',
    outcome: 'refused',
    borrowerWords: '今年收成不好，等卖了茶叶再说。',
    situation: { livelihood: '家中种茶，丈夫外出打工', householdSize: 4 },
    checklist: {
      staffCardsShown: true,
      rightsExplained: true,
      noThirdPartyDisclosure: true,
      recorded: true,
      recordingRef: 'REC-20260520-01',
    },
    nextAction: '两周后电话回访',
    followUpOn: '2026-06-03',
    ...overrides,
  };
}
