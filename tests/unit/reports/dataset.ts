import type { Sqlite } from '../../../electron/core/db/sqlite';
import { seeder } from './seed';

/**
 * A small branch with hand-computed answers for March 2026 (see figures.test.ts). The manager
 * (staff 1) goes on visits too, as the second person.
 */
export function seedMarch2026(db: Sqlite) {
  const s = seeder(db);
  const m = 1;
  const a = s.staff('李明', 'A001');
  const b = s.staff('赵芳', 'B001');
  const b1 = s.borrower('张三', a);
  const b2 = s.borrower('李四', a);
  const b3 = s.borrower('王五', b);
  const b4 = s.borrower('陈六', b);
  const [l1, l2, l3, l4, l5] = [
    s.loan(b1, 'L1'),
    s.loan(b2, 'L2'),
    s.loan(b3, 'L3'),
    s.loan(b4, 'L4'),
    s.loan(b4, 'L5'),
  ] as [number, number, number, number, number];

  // March visits.
  const v1 = s.visit({
    borrowerId: b1,
    date: '2026-03-02',
    staff: [a, b],
    loans: [l1],
    status: 'done',
    plannedBy: m,
  });
  const r1 = s.record({
    visitId: v1,
    borrowerId: b1,
    date: '2026-03-02',
    met: 'borrower',
    outcome: 'promise_to_pay',
    by: a,
  });
  s.promise({
    borrowerId: b1,
    recordId: r1,
    promisedOn: '2026-03-02',
    dueOn: '2026-03-10',
    amountFen: 100000,
    status: 'kept',
  });
  s.plan({
    borrowerId: b1,
    recordId: r1,
    by: a,
    status: 'approved',
    decidedAt: '2026-02-28T17:30:00.000Z',
  });
  s.plan({
    borrowerId: b1,
    recordId: r1,
    by: a,
    status: 'approved',
    decidedAt: '2026-03-31T16:30:00.000Z',
  });
  s.plan({
    borrowerId: b1,
    recordId: r1,
    by: a,
    status: 'rejected',
    decidedAt: '2026-03-10T02:00:00.000Z',
  });

  const v2 = s.visit({
    borrowerId: b2,
    date: '2026-03-05',
    staff: [a, b],
    loans: [l2],
    status: 'done',
    plannedBy: m,
  });
  s.record({
    visitId: v2,
    borrowerId: b2,
    date: '2026-03-05',
    met: 'spouse',
    outcome: 'partial_payment',
    by: a,
  });

  const v3 = s.visit({
    borrowerId: b3,
    date: '2026-03-10',
    staff: [b, m],
    loans: [l3],
    status: 'not_done',
    plannedBy: m,
  });
  s.record({
    visitId: v3,
    borrowerId: b3,
    date: '2026-03-10',
    met: 'nobody',
    outcome: 'not_home',
    by: b,
  });

  s.visit({ borrowerId: b4, date: '2026-03-12', staff: [b, m], status: 'cancelled', plannedBy: m });

  // The month's last evening: counts in March, whatever the record says later.
  const v5 = s.visit({
    borrowerId: b4,
    date: '2026-03-31',
    start: '21:00',
    end: '22:00',
    staff: [b, m],
    loans: [l4],
    status: 'done',
    override: 'borrower asked for the evening',
    plannedBy: m,
  });
  const r5 = s.record({
    visitId: v5,
    borrowerId: b4,
    date: '2026-03-31',
    met: 'family',
    outcome: 'promise_to_pay',
    by: b,
  });
  s.promise({
    borrowerId: b4,
    recordId: r5,
    promisedOn: '2026-03-31',
    dueOn: '2026-04-03',
    amountFen: 150000,
    status: 'superseded',
  });
  const r5b = s.record({
    visitId: v5,
    borrowerId: b4,
    date: '2026-03-31',
    met: 'borrower',
    outcome: 'promise_to_pay',
    by: b,
    amends: r5,
  });
  // Made in March, due in April.
  s.promise({
    borrowerId: b4,
    recordId: r5b,
    promisedOn: '2026-03-31',
    dueOn: '2026-04-05',
    amountFen: 200000,
  });

  s.visit({ borrowerId: b1, date: '2026-03-20', staff: [a, m], plannedBy: m });
  s.visit({
    borrowerId: b2,
    date: '2026-03-15',
    staff: [a, m],
    status: 'rescheduled',
    override: 'x',
    plannedBy: m,
  });

  // Just after midnight at the month's end: April.
  s.visit({
    borrowerId: b2,
    date: '2026-04-01',
    start: '08:00',
    end: '09:00',
    staff: [a, m],
    loans: [l2],
    status: 'done',
    plannedBy: m,
  });

  // February: two promises falling due in March.
  const v9 = s.visit({
    borrowerId: b3,
    date: '2026-02-27',
    staff: [b, m],
    loans: [l3],
    status: 'done',
    plannedBy: m,
  });
  const r9 = s.record({
    visitId: v9,
    borrowerId: b3,
    date: '2026-02-27',
    met: 'borrower',
    outcome: 'promise_to_pay',
    by: b,
  });
  s.promise({
    borrowerId: b3,
    recordId: r9,
    promisedOn: '2026-02-27',
    dueOn: '2026-03-03',
    amountFen: 50000,
    status: 'broken',
  });
  s.promise({
    borrowerId: b3,
    recordId: r9,
    promisedOn: '2026-02-27',
    dueOn: '2026-03-20',
    amountFen: 30000,
    status: 'kept',
  });

  // Payments: only those in March on loans with a done March visit count.
  s.payment(l1, b1, '2026-03-10', 100000);
  s.payment(l2, b2, '2026-03-05', 20000);
  s.payment(l4, b4, '2026-03-31', 5000);
  s.payment(l3, b3, '2026-03-15', 70000);
  s.payment(l1, b1, '2026-02-28', 9999);
  s.payment(l2, b2, '2026-04-01', 8888);

  s.target('2026-03', null, 500000);
  s.target('2026-03', a, 200000);

  // Snapshots: the latest on or before the 1st is the start, on or before the 31st the end.
  s.snapshot(l1, '2026-02-28', 'M2', 300000);
  s.snapshot(l1, '2026-03-31', 'M0', 250000);
  s.snapshot(l2, '2026-02-28', 'M1', 100000);
  s.snapshot(l2, '2026-03-15', 'M2', 100000);
  s.snapshot(l3, '2026-01-31', 'M3', 400000);
  s.snapshot(l3, '2026-03-31', 'M4+', 400000);
  s.snapshot(l4, '2026-03-01', 'M1', 50000);
  s.snapshot(l4, '2026-03-31', 'M1', 0);
  s.snapshot(l5, '2026-02-15', 'M1', 90000);
  s.snapshot(l5, '2026-02-28', 'M0', 80000);
  s.snapshot(l5, '2026-04-01', 'M1', 80000);

  return { m, a, b, loans: { l1, l2, l3, l4, l5 }, seeder: s };
}
