import { z } from 'zod';
import { recordRuleCodes, visitPlaces } from '../compliance';
import { hhmm, isoDate } from '../validation';

/**
 * Visit records, promises to pay, payments taken on a visit, repayment plans, the officer's
 * tasks: the DTOs. The outcome form and the `records:*` channels use the same schemas.
 */

const id = z.number().int().positive();

export const metWhom = ['borrower', 'spouse', 'family', 'nobody'] as const;
export const outcomeCodes = [
  'paid_full',
  'partial_payment',
  'promise_to_pay',
  'plan_proposed',
  'refused',
  'hardship',
  'not_home',
  'moved',
  'disputes',
  'deceased',
] as const;
export const visitPaymentMethods = ['cash', 'transfer', 'other'] as const;
export const promiseStatuses = ['pending', 'kept', 'partly_kept', 'broken', 'superseded'] as const;
export const instalmentStatuses = ['pending', 'kept', 'partly_kept', 'broken'] as const;
export const planStatuses = [
  'proposed',
  'approved',
  'rejected',
  'completed',
  'broken',
  'superseded',
] as const;
export const planModes = ['equal', 'custom'] as const;

export type MetWhom = (typeof metWhom)[number];
export type OutcomeCode = (typeof outcomeCodes)[number];
export type VisitPaymentMethod = (typeof visitPaymentMethods)[number];
export type PromiseStatus = (typeof promiseStatuses)[number];
export type InstalmentStatus = (typeof instalmentStatuses)[number];
export type PlanStatus = (typeof planStatuses)[number];

/** The one section of the form an outcome needs (payment, promise or plan), if any. */
export const outcomeSection: Record<OutcomeCode, 'payment' | 'promise' | 'plan' | null> = {
  paid_full: 'payment',
  partial_payment: 'payment',
  promise_to_pay: 'promise',
  plan_proposed: 'plan',
  refused: null,
  hardship: null,
  not_home: null,
  moved: null,
  disputes: null,
  deceased: null,
};

/** Outcomes that can only come from talking to someone; "not at home" means nobody was met. */
const needsSomeoneMet: readonly OutcomeCode[] = [
  'paid_full',
  'partial_payment',
  'promise_to_pay',
  'plan_proposed',
  'refused',
  'hardship',
  'disputes',
];

export const MAX_INSTALMENTS = 36;
/** 100 million yuan: far above any inclusive-finance loan, far below unsafe integers. */
const MAX_FEN = 10_000_000_000;

/** Integer fen, more than zero. The form's yuan field hands NaN over for text that is no amount. */
export const amountFen = z
  .number({ error: 'v.amount' })
  .int('v.amount')
  .positive('v.amount')
  .max(MAX_FEN, 'v.amount');
const optionalFen = z
  .number({ error: 'v.amount' })
  .int('v.amount')
  .min(0, 'v.nonNegative')
  .max(MAX_FEN, 'v.amount')
  .nullable()
  .default(null);
const text = (max: number) => z.string().trim().max(max, 'v.tooLong').default('');

// ---- sections -----------------------------------------------------------------------------

export const promiseSection = z.object({
  amountFen,
  dueOn: isoDate,
  /** The loan the promise is for; null: any of the borrower's loans. */
  loanId: id.nullable().default(null),
});
export type PromiseSection = z.output<typeof promiseSection>;

export const paymentSection = z.object({
  amountFen,
  method: z.enum(visitPaymentMethods),
  /** Payments are booked against one loan (the cases payments table requires it). */
  loanId: id,
});
export type PaymentSection = z.output<typeof paymentSection>;

const planFields = z.object({
  /** The loan the plan covers; null: all the borrower's overdue loans. */
  loanId: id.nullable().default(null),
  mode: z.enum(planModes),
  count: z
    .number({ error: 'v.instalments' })
    .int('v.instalments')
    .min(1, 'v.instalments')
    .max(MAX_INSTALMENTS, 'v.instalments'),
  /** First due date; the others follow monthly on the same day (or the month's last day). */
  firstDueOn: isoDate,
  totalFen: amountFen,
  /** Custom mode only: one amount per instalment, adding up to the total. */
  amountsFen: z.array(z.number()).max(MAX_INSTALMENTS, 'v.instalments').default([]),
  /** Why the plan covers less than the overdue amount (required when it does). */
  shortfallReason: text(500),
});

type PlanFields = z.output<typeof planFields>;

