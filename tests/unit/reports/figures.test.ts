import { describe, expect, it } from 'vitest';
import { computeMonthFigures, figureDefinitions } from '../../../electron/core/reports/figures';
import { figureKeys } from '../../../electron/shared/schemas/reports';
import { signedInCore } from '../support/core';
import { seedMarch2026 } from './dataset';

const r = (num: number, den: number) => ({ num, den });

describe('monthly figures on a hand-built branch', () => {
  it('counts visits, contacts, promises, money, cures and overrides for the branch', async () => {
    const core = await signedInCore();
    seedMarch2026(core.app.db);
    const f = computeMonthFigures(core.app.db, '2026-03').branch;
    expect(f).toEqual({
      visitsPlanned: 6,
      visitsDue: 5,
      visitsDone: 3,
      visitsNotDone: 1,
      visitsCancelled: 1,
      visitsOpen: 1,
      visitsOverridden: 1,
      visitsCarriedOut: 4,
      contacts: 3,
      rightPartyContacts: 2,
      promisesMade: 2,
      ptpContacts: 2,
      relativePromises: 0,
      relativePromisedFen: 0,
      promisesDue: 3,
      promisesKept: 2,
      promisedFen: 300000,
      collectedFen: 125000,
      targetFen: 500000,
      loansOverdueAtStart: 4,
      // L1 M2 → M0 with 2,500 yuan left is cured; L4 M1 → no principal left is paid off.
      loansCured: 1,
      loansPaidOff: 1,
      ruleOverrides: 2,
      plansApproved: 1,
      // The seed writes its overrides and plan straight into the tables, unmarked.
      overridesSelfApproved: 0,
      plansSelfApproved: 0,
      // The seed registers no complaints (tests/unit/complaints/summary.test.ts counts them).
      complaintsReceived: 0,
      complaintsOpen: 0,
      complaintsClosed: 0,
      // The seed writes its payments straight into the tables, without receipts or hand-ins
      // (tests/unit/records/cash-summary.test.ts counts them).
      cashCollectedFen: 0,
      cashHandedInLate: 0,
      cashOpenDifferences: 0,
      // No waiver or settlement in this seed (tests/unit/waivers/summary.test.ts counts them).
      waiversApproved: 0,
      waivedFen: 0,
      penaltyWaivers: 0,
      penaltyWaivedFen: 0,
      interestWaivers: 0,
      interestWaivedFen: 0,
      settlementsApproved: 0,
      settlementWaivedFen: 0,
      // The seed writes its records straight into the tables, without the re-check's violations.
      recordsWithViolations: 0,
      // Carried out (v1, v2, v3 nobody met, v5) ÷ due (6 planned − 1 cancelled).
      completionRate: r(4, 5),
      contactRate: r(3, 4),
      rightPartyRate: r(2, 4),
      ptpRate: r(2, 2),
      ptpKeptRate: r(2, 3),
      collectedVsTarget: r(125000, 500000),
      cureRate: r(1, 4),
    });
  });

  it('counts each officer on the visits they went on', async () => {
    const core = await signedInCore();
    const { a, b, m } = seedMarch2026(core.app.db);
    const figures = computeMonthFigures(core.app.db, '2026-03');
    const of = (id: number) => figures.officers.find((o) => o.staffId === id)!.figures;
    expect(of(a)).toMatchObject({
      visitsPlanned: 3,
      visitsDone: 2,
      visitsOpen: 1,
      visitsCarriedOut: 2,
      contacts: 2,
      rightPartyContacts: 1,
      promisesMade: 1,
      promisedFen: 100000,
      promisesDue: 1,
      promisesKept: 1,
      collectedFen: 120000,
      targetFen: 200000,
      collectedVsTarget: r(120000, 200000),
      loansOverdueAtStart: 2,
      loansCured: 1,
      loansPaidOff: 0,
      ruleOverrides: 1,
      plansApproved: 1,
      completionRate: r(2, 3),
    });
    expect(of(b)).toMatchObject({
      visitsPlanned: 5,
      visitsDone: 3,
      visitsNotDone: 1,
      visitsCancelled: 1,
      visitsCarriedOut: 4,
      contacts: 3,
      rightPartyContacts: 2,
      promisesMade: 2,
      promisedFen: 300000,
      promisesDue: 3,
      promisesKept: 2,
      collectedFen: 125000,
      targetFen: null,
      collectedVsTarget: r(125000, 0),
      loansOverdueAtStart: 2,
      loansCured: 0,
      loansPaidOff: 1,
      ruleOverrides: 1,
      plansApproved: 0,
      visitsDue: 4,
      // v3 (nobody met) was carried out: the staff went.
      completionRate: r(4, 4),
    });
    expect(of(m)).toMatchObject({ visitsPlanned: 4, ruleOverrides: 2, visitsDone: 1 });
    expect(figures.officers.map((o) => o.staffNo)).toEqual(['A001', 'B001', 'M001']);
  });

  it('builds the roll-rate matrix: end balances over the whole bucket’s start, paid off apart', async () => {
    const core = await signedInCore();
    seedMarch2026(core.app.db);
    const { rollRate } = computeMonthFigures(core.app.db, '2026-03');
    // Start: L5 M0 800; L2 M1 1,000 + L4 M1 500; L1 M2 3,000; L3 M3 4,000 (yuan).
    expect(rollRate.startFen).toEqual([80000, 150000, 300000, 400000, 0]);
    expect(rollRate.startLoans).toEqual([1, 2, 1, 1, 0]);
    // End balances: L5 stays M0 (800), L2 M1 → M2 (1,000), L1 M2 → M0 (2,500 left, a cure),
    // L3 M3 → M4+ (4,000). L4 (M1) has no principal left: the paid-off column, at its start 500.
    expect(rollRate.cellsFen).toEqual([
      [80000, 0, 0, 0, 0],
      [0, 0, 100000, 0, 0],
      [250000, 0, 0, 0, 0],
      [0, 0, 0, 0, 400000],
      [0, 0, 0, 0, 0],
    ]);
    expect(rollRate.cellsLoans).toEqual([
      [1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ]);
    expect(rollRate.paidOffFen).toEqual([0, 50000, 0, 0, 0]);
    expect(rollRate.paidOffLoans).toEqual([0, 1, 0, 0, 0]);
  });

  it('builds each officer’s matrix from the loans of their borrowers', async () => {
    const core = await signedInCore();
    const { a, b, m } = seedMarch2026(core.app.db);
    const figures = computeMonthFigures(core.app.db, '2026-03');
    const of = (id: number) => figures.officers.find((o) => o.staffId === id)!.rollRate;
    const zeros = [0, 0, 0, 0, 0];
    // 李明 (张三's L1, 李四's L2): L2 M1 1,000 → M2 1,000; L1 M2 3,000 → M0 2,500 (a cure).
    expect(of(a)).toEqual({
      buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
      startFen: [0, 100000, 300000, 0, 0],
      startLoans: [0, 1, 1, 0, 0],
      cellsFen: [zeros, [0, 0, 100000, 0, 0], [250000, 0, 0, 0, 0], zeros, zeros],
      cellsLoans: [zeros, [0, 0, 1, 0, 0], [1, 0, 0, 0, 0], zeros, zeros],
      paidOffFen: zeros,
      paidOffLoans: zeros,
    });
    // 赵芳 (王五's L3, 陈六's L4 and L5): L5 M0 800 stays; L4 M1 500 paid off; L3 M3 4,000 →
    // M4+ 4,000.
    expect(of(b)).toEqual({
      buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
      startFen: [80000, 50000, 0, 400000, 0],
      startLoans: [1, 1, 0, 1, 0],
      cellsFen: [[80000, 0, 0, 0, 0], zeros, zeros, [0, 0, 0, 0, 400000], zeros],
      cellsLoans: [[1, 0, 0, 0, 0], zeros, zeros, [0, 0, 0, 0, 1], zeros],
      paidOffFen: [0, 50000, 0, 0, 0],
      paidOffLoans: [0, 1, 0, 0, 0],
    });
    // The manager went on visits but has no borrowers: an empty matrix (every rate "—").
    expect(of(m)).toEqual({
      buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
      startFen: zeros,
      startLoans: zeros,
      cellsFen: [zeros, zeros, zeros, zeros, zeros],
      cellsLoans: [zeros, zeros, zeros, zeros, zeros],
      paidOffFen: zeros,
      paidOffLoans: zeros,
    });
  });

  it('lists an officer whose borrowers’ loans were all current on the 1st, for their matrix', async () => {
    const core = await signedInCore();
    const { seeder: s } = seedMarch2026(core.app.db);
    const c = s.staff('孙伟', 'C001');
    const loan = s.loan(s.borrower('刘洋', c), 'L9');
    // Current on 28 February; 10 days overdue on 25 March, so 16 (M1) on the 31st.
    s.snapshot(loan, '2026-02-28', 'M0', 60000);
    s.snapshot(loan, '2026-03-25', 'M1', 60000, 10);
    const figures = computeMonthFigures(core.app.db, '2026-03');
    const officer = figures.officers.find((o) => o.staffId === c)!;
    expect(officer.figures).toMatchObject({ visitsPlanned: 0, loansOverdueAtStart: 0 });
    expect(officer.rollRate).toMatchObject({
      startFen: [60000, 0, 0, 0, 0],
      startLoans: [1, 0, 0, 0, 0],
      cellsFen: [[0, 60000, 0, 0, 0], ...Array.from({ length: 4 }, () => [0, 0, 0, 0, 0])],
    });
    expect(figures.officers.map((o) => o.staffNo)).toEqual(['A001', 'B001', 'C001', 'M001']);
  });

  it('puts visits by Monday-start week and outcomes by their latest record', async () => {
    const core = await signedInCore();
    seedMarch2026(core.app.db);
    const figures = computeMonthFigures(core.app.db, '2026-03');
    expect(figures.weeks).toEqual([
      { weekStart: '2026-03-01', planned: 0, done: 0 },
      { weekStart: '2026-03-02', planned: 2, done: 2 },
      { weekStart: '2026-03-09', planned: 2, done: 0 },
      { weekStart: '2026-03-16', planned: 1, done: 0 },
      { weekStart: '2026-03-23', planned: 0, done: 0 },
      { weekStart: '2026-03-30', planned: 1, done: 1 },
    ]);
    expect(figures.outcomes).toEqual([
      { outcome: 'promise_to_pay', count: 2 },
      { outcome: 'not_home', count: 1 },
      { outcome: 'partial_payment', count: 1 },
    ]);
  });

  it('puts the visit just after midnight and the promise due next month into April', async () => {
    const core = await signedInCore();
    seedMarch2026(core.app.db);
    const april = computeMonthFigures(core.app.db, '2026-04').branch;
    expect(april).toMatchObject({
      visitsPlanned: 1,
      visitsDone: 1,
      promisesMade: 0,
      promisesDue: 1,
      promisesKept: 0,
      ptpKeptRate: r(0, 1),
      plansApproved: 1,
      collectedFen: 8888,
    });
  });

  it('gives zeros and rates without a denominator for an empty month', async () => {
    const core = await signedInCore();
    seedMarch2026(core.app.db);
    const empty = computeMonthFigures(core.app.db, '2025-06');
    expect(empty.branch.visitsPlanned).toBe(0);
    expect(empty.branch.targetFen).toBeNull();
    for (const key of ['completionRate', 'contactRate', 'ptpRate', 'cureRate'] as const) {
      expect(empty.branch[key]).toEqual(r(0, 0));
    }
    expect(empty.officers).toEqual([]);
    expect(empty.rollRate.startFen).toEqual([0, 0, 0, 0, 0]);
  });

  it('defines every figure once, in both languages', () => {
    const keys = figureDefinitions.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of figureKeys) expect(keys).toContain(key);
    for (const d of figureDefinitions) {
      expect(d.definition.zh.length).toBeGreaterThan(5);
      expect(d.definition.en.length).toBeGreaterThan(5);
    }
  });
});
