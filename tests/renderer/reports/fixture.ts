import { figureDefinitions } from '../../../electron/core/reports/definitions';
import type { MonthlyReportData } from '../../../electron/shared/schemas/monthly-report';
import {
  CURRENT_DEFINITIONS,
  figureBlock,
  monthFigures,
  type FigureBlock,
  type RollRate,
  type SummaryOutput,
} from '../../../electron/shared/schemas/reports';

export const r = (num: number, den: number) => ({ num, den });

/** A block of zeros with the given figures (every key given, so no schema default hides one). */
export function block(figures: Partial<FigureBlock>): FigureBlock {
  const zeros = Object.fromEntries(
    Object.keys(figureBlock.shape).map((key) => [key, key.endsWith('Rate') ? r(0, 0) : 0]),
  );
  return figureBlock.parse({
    ...zeros,
    targetFen: null,
    completionRate: r(0, 0),
    collectedVsTarget: r(0, 0),
    ...figures,
  });
}

const zeros = [0, 0, 0, 0, 0];
/**
 * The branch's matrix of the hand-built March (tests/unit/reports/dataset.ts): M0 ¥800 stays
 * (the same bucket), M1 ¥1,500 in 2 loans (¥1,000 → M2, a roll forward; ¥500 paid off), M2
 * ¥3,000 → M0 with ¥2,500 left (a cure), M3 ¥4,000 → M4+, no M4+ at the start.
 */
export const branchRollRate: RollRate = {
  buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
  startFen: [80000, 150000, 300000, 400000, 0],
  startLoans: [1, 2, 1, 1, 0],
  cellsFen: [
    [80000, 0, 0, 0, 0],
    [0, 0, 100000, 0, 0],
    [250000, 0, 0, 0, 0],
    [0, 0, 0, 0, 400000],
    zeros,
  ],
  cellsLoans: [[1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 1], zeros],
  paidOffFen: [0, 50000, 0, 0, 0],
  paidOffLoans: [0, 1, 0, 0, 0],
};

/**
 * A small March, worked by hand: 6 visits planned, 1 cancelled, so 5 due; 4 carried out (80.0%),
 * someone met on 3 of them (contact 75.0%); 2 promises due, 1 kept (50.0%); ¥1,250 collected
 * against ¥2,000 (62.5%); 3 loans overdue on the 1st, 1 cured (33.3%); 2 rule exceptions; 1
 * complaint. 李明 collected ¥1,000 of ¥1,200 (83.3%), 赵芳 ¥250 of ¥1,000 (25.0%).
 */
export const marchFigures = monthFigures.parse({
  month: '2026-03',
  definitionsVersion: CURRENT_DEFINITIONS,
  from: '2026-03-01',
  to: '2026-03-31',
  branch: block({
    visitsPlanned: 6,
    visitsCancelled: 1,
    visitsDue: 5,
    visitsCarriedOut: 4,
    visitsDone: 3,
    visitsNotDone: 1,
    visitsOpen: 1,
    completionRate: r(4, 5),
    contacts: 3,
    contactRate: r(3, 4),
    rightPartyContacts: 2,
    rightPartyRate: r(2, 4),
    promisesMade: 2,
    ptpContacts: 2,
    ptpRate: r(2, 2),
    promisesDue: 2,
    promisesKept: 1,
    ptpKeptRate: r(1, 2),
    collectedFen: 125000,
    targetFen: 200000,
    collectedVsTarget: r(125000, 200000),
    loansOverdueAtStart: 3,
    loansCured: 1,
    loansPaidOff: 1,
    cureRate: r(1, 3),
    visitsOverridden: 2,
    ruleOverrides: 2,
    complaintsReceived: 1,
  }),
  officers: [
    {
      staffId: 2,
      staffNo: 'A001',
      name: '李明',
      figures: block({
        visitsPlanned: 4,
        visitsCarriedOut: 3,
        collectedFen: 100000,
        targetFen: 120000,
        collectedVsTarget: r(100000, 120000),
      }),
      rollRate: branchRollRate,
    },
    {
      staffId: 3,
      staffNo: 'B001',
      name: '赵芳',
      figures: block({
        visitsPlanned: 2,
        visitsCarriedOut: 1,
        collectedFen: 25000,
        targetFen: 100000,
        collectedVsTarget: r(25000, 100000),
      }),
      rollRate: null,
    },
  ],
  rollRate: branchRollRate,
  weeks: [
    { weekStart: '2026-03-02', planned: 3, done: 2 },
    { weekStart: '2026-03-09', planned: 3, done: 1 },
  ],
  outcomes: [
    { outcome: 'promise_to_pay', count: 2 },
    { outcome: 'not_home', count: 1 },
  ],
});

export const FIGURES_SHA = 'a1'.repeat(32);
export const AUDIT_HEAD = 'b2'.repeat(32);

export function marchSummary(closed: boolean): SummaryOutput {
  return {
    figures: marchFigures,
    frozen: closed,
    close: closed
      ? {
          id: 1,
          month: '2026-03',
          figuresSha256: FIGURES_SHA,
          auditHead: AUDIT_HEAD,
          closedBy: { id: 1, name: '王建国', staffNo: 'M001' },
          closedAt: '2026-04-01T02:00:00.000Z',
          reopenedBy: null,
          reopenedAt: null,
          reopenReason: null,
        }
      : null,
    history: [],
    previous: {
      month: '2026-02',
      figures: block({ contactRate: r(1, 2), ruleOverrides: 1 }),
      closed: true,
      definitionsVersion: CURRENT_DEFINITIONS,
    },
    lastYear: null,
    definitions: [...figureDefinitions],
    checkpoint: null,
  };
}

export function marchReport(closed = true, lang: 'zh' | 'en' = 'zh'): MonthlyReportData {
  return {
    kind: 'monthlyReport',
    lang,
    month: '2026-03',
    referenceNo: '',
    issueDate: '2026-04-02',
    printedAt: '2026-04-02T09:30',
    printedBy: { name: '王建国', staffNo: 'M001' },
    letterhead: {
      name: '青山农商银行石桥支行',
      address: '浙江省杭州市临安区石桥镇人民路 18 号',
      phone: '0571-88880000',
      complaintHotline: '0571-88889999',
      logoDataUrl: null,
    },
    summary: marchSummary(closed),
    closedAtLocal: closed ? '2026-04-01T10:00' : null,
    checkpointAtLocal: null,
  };
}
