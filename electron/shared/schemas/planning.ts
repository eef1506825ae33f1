import { z } from 'zod';
import { ruleCodes, visitPlaces, vulnerableReasonLabels, type VisitPlace } from '../compliance';
import { vulnerableReasons } from './case-fields';
import { hhmm, isoDate, isoDateTime, isoMonth, requiredText } from '../validation';

/** Visits, routes, the worklist and targets: the DTOs. */

const id = z.number().int().positive();
const month = isoMonth;

export const visitPurposes = [
  'reminder',
  'negotiation',
  'situation_check',
  'repayment_plan',
  'payment_receipt',
] as const;
export const visitPriorities = ['high', 'normal', 'low'] as const;
export const visitStatuses = [
  'planned',
  'notified',
  'done',
  'not_done',
  'cancelled',
  'rescheduled',
] as const;
export const noticeStatuses = ['none', 'printed', 'phoned', 'delivered'] as const;
/** Visits that still occupy the borrower and the staff (caps, double-booking). */
export const countingStatuses = ['planned', 'notified', 'done', 'not_done'] as const;
/** Visits that may still be moved, rescheduled, cancelled or approved. */
export const openStatuses = ['planned', 'notified'] as const;

export type VisitPurpose = (typeof visitPurposes)[number];
export { visitPlaces, type VisitPlace };
export type VisitStatus = (typeof visitStatuses)[number];
export type NoticeStatus = (typeof noticeStatuses)[number];

