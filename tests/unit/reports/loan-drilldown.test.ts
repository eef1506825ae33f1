import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { drilldown } from '../../../electron/core/reports/drilldown';
import { computeMonthFigures } from '../../../electron/core/reports/figures';
import { monthRangeIn } from '../../../electron/core/reports/month';
import { params } from '../../../electron/core/reports/tally';
import { buckets, type DrilldownOutput } from '../../../electron/shared/schemas/reports';
import { expectOk, signedInCore } from '../support/core';
import { bucketOnSql, seedEdgeCases, snapshotHistory } from './loan-histories';
import { seeder } from './seed';

/**
 * The loan drill-downs (the loans behind the cure and roll-rate figures) were rewritten to walk
 * the loans as the summary does (one seek per loan and date) and to send only the first rows
 * with a count. This is the plain query they replaced, with issue 15's paid-off column (a loan
 * with no principal left at the end is paid off, not M0) and buckets taken on the 1st and the
 * last day from the snapshot's overdue date (bucketOnSql): every list must give its rows, in its
 * order, on every history; and each list must add up to the summary's figures.
 */
const DEFINITION = (where: string) => `
  WITH ends AS (
    SELECT l.id AS loan_id, l.loan_no, l.borrower_id,
      (SELECT x.as_of FROM loan_snapshots x WHERE x.loan_id = l.id AND x.as_of <= :from
        ORDER BY x.as_of DESC LIMIT 1) AS start_as_of,
      (SELECT x.as_of FROM loan_snapshots x WHERE x.loan_id = l.id AND x.as_of <= :to
        ORDER BY x.as_of DESC LIMIT 1) AS end_as_of
    FROM loans l
  ),
  moves AS (
    SELECT ends.loan_id AS id, ends.loan_no AS loanNo, b.name AS borrower,
      ${bucketOnSql('s', ':from')} AS startBucket, s.outstanding_principal_fen AS startFen,
      CASE WHEN e.outstanding_principal_fen <= 0 THEN 'paid_off' ELSE ${bucketOnSql('e', ':to')} END
        AS endBucket,
      e.outstanding_principal_fen AS endFen, b.assigned_officer_id AS officer_id
    FROM ends
    JOIN loan_snapshots s ON s.loan_id = ends.loan_id AND s.as_of = ends.start_as_of
    JOIN loan_snapshots e ON e.loan_id = ends.loan_id AND e.as_of = ends.end_as_of
    JOIN borrowers b ON b.id = ends.borrower_id
  )
  SELECT id, loanNo, borrower, startBucket, startFen, endBucket, endFen FROM moves
  WHERE (${where}) AND (:officer IS NULL OR officer_id = :officer) ORDER BY loanNo`;

/** The plain list behind each loan figure. */
const definitionWhere = {
  loansOverdueAtStart: "startBucket <> 'M0'",
  cureRate: "startBucket <> 'M0'",
  loansCured: "startBucket <> 'M0' AND endBucket = 'M0'",
  loansPaidOff: "startBucket <> 'M0' AND endBucket = 'paid_off'",
  rollRate: '1',
} as const;
const loanFigures = Object.keys(definitionWhere) as (keyof typeof definitionWhere)[];
const LIMIT = 500;

function byDefinition(db: Sqlite, month: string, figure: string, officer: number | null) {
  const sql = DEFINITION(definitionWhere[figure as keyof typeof definitionWhere]);
  return db
    .prepare(sql)
    .all({ ...params(monthRangeIn(month, 'Asia/Shanghai')), officer }) as DrilldownOutput['rows'];
}

const list = (db: Sqlite, month: string, figure: string, officer: number | null) =>
  drilldown(db, { month, figure, ...(officer === null ? {} : { officerId: officer }) });

