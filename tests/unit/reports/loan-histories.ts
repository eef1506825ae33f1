import fc from 'fast-check';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import type { Bucket } from '../../../electron/shared/delinquency';
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
  // No snapshot in March: start and end are both the February one, 31 days past due on the
  // 28th, so 32 on 1 March (M2) and 62 on the 31st (M3): unpaid, it rolled.
  loan(ba, 'QUIET', [['2026-02-28', 'M2', 300000]]);
  // Several snapshots in March: the end is the last of them, not the first.
  loan(ba, 'BUSY', [
    ['2026-02-28', 'M1', 100000],
    ['2026-03-10', 'M0', 90000],
    ['2026-03-20', 'M2', 95000],
    ['2026-03-31', 'M1', 80000],
  ]);
  // Paid off in March with the bucket still saying M3: paid off, its own column (not a cure).
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

/** Days past due in each bucket, written out plainly (M4+ up to a year here). */
const DPD_RANGES: Record<Bucket, [number, number]> = {
  M0: [0, 0],
  M1: [1, 30],
  M2: [31, 60],
  M3: [61, 90],
  'M4+': [91, 365],
};

/** A bucket and a DPD inside it, its edges (first and last day) likely. */
const bucketAndDpd = fc.constantFrom(...buckets).chain((bucket) => {
  const [min, max] = DPD_RANGES[bucket];
  return fc
    .oneof(fc.constantFrom(min, max), fc.integer({ min, max }))
    .map((dpd) => ({ bucket, dpd }));
});

/**
 * A random loan history for the property tests: up to five snapshots on distinct days around
 * the February and March month ends (the 1st, mid-month, the last day), any bucket at any DPD
 * in it (the reports count the days on to the 1st and the last day), zero or a balance.
 */
export const snapshotHistory = fc.uniqueArray(
  fc
    .record({
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
      state: bucketAndDpd,
      fen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 })),
    })
    .map(({ asOf, state, fen }) => ({ asOf, bucket: state.bucket, dpd: state.dpd, fen })),
  { maxLength: 5, selector: (x) => x.asOf },
);

/**
 * A snapshot's bucket on a date, the plain way (the references the fast queries are held to):
 * whole days from its overdue date to the date by julianday, then the bucket ranges written out.
 * `s` names the loan_snapshots row, `date` a date parameter such as ':to'.
 */
export const bucketOnSql = (s: string, date: string) => `CASE
  WHEN ${s}.overdue_principal_fen + ${s}.overdue_interest_fen + ${s}.penalty_fen <= 0
    OR ${s}.overdue_since IS NULL THEN 'M0'
  ELSE (SELECT CASE WHEN d <= 0 THEN 'M0' WHEN d <= 30 THEN 'M1' WHEN d <= 60 THEN 'M2'
      WHEN d <= 90 THEN 'M3' ELSE 'M4+' END
    FROM (SELECT CAST(julianday(${date}) - julianday(${s}.overdue_since) AS INTEGER) AS d))
  END`;