export const violationSchema = z.object({
  code: z.enum(ruleCodes),
  severity: z.enum(['block', 'legal']),
  message: z.object({ zh: z.string(), en: z.string() }),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

// ---- visits ------------------------------------------------------------------------------

const staffIds = z
  .array(id)
  .min(1, 'v.required')
  .max(6, 'v.invalid')
  .refine((ids) => new Set(ids).size === ids.length, 'v.duplicateStaff');

const overrideInput = z
  .object({ reason: z.string().trim().min(6, 'v.overrideReason').max(500, 'v.tooLong') })
  .optional();

const window = { date: isoDate, start: hhmm, end: hhmm };
const endsAfterStart = (v: { start: string; end: string }) => v.end > v.start;
const endAfterStartIssue = { message: 'v.endAfterStart', path: ['end'] };

export const visitDraft = {
  borrowerId: id,
  loanIds: z.array(id).max(50, 'v.invalid').default([]),
  staffIds,
  purpose: z.enum(visitPurposes),
  priority: z.enum(visitPriorities).default('normal'),
  /** The borrower asked for this day (permits a public holiday). */
  borrowerRequested: z.boolean().default(false),
  /** The borrower was already phoned about this visit (counts as the notice). */
  phonedAt: isoDateTime.optional(),
  note: z.string().trim().max(500, 'v.tooLong').default(''),
  /** Why a vulnerable borrower's visit is not about a repayment arrangement (required then). */
  purposeReason: z.string().trim().max(500, 'v.tooLong').default(''),
  /** Where the visit happens; a workplace needs the manager's approval. */
  place: z.enum(visitPlaces).default('home'),
  /** Which workplace or other place. */
  placeNote: z.string().trim().max(200, 'v.tooLong').default(''),
  /** An employer or neighbour would learn of the debt there (needs the manager's approval). */
  disclosureRisk: z.boolean().default(false),
};

export const planVisitInput = z
  .object({ ...window, ...visitDraft, override: overrideInput })
  .refine(endsAfterStart, endAfterStartIssue);
export type PlanVisitInput = z.input<typeof planVisitInput>;

export const checkVisitInput = z
  .object({
    ...window,
    ...visitDraft,
    /** When checking a change to an existing visit: it does not count against itself. */
    visitId: id.optional(),
  })
  .refine(endsAfterStart, endAfterStartIssue);

export const checkResult = z.object({
  violations: z.array(violationSchema),
  /** True when the signed-in staff may override every violation found. */
  canOverride: z.boolean(),
  /** Saving would leave the visit waiting for the manager's approval. */
  needsApproval: z.boolean(),
  /**
   * An override by the signed-in manager would wait for another manager's approval (nobody
   * approves their own override while the branch has another manager).
   */
  overrideWaitsForAnother: z.boolean().optional(),
  /** Saving approves the visit as the branch's only manager: marked self-approved. */
  approvalSelf: z.boolean().optional(),
  /** The borrower's vulnerable reasons on the visit's date (elderly by the ID's birth date too). */
  vulnerable: z.array(z.enum(vulnerableReasons)).optional(),
});
export type CheckResult = z.infer<typeof checkResult>;

/**
 * The visit's `version` (visitDetail) the change started from: refused with STALE_VERSION when
 * the visit has changed since. Omitted (the calendar's drag, the CLI): not checked.
 */
const fromVersion = z.string().max(64, 'v.invalid').optional();

export const updateVisitInput = z
  .object({
    id,
    date: isoDate.optional(),
    start: hhmm.optional(),
    end: hhmm.optional(),
    staffIds: staffIds.optional(),
    loanIds: z.array(id).max(50, 'v.invalid').optional(),
    purpose: z.enum(visitPurposes).optional(),
    priority: z.enum(visitPriorities).optional(),
    borrowerRequested: z.boolean().optional(),
    note: z.string().trim().max(500, 'v.tooLong').optional(),
    purposeReason: z.string().trim().max(500, 'v.tooLong').optional(),
    place: z.enum(visitPlaces).optional(),
    placeNote: z.string().trim().max(200, 'v.tooLong').optional(),
    disclosureRisk: z.boolean().optional(),
    override: overrideInput,
    version: fromVersion,
  })
  .refine((v) => !v.start || !v.end || v.end > v.start, {
    message: 'v.endAfterStart',
    path: ['end'],
  });

export const rescheduleVisitInput = z
  .object({
    id,
    ...window,
    staffIds: staffIds.optional(),
    reason: requiredText(500),
    override: overrideInput,
    version: fromVersion,
  })
  .refine(endsAfterStart, endAfterStartIssue);
export type RescheduleVisitInput = z.input<typeof rescheduleVisitInput>;

export const cancelVisitInput = z.object({ id, reason: requiredText(500), version: fromVersion });
export const approveVisitInput = z.object({ id, override: overrideInput });
export const recordNoticeInput = z.object({
  id,
  status: z.enum(['printed', 'phoned', 'delivered']),
  at: isoDateTime.optional(),
});

const staffBrief = z.object({ id, staffNo: z.string(), name: z.string() });

export const visitDetail = z.object({
  id,
  borrowerId: id,
  borrowerName: z.string(),
  loanIds: z.array(id),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  staff: z.array(staffBrief),
  purpose: z.enum(visitPurposes),
  priority: z.enum(visitPriorities),
  township: z.string(),
  village: z.string(),
  status: z.enum(visitStatuses),
  statusNote: z.string(),
  noticeStatus: z.enum(noticeStatuses),
  noticeAt: z.string().nullable(),
  /**
   * Why the notice on file does not count as notice first: given between 22:00 and 08:00, or
   * less than the notice period before the start; null when it counts or there is none.
   */
  noticeProblem: z.enum(['outOfHours', 'late', 'future']).nullable().optional(),
  borrowerRequested: z.boolean(),
  purposeReason: z.string().optional(),
  place: z.enum(visitPlaces).optional(),
  placeNote: z.string().optional(),
  disclosureRisk: z.boolean().optional(),
  plannedBy: id,
  plannedAt: z.string(),
  override: z
    .object({
      reason: z.string(),
      /** Who granted it. */
      by: id,
      codes: z.array(z.enum(ruleCodes)),
      /** Who wrote the reason (the same as `by` when self-approved). */
      proposedBy: id.optional(),
      /** Granted by its proposer as the branch's only manager: marked and counted. */
      selfApproved: z.boolean().optional(),
    })
    .nullable(),
  /** An override proposed by a manager, waiting for another manager's approval. */
  overrideProposal: z
    .object({ reason: z.string(), proposedBy: id, codes: z.array(z.enum(ruleCodes)) })
    .nullable()
    .optional(),
  approval: z.object({
    needed: z.boolean(),
    by: id.nullable(),
    at: z.string().nullable(),
    /** Who asked for it (the planner, or whoever changed the visit so that it needs one). */
    requestedBy: id.nullable().optional(),
    /** Granted by the one who asked, being the branch's only manager: marked. */
    selfApproved: z.boolean().optional(),
  }),
  rescheduledFrom: id.nullable(),
  rescheduledTo: id.nullable(),
  routeOrder: z.number().int().nullable(),
  note: z.string(),
  /**
   * The visit's optimistic version (issue 20): a digest of what a move, reschedule or cancel
   * may change (visit-read.ts's `visitVersion`). A change sent with the version it started
   * from is refused with STALE_VERSION when another desk has changed the visit since.
   */
  version: z.string(),
});
export type VisitDetail = z.infer<typeof visitDetail>;

/**
 * What a visit's version covers: everything planning:updateVisit, planning:reschedule and
 * planning:cancelVisit change, and the notice and approval a desk may record meanwhile (they
 * change what a move is judged by). Not the borrower's name or address, nor what is worked
 * out on reading (noticeProblem). The form names these when a save is refused as stale.
 */
export const visitVersionFields = [
  'date',
  'start',
  'end',
  'staff',
  'loanIds',
  'purpose',
  'priority',
  'note',
  'purposeReason',
  'borrowerRequested',
  'place',
  'placeNote',
  'disclosureRisk',
  'status',
  'statusNote',
  'noticeStatus',
  'noticeAt',
  'override',
  'overrideProposal',
  'approval',
] as const satisfies readonly (keyof VisitDetail)[];

export const calendarInput = z
  .object({
    from: isoDate,
    to: isoDate,
    staffIds: z.array(id).max(50, 'v.invalid').optional(),
    township: z.string().trim().max(50, 'v.tooLong').optional(),
    statuses: z.array(z.enum(visitStatuses)).optional(),
  })
  .refine((r) => r.to >= r.from, { message: 'v.endAfterStart', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 62 * 86_400_000, {
    message: 'v.invalid',
    path: ['to'],
  });

/** One compact row per visit, for month, week and day views. */
export const calendarRow = z.object({
  id,
  date: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(visitStatuses),
  purpose: z.enum(visitPurposes),
  borrowerId: id,
  borrowerName: z.string(),
  township: z.string(),
  village: z.string(),
  staffIds: z.array(id),
  noticeStatus: z.enum(noticeStatuses),
  awaitingApproval: z.boolean(),
  overridden: z.boolean(),
});
export type CalendarRow = z.infer<typeof calendarRow>;

export const calendarOutput = z.object({
  visits: z.array(calendarRow),
  leave: z.array(z.object({ staffId: id, date: z.string(), reason: z.string() })),
});

export const dayRouteInput = z.object({
  date: isoDate,
  staffIds: z.array(id).min(1, 'v.required').max(2, 'v.invalid'),
});

export const dayRouteOutput = z.object({
  date: z.string(),
  staff: z.array(staffBrief),
  townships: z.array(
    z.object({
      township: z.string(),
      villages: z.array(z.object({ village: z.string(), visits: z.array(visitDetail) })),
    }),
  ),
});
export type DayRoute = z.infer<typeof dayRouteOutput>;

export const planRouteInput = z.object({
  date: isoDate,
  /** In visiting order; each becomes one visit, slots filled one after another. */
  borrowerIds: z
    .array(id)
    .min(1, 'v.required')
    .max(20, 'v.invalid')
    .refine((ids) => new Set(ids).size === ids.length, 'v.invalid'),
  staffIds,
  firstStart: hhmm,
  visitMinutes: z.number().int().min(15, 'v.minutes').max(240, 'v.minutes').default(45),
  gapMinutes: z.number().int().min(0, 'v.minutes').max(120, 'v.minutes').default(15),
  purpose: z.enum(visitPurposes).default('reminder'),
});
export type PlanRouteInput = z.input<typeof planRouteInput>;

export const worklistInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    officerId: id.optional(),
    township: z.string().trim().max(50, 'v.tooLong').optional(),
    village: z.string().trim().max(50, 'v.tooLong').optional(),
  })
  .optional();

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const worklistRow = z.object({
  borrowerId: id,
  name: z.string(),
  township: z.string(),
  village: z.string(),
  officerId: id.nullable(),
  daysPastDue: z.number().int(),
  overdueFen: z.number().int(),
  brokenPromises: z.number().int(),
  daysSinceContact: z.number().int().nullable(),
  noticeOut: z.boolean(),
  score: z.number(),
  reasons: z.array(bilingual),
  vulnerable: z.array(z.enum(Object.keys(vulnerableReasonLabels) as [string, ...string[]])),
  hold: z.enum(['disputed', 'on_hold', 'closed']).nullable(),
  /** What the rules say before anyone plans: approval needed, on hold. */
  flags: z.array(bilingual),
  lastContactDate: z.string().nullable(),
});
export type WorklistRow = z.infer<typeof worklistRow>;

// ---- elderly borrowers ---------------------------------------------------------------------

export const elderlyInput = z.object({ borrowerId: id });
export const clearElderlyInput = z.object({
  borrowerId: id,
  reason: z.string().trim().min(4, 'v.elderlyReason').max(500, 'v.tooLong'),
});
export const restoreElderlyInput = z.object({ borrowerId: id });

export const elderlyStatus = z.object({
  borrowerId: id,
  birthDate: z.string(),
  /** Today, in the branch's time zone. */
  age: z.number().int(),
  /** The branch's elderly age (rules setting). */
  threshold: z.number().int(),
  /** The ID's birth date makes the borrower elderly today. */
  byBirthDate: z.boolean(),
  /** Staff ticked the elderly box on the case. */
  byHand: z.boolean(),
  cleared: z.object({ reason: z.string(), by: id, byName: z.string(), at: z.string() }).nullable(),
  /** Treated as vulnerable (elderly) today. */
  flagged: z.boolean(),
});
export type ElderlyStatus = z.infer<typeof elderlyStatus>;

// ---- rules, holidays, targets ------------------------------------------------------------

export const holidaysInput = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.to >= r.from, { message: 'v.endAfterStart', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 731 * 86_400_000, {
    message: 'v.invalid',
    path: ['to'],
  });

export const dayInfoSchema = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday', 'rest']),
  name: bilingual.nullable(),
  swapWorkday: z.boolean(),
  source: z.enum(['official', 'estimated', 'branch', 'week']),
});

