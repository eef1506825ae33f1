import { z } from 'zod';
import { isoDate, optionalText, requiredText } from '../validation';
import { caseExitKinds } from './case-fields';

const borrowerId = z.number().int().positive();

/** The manager takes a case out of doorstep collection: why, since when, the bank's reference. */
export const caseExitInput = z
  .object({
    borrowerId,
    kind: z.enum(caseExitKinds),
    exitOn: isoDate,
    /** The write-off approval, the court's case number, the agency contract. */
    reference: requiredText(64),
    note: optionalText(500),
  })
  .strict();

/** Undoing an exit (a mistake, a case called back): the reason is kept with the exit. */
export const caseReopenInput = z.object({ borrowerId, reason: requiredText(200) }).strict();

/**
 * What leaving collection closed: open promises, plans, waivers awaiting approval, follow-ups
 * and visits still to come.
 */
export const caseExitOutput = z.object({
  promisesClosed: z.number().int(),
  plansClosed: z.number().int(),
  waiversClosed: z.number().int(),
  followUpsClosed: z.number().int(),
  visitsCancelled: z.number().int(),
});
export type CaseExitOutput = z.infer<typeof caseExitOutput>;

/** The exit in force on a case, as the case page shows it. */
export const caseExitView = z.object({
  kind: z.enum(caseExitKinds),
  exitOn: z.string(),
  reference: z.string(),
  note: z.string(),
  setByName: z.string().nullable(),
  setAt: z.string(),
});
export type CaseExitView = z.infer<typeof caseExitView>;