/** Every loan list, for the branch and each officer, is the plain definition's (first rows). */
function expectSameAsDefinition(db: Sqlite, month: string, officers: readonly number[]) {
  for (const officer of [null, ...officers]) {
    for (const figure of loanFigures) {
      const old = byDefinition(db, month, figure, officer);
      const now = list(db, month, figure, officer);
      expect(now.kind).toBe('loans');
      expect(now.rows).toEqual(old.slice(0, LIMIT));
      expect(now.total).toBe(old.length);
      expect(now.truncated).toBe(old.length > LIMIT);
    }
  }
}

/**
 * The lists add up to the month's figures: loans per roll-rate cell and their end balance, the
 * paid-off column's loans and their start balance, each row's loans and start balance, loans
 * overdue at the start, cured and paid off, for the branch and for each officer.
 */
function expectListsMatchFigures(db: Sqlite, month: string) {
  const figures = computeMonthFigures(db, month);
  const all = list(db, month, 'rollRate', null);
  expect(all.truncated).toBe(false);
  buckets.forEach((from, i) => {
    buckets.forEach((to, j) => {
      const cell = all.rows.filter((r) => r.startBucket === from && r.endBucket === to);
      expect(cell.length).toBe(figures.rollRate.cellsLoans[i]![j]);
      expect(cell.reduce((n, r) => n + Number(r.endFen), 0)).toBe(figures.rollRate.cellsFen[i]![j]);
    });
    const paid = all.rows.filter((r) => r.startBucket === from && r.endBucket === 'paid_off');
    expect(paid.length).toBe(figures.rollRate.paidOffLoans[i]);
    expect(paid.reduce((n, r) => n + Number(r.startFen), 0)).toBe(figures.rollRate.paidOffFen[i]);
    const row = all.rows.filter((r) => r.startBucket === from);
    expect(row.length).toBe(figures.rollRate.startLoans[i]);
    expect(row.reduce((n, r) => n + Number(r.startFen), 0)).toBe(figures.rollRate.startFen[i]);
  });
  expect(all.total).toBe(figures.rollRate.startLoans.reduce((n, x) => n + x, 0));
  const people = [
    { officer: null, block: figures.branch },
    ...figures.officers.map((o) => ({ officer: o.staffId, block: o.figures })),
  ];
  for (const { officer, block } of people) {
    expect(list(db, month, 'loansOverdueAtStart', officer).total).toBe(block.loansOverdueAtStart);
    expect(list(db, month, 'cureRate', officer).total).toBe(block.cureRate.den);
    expect(list(db, month, 'loansCured', officer).total).toBe(block.loansCured);
    expect(list(db, month, 'loansPaidOff', officer).total).toBe(block.loansPaidOff);
  }
}

