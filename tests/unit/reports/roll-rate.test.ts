import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { computeMonthFigures } from '../../../electron/core/reports/figures';
import { branchCures, loanMoves } from '../../../electron/core/reports/loan-figures';
import { addMonths, monthRangeIn, type MonthRange } from '../../../electron/core/reports/month';
import { monthSummary } from '../../../electron/core/reports/summary';
import { params } from '../../../electron/core/reports/tally';
import { signedInCore } from '../support/core';
import { bucketOnSql, seedEdgeCases, snapshotHistory } from './loan-histories';
import { seeder } from './seed';

/**
 * The roll-rate and cure figures were rewritten for speed (one seek per loan and date, branch-
 * only cures for the comparison months). This is the plain query they replaced, with the
 * definitions of issue 15 (a loan with no principal left at the end is paid off, not M0; each
 * group carries its start and its end balance) and a loan's bucket taken on the 1st and on the
 * last day, counted from its snapshot's overdue date (bucketOnSql): the fast queries must give
 * its rows on every history, edge cases first, then random ones.
 */
const DEFINITION = `
  WITH ends AS MATERIALIZED (
    SELECT l.id AS loan_id, l.borrower_id,
      (SELECT x.as_of FROM loan_snapshots x WHERE x.loan_id = l.id AND x.as_of <= :from
        ORDER BY x.as_of DESC LIMIT 1) AS start_as_of,
      (SELECT x.as_of FROM loan_snapshots x WHERE x.loan_id = l.id AND x.as_of <= :to
        ORDER BY x.as_of DESC LIMIT 1) AS end_as_of
    FROM loans l
  )
  SELECT b.assigned_officer_id AS officer_id, ${bucketOnSql('s', ':from')} AS start_bucket,
    CASE WHEN e.outstanding_principal_fen <= 0 THEN 'paid_off' ELSE ${bucketOnSql('e', ':to')} END
      AS end_bucket,
    count(*) AS loans, sum(s.outstanding_principal_fen) AS start_fen,
    sum(e.outstanding_principal_fen) AS end_fen
  FROM ends
  JOIN loan_snapshots s ON s.loan_id = ends.loan_id AND s.as_of = ends.start_as_of
  JOIN loan_snapshots e ON e.loan_id = ends.loan_id AND e.as_of = ends.end_as_of
  JOIN borrowers b ON b.id = ends.borrower_id
  GROUP BY officer_id, start_bucket, end_bucket`;

interface MoveRow {
  officer_id: number | null;
  start_bucket: string;
  end_bucket: string;
  loans: number;
  start_fen: number;
  end_fen: number;
}

const range = (month: string) => monthRangeIn(month, 'Asia/Shanghai');

const sorted = (rows: readonly MoveRow[]) =>
  rows
    .map((r) => ({
      officer_id: r.officer_id,
      start_bucket: r.start_bucket,
      end_bucket: r.end_bucket,
      loans: r.loans,
      start_fen: r.start_fen,
      end_fen: r.end_fen,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const move = (
  officer_id: number | null,
  start_bucket: string,
  end_bucket: string,
  start_fen: number,
  end_fen: number,
): MoveRow => ({ officer_id, start_bucket, end_bucket, loans: 1, start_fen, end_fen });

function byDefinition(db: Sqlite, r: MonthRange): MoveRow[] {
  return db.prepare(DEFINITION).all(params(r)) as MoveRow[];
}

function curesByDefinition(rows: readonly MoveRow[]) {
  const overdue = rows.filter((m) => m.start_bucket !== 'M0');
  const total = (list: readonly MoveRow[]) => list.reduce((n, m) => n + m.loans, 0);
  return {
    loansOnFile: total(rows),
    loansOverdueAtStart: total(overdue),
    loansCured: total(overdue.filter((m) => m.end_bucket === 'M0')),
    loansPaidOff: total(overdue.filter((m) => m.end_bucket === 'paid_off')),
  };
}

function expectSameAsDefinition(db: Sqlite, month: string): MoveRow[] {
  const old = byDefinition(db, range(month));
  expect(sorted(loanMoves(db, range(month)))).toEqual(sorted(old));
  expect(branchCures(db, range(month))).toEqual(curesByDefinition(old));
  return old;
}

describe('roll rates and cures from the latest snapshots', () => {
  it('give the plain definition’s rows on loans with quiet, busy, paid-off and new histories', async () => {
    const core = await signedInCore();
    const { a, b } = seedEdgeCases(core.app.db);
    const march = expectSameAsDefinition(core.app.db, '2026-03');
    // The edge cases are really in the rows compared (not an empty month on both sides).
    expect(sorted(march)).toEqual(
      sorted([
        move(a, 'M2', 'M3', 300000, 300000),
        move(a, 'M1', 'M1', 100000, 80000),
        move(b, 'M3', 'paid_off', 200000, 0),
        move(b, 'M1', 'M0', 60000, 55000),
        move(null, 'M4+', 'M0', 400000, 10000),
      ]),
    );
    for (const month of ['2025-12', '2026-01', '2026-02', '2026-04', '2026-05']) {
      expectSameAsDefinition(core.app.db, month);
    }
    expect(loanMoves(core.app.db, range('2025-12'))).toEqual([]);
  });

  it('gives comparison months the same branch figures as the full computation', async () => {
    const core = await signedInCore();
    seedEdgeCases(core.app.db);
    for (const month of ['2026-03', '2026-04', '2027-03']) {
      const summary = await monthSummary(core.app, month);
      const previous = computeMonthFigures(core.app.db, addMonths(month, -1));
      const lastYear = computeMonthFigures(core.app.db, addMonths(month, -12));
      expect(summary.previous?.figures ?? null).toEqual(
        previous.rollRate.startLoans.some((n) => n > 0) ? previous.branch : null,
      );
      expect(summary.lastYear?.figures ?? null).toEqual(
        lastYear.rollRate.startLoans.some((n) => n > 0) ? lastYear.branch : null,
      );
    }
    // February has loans on file at its start (January's snapshot), so March compares with it.
    expect((await monthSummary(core.app, '2026-03')).previous?.figures.loansOverdueAtStart).toBe(0);
    // PAIDOFF (M3, no principal left on the 31st) is paid off, not cured.
    expect((await monthSummary(core.app, '2026-04')).previous?.figures).toMatchObject({
      loansOverdueAtStart: 5,
      loansCured: 2,
      loansPaidOff: 1,
    });
  });

  it('gives the plain definition’s rows on random snapshot histories', async () => {
    const core = await signedInCore();
    const db = core.app.db;
    const s = seeder(db);
    const officers = [s.staff('李明', 'A001'), s.staff('赵芳', 'B001'), null];
    const borrowers = officers.map((o, i) => s.borrower(`借款人${i}`, o));
    const loan = fc.record({
      borrower: fc.nat({ max: borrowers.length - 1 }),
      history: snapshotHistory,
    });
    fc.assert(
      fc.property(fc.array(loan, { maxLength: 12 }), (loans) => {
        db.exec('DELETE FROM loan_snapshots; DELETE FROM loans;');
        loans.forEach((l, i) => {
          const id = s.loan(borrowers[l.borrower]!, `R${i}`);
          for (const x of l.history) s.snapshot(id, x.asOf, x.bucket, x.fen, x.dpd);
        });
        for (const month of ['2026-02', '2026-03']) expectSameAsDefinition(db, month);
      }),
      { numRuns: 60 },
    );
  });
});
