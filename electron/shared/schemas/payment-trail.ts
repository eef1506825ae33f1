import { z } from 'zod';

/**
 * Where a payment on file came from, so the money shows once with every source that vouches
 * for it: cash taken on a visit (its receipt) and the head-office files that confirmed it, or
 * the part of a file's fall in principal that no visit cash explains.
 */

const id = z.number().int().positive();
const fen = z.number().int();

export const fileShare = z.object({ fileAsOf: z.string(), amountFen: fen });

export const paymentTrail = z.object({
  paymentId: id,
  source: z.enum(['visit', 'import']),
  loanNo: z.string(),
  /** The payment's whole amount. */
  amountFen: fen,
  /** The day paid; when only an interval is known, its last day (the file's date). */
  paidOn: z.string(),
  /** The interval's first day when the day itself is not known (a file without a date column). */
  paidFrom: z.string().nullable(),
  /** Visit cash: its receipt. */
  receiptNo: z.string().nullable(),
  /** The file a payment with source 'import' came from. */
  file: z
    .object({
      asOf: z.string(),
      previousAsOf: z.string(),
      /** The whole fall in principal the file showed since the previous one. */
      reductionFen: fen,
      /** The file gave the payment date (最近还款日); otherwise only the interval is known. */
      dateFromFile: z.boolean(),
      /** The part of the fall that was visit cash, shown with its own receipt. */
      visitCash: z.array(z.object({ receiptNo: z.string().nullable(), amountFen: fen })),
    })
    .nullable(),
  /** Visit cash: the head-office files that showed it, and how much each. */
  confirmedBy: z.array(fileShare),
  /** Visit cash no head-office file has shown yet (0 for a payment from a file). */
  unconfirmedFen: fen,
  /** Visit cash: the loan's latest head-office file dated on or after the cash (null: none yet). */
  latestFileAsOf: z.string().nullable(),
  /**
   * Visit cash with an unconfirmed part: the loan's next file may still show it (it is within
   * the posting lag, or at most one file has come since the cash). False once no file can: the
   * shortfall is then to be looked into.
   */
  stillExpected: z.boolean(),
});
export type PaymentTrail = z.infer<typeof paymentTrail>;

/** A payment that counted for a promise, and how much of it. */
export const promisePayment = z.object({ countedFen: fen, payment: paymentTrail });
export type PromisePayment = z.infer<typeof promisePayment>;
