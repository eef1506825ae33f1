import { describe, expect, it } from 'vitest';
import type { FigureBlock, RollRate } from '../../../electron/shared/schemas/reports';
import { branchMonth } from './month';

/**
 * Issue 15's proof: one branch month (May 2026, month.ts tells it) run through the dispatcher
 * as the branch's staff would, and every figure of the monthly summary, for the branch and for
 * each officer, and every roll-rate cell, compared with a value worked out by hand from the
 * definitions (DOMAIN.md, electron/core/reports/definitions.ts), each officer's roll-rate
 * matrix too. The comment beside each figure says how it was worked out. Nothing here is
 * computed by the code under test.
 *
 * Ages of the loans, counted from their overdue date (DPD; M1 1–30, M2 31–60, M3 61–90, M4+ 91+):
 *   on 1 May   L1 21 (M1), L2 42 (M2), L3 75 (M3), L4 6 (M1), L7 151 (M4+); L5, L6 current
 *   on 31 May  L2 72 (M3) and L3 105 (M4+): no file after 30 April showed them, so they are
 *              what that file said, a month older; L7 182 (M4+); L6 21 (M1, overdue since
 *              10 May per the file of 20 May); L1 current since the file of 28 May; L4 paid off.
 */

/** An exact rate as the summary keeps it: numerator over denominator. */
const rate = (num: number, den: number) => ({ num, den });

const BRANCH: FigureBlock = {
  visitsPlanned: 9, // V1–V9 are all dated in May (V4 cancelled included, nothing rescheduled)
  visitsCancelled: 1, // V4
  visitsDue: 8, // 9 planned − 1 cancelled
  visitsDone: 6, // V1 V3 V5 V6 V7 V8: someone met
  visitsNotDone: 1, // V2: nobody at home
  visitsOpen: 1, // V9: notified, not recorded by the end of May
  visitsCarriedOut: 7, // recorded: V1 V2 V3 V5 V6 V7 V8
  completionRate: rate(7, 8), // 7 carried out / 8 due = 87.5%
  contacts: 6, // the 7 recorded but V2
  contactRate: rate(6, 7), // 6 met someone / 7 carried out = 85.7%
  rightPartyContacts: 5, // V1 V3 V5 V7 V8 (V6 met the spouse)
  rightPartyRate: rate(5, 7), // 5 borrower met / 7 carried out = 71.4%
  visitsOverridden: 1, // V6: the 3-day rule overridden in writing
  ruleOverrides: 1, // the manager's one override decision, on V6
  overridesSelfApproved: 1, // V6: granted by the manager who wrote it, the branch's only one
  recordsWithViolations: 2, // V7 (孙伟 had no certificate) and V8 (notice 14 h before)
  promisesMade: 3, // V6 spouse ¥1,500, V7 borrower ¥2,000, V8 borrower ¥5,000
  ptpContacts: 2, // V7 and V8: borrower met and promised
  ptpRate: rate(2, 5), // 2 borrower promised / 5 borrower met = 40.0%
  relativePromises: 1, // V6, the spouse's
  relativePromisedFen: 150_000, // ¥1,500
  promisedFen: 850_000, // ¥1,500 + ¥2,000 + ¥5,000
  promisesDue: 2, // V6's (22 May) and V7's (27 May); V8's falls due on 10 June
  promisesKept: 1, // V7's: ¥2,000 paid 26 May (file of 28 May); V6's: nothing paid by 25 May
  ptpKeptRate: rate(1, 2), // 1 kept / 2 due = 50.0%
  // Payments in May on loans of May's done visits (L1, L2, L3, L4, L7): L1 ¥1,000 cash on V1
  // (the file of 11 May confirmed it, no second payment) + ¥2,000 dated 26 May by the file of
  // 28 May; L4 ¥8,000 cash on V5 (the file of 15 May confirmed it) = ¥11,000.
  collectedFen: 1_100_000,
  targetFen: 1_200_000, // the branch's May target, ¥12,000
  collectedVsTarget: rate(1_100_000, 1_200_000), // ¥11,000 / ¥12,000 = 91.7%
  plansApproved: 1, // B3's plan, approved 13 May
  plansSelfApproved: 0, // proposed by 赵强, approved by the manager
  loansOverdueAtStart: 5, // L1 L2 L3 L4 L7 in M1 or worse on 1 May
  loansCured: 1, // L1: M0 with ¥27,000 left on 31 May
  loansPaidOff: 1, // L4: nothing left on 31 May (not a cure)
  cureRate: rate(1, 5), // 1 cured / 5 overdue at the start = 20.0%
  complaintsReceived: 2, // C1 (13 May) and C2 (25 May); C0 came in April
  complaintsOpen: 1, // C2
  complaintsClosed: 2, // C0 (6 May, received in April) and C1 (20 May)
  // Visit money: V1's ¥1,000 (Fri 8 May, due by Mon 11 May) and V5's ¥8,000 (Thu 14 May, due
  // by Fri 15 May), neither handed in, both due before 31 May: 2 late. No hand-ins.
  cashCollectedFen: 900_000,
  cashHandedInLate: 2,
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
};