export const holidaysOutput = z.object({
  /** Holidays, swap working days and branch overrides in the range (ordinary days left out). */
  days: z.array(dayInfoSchema),
  overrides: z.array(
    z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), note: z.string() }),
  ),
  /** Years in the range whose official arrangement is not yet in the holiday list. */
  estimatedYears: z.array(z.number().int()),
});

export const setHolidayInput = z.object({
  date: isoDate,
  /** null removes the branch's override and restores the official calendar. */
  kind: z.enum(['holiday', 'workday']).nullable(),
  note: z.string().trim().max(100, 'v.tooLong').default(''),
});

/** Without a month: the month it is now where the branch is (its clock, not the PC's). */
export const targetsInput = z.object({ month: month.optional() });
export const setTargetInput = z.object({
  month,
  /** null: the branch's own target. */
  staffId: id.nullable(),
  visitsTarget: z.number().int().min(0, 'v.nonNegative').max(100_000, 'v.invalid'),
  amountTargetFen: z.number().int().min(0, 'v.nonNegative').max(1e13, 'v.invalid'),
});

const progress = z.object({
  visitsTarget: z.number().int(),
  visitsDone: z.number().int(),
  visitsPlanned: z.number().int(),
  amountTargetFen: z.number().int(),
  amountCollectedFen: z.number().int(),
});

export const targetsOutput = z.object({
  month: z.string(),
  branch: progress.nullable(),
  officers: z.array(progress.extend({ staffId: id, staffNo: z.string(), name: z.string() })),
});
export type TargetsOutput = z.infer<typeof targetsOutput>;

// ---- messages -------------------------------------------------------------------------------
