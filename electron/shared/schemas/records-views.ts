import { z } from 'zod';
import {
  instalmentStatuses,
  metWhom,
  outcomeCodes,
  planStatuses,
  promiseStatuses,
  recordViolationSchema,
  situationSection,
  visitPaymentMethods,
} from './records';
import { paymentTrail, promisePayment } from './payment-trail';
import { visitPlaces } from '../compliance';
import { isoDate } from '../validation';

/** What the records channels answer: records with their history, promises, plans, receipts. */

const id = z.number().int().positive();

const staffBrief = z.object({ id, staffNo: z.string(), name: z.string() });

export const promiseRow = z.object({
  id,
  borrowerId: id,
  borrowerName: z.string(),
  loanId: id.nullable(),
  loanNo: z.string().nullable(),
  visitRecordId: id,
  visitId: id,
  promisedOn: z.string(),
  amountFen: z.number().int(),
  dueOn: z.string(),
  status: z.enum(promiseStatuses),
  paidFen: z.number().int(),
  evaluatedAt: z.string().nullable(),
  /**
   * The payments that counted for the promise, as its latest evaluation allocated them, each
   * with its sources (receipt, head-office file, the day or only the interval it was paid in).
   */
  paidBy: z.array(promisePayment),
});
export type PromiseRow = z.infer<typeof promiseRow>;

export const instalmentRow = z.object({
  seq: z.number().int(),
  dueOn: z.string(),
  amountFen: z.number().int(),
  status: z.enum(instalmentStatuses),
  paidFen: z.number().int(),
});

export const planRow = z.object({
  id,
  borrowerId: id,
  borrowerName: z.string(),
  loanId: id.nullable(),
  visitRecordId: id,
  visitId: id,
  totalFen: z.number().int(),
  overdueFen: z.number().int(),
  shortfallReason: z.string(),
  status: z.enum(planStatuses),
  proposedBy: staffBrief,
  proposedAt: z.string(),
  decidedBy: staffBrief.nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string(),
  /**
   * Approved by the manager who proposed it, being then the branch's only approver; marked
   * and counted in the monthly summary. Absent means not.
   */
  selfApproved: z.boolean().optional(),
  instalments: z.array(instalmentRow),
});
export type PlanRow = z.infer<typeof planRow>;

export const receiptRow = z.object({
  id,
  receiptNo: z.string(),
  branchCode: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  paymentId: id,
  visitRecordId: id,
  visitId: id,
  borrowerId: id,
  borrowerName: z.string(),
  loanId: id,
  loanNo: z.string(),
  amountFen: z.number().int(),
  method: z.enum(visitPaymentMethods),
  paidOn: z.string(),
  /** Local date and time, YYYY-MM-DDTHH:MM in the branch's time zone. */
  paidAt: z.string(),
  /** The staff who went on the visit (they sign the receipt). */
  collectedBy: z.array(staffBrief),
  issuedBy: staffBrief,
  issuedAt: z.string(),
  /** The cash's sources: the head-office files that confirmed it, or what they have not shown. */
  trail: paymentTrail.optional(),
});
export type ReceiptRow = z.infer<typeof receiptRow>;

