import { z } from 'zod';
import { channel } from '../channel';
import { exportPurpose } from '../schemas/export-purpose';
import {
  auditVerifyOutput,
  fileCheckInput,
  fileCheckOutput,
  headHash,
  tableCountsOutput,
} from '../schemas/file-check';
import { checkpointInfo, emptyInput, integrityReport } from '../schemas/foundation';
import { isoDate } from '../validation';

export const auditFilter = z.object({
  staffId: z.number().int().positive().optional(),
  action: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  /** Rows about one borrower (sealed rows carry their borrower). */
  subject: z.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditListInput = auditFilter.extend({
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(100).default(50),
});

export const auditRow = z.object({
  id: z.number(),
  at: z.string(),
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  success: z.boolean(),
  /** The borrower the row is about, when it was written with one. */
  subject: z.number().nullable(),
  /**
   * plain: stored readable (no borrower, or written before sealing existed); sealed: opened
   * with the borrower's key; anonymised: the borrower was anonymised and the key deleted, so
   * before and after are null and can no longer be read.
   */
  details: z.enum(['plain', 'sealed', 'anonymised']),
  before: z.string().nullable(),
  after: z.string().nullable(),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof auditRow>;

export const auditVerifyInput = z.object({
  /** Head hashes carried out of the file (e.g. printed on closed months) to check against. */
  anchors: z.array(headHash).max(200).default([]),
});

export const checkpointView = checkpointInfo;

/** The auditor's view of the hash-chained log, and the checks of the database file. */
export const auditChannels = {
  'audit:checkIntegrity': channel(emptyInput, integrityReport, 'audit.read'),
  /** The command line's verify: integrity_check, the chain, checkpoints and outside heads. */
  'audit:checkFile': channel(fileCheckInput, fileCheckOutput, 'audit.read'),
  /** Rows per table (the command line's stats): the file's inside, like its checks. */
  'audit:tableCounts': channel(emptyInput, tableCountsOutput, 'audit.read'),
  'audit:list': channel(
    auditListInput,
    z.object({
      rows: z.array(auditRow),
      total: z.number(),
      actions: z.array(z.string()),
      entities: z.array(z.string()),
    }),
    'audit.read',
  ),
  'audit:verify': channel(auditVerifyInput, auditVerifyOutput, 'audit.read'),
  /** Signs a checkpoint of the chain now (besides those at every month close and backup). */
  'audit:checkpoint': channel(z.object({}).strict(), checkpointView, 'audit.read'),
  'audit:export': channel(
    auditFilter.extend({ purpose: exportPurpose }),
    z.object({ fileName: z.string(), csvBase64: z.string(), rows: z.number() }),
    'audit.read',
  ),
} as const;
