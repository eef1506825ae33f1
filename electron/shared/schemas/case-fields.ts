import { z } from 'zod';
import { caseExitKinds, caseStatuses } from '../case-kinds';
import { optionalText, requiredText } from '../validation';
import { isValidMobile, isValidResidentId, normaliseMobile, normaliseResidentId } from '../idcard';

/** Case files: the enums and field schemas shared by the inputs (cases.ts) and views (case-page.ts). */

export const caseId = z.number().int().positive();

export { caseExitKinds, caseStatuses };
export type { CaseExitKind } from '../case-kinds';
export const loanStatuses = ['active', 'settled', 'written_off'] as const;
export const contactRelations = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'relative',
  'guarantor',
  'friend',
  'colleague',
  'village_cadre',
  'other',
] as const;
export const contactKinds = ['call', 'sms', 'visit', 'letter'] as const;
export const contactDirections = ['outbound', 'inbound'] as const;
export const contactOutcomes = [
  'reached',
  'no_answer',
  'wrong_number',
  'refused',
  'promised',
  'paid',
  'disputed',
  'left_message',
  'delivered',
  'other',
] as const;
export const hardshipKinds = [
  'illness',
  'disaster',
  'unemployment',
  'business_loss',
  'crop_failure',
  'family',
  'other',
] as const;
export const vulnerableReasons = ['elderly', 'ill', 'disabled', 'disaster'] as const;
export type VulnerableReason = (typeof vulnerableReasons)[number];

/**
 * Resident ID as typed: spaces removed, x upper-cased, then GB 11643 checked with the one check
 * imports use too (checkResidentId): against `today` (ISO, the branch's), a birth date after it
 * or more than 120 years before it is refused. The form builds it with its day; the channel's
 * copy has no day, and the case service checks again with the branch's.
 */
export const residentIdOn = (today?: string) =>
  z
    .string()
    .transform(normaliseResidentId)
    .refine((v) => isValidResidentId(v, today), 'v.idNumber');

export const residentId = residentIdOn();

/** A mobile, or empty / null for none. */
export const optionalMobile = z
  .string()
  .trim()
  .refine((v) => v === '' || isValidMobile(v), 'v.mobile')
  .transform((v) => (v === '' ? null : normaliseMobile(v)))
  .nullable();

/** Any phone (landlines too), or empty / null for none. */
export const optionalPhone = z
  .string()
  .trim()
  .refine((v) => v === '' || /^[0-9+()\- ]{5,20}$/.test(v), 'v.phone')
  .transform((v) => (v === '' ? null : v.replace(/[\s-]+/g, '')))
  .nullable();

export const householdMember = z.object({
  name: requiredText(50),
  relation: requiredText(20),
  age: z.number().int().min(0).max(130).nullable().optional().default(null),
  note: optionalText(200),
});
export type HouseholdMember = z.output<typeof householdMember>;
