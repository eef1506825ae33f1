import { z } from 'zod';
import { bucketRanges, buckets } from './delinquency';

/**
 * Extra bucket boundaries a branch may add to its monthly summary (issue 18). The case list,
 * the case page and planning keep the five buckets M0–M4+; only the summary's roll-rate
 * matrices (branch and officers), its exports and its print split M4+.
 *
 * Buckets are the app's own: Mn holds DPD (n−1)×30+1 … n×30 (M1 1–30 … M4 91–120), and "Mn+"
 * is Mn and above. So M6+ is more than 150 days past due and M12+ more than 330. The choices
 * are bounded: no split (the default, every figure as before), M6+, or M6+ and M12+, so a
 * matrix has at most seven buckets (the summary's SQL packs a bucket's index in three bits).
 */
export const extraBoundaryChoices = ['none', 'M6', 'M6_M12'] as const;
export type ExtraBoundaries = (typeof extraBoundaryChoices)[number];
export const reportBucketSetting = z.object({ extra: z.enum(extraBoundaryChoices) });
export type ReportBucketSetting = z.infer<typeof reportBucketSetting>;

/** Every bucket name a summary may carry, frozen months' included. */
export const reportBucketNames = [
  'M0',
  'M1',
  'M2',
  'M3',
  'M4+',
  'M4-M5',
  'M6+',
  'M6-M11',
  'M12+',
] as const;
export type ReportBucket = (typeof reportBucketNames)[number];

export interface ReportBucketRange {
  name: ReportBucket;
  /** Inclusive DPD range; max null is open-ended. */
  min: number;
  max: number | null;
}

const below4 = buckets
  .filter((b) => b !== 'M4+')
  .map((b) => ({ name: b, ...bucketRanges[b] }) as ReportBucketRange);

/** The summary's buckets for a branch's choice, in order (M0 first, the open one last). */
export function reportBuckets(extra: ExtraBoundaries): ReportBucketRange[] {
  switch (extra) {
    case 'none':
      return [...below4, { name: 'M4+', min: 91, max: null }];
    case 'M6':
      return [
        ...below4,
        { name: 'M4-M5', min: 91, max: 150 },
        { name: 'M6+', min: 151, max: null },
      ];
    case 'M6_M12':
      return [
        ...below4,
        { name: 'M4-M5', min: 91, max: 150 },
        { name: 'M6-M11', min: 151, max: 330 },
        { name: 'M12+', min: 331, max: null },
      ];
  }
}