export const recordDetail = z.object({
  id,
  visitId: id,
  borrowerId: id,
  borrowerName: z.string(),
  amends: id.nullable(),
  amendReason: z.string().nullable(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  staff: z.array(staffBrief),
  met: z.enum(metWhom),
  outcome: z.enum(outcomeCodes),
  borrowerWords: z.string(),
  assessmentId: id.nullable(),
  situation: situationSection.nullable(),
  checklist: z.object({
    staffCardsShown: z.boolean(),
    rightsExplained: z.boolean(),
    noThirdPartyDisclosure: z.boolean(),
    recorded: z.boolean(),
    recordingRef: z.string(),
  }),
  nextAction: z.string(),
  followUpOn: z.string().nullable(),
  recordedBy: staffBrief,
  recordedAt: z.string(),
  promise: promiseRow.nullable(),
  receipt: receiptRow.nullable(),
  plan: planRow.nullable(),
  /** Where the visit took place (home for records saved before the field existed). */
  place: z.enum(visitPlaces).optional(),
  placeNote: z.string().optional(),
  /** The rules this record broke when it was saved (records/recheck.ts); empty when none. */
  violations: z.array(recordViolationSchema).optional(),
});
export type RecordDetail = z.infer<typeof recordDetail>;

export const recordHistory = z.object({
  /** The newest row of the chain: what the record says now. */
  effective: recordDetail,
  /** The original first, then each amendment in order. */
  history: z.array(recordDetail),
});
export type RecordHistory = z.infer<typeof recordHistory>;

/** What the outcome form needs to know about a planned visit. */
export const recordDraft = z.object({
  visitId: id,
  borrowerId: id,
  borrowerName: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  staff: z.array(staffBrief),
  loans: z.array(z.object({ id, loanNo: z.string(), overdueFen: z.number().int() })),
  overdueFen: z.number().int(),
  activeStaff: z.array(staffBrief),
  /** The record already saved for this visit (then amend instead). */
  recordId: id.nullable(),
  /** Where the visit was planned to take place. */
  place: z.enum(visitPlaces).optional(),
  placeNote: z.string().optional(),
});
export type RecordDraft = z.infer<typeof recordDraft>;

export const planPreview = z.object({
  instalments: z.array(
    z.object({ seq: z.number().int(), dueOn: z.string(), amountFen: z.number().int() }),
  ),
  totalFen: z.number().int(),
  overdueFen: z.number().int(),
  /** Message keys of the totals check, by field ('totalFen', 'shortfallReason'). */
  problems: z.record(z.string(), z.string()),
});
export type PlanPreview = z.infer<typeof planPreview>;

export const evaluation = z.object({
  asOf: z.string(),
  promisesChanged: z.number().int(),
  instalmentsChanged: z.number().int(),
  plansChanged: z.number().int(),
  /** Promises that became broken in this run. */
  brokenNow: z.array(id),
});
export type Evaluation = z.infer<typeof evaluation>;

/** A visit still waiting for its outcome: the officer's own list and the branch's. */
export const awaitingRow = z.object({
  visitId: id,
  borrowerId: id,
  borrowerName: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  township: z.string(),
  village: z.string(),
  /** Everyone planned to go, by staff number. */
  staff: z.array(staffBrief),
});
export type AwaitingRow = z.infer<typeof awaitingRow>;

export const tasksOutput = z.object({
  asOf: z.string(),
  followUps: z.array(
    z.object({
      id,
      borrowerId: id,
      borrowerName: z.string(),
      dueOn: z.string(),
      action: z.string(),
      visitRecordId: id,
    }),
  ),
  promisesDue: z.array(promiseRow),
  instalmentsDue: z.array(
    instalmentRow.extend({ planId: id, borrowerId: id, borrowerName: z.string() }),
  ),
  /** Visits the signed-in staff member was planned to go on, still without an outcome. */
  visitsToRecord: z.array(awaitingRow),
  /** Only for staff who may approve plans. */
  plansAwaitingApproval: z.array(planRow),
});
export type TasksOutput = z.infer<typeof tasksOutput>;

/** A borrower's records that broke a rule, for the case page (`records:violations`). */
export const recordViolationRow = z.object({
  recordId: id,
  visitId: id,
  date: z.string(),
  start: z.string(),
  end: z.string(),
  staff: z.array(staffBrief),
  violations: z.array(recordViolationSchema),
});
export type RecordViolationRow = z.infer<typeof recordViolationRow>;

/**
 * The branch's visits still waiting for their outcome (`records:awaiting`): planned or notified,
 * on or before the branch's today, oldest first — for the manager or clerk who keys in results
 * for officers back from the villages, narrowed by day, officer or village.
 */
export const awaitingInput = z
  .object({
    /** One day only; every day up to today when absent. */
    date: isoDate.optional(),
    staffId: id.optional(),
    village: z.string().trim().max(50, 'v.tooLong').optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict()
  .optional();

export const awaitingOutput = z.object({
  asOf: z.string(),
  /** How many wait in all under the filter (the rows stop at the limit). */
  total: z.number().int(),
  rows: z.array(awaitingRow),
  /** The villages with visits waiting, for the filter. */
  villages: z.array(z.string()),
});
export type AwaitingOutput = z.infer<typeof awaitingOutput>;
