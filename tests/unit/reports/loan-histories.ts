import fc from 'fast-check';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { buckets } from '../../../electron/shared/schemas/reports';
import { seeder } from './seed';

/**
 * Three officers' borrowers (one unassigned), loans with hand-picked snapshot histories: the
 * edge cases of "the latest snapshot on or before a date" that the roll rates, cures and their
 * drill-downs must all agree on.
 */
export function seedEdgeCases(db: Sqlite) {
  const s = seeder(db);
  const a = s.staff('李明', 'A001');
  const b = s.staff('赵芳', 'B001');
  const [ba, bb, bn] = [s.borrower('张三', a), s.borrower('李四', b), s.borrower('王五', null)];
  const loan = (borrower: number, no: string, history: [string, string, number][]) => {
    const id = s.loan(borrower, no);
    for (const [asOf, bucket, fen] of history) s.snapshot(id, asOf, bucket, fen);
    return id;
  };
  // No snapshot in March: start and end are both the February one.
  loan(ba, 'QUIET', [['2026-02-28', 'M2', 300000]]);
  // Several snapshots in March: the end is the last of them, not the first.
  loan(ba, 'BUSY', [
    ['2026-02-28', 'M1', 100000],
    ['2026-03-10', 'M0', 90000],
    ['2026-03-20', 'M2', 95000],
    ['2026-03-31', 'M1', 80000],
  ]);
  // Paid off in March with the bucket still saying M3: rolls back to M0 (cured).
  loan(bb, 'PAIDOFF', [
    ['2026-02-28', 'M3', 200000],
    ['2026-03-31', 'M3', 0],
  ]);
  // A snapshot dated the 1st is the start; one dated the last day is the end.
  loan(bb, 'EDGES', [
    ['2026-01-31', 'M0', 50000],
    ['2026-03-01', 'M1', 60000],
    ['2026-03-31', 'M0', 55000],
  ]);
  // First snapshot mid-March: no start, so not in March (but in April).
  loan(bn, 'NEW', [['2026-03-15', 'M0', 70000]]);
  // Cured, on an unassigned borrower: the branch counts it, no officer does.
  loan(bn, 'UNASSIGNED', [
    ['2026-02-28', 'M4+', 400000],
    ['2026-03-31', 'M0', 10000],
  ]);
  // Snapshots only after the month, and none at all.
  loan(ba, 'LATER', [['2026-04-30', 'M1', 10000]]);
  loan(bb, 'NEVER', []);
  return { a, b };
}

/**
 * A random loan history for the property tests: up to five snapshots on distinct days around
 * the February and March month ends (the 1st, mid-month, the last day), any bucket, zero or a
 * balance.
 */
export const snapshotHistory = fc.uniqueArray(
  fc.record({
    asOf: fc.constantFrom(
      '2026-01-31',
      '2026-02-01',
      '2026-02-14',
      '2026-02-28',
      '2026-03-01',
      '2026-03-15',
      '2026-03-31',
      '2026-04-01',
    ),
    bucket: fc.constantFrom(...buckets),
    fen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 })),
  }),
  { maxLength: 5, selector: (x) => x.asOf },
);
