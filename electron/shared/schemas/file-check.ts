import { z } from 'zod';
import { checkpointInfo } from './foundation';

/**
 * A signed checkpoint of the audit chain, as it is written into the chain, into the checkpoints
 * file beside the database and carried out on paper or in a file (core/audit/checkpoint.ts
 * writes and checks them). Here because a checkpoint carried in from outside crosses the
 * boundary: `verify --heads FILE` sends the ones it reads.
 */
export const checkpointSchema = z.object({
  format: z.literal('visitdesk-checkpoint-v1'),
  databaseId: z.string(),
  rows: z.number().int().min(0),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  reason: z.string(),
  username: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** An audit chain head hash carried out of the file (SHA-256 in hex), to check against. */
export const headHash = z.string().regex(/^[0-9a-f]{64}$/i, 'v.invalid');

/** Heads and checkpoints kept outside the PC, to check the chain against. */
export const fileCheckInput = z.object({
  heads: z.array(headHash).max(1000).default([]),
  checkpoints: z.array(checkpointSchema).max(1000).default([]),
});

/** The audit chain checked: its head, the first broken row, outside heads and checkpoints. */
export const auditVerifyOutput = z.object({
  ok: z.boolean(),
  rows: z.number(),
  head: z.string(),
  firstBadId: z.number().nullable(),
  anchors: z.array(z.object({ hash: z.string(), foundAtId: z.number().nullable() })),
  /** Every signed checkpoint found (in the chain, in the file beside it) and how it holds. */
  checkpoints: z.array(
    checkpointInfo.extend({
      source: z.enum(['chain', 'file', 'given']),
      verdict: z.enum(['ok', 'tailMissing', 'headMismatch', 'badSignature', 'otherDatabase']),
      missingRows: z.number().nullable(),
    }),
  ),
});

const { checkpoints, anchors } = auditVerifyOutput.shape;

/**
 * The whole file checked: SQLite's integrity_check (the problems it names; none when sound),
 * the audit hash chain, every signed checkpoint (in the chain, in the file beside it, given)
 * and each outside head. `ok` only when all hold.
 */
export const fileCheckOutput = z.object({
  ok: z.boolean(),
  integrity: z.array(z.string()),
  audit: z.object({
    ok: z.boolean(),
    rows: z.number(),
    head: z.string(),
    firstBadId: z.number().nullable(),
  }),
  checkpoints,
  heads: anchors,
});

/** Rows per table (FTS shadow tables left out): what a database holds, without its contents. */
export const tableCountsOutput = z.object({ tables: z.record(z.string(), z.number().int()) });
