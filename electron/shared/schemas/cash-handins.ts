import { z } from 'zod';
import { isoDate, localDateTime, optionalText } from '../validation';
import { documentLangSchema, letterheadSchema } from './notices';
import { visitPaymentMethods } from './records';

/** ¥100,000,000.00: no hand-in is anywhere near (the same bound as a visit payment). */
const MAX_FEN = 10_000_000_000;

/**
 * Cash handed in at the branch (缴款, DOMAIN.md: cash taken on a visit is handed in the same
 * day, at the latest the next working day, against its receipts; a difference needs a written
 * explanation and the manager). Money in integer fen; days are the branch's calendar days.
 *
 * Whose cash a receipt is: the staff who went on the visit that issued it (its record's staff).
 * Any of them may hand it in; once handed in it leaves every list of money due.
 */

const id = z.number().int().positive();
const fen = z.number().int();

/** A receipt of visit money, with the day it is due at the branch by. */
export const dueReceipt = z.object({
  receiptId: id,
  receiptNo: z.string(),
  /** Local date and time of payment, YYYY-MM-DDTHH:MM. */
  paidAt: z.string(),
  amountFen: fen,
  method: z.enum(visitPaymentMethods),
  borrowerName: z.string(),
  loanNo: z.string(),
  /** The end of the next working day after the payment (weekends and holidays skipped). */
  dueBy: z.string(),
  /** Not handed in and the branch's today is past `dueBy`. */
  late: z.boolean(),
});
export type DueReceipt = z.infer<typeof dueReceipt>;

export const cashDueInput = z.object({ officerId: id, day: isoDate }).strict();

export const cashDue = z.object({
  officerId: id,
  officerName: z.string(),
  staffNo: z.string(),
  day: z.string(),
  receipts: z.array(dueReceipt),
  expectedFen: fen,
});
export type CashDue = z.infer<typeof cashDue>;

/** The officers who still hold visit money, with how much and since when (the manager's flag). */
export const cashHoldersInput = z.object({}).strict().optional();
export const cashHolder = z.object({
  officerId: id,
  officerName: z.string(),
  staffNo: z.string(),
  day: z.string(),
  receiptCount: z.number().int(),
  amountFen: fen,
  dueBy: z.string(),
  late: z.boolean(),
});
export type CashHolder = z.infer<typeof cashHolder>;

export const handInInput = z
  .object({
    officerId: id,
    day: isoDate,
    receiptIds: z.array(id).min(1, 'v.handIn.receipts').max(200, 'v.tooMany'),
    countedFen: z
      .number({ error: 'v.amount' })
      .int('v.amount')
      .min(0, 'v.amount')
      .max(MAX_FEN, 'v.amount'),
    explanation: optionalText(1000),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (new Set(value.receiptIds).size !== value.receiptIds.length) {
      ctx.addIssue({ code: 'custom', message: 'v.handIn.twice', path: ['receiptIds'] });
    }
  });
export type HandInInput = z.output<typeof handInInput>;

export const signOffHandInInput = z.object({ handInId: id, note: optionalText(1000) }).strict();

export const handInListInput = z
  .object({
    from: isoDate,
    to: isoDate,
    /** Only hand-ins with a difference the manager has not signed off. */
    openOnly: z.boolean().optional().default(false),
  })
  .strict();

export const handInGetInput = z.object({ id }).strict();

export const handInReceipt = z.object({
  receiptId: id,
  receiptNo: z.string(),
  paidAt: z.string(),
  amountFen: fen,
  method: z.enum(visitPaymentMethods),
  borrowerName: z.string(),
  loanNo: z.string(),
  dueBy: z.string(),
  /** Handed in after `dueBy`. */
  late: z.boolean(),
});

export const handInRow = z.object({
  id,
  officerId: id,
  officerName: z.string(),
  staffNo: z.string(),
  day: z.string(),
  expectedFen: fen,
  countedFen: fen,
  /** counted − expected: negative is short, positive is over. */
  differenceFen: fen,
  explanation: z.string(),
  handedInOn: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  signedOffBy: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  signOffNote: z.string(),
  /** A difference waiting for the manager's sign-off. */
  open: z.boolean(),
  receipts: z.array(handInReceipt),
});
export type HandInRow = z.infer<typeof handInRow>;

/** The hand-in sheet to print: which hand-in, in which language. */
export const handInSheetRequest = z
  .object({ handInId: id, lang: documentLangSchema.default('zh') })
  .strict();

/** 缴款单: the hand-in as a print document (A4), signed by who handed in and who received it. */
export const handInSheetData = z.object({
  kind: z.literal('cashHandInSheet'),
  lang: documentLangSchema,
  /** The sheet has no print-log number; the key a print route lists documents by. */
  referenceNo: z.string(),
  /** YYYY-MM-DDTHH:MM in the branch's time zone. */
  printedAt: localDateTime,
  printedBy: z.object({ name: z.string(), staffNo: z.string() }),
  letterhead: letterheadSchema,
  branchCode: z.string(),
  handIn: handInRow,
});
export type HandInSheetData = z.infer<typeof handInSheetData>;