/** Visit figures count for the staff planned on the visit: V7 is 李明's and 赵强's. */
const LI_MING: FigureBlock = {
  visitsPlanned: 6, // V1 V2 V4 V6 V7 V9
  visitsCancelled: 1, // V4
  visitsDue: 5, // 6 − 1
  visitsDone: 3, // V1 V6 V7
  visitsNotDone: 1, // V2
  visitsOpen: 1, // V9
  visitsCarriedOut: 4, // V1 V2 V6 V7
  completionRate: rate(4, 5), // 80.0%
  contacts: 3, // V1 V6 V7
  contactRate: rate(3, 4), // 75.0%
  rightPartyContacts: 2, // V1 V7
  rightPartyRate: rate(2, 4), // 50.0%
  visitsOverridden: 1, // V6
  ruleOverrides: 1, // V6
  overridesSelfApproved: 1, // V6
  recordsWithViolations: 1, // V7
  promisesMade: 2, // V6 (spouse), V7
  ptpContacts: 1, // V7
  ptpRate: rate(1, 2), // 1 of his 2 borrower-met visits = 50.0%
  relativePromises: 1, // V6
  relativePromisedFen: 150_000,
  promisedFen: 350_000, // ¥1,500 + ¥2,000
  promisesDue: 2, // V6's and V7's
  promisesKept: 1, // V7's
  ptpKeptRate: rate(1, 2),
  collectedFen: 300_000, // his done visits V1 V6 V7 are about L1 and L2: L1's ¥1,000 + ¥2,000
  targetFen: 600_000,
  collectedVsTarget: rate(300_000, 600_000), // 50.0%
  plansApproved: 0,
  plansSelfApproved: 0,
  loansOverdueAtStart: 2, // his borrowers' L1 (M1) and L2 (M2)
  loansCured: 1, // L1
  loansPaidOff: 0,
  cureRate: rate(1, 2), // 50.0%
  complaintsReceived: 0, // C0 names him but came in April
  complaintsOpen: 0,
  complaintsClosed: 1, // C0
  cashCollectedFen: 100_000, // V1's ¥1,000, not handed in by 11 May
  cashHandedInLate: 1,
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
};