/** Custom amounts: one per instalment, each a whole positive number of fen, adding up. */
function checkCustomAmounts(plan: PlanFields, ctx: z.RefinementCtx, path: (string | number)[]) {
  if (plan.mode !== 'custom') return;
  if (plan.amountsFen.length !== plan.count) {
    ctx.addIssue({ code: 'custom', message: 'v.planCount', path: [...path, 'amountsFen'] });
    return;
  }
  let bad = false;
  plan.amountsFen.forEach((amount, index) => {
    if (!amountFen.safeParse(amount).success) {
      bad = true;
      ctx.addIssue({ code: 'custom', message: 'v.amount', path: [...path, 'amountsFen', index] });
    }
  });
  const sum = plan.amountsFen.reduce((a, b) => a + b, 0);
  if (!bad && sum !== plan.totalFen) {
    ctx.addIssue({ code: 'custom', message: 'v.planSum', path: [...path, 'amountsFen'] });
  }
}

export const planSection = planFields.superRefine((plan, ctx) => checkCustomAmounts(plan, ctx, []));
export type PlanSection = z.output<typeof planSection>;
export type PlanSectionInput = z.input<typeof planSection>;

export const situationSection = z.object({
  /** What was seen of the household's livelihood (housing, work, health). */
  livelihood: text(2000),
  income: text(500),
  expenses: text(500),
  assets: text(500),
  householdSize: z
    .number({ error: 'v.invalid' })
    .int('v.invalid')
    .min(0, 'v.nonNegative')
    .max(50, 'v.invalid')
    .nullable()
    .default(null),
  monthlyIncomeFen: optionalFen,
  monthlyExpensesFen: optionalFen,
  /** What the household can afford each month, as the staff judged it. */
  capacityFen: optionalFen,
});
export type SituationSection = z.output<typeof situationSection>;

/** True when the staff wrote anything about the situation (then it becomes an assessment). */
export function situationSeen(s: SituationSection): boolean {
  return (
    [s.livelihood, s.income, s.expenses, s.assets].some((t) => t !== '') ||
    [s.householdSize, s.monthlyIncomeFen, s.monthlyExpensesFen, s.capacityFen].some(
      (n) => n !== null,
    )
  );
}

const mustConfirm = z.boolean().refine((v) => v, 'v.checklist');

export const checklistSection = z.object({
  staffCardsShown: mustConfirm,
  rightsExplained: mustConfirm,
  noThirdPartyDisclosure: mustConfirm,
  recorded: mustConfirm,
  recordingRef: z.string().trim().min(1, 'v.recordingRef').max(200, 'v.tooLong'),
});

// ---- the record --------------------------------------------------------------------------

const recordFields = {
  date: isoDate,
  start: hhmm,
  end: hhmm,
  // Who actually went. Fewer than two is saved all the same (it is what happened) and carries
  // the violation (records/recheck.ts); at least one, the recorder or the staff they name.
  staffIds: z
    .array(id)
    .min(1, 'v.required')
    .max(6, 'v.minStaff')
    .refine((ids) => new Set(ids).size === ids.length, 'v.duplicateStaff'),
  /** Where the visit took place; the planned place by default. */
  place: z.enum(visitPlaces).default('home'),
  placeNote: text(200),
  met: z.enum(metWhom, { error: 'v.required' }),
  outcome: z.enum(outcomeCodes, { error: 'v.required' }),
  borrowerWords: text(4000),
  situation: situationSection,
  checklist: checklistSection,
  nextAction: text(500),
  followUpOn: isoDate.nullable().default(null),
  // The sections are checked only when the outcome needs them (below): the form keeps the
  // values of hidden sections, and an outcome's other sections are dropped, never saved.
  promise: z.custom<z.input<typeof promiseSection>>().nullable().optional(),
  payment: z.custom<z.input<typeof paymentSection>>().nullable().optional(),
  plan: z.custom<PlanSectionInput>().nullable().optional(),
};

type RecordFields = z.output<z.ZodObject<typeof recordFields>>;

/**
 * Rules across fields, and the section the outcome needs. They run even while other fields
 * are still invalid (see `everyObject`), so the form shows every problem at once; hence the
 * care with values that may not have their type yet.
 */
