import { describe, expect, it } from 'vitest';
import { suggestRebalance } from '../../../electron/core/assignments/workload';
import { expectOk } from '../support/core';
import { insertVisit } from '../complaints/support';
import { assignmentsBranch } from './support';

/**
 * The workload on 2026-11-20 (month 2026-11), every figure worked out by hand below from rows
 * written straight into the tables (cases come through the dispatcher, then get their balances).
 */
describe('the officers’ workload', () => {
  it('counts cases by bucket and balance, visits, open promises and collections per officer', async () => {
    const b = await assignmentsBranch();
    const db = b.core.app.db;
    const A = b.officer.staffId;
    const B = b.partner.staffId;
    const setCase = (
      id: number,
      overdueSince: string | null,
      outstanding: number,
      overdue: number,
    ) =>
      db
        .prepare(
          'UPDATE borrowers SET overdue_since = ?, outstanding_fen = ?, total_overdue_fen = ? WHERE id = ?',
        )
        .run(overdueSince, outstanding, overdue, id);
    // 李明: 东村 M0 and M1 (10 days), 西村 M2 (45 days) and M4+ (100 days), and a closed case.
    const a1 = await b.createCase('东村', A, '甲一');
    const a2 = await b.createCase('东村', A, '甲二');
    const a3 = await b.createCase('西村', A, '甲三');
    const a4 = await b.createCase('西村', A, '甲四');
    const a5 = await b.createCase('西村', A, '甲五');
    setCase(a1, null, 100_000, 0);
    setCase(a2, '2026-11-10', 200_000, 50_000);
    setCase(a3, '2026-10-06', 300_000, 80_000);
    setCase(a4, '2026-08-12', 400_000, 120_000);
    setCase(a5, '2026-08-12', 900_000, 900_000);
    db.prepare("UPDATE borrowers SET status = 'closed' WHERE id = ?").run(a5);
    // 赵强: 南村 at the bucket edges: 30 days (M1), 31 (M2), 90 (M3).
    const b1 = await b.createCase('南村', B, '乙一');
    const b2 = await b.createCase('南村', B, '乙二');
    const b3 = await b.createCase('南村', B, '乙三');
    setCase(b1, '2026-10-21', 10_000, 1_000);
    setCase(b2, '2026-10-20', 20_000, 2_000);
    setCase(b3, '2026-08-22', 30_000, 3_000);
    // Nobody's case counts for nobody.
    setCase(await b.createCase('北村', null, '丙一'), '2026-10-01', 5_000, 5_000);

    // Visits: 李明 did a2 on 11-05; 李明 and 赵强 plan a3 on 11-25; 赵强 did b1 on 11-10 and on
    // 10-30 (last month).
    insertVisit(db, { borrowerId: a2, date: '2026-11-05', staffIds: [A] });
    insertVisit(db, { borrowerId: a3, date: '2026-11-25', staffIds: [A, B], status: 'planned' });
    insertVisit(db, { borrowerId: b1, date: '2026-11-10', staffIds: [B] });
    insertVisit(db, { borrowerId: b1, date: '2026-10-30', staffIds: [B] });
    // Payments: a2 (visited by 李明) 300 yuan, b1 (visited by 赵强) 200 yuan, a4 (not visited) 999.99.
    const at = '2026-11-01T00:00:00.000Z';
    const loan = (borrowerId: number, no: string) =>
      Number(
        db
          .prepare(
            `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, created_at, updated_at)
             VALUES (?, ?, 1000000, '2025-01-01', ?, ?)`,
          )
          .run(no, borrowerId, at, at).lastInsertRowid,
      );
    const pay = (borrowerId: number, no: string, paidOn: string, fen: number) =>
      db
        .prepare(
          `INSERT INTO payments (loan_id, borrower_id, paid_on, amount_fen, source, created_at)
           VALUES (?, ?, ?, ?, 'import', ?)`,
        )
        .run(loan(borrowerId, no), borrowerId, paidOn, fen, at);
    pay(a2, 'L-A2', '2026-11-12', 30_000);
    pay(b1, 'L-B1', '2026-11-11', 20_000);
    pay(a4, 'L-A4', '2026-11-12', 99_999);
    // Promises: a2 and a4 pending, a3 kept (李明: 2 open); b2 pending (赵强: 1). The promise's
    // visit record is not what this reads, so it is left out (foreign keys off for these rows).
    db.pragma('foreign_keys = OFF');
    const promise = db.prepare(
      `INSERT INTO promises (borrower_id, visit_record_id, promised_on, amount_fen, due_on, status,
         created_at) VALUES (?, 999, '2026-11-01', 10000, '2026-11-30', ?, ?)`,
    );
    promise.run(a2, 'pending', at);
    promise.run(a4, 'pending', at);
    promise.run(a3, 'kept', at);
    promise.run(b2, 'pending', at);
    db.pragma('foreign_keys = ON');
    // 李明's amount target for November: 1,000 yuan; 赵强 has none.
    db.prepare(
      `INSERT INTO monthly_targets (month, staff_id, visits_target, amount_target_fen, updated_at)
       VALUES ('2026-11', ?, 10, 100000, ?)`,
    ).run(A, at);

    const workload = expectOk(await b.core.invoke('assignments:workload', {}));
    expect(workload.month).toBe('2026-11');
    expect(workload.asOf).toBe('2026-11-20');
    // 孙丽 left and holds nothing: not listed. Staff numbers in order: C101 李明, C102 赵强.
    expect(workload.officers).toEqual([
      {
        officerId: A,
        staffNo: 'C101',
        name: '李明',
        active: true,
        cases: { M0: 1, M1: 1, M2: 1, M3: 0, 'M4+': 1 },
        casesTotal: 4,
        outstandingFen: 1_000_000,
        overdueFen: 250_000,
        visitsPlanned: 1,
        visitsDone: 1,
        promisesOpen: 2,
        collectedFen: 30_000,
        targetFen: 100_000,
      },
      {
        officerId: B,
        staffNo: 'C102',
        name: '赵强',
        active: true,
        cases: { M0: 0, M1: 1, M2: 1, M3: 1, 'M4+': 0 },
        casesTotal: 3,
        outstandingFen: 60_000,
        overdueFen: 6_000,
        visitsPlanned: 1,
        visitsDone: 1,
        promisesOpen: 1,
        collectedFen: 20_000,
        targetFen: null,
      },
    ]);
    // 4 against 3: moving either of 李明's villages (2 cases) would not narrow a gap of 1.
    expect(workload.suggestion).toEqual([]);
  });

  it('suggests whole villages: the one who left first, then the most loaded to the least', () => {
    const [A, B, C, LEFT] = [1, 2, 3, 4];
    const village = (officer: number, name: string, cases: number) => ({
      officer,
      township: '东源镇',
      village: name,
      cases,
    });
    // Loads: A 19 (10 + 6 + 3), B 1, C 0; LEFT holds 2 and is not a receiver.
    const moves = suggestRebalance(
      [
        village(A, '甲村', 10),
        village(A, '乙村', 6),
        village(A, '丙村', 3),
        village(B, '丁村', 1),
        village(LEFT, '戊村', 2),
      ],
      [A, B, C],
    );
    // 戊村 (2) goes to C (0): A 19, B 1, C 2. Least B: from A (gap 18) 甲村 (10) leaves a gap
    // of 2, nearer than 乙村 (6) or 丙村 (3): A 9, B 11, C 2. Least C: from B (gap 9) its only
    // village 丁村 (1): B 10, C 3. Least C: B has nothing left to move; from A (gap 6) 丙村 (3)
    // closes it: A 6, B 10, C 6. Least A: B has nothing, C is level: stop.
    expect(moves).toEqual([
      { fromOfficerId: LEFT, toOfficerId: C, township: '东源镇', village: '戊村', cases: 2 },
      { fromOfficerId: A, toOfficerId: B, township: '东源镇', village: '甲村', cases: 10 },
      { fromOfficerId: B, toOfficerId: C, township: '东源镇', village: '丁村', cases: 1 },
      { fromOfficerId: A, toOfficerId: C, township: '东源镇', village: '丙村', cases: 3 },
    ]);
  });
});
