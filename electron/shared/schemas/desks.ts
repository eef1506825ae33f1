import { z } from 'zod';

/**
 * The desks enrolled with the branch server (issue 20) and their enrolment codes. Only the
 * manager sees and manages them.
 */

export const deskView = z.object({
  id: z.string(),
  name: z.string(),
  enrolledAt: z.string(),
  /** The manager whose code the desk used. */
  codeBy: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type DeskView = z.infer<typeof deskView>;

export const createCodeInput = z.object({
  /** How long the code may be used: an hour unless said, at most a day. */
  minutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
});

export const enrolmentCode = z.object({
  /** `XXXX-XXXX-XXXX`; shown once. */
  code: z.string(),
  expiresAt: z.string(),
});
export type EnrolmentCode = z.infer<typeof enrolmentCode>;

export const revokeDeskInput = z.object({ deskId: z.uuid() });

/** What a PC sends to enrol: the code it was given and the name it will be listed under. */
export const enrolInput = z.object({
  code: z.string().trim().min(12).max(20),
  name: z.string().trim().min(1).max(60),
});

/**
 * A PC joining the branch server (Settings → where the data lives, or the first screen): the
 * server's address, the fingerprint the manager read out, the one-time code, and this PC's name.
 */
export const connectInput = z.object({
  address: z
    .string()
    .trim()
    .regex(/^https:\/\/[^\s/]+$/, 'v.serverAddress'),
  fingerprint: z
    .string()
    .trim()
    .transform((typed) => typed.replace(/[^0-9a-fA-F]/g, '').toUpperCase())
    .refine((hex) => hex.length === 64, 'v.fingerprint'),
  code: z.string().trim().min(12, 'v.enrolmentCode').max(20, 'v.enrolmentCode'),
  name: z.string().trim().min(1, 'v.required').max(60, 'v.tooLong'),
});
export type ConnectInput = z.input<typeof connectInput>;

/** Where this PC's data lives: its own database, or the branch server it enrolled with. */
export const dataLocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thisPc') }),
  z.object({
    kind: z.literal('branchServer'),
    address: z.string(),
    fingerprint: z.string(),
    deskId: z.string(),
    deskName: z.string(),
  }),
]);
export type DataLocation = z.infer<typeof dataLocation>;
