import { z } from 'zod';
import { loanTiers } from '../classification';
import { buckets } from '../delinquency';
import {
  caseId as id,
  caseStatuses,
  contactDirections,
  contactKinds,
  contactOutcomes,
  contactRelations,
  hardshipKinds,
  loanStatuses,
  vulnerableReasons,
  householdMember,
} from './case-fields';
import { paymentTrail } from './payment-trail';
import { complainantKinds, complaintChannelKinds, complaintOutcomes } from './complaints';
import { caseExitView } from './case-exits';

/** The case page's DTOs: borrower, header, loans, contacts, assessments, payments, timeline. */

export const loanView = z.object({
  id,
  loanNo: z.string(),
  product: z.string(),
  principalFen: z.number().int(),
  disbursedOn: z.string(),
  maturityOn: z.string().nullable(),
  outstandingPrincipalFen: z.number().int(),
  overduePrincipalFen: z.number().int(),
  overdueInterestFen: z.number().int(),
  penaltyFen: z.number().int(),
  overdueFen: z.number().int(),
  overdueSince: z.string().nullable(),
  dpd: z.number().int(),
  bucket: z.enum(buckets),
  status: z.enum(loanStatuses),
  asOf: z.string().nullable(),
  /** The five-tier classification head office's files last gave (五级分类), if any. */
  classification: z.enum(loanTiers).nullable(),
});
export type LoanView = z.infer<typeof loanView>;

export const contactView = z.object({
  id,
  name: z.string(),
  relation: z.enum(contactRelations),
  phoneMasked: z.string().nullable(),
  isGuarantor: z.boolean(),
  consentToContact: z.boolean(),
  consentRecordedAt: z.string().nullable(),
  note: z.string(),
});
export type ContactView = z.infer<typeof contactView>;

export const assessmentView = z.object({
  id,
  assessedOn: z.string(),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  income: z.string(),
  expenses: z.string(),
  assets: z.string(),
  livelihood: z.string(),
  monthlyIncomeFen: z.number().int().nullable(),
  monthlyExpensesFen: z.number().int().nullable(),
  householdSize: z.number().int().nullable(),
  capacityFen: z.number().int().nullable(),
  hardship: z.array(z.enum(hardshipKinds)),
  note: z.string(),
});
export type AssessmentView = z.infer<typeof assessmentView>;

export const paymentView = z.object({
  id,
  loanId: id,
  loanNo: z.string(),
  paidOn: z.string(),
  amountFen: z.number().int(),
  source: z.enum(['import', 'visit']),
  method: z.string(),
  receiptNo: z.string().nullable(),
  reference: z.string(),
});
export type PaymentView = z.infer<typeof paymentView>;