const ZHAO_QIANG: FigureBlock = {
  visitsPlanned: 7, // V2 V3 V4 V5 V6 V7 V8
  visitsCancelled: 1, // V4
  visitsDue: 6,
  visitsDone: 5, // V3 V5 V6 V7 V8
  visitsNotDone: 1, // V2
  visitsOpen: 0,
  visitsCarriedOut: 6, // V2 V3 V5 V6 V7 V8 (V7 though he was ill: the visit was his)
  completionRate: rate(6, 6), // 100.0%
  contacts: 5, // V3 V5 V6 V7 V8
  contactRate: rate(5, 6), // 83.3%
  rightPartyContacts: 4, // V3 V5 V7 V8
  rightPartyRate: rate(4, 6), // 66.7%
  visitsOverridden: 1, // V6
  ruleOverrides: 1,
  overridesSelfApproved: 1,
  recordsWithViolations: 2, // V7 V8
  promisesMade: 3, // V6 V7 V8
  ptpContacts: 2, // V7 V8
  ptpRate: rate(2, 4), // 50.0%
  relativePromises: 1, // V6
  relativePromisedFen: 150_000,
  promisedFen: 850_000,
  promisesDue: 2, // V6's, V7's
  promisesKept: 1, // V7's
  ptpKeptRate: rate(1, 2),
  // Done visits V3 V5 V6 V7 V8 are about L3, L4, L2, L1, L7: L1 ¥3,000 + L4 ¥8,000.
  collectedFen: 1_100_000,
  targetFen: 600_000,
  collectedVsTarget: rate(1_100_000, 600_000), // 183.3%
  plansApproved: 1, // he proposed B3's plan on V3
  plansSelfApproved: 0,
  loansOverdueAtStart: 2, // his borrowers' L3 (M3) and L4 (M1)
  loansCured: 0,
  loansPaidOff: 1, // L4
  cureRate: rate(0, 2), // 0.0%
  complaintsReceived: 1, // C1, about V3 (his and the manager's)
  complaintsOpen: 0,
  complaintsClosed: 1, // C1
  cashCollectedFen: 800_000, // V5's ¥8,000, not handed in by 15 May
  cashHandedInLate: 1,
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
};

/** 孙伟 was planned on no visit (no certificate); his borrowers' loans and C2 are his. */
const SUN_WEI: FigureBlock = {
  visitsPlanned: 0,
  visitsCancelled: 0,
  visitsDue: 0,
  visitsDone: 0,
  visitsNotDone: 0,
  visitsOpen: 0,
  visitsCarriedOut: 0, // he went on V7, but V7 was planned for 李明 and 赵强
  completionRate: rate(0, 0), // no rate
  contacts: 0,
  contactRate: rate(0, 0),
  rightPartyContacts: 0,
  rightPartyRate: rate(0, 0),
  visitsOverridden: 0,
  ruleOverrides: 0,
  overridesSelfApproved: 0,
  recordsWithViolations: 0,
  promisesMade: 0,
  ptpContacts: 0,
  ptpRate: rate(0, 0),
  relativePromises: 0,
  relativePromisedFen: 0,
  promisedFen: 0,
  promisesDue: 0,
  promisesKept: 0,
  ptpKeptRate: rate(0, 0),
  collectedFen: 0,
  targetFen: null, // none set
  collectedVsTarget: rate(0, 0),
  plansApproved: 0,
  plansSelfApproved: 0,
  loansOverdueAtStart: 1, // L7 (M4+); L5 and L6 were current on 1 May
  loansCured: 0,
  loansPaidOff: 0,
  cureRate: rate(0, 1), // 0.0%
  complaintsReceived: 1, // C2
  complaintsOpen: 1, // C2
  complaintsClosed: 0,
  cashCollectedFen: 0, // V7 took no money
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
};

/** The manager went on V1 V3 V5 V8 V9 and has no borrowers of his own. */
const WANG_JIANGUO: FigureBlock = {
  visitsPlanned: 5, // V1 V3 V5 V8 V9
  visitsCancelled: 0,
  visitsDue: 5,
  visitsDone: 4, // V1 V3 V5 V8
  visitsNotDone: 0,
  visitsOpen: 1, // V9
  visitsCarriedOut: 4,
  completionRate: rate(4, 5), // 80.0%
  contacts: 4,
  contactRate: rate(4, 4), // 100.0%
  rightPartyContacts: 4, // all four met the borrower
  rightPartyRate: rate(4, 4),
  visitsOverridden: 0, // he overrode V6 but did not go on it
  ruleOverrides: 0,
  overridesSelfApproved: 0,
  recordsWithViolations: 1, // V8
  promisesMade: 1, // V8
  ptpContacts: 1, // V8
  ptpRate: rate(1, 4), // 25.0%
  relativePromises: 0,
  relativePromisedFen: 0,
  promisedFen: 500_000, // V8's ¥5,000
  promisesDue: 0, // V8's falls due in June
  promisesKept: 0,
  ptpKeptRate: rate(0, 0),
  // Done visits V1 V3 V5 V8 are about L1, L3, L4, L7: L1 ¥3,000 + L4 ¥8,000.
  collectedFen: 1_100_000,
  targetFen: null,
  collectedVsTarget: rate(1_100_000, 0), // no target: no rate
  plansApproved: 0, // he approved B3's plan; it counts for its proposer
  plansSelfApproved: 0,
  loansOverdueAtStart: 0,
  loansCured: 0,
  loansPaidOff: 0,
  cureRate: rate(0, 0),
  complaintsReceived: 1, // C1 names V3, his visit too
  complaintsOpen: 0,
  complaintsClosed: 1,
  cashCollectedFen: 900_000, // he went on V1 and V5: both receipts count for him
  cashHandedInLate: 2,
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
};

