import { z } from 'zod';
import { caseSortFields } from '../case-sort';
import { loanTiers, tierFilters } from '../classification';
import { buckets } from '../delinquency';
import { isoDate, isoDateTime, optionalText, phone, requiredText } from '../validation';

import {
  caseId as id,
  caseExitKinds,
  caseStatuses,
  contactDirections,
  contactKinds,
  contactOutcomes,
  contactRelations,
  hardshipKinds,
  householdMember,
  optionalMobile,
  optionalPhone,
  residentId,
  residentIdOn,
  vulnerableReasons,
} from './case-fields';

export * from './case-fields';
export * from './case-page';

/**
 * Case files: the inputs of every case action, the case list, reveal, lookups and messages.
 * Enums and field schemas are in case-fields.ts, the case page's views in case-page.ts; both
 * are re-exported here, so callers import everything from this file.
 */

const divisionCode = (digits: number) =>
  z
    .string()
    .regex(new RegExp(`^\\d{${digits}}$`), 'v.divisionCode')
    .nullable()
    .optional()
    .default(null);

const fen = z.number().int('v.amount').min(0, 'v.nonNegative').max(1e13, 'v.amount');
const smallCount = z.number().int().min(0, 'v.nonNegative').max(99, 'v.tooLarge');

export const vulnerabilityFlags = z.object({
  elderly: z.boolean().default(false),
  ill: z.boolean().default(false),
  disabled: z.boolean().default(false),
  disaster: z.boolean().default(false),
});

const borrowerFields = {
  name: requiredText(50),
  province: optionalText(50),
  provinceCode: divisionCode(2),
  city: optionalText(50),
  cityCode: divisionCode(4),
  county: optionalText(50),
  countyCode: divisionCode(6),
  township: optionalText(50),
  townshipCode: divisionCode(9),
  village: optionalText(50),
  villageCode: divisionCode(12),
  addressDetail: optionalText(200),
  occupation: optionalText(100),
  householdSize: smallCount.nullable().optional().default(null),
  dependents: smallCount.nullable().optional().default(null),
  householdMembers: z.array(householdMember).max(20, 'v.tooMany').optional().default([]),
  preferredContactTimes: optionalText(200),
  vulnerable: vulnerabilityFlags.optional().default({
    elderly: false,
    ill: false,
    disabled: false,
    disaster: false,
  }),
  vulnerabilityNotes: optionalText(500),
  officerId: id.nullable().optional().default(null),
  status: z.enum(caseStatuses).optional().default('active'),
};

export const createBorrowerInput = z.object({
  ...borrowerFields,
  idNumber: residentId,
  mobile: optionalMobile.optional().default(null),
  otherPhones: z.array(phone).max(5, 'v.tooMany').optional().default([]),
});
export type CreateBorrowerInput = z.input<typeof createBorrowerInput>;
export type CreateBorrower = z.output<typeof createBorrowerInput>;

/**
 * An edit sends every plain field; the resident ID, mobile and other phones only when the user
 * typed a new value (the form shows them masked unless revealed, so "absent" means unchanged).
 */
export const updateBorrowerInput = z.object({
  id,
  ...borrowerFields,
  idNumber: residentId.optional(),
  mobile: optionalMobile.optional(),
  otherPhones: z.array(phone).max(5, 'v.tooMany').optional(),
  /**
   * The borrower's version the form was opened on (BorrowerView.version): the save is refused
   * with STALE_VERSION if another save changed the borrower since. Absent (the CLI, scripts):
   * not checked.
   */
  version: z.string().max(64).optional(),
});
export type UpdateBorrower = z.output<typeof updateBorrowerInput>;

/** The create and edit schemas as the form uses them: the resident ID checked against `today`. */
export const createBorrowerInputOn = (today: string) =>
  createBorrowerInput.extend({ idNumber: residentIdOn(today) });
export const updateBorrowerInputOn = (today: string) =>
  updateBorrowerInput.extend({ idNumber: residentIdOn(today).optional() });

export const addContactInput = z.object({
  borrowerId: id,
  name: requiredText(50),
  relation: z.enum(contactRelations),
  phone: optionalPhone.optional().default(null),
  isGuarantor: z.boolean().default(false),
  /** The contact agreed to be approached (to re-establish contact with the borrower). */
  consentToContact: z.boolean().default(false),
  consentEvidence: optionalText(200),
  note: optionalText(500),
});

export const addContactEventInput = z.object({
  borrowerId: id,
  at: isoDateTime,
  kind: z.enum(contactKinds),
  direction: z.enum(contactDirections).default('outbound'),
  contactId: id.nullable().optional().default(null),
  outcome: z.enum(contactOutcomes),
  note: optionalText(2000),
});

export const addAssessmentInput = z.object({
  borrowerId: id,
  assessedOn: isoDate,
  income: optionalText(1000),
  expenses: optionalText(1000),
  assets: optionalText(1000),
  livelihood: optionalText(1000),
  monthlyIncomeFen: fen.nullable().optional().default(null),
  monthlyExpensesFen: fen.nullable().optional().default(null),
  householdSize: smallCount.nullable().optional().default(null),
  capacityFen: fen.nullable().optional().default(null),
  hardship: z.array(z.enum(hardshipKinds)).max(hardshipKinds.length).optional().default([]),
  note: optionalText(2000),
});