const timelineBase = {
  /** ISO date or date-time; entries sort on it, newest first. */
  at: z.string(),
  staffName: z.string().nullable(),
};
export const timelineEntry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('contact'),
    id,
    ...timelineBase,
    kind: z.enum(contactKinds),
    direction: z.enum(contactDirections),
    outcome: z.enum(contactOutcomes),
    contactName: z.string().nullable(),
    note: z.string(),
  }),
  z.object({
    type: z.literal('payment'),
    id,
    ...timelineBase,
    loanNo: z.string(),
    amountFen: z.number().int(),
    source: z.enum(['import', 'visit']),
    receiptNo: z.string().nullable(),
    /** The receipt issued on a visit, for printing it from the case page. */
    receipt: z.object({ id, receiptNo: z.string(), visitId: id }).nullable(),
    /**
     * The money's sources, so it shows once: visit cash with the head-office files that
     * confirmed it (or the part none has shown yet), or a file's fall in principal that no
     * visit cash explains, with the day paid or only the interval between two files.
     */
    trail: paymentTrail,
  }),
  z.object({ type: z.literal('note'), id, ...timelineBase, text: z.string() }),
  z.object({
    type: z.literal('assessment'),
    id,
    ...timelineBase,
    livelihood: z.string(),
    capacityFen: z.number().int().nullable(),
  }),
  z.object({
    type: z.literal('complaint'),
    id,
    ...timelineBase,
    /** One entry on the day it was received, another on the day the manager closed it. */
    event: z.enum(['received', 'closed']),
    complainant: z.enum(complainantKinds),
    complainantName: z.string(),
    channel: z.enum(complaintChannelKinds),
    summary: z.string(),
    actionTaken: z.string(),
    outcome: z.enum(complaintOutcomes).nullable(),
    /** The staff the complaint concerns. */
    concerns: z.array(z.string()),
  }),
  z.object({
    type: z.literal('assignment'),
    id,
    /** Who made the change (staffName: null for a file imported without a session). */
    ...timelineBase,
    fromOfficer: z.string().nullable(),
    toOfficer: z.string(),
    reason: z.string(),
    source: z.enum(['manual', 'import']),
  }),
  z.object({
    type: z.literal('import'),
    /** One entry per import date: the loans it touched and where they stood. */
    ...timelineBase,
    loans: z.number().int(),
    overdueFen: z.number().int(),
    maxDpd: z.number().int(),
    bucket: z.enum(buckets),
  }),
]);
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const borrowerView = z.object({
  id,
  name: z.string(),
  idNumberMasked: z.string(),
  birthDate: z.string(),
  sex: z.enum(['M', 'F']),
  age: z.number().int(),
  mobileMasked: z.string().nullable(),
  otherPhonesMasked: z.array(z.string()),
  province: z.string(),
  provinceCode: z.string().nullable(),
  city: z.string(),
  cityCode: z.string().nullable(),
  county: z.string(),
  countyCode: z.string().nullable(),
  township: z.string(),
  townshipCode: z.string().nullable(),
  village: z.string(),
  villageCode: z.string().nullable(),
  addressDetail: z.string(),
  occupation: z.string(),
  householdSize: z.number().int().nullable(),
  dependents: z.number().int().nullable(),
  householdMembers: z.array(householdMember),
  preferredContactTimes: z.string(),
  vulnerable: z.object({
    elderly: z.boolean(),
    ill: z.boolean(),
    disabled: z.boolean(),
    disaster: z.boolean(),
  }),
  vulnerabilityNotes: z.string(),
  officerId: z.number().int().nullable(),
  status: z.enum(caseStatuses),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * The borrower's optimistic version (issue 20): a digest of `borrowerFormFields` as read
   * here. cases:update with it is refused (STALE_VERSION) once another save has changed any
   * of them.
   */
  version: z.string(),
});
export type BorrowerView = z.infer<typeof borrowerView>;

/**
 * What the borrower edit form shows and saves, as the case page gives it: the fields the
 * version is a digest of, and that a refused save compares to say what changed. The resident
 * ID, mobile and other phones are there as the form shows them, masked: a digest of the full
 * numbers would let anyone holding the masked one and the version find the hidden digits by
 * trying them (10,000 tries for a mobile). The resident ID's hidden middle is the birth date,
 * shown on the page, so with it an ID change always gives a new version; a mobile or other
 * phone changed to one with the same first three and last four digits does not.
 */
export const borrowerFormFields = [
  'name',
  'idNumberMasked',
  'birthDate',
  'status',
  'mobileMasked',
  'otherPhonesMasked',
  'preferredContactTimes',
  'province',
  'provinceCode',
  'city',
  'cityCode',
  'county',
  'countyCode',
  'township',
  'townshipCode',
  'village',
  'villageCode',
  'addressDetail',
  'occupation',
  'householdSize',
  'dependents',
  'householdMembers',
  'vulnerable',
  'vulnerabilityNotes',
  'officerId',
] as const satisfies readonly (keyof BorrowerView)[];
export type BorrowerFormField = (typeof borrowerFormFields)[number];

export const caseHeader = z.object({
  totalOverdueFen: z.number().int(),
  outstandingFen: z.number().int(),
  maxDpd: z.number().int(),
  bucket: z.enum(buckets),
  overdueSince: z.string().nullable(),
  officer: z.object({ id, name: z.string(), staffNo: z.string() }).nullable(),
  lastContactAt: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
  vulnerable: z.array(z.enum(vulnerableReasons)),
  disputed: z.boolean(),
  onHold: z.boolean(),
  closed: z.boolean(),
  brokenPromises: z.number().int(),
  /** Why the case left doorstep collection, while it has. */
  exit: caseExitView.nullable(),
  /** The worst five-tier classification of the active loans; null when no file gave one. */
  classification: z.enum(loanTiers).nullable(),
});

export const casePage = z.object({
  asOf: z.string(),
  borrower: borrowerView,
  header: caseHeader,
  loans: z.array(loanView),
  contacts: z.array(contactView),
  assessments: z.array(assessmentView),
  timeline: z.array(timelineEntry),
});
export type CasePage = z.infer<typeof casePage>;