/**
 * Rows: bucket on 1 May; columns M0 … M4+ on 31 May; paid off apart (at its start balance).
 * Balances in fen. Rates (balance, count) written beside each cell.
 */
const ROLL_RATE: RollRate = {
  buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
  // M0: L5 ¥40,000 + L6 ¥10,000; M1: L1 ¥30,000 + L4 ¥8,000; M2: L2; M3: L3; M4+: L7.
  startFen: [5_000_000, 3_800_000, 2_000_000, 1_500_000, 5_000_000],
  startLoans: [2, 2, 1, 1, 1],
  cellsFen: [
    // M0 → M0 L5 ¥40,000 (80.0% | 1/2), M0 → M1 L6 ¥10,000 (20.0% | 1/2)
    [4_000_000, 1_000_000, 0, 0, 0],
    // M1 → M0 L1 ¥27,000 at the end (27,000/38,000 = 71.1% | 1/2); L4 paid off, below
    [2_700_000, 0, 0, 0, 0],
    // M2 → M3 L2 ¥20,000 (100.0% | 1/1): a month older, no file said otherwise
    [0, 0, 0, 2_000_000, 0],
    // M3 → M4+ L3 ¥15,000 (100.0% | 1/1)
    [0, 0, 0, 0, 1_500_000],
    // M4+ → M4+ L7 ¥50,000 (100.0% | 1/1)
    [0, 0, 0, 0, 5_000_000],
  ],
  cellsLoans: [
    [1, 1, 0, 0, 0],
    [1, 0, 0, 0, 0],
    [0, 0, 0, 1, 0],
    [0, 0, 0, 0, 1],
    [0, 0, 0, 0, 1],
  ],
  // M1 → paid off: L4 at its start balance ¥8,000 (8,000/38,000 = 21.1% | 1/2)
  paidOffFen: [0, 800_000, 0, 0, 0],
  paidOffLoans: [0, 1, 0, 0, 0],
};

const none = [0, 0, 0, 0, 0];

/** Each officer's matrix: the loans of their borrowers (the three add up to the branch's). */
const ROLL_RATE_OF: Record<string, RollRate> = {
  // 李明: B1's L1 M1 ¥30,000 → M0 ¥27,000 (90.0% | 1/1); B2's L2 M2 ¥20,000 → M3 (100.0%).
  C101: {
    buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
    startFen: [0, 3_000_000, 2_000_000, 0, 0],
    startLoans: [0, 1, 1, 0, 0],
    cellsFen: [none, [2_700_000, 0, 0, 0, 0], [0, 0, 0, 2_000_000, 0], none, none],
    cellsLoans: [none, [1, 0, 0, 0, 0], [0, 0, 0, 1, 0], none, none],
    paidOffFen: none,
    paidOffLoans: none,
  },
  // 赵强: B4's L4 M1 ¥8,000 paid off (100.0% | 1/1); B3's L3 M3 ¥15,000 → M4+ (100.0%).
  C102: {
    buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
    startFen: [0, 800_000, 0, 1_500_000, 0],
    startLoans: [0, 1, 0, 1, 0],
    cellsFen: [none, none, none, [0, 0, 0, 0, 1_500_000], none],
    cellsLoans: [none, none, none, [0, 0, 0, 0, 1], none],
    paidOffFen: [0, 800_000, 0, 0, 0],
    paidOffLoans: [0, 1, 0, 0, 0],
  },
  // 孙伟: B5's L5 M0 ¥40,000 stays (80.0% | 1/2) and L6 ¥10,000 → M1 (20.0% | 1/2); B6's L7
  // M4+ ¥50,000 stays (100.0%).
  C103: {
    buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
    startFen: [5_000_000, 0, 0, 0, 5_000_000],
    startLoans: [2, 0, 0, 0, 1],
    cellsFen: [[4_000_000, 1_000_000, 0, 0, 0], none, none, none, [0, 0, 0, 0, 5_000_000]],
    cellsLoans: [[1, 1, 0, 0, 0], none, none, none, [0, 0, 0, 0, 1]],
    paidOffFen: none,
    paidOffLoans: none,
  },
  // The manager has no borrowers: nothing at the start, no rate anywhere.
  M001: {
    buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
    startFen: none,
    startLoans: none,
    cellsFen: [none, none, none, none, none],
    cellsLoans: [none, none, none, none, none],
    paidOffFen: none,
    paidOffLoans: none,
  },
};

