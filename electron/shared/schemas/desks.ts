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
