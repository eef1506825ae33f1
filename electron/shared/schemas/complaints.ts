import { z } from 'zod';
import { isoDate, optionalText, requiredText } from '../validation';

/**
 * The complaints register (DOMAIN.md: complaints are registered — who, channel, date, which
 * visit or staff, action taken, closed — and counted in the summary). Officers and clerks
 * register a complaint and record what was done; closing it, with its outcome, is the
 * manager's. Dates are branch calendar days.
 */

const id = z.number().int().positive();

export const complainantKinds = ['borrower', 'relative', 'other'] as const;
export type ComplainantKind = (typeof complainantKinds)[number];
export const complaintChannelKinds = [
  'phone',
  'in_person',
  'letter',
  'regulator',
  'other',
] as const;
export type ComplaintChannel = (typeof complaintChannelKinds)[number];
export const complaintOutcomes = ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];
export const complaintStatuses = ['open', 'closed'] as const;

/** At most this many staff named in one complaint (a visit has two to six). */
export const MAX_COMPLAINT_STAFF = 6;

export const registerComplaintInput = z
  .object({
    borrowerId: id,
    receivedOn: isoDate,
    complainant: z.enum(complainantKinds),
    /** Required for a relative or someone else; the borrower's own name may be left out. */
    complainantName: optionalText(50),
    channel: z.enum(complaintChannelKinds),
    /** The visit it concerns, if any (one of this borrower's). */
    visitId: id.nullable().optional().default(null),
    /**
     * The staff it concerns. Left empty with a visit named, the visit's staff are meant; the
     * core fills them in.
     */
    staffIds: z.array(id).max(MAX_COMPLAINT_STAFF, 'v.tooMany').optional().default([]),
    summary: requiredText(2000),
    actionTaken: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.complainant !== 'borrower' && value.complainantName.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'v.complaint.name', path: ['complainantName'] });
    }
    if (new Set(value.staffIds).size !== value.staffIds.length) {
      ctx.addIssue({ code: 'custom', message: 'v.duplicateStaff', path: ['staffIds'] });
    }
  });
export type RegisterComplaint = z.output<typeof registerComplaintInput>;

/** What was done so far on an open complaint (replaces the previous text; the audit keeps it). */
export const updateComplaintInput = z.object({ id, actionTaken: requiredText(2000) });

export const closeComplaintInput = z.object({
  id,
  closedOn: isoDate,
  outcome: z.enum(complaintOutcomes),
  /** The action taken, as it stands when the complaint is closed (required then). */
  actionTaken: requiredText(2000),
  outcomeNote: optionalText(1000),
});

export const listComplaintsInput = z.object({
  borrowerId: id.optional(),
  status: z.enum(['open', 'closed', 'all']).optional().default('all'),
});
export type ListComplaintsInput = z.input<typeof listComplaintsInput>;

const staffRef = z.object({ id, name: z.string(), staffNo: z.string() });

export const complaintView = z.object({
  id,
  borrowerId: id,
  borrowerName: z.string(),
  receivedOn: z.string(),
  complainant: z.enum(complainantKinds),
  complainantName: z.string(),
  channel: z.enum(complaintChannelKinds),
  visit: z.object({ id, date: z.string(), start: z.string() }).nullable(),
  staff: z.array(staffRef),
  summary: z.string(),
  actionTaken: z.string(),
  status: z.enum(complaintStatuses),
  closedOn: z.string().nullable(),
  outcome: z.enum(complaintOutcomes).nullable(),
  outcomeNote: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  closedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type ComplaintView = z.infer<typeof complaintView>;

/** The borrower's visits a complaint may name (newest first), for the register form. */
export const complaintVisitOption = z.object({
  id,
  date: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  staff: z.array(staffRef),
});
export type ComplaintVisitOption = z.infer<typeof complaintVisitOption>;
