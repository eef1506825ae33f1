/**
 * Days past due and the delinquency bucket, for any as-of date.
 *
 * `overdueSince` is the oldest unpaid due date (DOMAIN.md: DPD is counted from it). On that day
 * the loan is still current (DPD 0); the next day it is 1 day past due. A loan without an
 * overdue date is current. Dates are ISO calendar dates; no time zone is involved because the
 * branch's "today" is decided before these are called.
 */

import { daysBetween } from './dates';

export const buckets = ['M0', 'M1', 'M2', 'M3', 'M4+'] as const;
export type Bucket = (typeof buckets)[number];

/** Inclusive DPD range of each bucket (M4+ is open-ended). */
export const bucketRanges: Record<Bucket, { min: number; max: number | null }> = {
  M0: { min: 0, max: 0 },
  M1: { min: 1, max: 30 },
  M2: { min: 31, max: 60 },
  M3: { min: 61, max: 90 },
  'M4+': { min: 91, max: null },
};

export function daysPastDue(overdueSince: string | null, asOf: string): number {
  if (overdueSince === null) return 0;
  return Math.max(0, daysBetween(overdueSince, asOf));
}

export function bucketOf(dpd: number): Bucket {
  if (dpd <= 0) return 'M0';
  if (dpd <= 30) return 'M1';
  if (dpd <= 60) return 'M2';
  if (dpd <= 90) return 'M3';
  return 'M4+';
}

export function delinquency(
  overdueSince: string | null,
  asOf: string,
): { dpd: number; bucket: Bucket } {
  const dpd = daysPastDue(overdueSince, asOf);
  return { dpd, bucket: bucketOf(dpd) };
}
