import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../../electron/core/audit/audit';
import type { DB } from '../../../electron/core/db/schema';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { engineSeeder, seeder, type Seeder } from './seed';

/**
 * A small branch with hand-computed answers for March 2026 (see figures.test.ts). The manager
 * (staff 1) goes on visits too, as the second person.
 *
 * The branch is written once, as the seeder calls it makes (`march2026`), and run on this PC's
 * connection by `seedMarch2026` (the unit suites) or on the app's engine by `seedMarch2026On`
 * (the end-to-end specs, on SQLite and PostgreSQL alike).
 */
export function seedMarch2026(db: Sqlite): MarchIds & { seeder: Seeder } {
  const s = seeder(db);
  const calls = march2026();
  let next = calls.next();
  while (!next.done) {
    const { method, args } = next.value;
    next = calls.next((s[method] as (...a: typeof args) => unknown)(...args));
  }
  return { ...next.value, seeder: s };
}

/**
 * The same branch written on the app's engine in one write, each override's audit row through
 * the app's `record`; resolves to the same ids as `seedMarch2026` gives.
 */
export function seedMarch2026On(app: {
  write<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  record(tx: Kysely<DB>, entry: AuditEntry): Promise<string>;
}): Promise<MarchIds> {
  return app.write(async (tx) => {
    const s = engineSeeder(tx, (entry) => app.record(tx, entry));
    const calls = march2026();
    let next = calls.next();
    while (!next.done) {
      const { method, args } = next.value;
      next = calls.next(await (s[method] as (...a: typeof args) => Promise<unknown>)(...args));
    }
    return next.value;
  });
}

/** The manager, the two officers and the five loans. */
interface MarchIds {
  m: number;
  a: number;
  b: number;
  loans: Record<'l1' | 'l2' | 'l3' | 'l4' | 'l5', number>;
}

/** One call of the seeder: its name and arguments. */
type SeedCall = { [K in keyof Seeder]: { method: K; args: Parameters<Seeder[K]> } }[keyof Seeder];

/**
 * The seeder's calls as steps: `yield* s.loan(b1, 'L1')` hands the call to whoever runs the
 * branch and gives back what the seeder returned (the new row's id, for the calls whose id the
 * branch uses).
 */
const s = new Proxy(
  {} as {
    [K in keyof Seeder]: (...args: Parameters<Seeder[K]>) => Generator<SeedCall, number, unknown>;
  },
  {
    get: (_, method) =>
      function* (...args: unknown[]) {
        return (yield { method, args } as SeedCall) as number;
      },
  },
);

