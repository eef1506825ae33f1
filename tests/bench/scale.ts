/**
 * How big the synthetic branch is. `full` is the large county branch of issue 9 (the targets
 * apply to it); `quick` checks that the suite works in under a minute (CI).
 */
export interface Scale {
  name: 'full' | 'quick';
  borrowers: number;
  /** Loans over all borrowers (every borrower has one, some have two or three). */
  loans: number;
  /** Monthly loan snapshots per loan (one per import month). */
  snapshotsPerLoan: number;
  /** Visits over ten years (each with two staff and one loan). */
  visits: number;
  payments: number;
  /** Calls, texts and letters, so case timelines look like a real branch's. */
  contactEvents: number;
  notes: number;
  /** Collection officers (the manager comes from setup). */
  officers: number;
  /** Rows of the CSV that the import case reads. */
  importRows: number;
}

export const fullScale: Scale = {
  name: 'full',
  borrowers: 100_000,
  loans: 120_000,
  snapshotsPerLoan: 12,
  visits: 1_000_000,
  payments: 300_000,
  contactEvents: 200_000,
  notes: 50_000,
  officers: 40,
  importRows: 100_000,
};

export const quickScale: Scale = {
  name: 'quick',
  borrowers: 2_000,
  loans: 2_400,
  snapshotsPerLoan: 12,
  visits: 20_000,
  payments: 6_000,
  contactEvents: 4_000,
  notes: 1_000,
  officers: 10,
  importRows: 5_000,
};

/** The date the branch's figures describe: the last monthly import. */
export const SEED_AS_OF = '2026-06-30';
