import { z } from 'zod';
import { isoDate, optionalText, requiredText } from '../validation';
import { borrowerOnDocument, letterheadSchema } from './notices';

/** Waivers and settlements (减免 / 和解结清): proposals, two approvals, the agreement. */

export const waiverKinds = ['penalty', 'interest', 'settlement'] as const;

export const waiverStatuses = [
  'proposed',
  'first_approved',
  'approved',
  'rejected',
  'withdrawn',
  'lapsed',
] as const;
export type WaiverStatus = (typeof waiverStatuses)[number];

/**
 * Who gives the approval beside a manager's. The internal auditor by default: independent of
 * collection and of the branch's targets (the four-eyes rule of the bank's internal control);
 * a branch without one sets 'manager', and then two different managers approve.
 */
export const secondApproverRoles = ['auditor', 'manager'] as const;
export type SecondApproverRole = (typeof secondApproverRoles)[number];

export const waiverSettingsSchema = z.object({
  secondApproverRole: z.enum(secondApproverRoles, { error: 'v.invalid' }),
});
export type WaiverSettings = z.infer<typeof waiverSettingsSchema>;

const id = z.number().int().positive();
const MAX_FEN = 10_000_000_000;
const amount = z
  .number({ error: 'v.waiver.amount' })
  .int('v.amount')
  .positive('v.waiver.amount')
  .max(MAX_FEN, 'v.amount');

/**
 * A proposal. For a waiver of penalty or interest, the amount waived; for a settlement, what
 * the borrower pays and by when (the rest of what is owed is waived). The amounts owed are read
 * from the loan on file by the core, which checks the amounts against them.
 */
export const waiverProposeInput = z
  .object({
    borrowerId: id,
    loanId: z.number({ error: 'v.waiver.loan' }).int().positive('v.waiver.loan'),
    visitRecordId: id.nullable().optional().default(null),
    kind: z.enum(waiverKinds, { error: 'v.invalid' }),
    waivedFen: amount.nullable().optional().default(null),
    settlePayFen: amount.nullable().optional().default(null),
    payBy: isoDate.nullable().optional().default(null),
    reason: requiredText(1000),
  })
  .strict()
  .superRefine((value, ctx) => {
    const need = (path: 'waivedFen' | 'settlePayFen' | 'payBy', message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [path] });
    if (value.kind === 'settlement') {
      if (value.settlePayFen === null) need('settlePayFen', 'v.waiver.amount');
      if (value.payBy === null) need('payBy', 'v.required');
    } else if (value.waivedFen === null) {
      need('waivedFen', 'v.waiver.amount');
    }
  });
export type WaiverProposeInput = z.output<typeof waiverProposeInput>;

export const waiverApproveInput = z.object({ id, note: optionalText(500) }).strict();
export const waiverRejectInput = z.object({ id, reason: requiredText(500) }).strict();
export const waiverWithdrawInput = z.object({ id, reason: optionalText(500) }).strict();
export const waiverListInput = z
  .object({ borrowerId: id.optional(), visitRecordId: id.optional() })
  .strict()
  .optional();

const approval = z.object({
  staffId: z.number().int(),
  name: z.string(),
  staffNo: z.string(),
  role: z.enum(secondApproverRoles),
  at: z.string(),
  /** The day of `at` on the branch's calendar (YYYY-MM-DD). */
  day: z.string(),
  note: z.string(),
});
export type WaiverApproval = z.infer<typeof approval>;

/** A proposal as screens and the agreement show it, with what the caller may do with it. */
export const waiverRow = z.object({
  id,
  borrowerId: id,
  borrowerName: z.string(),
  loanId: id,
  loanNo: z.string(),
  visitRecordId: id.nullable(),
  kind: z.enum(waiverKinds),
  principalOwedFen: z.number().int(),
  interestOwedFen: z.number().int(),
  penaltyOwedFen: z.number().int(),
  owedFen: z.number().int(),
  waivedFen: z.number().int(),
  settlePayFen: z.number().int().nullable(),
  payBy: z.string().nullable(),
  reason: z.string(),
  status: z.enum(waiverStatuses),
  proposedBy: z.object({ id: z.number().int(), name: z.string() }),
  proposedAt: z.string(),
  /** The day of the proposal on the branch's calendar. */
  proposedOn: z.string(),
  approvals: z.array(approval),
  approvedOn: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string(),
  /** The signed-in caller may give the next approval (role rule, not the proposer, not twice). */
  mayApprove: z.boolean(),
  mayReject: z.boolean(),
  mayWithdraw: z.boolean(),
});
export type WaiverRow = z.infer<typeof waiverRow>;

export const waiverAgreementRequest = z
  .object({ id, lang: z.enum(['zh', 'en']).default('zh') })
  .strict();

/** 减免/和解协议: the approved proposal as a print document (A4). */
export const waiverAgreementData = z.object({
  kind: z.literal('waiverAgreement'),
  lang: z.enum(['zh', 'en']),
  /** Branch code, JM (减免) and the proposal's id: QS001-JM-000003. */
  referenceNo: z.string(),
  printedAt: z.string(),
  letterhead: letterheadSchema,
  borrower: borrowerOnDocument,
  loan: z.object({
    loanNo: z.string(),
    principalFen: z.number().int(),
    disbursedOn: z.string(),
    maturityOn: z.string().nullable(),
  }),
  waiver: waiverRow,
});
export type WaiverAgreementData = z.infer<typeof waiverAgreementData>;
