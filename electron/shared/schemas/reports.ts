import { z } from 'zod';
import { checkpointInfo } from './foundation';
import { isoMonth } from '../validation';
import { loanTiers } from '../classification';
import { reportBucketNames } from '../report-buckets';

/** The monthly branch summary (月度汇总): figures, comparisons, the close, drill-downs, exports. */

/** A month from 2000-01 to 2099-12: 9999-12 would ask for a summary no loop should walk to. */
export const month = isoMonth;

/**
 * An exact rate: numerator and denominator as integers. A denominator of 0 has no rate (shown
 * as "—"); nothing is rounded until it is displayed.
 */
export const ratio = z.object({ num: z.number().int(), den: z.number().int().nonnegative() });
export type Ratio = z.infer<typeof ratio>;

export const buckets = ['M0', 'M1', 'M2', 'M3', 'M4+'] as const;

/** Counts and amounts (integer fen) of one month, for the branch or one officer. */
export const figureBlock = z.object({
  visitsPlanned: z.number().int(),
  /*
   * Added with the definitions of issue 15. A month closed before them has none in its frozen
   * figures: they read as 0 there, and `definitionsVersion` says which definitions it used.
   */
  visitsDue: z.number().int().default(0),
  visitsDone: z.number().int(),
  visitsNotDone: z.number().int(),
  visitsCancelled: z.number().int(),
  visitsOpen: z.number().int(),
  visitsOverridden: z.number().int(),
  visitsCarriedOut: z.number().int(),
  contacts: z.number().int(),
  rightPartyContacts: z.number().int(),
  promisesMade: z.number().int(),
  ptpContacts: z.number().int().default(0),
  relativePromises: z.number().int().default(0),
  relativePromisedFen: z.number().int().default(0),
  promisesDue: z.number().int(),
  promisesKept: z.number().int(),
  promisedFen: z.number().int(),
  collectedFen: z.number().int(),
  targetFen: z.number().int().nullable(),
  loansOverdueAtStart: z.number().int(),
  loansCured: z.number().int(),
  loansPaidOff: z.number().int().default(0),
  ruleOverrides: z.number().int(),
  plansApproved: z.number().int(),
  /*
   * Self-approvals (issue 14). A month closed before they were counted has none in its frozen
   * figures, which read as 0 rather than failing to load.
   */
  overridesSelfApproved: z.number().int().default(0),
  plansSelfApproved: z.number().int().default(0),
  /*
   * The complaints register (issue 15). A month closed before it has none in its frozen
   * figures: they read as 0.
   */
  complaintsReceived: z.number().int().default(0),
  complaintsOpen: z.number().int().default(0),
  complaintsClosed: z.number().int().default(0),
  /** Visit records the re-check found breaking a rule (issue 15); 0 in months closed before. */
  recordsWithViolations: z.number().int().default(0),
  /*
   * Visit money handed in at the branch (issue 18). A month closed before has none in its frozen
   * figures: they read as 0.
   */
  cashCollectedFen: z.number().int().default(0),
  cashHandedInLate: z.number().int().default(0),
  cashOpenDifferences: z.number().int().default(0),
  /*
   * Waivers and settlements approved in the month (issue 18), by kind, amounts in fen. A month
   * closed before has none in its frozen figures: they read as 0.
   */
  waiversApproved: z.number().int().default(0),
  waivedFen: z.number().int().default(0),
  penaltyWaivers: z.number().int().default(0),
  penaltyWaivedFen: z.number().int().default(0),
  interestWaivers: z.number().int().default(0),
  interestWaivedFen: z.number().int().default(0),
  settlementsApproved: z.number().int().default(0),
  settlementWaivedFen: z.number().int().default(0),
  completionRate: ratio,
  contactRate: ratio,
  rightPartyRate: ratio,
  ptpRate: ratio,
  ptpKeptRate: ratio,
  collectedVsTarget: ratio,
  cureRate: ratio,
});
export type FigureBlock = z.infer<typeof figureBlock>;
export type FigureKey = keyof FigureBlock;
export const figureKeys = Object.keys(figureBlock.shape) as FigureKey[];

/**
 * Roll rates (definitions version 2): startFen[i] and startLoans[i] are the whole bucket i at
 * the start of the month; cellsFen[i][j] is the END-of-month balance of the loans that were in
 * bucket i at the start and are in bucket j at the end with a balance left, cellsLoans[i][j]
 * their number; a loan with no balance left at the end is in paidOffLoans[i], with its START
 * balance in paidOffFen[i]. The rate of a cell is cellsFen[i][j] ÷ startFen[i] (by balance) and
 * cellsLoans[i][j] ÷ startLoans[i] (by count); no loans at the start means no rate.
 * Version 1 (months closed before issue 15) put start balances in the cells and paid-off loans
 * in M0, with no paid-off column.
 */
export const rollRate = z.object({
  /** The branch's buckets when the month was computed (M4+ may be split: report-buckets.ts). */
  buckets: z.array(z.enum(reportBucketNames)),
  startFen: z.array(z.number().int()),
  startLoans: z.array(z.number().int()),
  cellsFen: z.array(z.array(z.number().int())),
  cellsLoans: z.array(z.array(z.number().int())),
  paidOffFen: z.array(z.number().int()).default(() => buckets.map(() => 0)),
  paidOffLoans: z.array(z.number().int()).default(() => buckets.map(() => 0)),
});
export type RollRate = z.infer<typeof rollRate>;

