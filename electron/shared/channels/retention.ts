import { z } from 'zod';
import { channel } from '../channel';

export const retentionInput = z.object({
  /** Cases closed longer ago than this many years (PIPL Art. 19, 47: keep only as long as needed). */
  years: z.number().int().min(2, 'v.invalid').max(30, 'v.invalid').default(5),
});

export const retentionCandidate = z.object({
  borrowerId: z.number().int(),
  closedAt: z.string(),
  loans: z.number().int(),
  /**
   * Audit rows about the borrower written before audit details were sealed (migration 008):
   * part of the hash chain, so they stay readable after anonymisation.
   */
  plainAuditRows: z.number().int(),
});

/** Anonymising closed cases after a preview: manager only, audited. */
export const retentionChannels = {
  'retention:preview': channel(
    retentionInput,
    z.object({ cutoff: z.string(), candidates: z.array(retentionCandidate) }),
    'settings.edit',
  ),
  'retention:anonymise': channel(
    retentionInput.extend({
      borrowerIds: z.array(z.number().int().positive()).min(1).max(100_000),
    }),
    z.object({ anonymised: z.number().int(), plainAuditRows: z.number().int() }),
    'settings.edit',
  ),
} as const;