export const addNoteInput = z.object({ borrowerId: id, text: requiredText(4000) });

// ---- the case list -------------------------------------------------------------------------

export type { CaseSortField } from '../case-sort';

export const caseListInput = z.object({
  page: z.number().int().min(0).max(100_000).default(0),
  pageSize: z.number().int().min(1).max(100).default(25),
  sort: z.enum(caseSortFields).default('dpd'),
  /** 'desc' on dpd means most overdue first. */
  direction: z.enum(['asc', 'desc']).default('desc'),
  search: z.string().trim().max(100, 'v.tooLong').optional().default(''),
  buckets: z.array(z.enum(buckets)).max(buckets.length).optional().default([]),
  dpdMin: z.number().int().min(0).max(100_000).nullable().optional().default(null),
  dpdMax: z.number().int().min(0).max(100_000).nullable().optional().default(null),
  /** A staff id, or 'none' for cases without an officer. */
  officer: z
    .union([id, z.literal('none')])
    .nullable()
    .optional()
    .default(null),
  township: z.string().trim().max(50).optional().default(''),
  village: z.string().trim().max(50).optional().default(''),
  statuses: z.array(z.enum(caseStatuses)).max(caseStatuses.length).optional().default([]),
  /** Cases that left doorstep collection this way (an exit in force). */
  exitKinds: z.array(z.enum(caseExitKinds)).max(caseExitKinds.length).optional().default([]),
  /** The case's worst five-tier classification (五级分类) is one of these ('none': no file said). */
  tiers: z.array(z.enum(tierFilters)).max(tierFilters.length).optional().default([]),
  vulnerable: z.boolean().nullable().optional().default(null),
  brokenPromise: z.boolean().optional().default(false),
  notVisitedDays: z.number().int().min(1).max(3650).nullable().optional().default(null),
  /** Days past due are computed for this date; default the branch's today. */
  asOf: isoDate.optional(),
});
export type CaseListQuery = z.output<typeof caseListInput>;

export const caseListRow = z.object({
  id,
  name: z.string(),
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  township: z.string(),
  village: z.string(),
  officerId: z.number().int().nullable(),
  officerName: z.string().nullable(),
  status: z.enum(caseStatuses),
  dpd: z.number().int(),
  bucket: z.enum(buckets),
  overdueSince: z.string().nullable(),
  totalOverdueFen: z.number().int(),
  outstandingFen: z.number().int(),
  loanCount: z.number().int(),
  lastContactAt: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
  vulnerable: z.array(z.enum(vulnerableReasons)),
  brokenPromises: z.number().int(),
  /** Why the case left doorstep collection, while it has. */
  exitKind: z.enum(caseExitKinds).nullable(),
  /** The worst five-tier classification of the case's active loans; null when none is known. */
  classification: z.enum(loanTiers).nullable(),
});
export type CaseListRow = z.infer<typeof caseListRow>;

export const caseListOutput = z.object({
  rows: z.array(caseListRow),
  total: z.number().int(),
  asOf: z.string(),
  /**
   * The search text had nothing selective enough (one Latin letter, fewer than four digits):
   * it was not applied. The screen can say "type at least 2 letters or 4 digits".
   */
  searchTooShort: z.boolean(),
});
export type CaseListOutput = z.infer<typeof caseListOutput>;

export const revealFields = ['idNumber', 'mobile', 'otherPhones', 'contactPhone'] as const;
export const revealInput = z
  .object({
    borrowerId: id,
    field: z.enum(revealFields),
    /** Required for 'contactPhone'. */
    contactId: id.optional(),
  })
  .refine((v) => v.field !== 'contactPhone' || v.contactId !== undefined, {
    message: 'v.required',
    path: ['contactId'],
  });
export const revealOutput = z.object({ value: z.string().nullable() });

export const officerOption = z.object({
  id,
  staffNo: z.string(),
  name: z.string(),
  role: z.enum(['manager', 'officer', 'clerk', 'auditor']),
  cases: z.number().int(),
});

export const divisionsInput = z.object({
  /** Empty or absent: provinces. 2 digits: cities; 4: counties; 6: townships; 9: villages. */
  parentCode: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9})?$/, 'v.divisionCode')
    .optional()
    .default(''),
});
export const divisionOption = z.object({ code: z.string(), name: z.string() });
export type DivisionOption = z.infer<typeof divisionOption>;

/** What loading the demo branch wrote: its people and loans, and what its story left. */
export const demoOutput = z.object({
  borrowers: z.number().int(),
  loans: z.number().int(),
  staff: z.number().int(),
  visits: z.number().int(),
  promises: z.number().int(),
  payments: z.number().int(),
  receipts: z.number().int(),
  notices: z.number().int(),
  plans: z.number().int(),
  complaints: z.number().int(),
  closedMonths: z.number().int(),
  /** Waivers and settlements proposed, whatever became of them. */
  waivers: z.number().int(),
});