export const officerFigures = z.object({
  staffId: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  figures: figureBlock,
  /**
   * The roll-rate matrix of the loans of the officer's borrowers (definitions version 3). A
   * month closed before has none in its frozen figures: null there.
   */
  rollRate: rollRate.nullable().default(null),
});
export type OfficerFigures = z.infer<typeof officerFigures>;

/**
 * Which definitions a month's figures were computed with: 1 before issue 15 (PTP rate counted
 * promise rows, relatives' included; completion was done ÷ due; roll-rate cells held start
 * balances); 2 with issue 15's (a loan's bucket was the one its latest snapshot named on its
 * own day); 3 since a loan's bucket on the 1st and on the last day is counted on to that day
 * from the snapshot's overdue date (head office's daily files carry only the loans that
 * changed), and each officer has a roll-rate matrix of their own. Frozen figures keep the
 * version they were closed with.
 */
export const CURRENT_DEFINITIONS = 3;

/**
 * Balances by the bank's five-tier classification at the month's end (issue 18): every loan
 * whose latest snapshot on or before the last day has principal left, counted under that
 * snapshot's tier ('none': no file gave one, 未分类), with that snapshot's outstanding
 * principal. Loans first imported during the month are in; loans paid off are not. The rows
 * are always the six, in order, zeros included.
 */
export const tierRows = z.array(
  z.object({
    tier: z.enum([...loanTiers, 'none']),
    loans: z.number().int(),
    balanceFen: z.number().int(),
  }),
);
export type TierRows = z.infer<typeof tierRows>;

export const monthFigures = z.object({
  month,
  definitionsVersion: z.number().int().positive().default(1),
  /** First and last day of the month (branch dates). */
  from: z.string(),
  to: z.string(),
  branch: figureBlock,
  officers: z.array(officerFigures),
  rollRate,
  weeks: z.array(
    z.object({ weekStart: z.string(), planned: z.number().int(), done: z.number().int() }),
  ),
  outcomes: z.array(z.object({ outcome: z.string(), count: z.number().int() })),
  /** Null in months closed before the classification was kept. */
  tiers: tierRows.nullable().default(null),
});
export type MonthFigures = z.infer<typeof monthFigures>;

const bilingual = z.object({ zh: z.string(), en: z.string() });
export const figureDefinition = z.object({
  key: z.string(),
  kind: z.enum(['count', 'fen', 'rate']),
  label: bilingual,
  definition: bilingual,
  /** What a rate divides (null for counts and amounts). */
  numerator: bilingual.nullable(),
  denominator: bilingual.nullable(),
  /** The list behind the figure, for drill-down; null when there is none. */
  drilldown: z.enum(['visits', 'promises', 'payments', 'loans', 'plans', 'complaints']).nullable(),
});
export type FigureDefinition = z.infer<typeof figureDefinition>;

export const monthClose = z.object({
  id: z.number().int(),
  month,
  figuresSha256: z.string(),
  auditHead: z.string(),
  closedBy: z.object({ id: z.number().int(), name: z.string(), staffNo: z.string() }),
  closedAt: z.string(),
  reopenedBy: z.object({ id: z.number().int(), name: z.string(), staffNo: z.string() }).nullable(),
  reopenedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
});
export type MonthClose = z.infer<typeof monthClose>;

export const comparison = z.object({
  month,
  figures: figureBlock,
  closed: z.boolean(),
  definitionsVersion: z.number().int().positive(),
});

export const summaryInput = z.object({ month });
export const summaryOutput = z.object({
  figures: monthFigures,
  /** True when `figures` are the frozen ones of a standing close. */
  frozen: z.boolean(),
  close: monthClose.nullable(),
  /** Earlier closes of this month that were reopened, newest first. */
  history: z.array(monthClose),
  previous: comparison.nullable(),
  lastYear: comparison.nullable(),
  definitions: z.array(figureDefinition),
  /** The latest signed audit checkpoint, printed with the report (an outside anchor). */
  checkpoint: checkpointInfo.nullable(),
});
export type SummaryOutput = z.infer<typeof summaryOutput>;

export const drilldownInput = z.object({
  month,
  figure: z.string().min(1).max(40),
  officerId: z.number().int().positive().optional(),
});
export const drilldownColumn = z.object({
  key: z.string(),
  label: bilingual,
  type: z.enum(['text', 'fen', 'date', 'int']),
});
export const drilldownOutput = z.object({
  kind: z.enum(['visits', 'promises', 'payments', 'loans', 'plans', 'complaints']),
  columns: z.array(drilldownColumn),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  total: z.number().int(),
  /** Only the first rows are sent; `total` says how many there are. */
  truncated: z.boolean(),
});
export type DrilldownOutput = z.infer<typeof drilldownOutput>;

export const closeInput = z.object({ month });
export const reopenInput = z.object({
  month,
  reason: z.string().trim().min(1, 'v.required').max(500, 'v.tooLong'),
});
export const exportXlsxInput = z.object({ month, lang: z.enum(['zh', 'en']).default('zh') });
export const exportCsvInput = z.object({ month, lang: z.enum(['zh', 'en']).default('zh') });
export const exportOutput = z.object({
  fileName: z.string(),
  base64: z.string(),
  /** Frozen figures of a standing close, or live ones. */
  frozen: z.boolean(),
});