/** The March branch as its seeder calls. */
function* march2026(): Generator<SeedCall, MarchIds, unknown> {
  const m = 1;
  const a = yield* s.staff('李明', 'A001');
  const b = yield* s.staff('赵芳', 'B001');
  const b1 = yield* s.borrower('张三', a);
  const b2 = yield* s.borrower('李四', a);
  const b3 = yield* s.borrower('王五', b);
  const b4 = yield* s.borrower('陈六', b);
  const [l1, l2, l3, l4, l5] = [
    yield* s.loan(b1, 'L1'),
    yield* s.loan(b2, 'L2'),
    yield* s.loan(b3, 'L3'),
    yield* s.loan(b4, 'L4'),
    yield* s.loan(b4, 'L5'),
  ];

  // March visits.
  const v1 = yield* s.visit({
    borrowerId: b1,
    date: '2026-03-02',
    staff: [a, b],
    loans: [l1],
    status: 'done',
    plannedBy: m,
  });
  const r1 = yield* s.record({
    visitId: v1,
    borrowerId: b1,
    date: '2026-03-02',
    met: 'borrower',
    outcome: 'promise_to_pay',
    by: a,
  });
  yield* s.promise({
    borrowerId: b1,
    recordId: r1,
    promisedOn: '2026-03-02',
    dueOn: '2026-03-10',
    amountFen: 100000,
    status: 'kept',
  });
  yield* s.plan({
    borrowerId: b1,
    recordId: r1,
    by: a,
    status: 'approved',
    decidedAt: '2026-02-28T17:30:00.000Z',
  });
  yield* s.plan({
    borrowerId: b1,
    recordId: r1,
    by: a,
    status: 'approved',
    decidedAt: '2026-03-31T16:30:00.000Z',
  });
  yield* s.plan({
    borrowerId: b1,
    recordId: r1,
    by: a,
    status: 'rejected',
    decidedAt: '2026-03-10T02:00:00.000Z',
  });

  const v2 = yield* s.visit({
    borrowerId: b2,
    date: '2026-03-05',
    staff: [a, b],
    loans: [l2],
    status: 'done',
    plannedBy: m,
  });
  yield* s.record({
    visitId: v2,
    borrowerId: b2,
    date: '2026-03-05',
    met: 'spouse',
    outcome: 'partial_payment',
    by: a,
  });

  const v3 = yield* s.visit({
    borrowerId: b3,
    date: '2026-03-10',
    staff: [b, m],
    loans: [l3],
    status: 'not_done',
    plannedBy: m,
  });
  yield* s.record({
    visitId: v3,
    borrowerId: b3,
    date: '2026-03-10',
    met: 'nobody',
    outcome: 'not_home',
    by: b,
  });

  yield* s.visit({
    borrowerId: b4,
    date: '2026-03-12',
    staff: [b, m],
    status: 'cancelled',
    plannedBy: m,
  });

  // The month's last evening: counts in March, whatever the record says later.
  const v5 = yield* s.visit({
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
  const r5 = yield* s.record({
    visitId: v5,
    borrowerId: b4,
    date: '2026-03-31',
    met: 'family',
    outcome: 'promise_to_pay',
    by: b,
  });
  yield* s.promise({
    borrowerId: b4,
    recordId: r5,
    promisedOn: '2026-03-31',
    dueOn: '2026-04-03',
    amountFen: 150000,
    status: 'superseded',
  });
  const r5b = yield* s.record({
    visitId: v5,
    borrowerId: b4,
    date: '2026-03-31',
    met: 'borrower',
    outcome: 'promise_to_pay',
    by: b,
    amends: r5,
  });
  // Made in March, due in April.
  yield* s.promise({
    borrowerId: b4,
    recordId: r5b,
    promisedOn: '2026-03-31',
    dueOn: '2026-04-05',
    amountFen: 200000,
  });

  yield* s.visit({ borrowerId: b1, date: '2026-03-20', staff: [a, m], plannedBy: m });
  yield* s.visit({
    borrowerId: b2,
    date: '2026-03-15',
    staff: [a, m],
    status: 'rescheduled',
    override: 'x',
    plannedBy: m,
  });

  // Just after midnight at the month's end: April.
  yield* s.visit({
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
  const v9 = yield* s.visit({
    borrowerId: b3,
    date: '2026-02-27',
    staff: [b, m],
    loans: [l3],
    status: 'done',
    plannedBy: m,
  });
  const r9 = yield* s.record({
    visitId: v9,
    borrowerId: b3,
    date: '2026-02-27',
    met: 'borrower',
    outcome: 'promise_to_pay',
    by: b,
  });
  yield* s.promise({
    borrowerId: b3,
    recordId: r9,
    promisedOn: '2026-02-27',
    dueOn: '2026-03-03',
    amountFen: 50000,
    status: 'broken',
  });
  yield* s.promise({
    borrowerId: b3,
    recordId: r9,
    promisedOn: '2026-02-27',
    dueOn: '2026-03-20',
    amountFen: 30000,
    status: 'kept',
  });

  // Payments: only those in March on loans with a done March visit count.
  yield* s.payment(l1, b1, '2026-03-10', 100000);
  yield* s.payment(l2, b2, '2026-03-05', 20000);
  yield* s.payment(l4, b4, '2026-03-31', 5000);
  yield* s.payment(l3, b3, '2026-03-15', 70000);
  yield* s.payment(l1, b1, '2026-02-28', 9999);
  yield* s.payment(l2, b2, '2026-04-01', 8888);

  yield* s.target('2026-03', null, 500000);
  yield* s.target('2026-03', a, 200000);

  // Snapshots: the latest on or before the 1st is the start, on or before the 31st the end.
  yield* s.snapshot(l1, '2026-02-28', 'M2', 300000);
  yield* s.snapshot(l1, '2026-03-31', 'M0', 250000);
  yield* s.snapshot(l2, '2026-02-28', 'M1', 100000);
  yield* s.snapshot(l2, '2026-03-15', 'M2', 100000);
  yield* s.snapshot(l3, '2026-01-31', 'M3', 400000);
  yield* s.snapshot(l3, '2026-03-31', 'M4+', 400000);
  yield* s.snapshot(l4, '2026-03-01', 'M1', 50000);
  yield* s.snapshot(l4, '2026-03-31', 'M1', 0);
  yield* s.snapshot(l5, '2026-02-15', 'M1', 90000);
  yield* s.snapshot(l5, '2026-02-28', 'M0', 80000);
  yield* s.snapshot(l5, '2026-04-01', 'M1', 80000);

  return { m, a, b, loans: { l1, l2, l3, l4, l5 } };
}