describe('the loans behind the cure and roll-rate figures', () => {
  it('are the plain definition’s rows on quiet, busy, paid-off and new histories', async () => {
    const core = await signedInCore();
    const db = core.app.db;
    const { a, b } = seedEdgeCases(db);
    for (const month of ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']) {
      expectSameAsDefinition(db, month, [a, b]);
      expectListsMatchFigures(db, month);
    }
    // The edge cases are in the lists compared, not an empty month on both sides.
    expect(list(db, '2026-03', 'rollRate', null).rows).toEqual([
      row('BUSY', '张三', 'M1', 100000, 'M1', 80000),
      row('EDGES', '李四', 'M1', 60000, 'M0', 55000),
      row('PAIDOFF', '李四', 'M3', 200000, 'paid_off', 0),
      row('QUIET', '张三', 'M2', 300000, 'M3', 300000),
      row('UNASSIGNED', '王五', 'M4+', 400000, 'M0', 10000),
    ]);
    // Paid off is its own list, not a cure.
    expect(list(db, '2026-03', 'loansCured', b).rows.map((r) => r.loanNo)).toEqual(['EDGES']);
    expect(list(db, '2026-03', 'loansPaidOff', b).rows.map((r) => r.loanNo)).toEqual(['PAIDOFF']);
    expect(list(db, '2025-12', 'rollRate', null)).toMatchObject({ rows: [], total: 0 });
  });

  it('come through the channel with the summary’s counts, per cell and per officer', async () => {
    const core = await signedInCore();
    const { a } = seedEdgeCases(core.app.db);
    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    const moves = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'rollRate' }),
    );
    const m4 = buckets.indexOf('M4+');
    const m0 = buckets.indexOf('M0');
    expect(summary.figures.rollRate.cellsLoans[m4]![m0]).toBe(1);
    expect(moves.rows.filter((r) => r.startBucket === 'M4+' && r.endBucket === 'M0')).toHaveLength(
      1,
    );
    expect(summary.figures.rollRate.paidOffLoans[buckets.indexOf('M3')]).toBe(1);
    expect(
      moves.rows.filter((r) => r.startBucket === 'M3' && r.endBucket === 'paid_off'),
    ).toHaveLength(1);
    const cured = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'loansCured' }),
    );
    expect(cured.total).toBe(summary.figures.branch.loansCured);
    expect(cured.total).toBe(2);
    const mine = expectOk(
      await core.invoke('reports:drilldown', {
        month: '2026-03',
        figure: 'loansOverdueAtStart',
        officerId: a,
      }),
    );
    const officer = summary.figures.officers.find((o) => o.staffId === a);
    expect(mine.total).toBe(officer?.figures.loansOverdueAtStart);
    expect(mine.rows.map((r) => r.loanNo)).toEqual(['BUSY', 'QUIET']);
  });

  it('send the first 500 of a longer list in loan-number order, with the whole count', async () => {
    const core = await signedInCore();
    const db = core.app.db;
    const s = seeder(db);
    const officer = s.staff('李明', 'A001');
    const borrowers = [s.borrower('张三', officer), s.borrower('李四', null)];
    // Inserted out of loan-number order, so the walk's rowid order is not the list's order.
    for (let i = 0; i < 640; i++) {
      const no = `L${String((i * 389) % 640).padStart(4, '0')}`;
      const id = s.loan(borrowers[i % 2]!, no);
      s.snapshot(id, '2026-02-28', buckets[i % 5]!, 1000 * (i + 1));
      if (i % 3 === 0) s.snapshot(id, '2026-03-31', buckets[(i + 1) % 5]!, i % 7 ? 900 * i : 0);
    }
    expectSameAsDefinition(db, '2026-03', [officer]);
    const moves = list(db, '2026-03', 'rollRate', null);
    expect(moves).toMatchObject({ total: 640, truncated: true });
    expect(moves.rows[0]?.loanNo).toBe('L0000');
    expect(moves.rows[499]?.loanNo).toBe('L0499');
    expect(list(db, '2026-03', 'rollRate', officer)).toMatchObject({
      total: 320,
      truncated: false,
    });
  });

  it('are the plain definition’s rows and add up to the figures on random histories', async () => {
    const core = await signedInCore();
    const db = core.app.db;
    const s = seeder(db);
    const officers = [s.staff('李明', 'A001'), s.staff('赵芳', 'B001')];
    const borrowers = [...officers, null].map((o, i) => s.borrower(`借款人${i}`, o));
    const loan = fc.record({
      borrower: fc.nat({ max: borrowers.length - 1 }),
      no: fc.nat({ max: 999 }),
      history: snapshotHistory,
    });
    fc.assert(
      fc.property(fc.uniqueArray(loan, { maxLength: 12, selector: (l) => l.no }), (loans) => {
        db.exec('DELETE FROM loan_snapshots; DELETE FROM loans;');
        for (const l of loans) {
          const id = s.loan(borrowers[l.borrower]!, `R${l.no}`);
          for (const x of l.history) s.snapshot(id, x.asOf, x.bucket, x.fen, x.dpd);
        }
        for (const month of ['2026-02', '2026-03']) {
          expectSameAsDefinition(db, month, officers);
          expectListsMatchFigures(db, month);
        }
      }),
      { numRuns: 60 },
    );
  });
});

function row(
  loanNo: string,
  borrower: string,
  startBucket: string,
  startFen: number,
  endBucket: string,
  endFen: number,
) {
  return {
    id: expect.any(Number) as unknown,
    loanNo,
    borrower,
    startBucket,
    startFen,
    endBucket,
    endFen,
  };
}