function checkRecord(record: RecordFields, ctx: z.RefinementCtx) {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const start = text(record.start);
  const end = text(record.end);
  const date = text(record.date);
  if (start && end && end <= start) {
    ctx.addIssue({ code: 'custom', message: 'v.endAfterStart', path: ['end'] });
  }
  const outcome = (outcomeCodes as readonly string[]).includes(record.outcome)
    ? record.outcome
    : null;
  if (outcome && record.met === 'nobody' && needsSomeoneMet.includes(outcome)) {
    ctx.addIssue({ code: 'custom', message: 'v.outcomeMet', path: ['met'] });
  }
  if (outcome === 'not_home' && (metWhom as readonly string[]).includes(record.met)) {
    if (record.met !== 'nobody') {
      ctx.addIssue({ code: 'custom', message: 'v.outcomeMet', path: ['met'] });
    }
  }
  const followUpOn = text(record.followUpOn);
  if (date && followUpOn && followUpOn < date) {
    ctx.addIssue({ code: 'custom', message: 'v.followUpAfter', path: ['followUpOn'] });
  }
  const section = outcome ? outcomeSection[outcome] : null;
  if (!section) return;
  const schema = { promise: promiseSection, payment: paymentSection, plan: planSection }[section];
  const parsed = schema.safeParse(record[section] ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [section, ...issue.path] });
    }
    return;
  }
  if (!date) return;
  if (section === 'promise') {
    const due = (parsed.data as PromiseSection).dueOn;
    if (due < date || Date.parse(due) - Date.parse(date) > 366 * 86_400_000) {
      ctx.addIssue({ code: 'custom', message: 'v.promiseDue', path: ['promise', 'dueOn'] });
    }
  }
  if (section === 'plan' && (parsed.data as PlanSection).firstDueOn < date) {
    ctx.addIssue({ code: 'custom', message: 'v.promiseDue', path: ['plan', 'firstDueOn'] });
  }
}

/** Run the cross-field rules on any object, not only once every field has passed. */
const everyObject = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null,
};

/** Keeps only the section the outcome needs, parsed. */
function onlyOutcomeSection<T extends RecordFields>(record: T) {
  const section = outcomeSection[record.outcome];
  return {
    ...record,
    promise: section === 'promise' ? promiseSection.parse(record.promise) : null,
    payment: section === 'payment' ? paymentSection.parse(record.payment) : null,
    plan: section === 'plan' ? planSection.parse(record.plan) : null,
  };
}

/** What the outcome form submits (`records:record`). */
export const recordVisitInput = z
  .object({ visitId: id, ...recordFields })
  .superRefine(checkRecord, everyObject)
  .transform(onlyOutcomeSection);
export type RecordVisitInput = z.input<typeof recordVisitInput>;
export type RecordVisit = z.output<typeof recordVisitInput>;

/** An amendment: the whole record again, with the reason (`records:amend`). */
export const amendVisitInput = z
  .object({
    /** The record to correct: the original or any amendment of it. */
    recordId: id,
    reason: z.string().trim().min(4, 'v.amendReason').max(500, 'v.tooLong'),
    ...recordFields,
  })
  .superRefine(checkRecord, everyObject)
  .transform(onlyOutcomeSection);
export type AmendVisit = z.output<typeof amendVisitInput>;

export const recordGetInput = z.union([z.object({ id }), z.object({ visitId: id })]);

// ---- plans ------------------------------------------------------------------------------------

export const planPreviewInput = planFields
  .extend({ borrowerId: id })
  .superRefine((plan, ctx) => checkCustomAmounts(plan, ctx, []));

export const planDecisionInput = z.object({
  id,
  reason: z.string().trim().max(500, 'v.tooLong').default(''),
});
export const planRejectInput = z.object({
  id,
  reason: z.string().trim().min(1, 'v.rejectReason').max(500, 'v.tooLong'),
});
export const planListInput = z
  .object({
    borrowerId: id.optional(),
    statuses: z.array(z.enum(planStatuses)).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .optional();

// ---- promises, tasks, receipts ---------------------------------------------------------------

export const promiseListInput = z
  .object({
    borrowerId: id.optional(),
    statuses: z.array(z.enum(promiseStatuses)).optional(),
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .optional();

export const evaluateInput = z.object({ asOf: isoDate.optional() }).optional();

export const tasksInput = z
  .object({
    asOf: isoDate.optional(),
    /** Also list what falls due within this many days. */
    daysAhead: z.number().int().min(0).max(31).default(7),
  })
  .optional();

export const receiptGetInput = z.union([
  z.object({ id }),
  z.object({ receiptNo: z.string().trim().min(1).max(40) }),
]);

// ---- violations ---------------------------------------------------------------------------

/** A rule a saved record broke (hours, certificates, staff, notice, place), in both languages. */
export const recordViolationSchema = z.object({
  code: z.enum(recordRuleCodes),
  severity: z.enum(['block', 'legal']),
  message: z.object({ zh: z.string(), en: z.string() }),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const recordViolationsInput = z.object({ borrowerId: id });

// ---- messages -------------------------------------------------------------------------------