describe('a branch month worked by hand (issue 15)', () => {
  it('gives every figure of May, branch and per officer, and every roll-rate cell', async () => {
    const m = await branchMonth();
    const { branch } = m;

    // The rules held along the way.
    expect(m.lateNotice).toMatchObject({ noticeProblem: 'late', status: 'planned' });
    expect(m.nightCall.code).toBe('RULE_VIOLATION');
    expect(m.nightCall.fields).toMatchObject({ at: 'v.contact.outOfHours' });
    expect(m.records.r7.effective.violations?.map((v) => v.code)).toEqual(['STAFF_NOT_CERTIFIED']);
    expect(m.records.r8.effective.violations?.map((v) => v.code)).toEqual(['NOTICE_LATE']);

    const summary = await branch.call('reports:summary', { month: '2026-05' });
    const may = summary.figures;
    expect(may.from).toBe('2026-05-01');
    expect(may.to).toBe('2026-05-31');
    expect(may.branch).toEqual(BRANCH);
    expect(may.officers.map((o) => [o.staffNo, o.name])).toEqual([
      ['C101', '李明'],
      ['C102', '赵强'],
      ['C103', '孙伟'],
      ['M001', '王建国'],
    ]);
    const figuresOf = (staffNo: string) => may.officers.find((o) => o.staffNo === staffNo)!.figures;
    expect(figuresOf('C101')).toEqual(LI_MING);
    expect(figuresOf('C102')).toEqual(ZHAO_QIANG);
    expect(figuresOf('C103')).toEqual(SUN_WEI);
    expect(figuresOf('M001')).toEqual(WANG_JIANGUO);
    expect(may.rollRate).toEqual(ROLL_RATE);
    for (const officer of may.officers) {
      expect(officer.rollRate, officer.staffNo).toEqual(ROLL_RATE_OF[officer.staffNo]);
    }
    // Monday-start weeks, the first from Friday 1 May: V1 | V2 V3 V4 V5 V6 | V7 V8 | V9.
    expect(may.weeks).toEqual([
      { weekStart: '2026-05-01', planned: 0, done: 0 },
      { weekStart: '2026-05-04', planned: 1, done: 1 },
      { weekStart: '2026-05-11', planned: 5, done: 3 }, // V2 not done, V4 cancelled
      { weekStart: '2026-05-18', planned: 2, done: 2 },
      { weekStart: '2026-05-25', planned: 1, done: 0 },
    ]);
    // The seven records' outcomes, most frequent first, then by name.
    expect(may.outcomes).toEqual([
      { outcome: 'promise_to_pay', count: 3 }, // V6 V7 V8
      { outcome: 'not_home', count: 1 }, // V2
      { outcome: 'paid_full', count: 1 }, // V5
      { outcome: 'partial_payment', count: 1 }, // V1
      { outcome: 'plan_proposed', count: 1 }, // V3
    ]);
    // April had no visits and no loans on file on its 1st: nothing to compare with.
    expect(summary.previous).toBeNull();

    // Month close on 1 June: the same figures, frozen.
    const close = await branch.call('reports:close', { month: '2026-05' });
    expect(close.closedBy.staffNo).toBe('M001');
    const closed = await branch.call('reports:summary', { month: '2026-05' });
    expect(closed.frozen).toBe(true);
    expect(closed.figures).toEqual(may);
  }, 240_000);
});
