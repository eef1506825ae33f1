import { z } from 'zod';
import { certificateKinds } from '../compliance';
import { roles } from '../roles';
import { isoDate, requiredText } from '../validation';

/** Staff, their training certificates and leave: the DTOs. */

const id = z.number().int().positive();
const staffNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,20}$/, 'v.staffNo');
const mobileOrEmpty = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9})?$/, 'v.mobile');

export const certificateSchema = z.object({
  id,
  kind: z.enum(certificateKinds),
  number: z.string(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string(),
  /** Valid today and expiring within 30 days. */
  expiringSoon: z.boolean(),
  expired: z.boolean(),
});

export const staffRow = z.object({
  id,
  staffNo: z.string(),
  name: z.string(),
  role: z.enum(roles),
  phone: z.string(),
  active: z.boolean(),
  hasAccount: z.boolean(),
  certificates: z.array(certificateSchema),
  /** Holds a certificate of an accepted kind valid today. */
  certified: z.boolean(),
  /** Some certificate runs out within 30 days. */
  certificateExpiringSoon: z.boolean(),
  /** Leave days from today on. */
  upcomingLeave: z.array(z.object({ date: z.string(), reason: z.string() })),
});
export type StaffRow = z.infer<typeof staffRow>;

export const staffListInput = z
  .object({ includeInactive: z.boolean().default(false) })
  .strict()
  .optional();

export const staffCreateInput = z.object({
  staffNo,
  name: requiredText(50),
  role: z.enum(roles),
  phone: mobileOrEmpty.default(''),
  active: z.boolean().default(true),
});
export type StaffCreateInput = z.input<typeof staffCreateInput>;

export const staffUpdateInput = z.object({
  id,
  staffNo: staffNo.optional(),
  name: requiredText(50).optional(),
  role: z.enum(roles).optional(),
  phone: mobileOrEmpty.optional(),
  active: z.boolean().optional(),
});

export const certificateInput = z
  .object({
    staffId: id,
    kind: z.enum(certificateKinds),
    number: requiredText(50),
    issuedOn: isoDate.nullable().default(null),
    expiresOn: isoDate,
  })
  .refine((c) => c.issuedOn === null || c.issuedOn <= c.expiresOn, {
    message: 'v.endAfterStart',
    path: ['expiresOn'],
  });
export type CertificateInput = z.input<typeof certificateInput>;

export const leaveInput = z
  .object({
    staffId: id,
    from: isoDate,
    /** Last day of a leave period; the same day when omitted. */
    to: isoDate.optional(),
    reason: z.string().trim().max(200, 'v.tooLong').default(''),
  })
  .refine((l) => !l.to || l.to >= l.from, { message: 'v.endAfterStart', path: ['to'] })
  .refine((l) => !l.to || Date.parse(l.to) - Date.parse(l.from) <= 366 * 86_400_000, {
    message: 'v.invalid',
    path: ['to'],
  });
export type LeaveInput = z.input<typeof leaveInput>;

export const removeLeaveInput = z.object({ staffId: id, date: isoDate });
