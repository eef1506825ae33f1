import { z } from 'zod';
import { roles } from '../roles';
import { DEFAULT_TIME_ZONE } from '../dates';
import { passphrase, phone, requiredText, timeZone, username } from '../validation';

export const roleSchema = z.enum(roles);

export const branchInput = z.object({
  name: requiredText(100),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{2,20}$/, 'v.branchCode'),
  // Address and phones may be completed later in Settings (the CLI's init does not ask for
  // them); printing a notice refuses while they are empty.
  address: z.string().trim().max(300, 'v.tooLong').default(''),
  phone: phone.or(z.literal('')).default(''),
  complaintHotline: phone.or(z.literal('')).default(''),
  timeZone: timeZone.default(DEFAULT_TIME_ZONE),
});
export type BranchInput = z.input<typeof branchInput>;

export const setupInput = z
  .object({
    branch: branchInput,
    manager: z.object({
      name: requiredText(50),
      staffNo: requiredText(20),
      username,
      passphrase,
      confirm: z.string(),
    }),
  })
  .refine((v) => v.manager.passphrase === v.manager.confirm, {
    message: 'v.passphraseMismatch',
    path: ['manager', 'confirm'],
  });
export type SetupInput = z.input<typeof setupInput>;

export const setupOutput = z.object({ recoveryKey: z.string() });

export const sessionSchema = z.object({
  staffId: z.number().int(),
  username: z.string(),
  name: z.string(),
  staffNo: z.string(),
  role: roleSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const settingsSchema = z.object({
  autoLockMinutes: z.number().int().min(1, 'v.minutes').max(240, 'v.minutes'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const appStateSchema = z.object({
  phase: z.enum(['setup', 'locked', 'unlocked', 'damaged']),
  branchName: z.string().nullable(),
  session: sessionSchema.nullable(),
  settings: settingsSchema.nullable(),
  problem: z.object({ code: z.string(), message: z.string(), hasBackup: z.boolean() }).nullable(),
  uncleanShutdown: z.boolean(),
  /**
   * Where the data lives: the PostgreSQL server's `host:port/database` (never the login or the
   * password), or null for this PC's encrypted file.
   */
  server: z.string().nullable(),
  /**
   * True on a desk whose data is on the branch server (issue 20): `server` is then the branch
   * server's `host:port`, and the server, not a database server, keeps backups and the key.
   */
  branchServer: z.boolean().optional(),
  /** The channels the signed-in person may call (none when nobody is signed in). */
  allowed: z.array(z.string()),
});
export type AppState = z.infer<typeof appStateSchema>;

export const signInInput = z.object({
  username: z.string().trim().min(1, 'v.required').max(64, 'v.tooLong'),
  passphrase: z.string().min(1, 'v.required').max(200, 'v.tooLong'),
});
export type SignInInput = z.input<typeof signInInput>;

export const changePassphraseInput = z
  .object({
    current: z.string().min(1, 'v.required').max(200, 'v.tooLong'),
    next: passphrase,
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: 'v.passphraseMismatch', path: ['confirm'] });
export type ChangePassphraseInput = z.input<typeof changePassphraseInput>;

export const recoverInput = z
  .object({
    recoveryKey: z.string().trim().min(64, 'v.required').max(200, 'v.tooLong'),
    username,
    passphrase,
    confirm: z.string(),
  })
  .refine((v) => v.passphrase === v.confirm, {
    message: 'v.passphraseMismatch',
    path: ['confirm'],
  });
export type RecoverInput = z.input<typeof recoverInput>;

export const branchSchema = branchInput.extend({ timeZone: z.string() });

/** A signed audit checkpoint as screens and paper show it (core/audit/checkpoint.ts). */
export const checkpointInfo = z.object({
  at: z.string(),
  rows: z.number(),
  head: z.string(),
  username: z.string(),
  reason: z.string(),
});

export const backupInfo = z.object({
  file: z.string(),
  createdAt: z.string(),
  bytes: z.number(),
  /** After a backup: the checkpoint it carries, for the backup sheet. */
  checkpoint: checkpointInfo.nullable().optional(),
});
export type BackupInfo = z.infer<typeof backupInfo>;

export const integrityReport = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  auditOk: z.boolean(),
  auditRows: z.number(),
  auditHead: z.string(),
  auditFirstBadId: z.number().nullable(),
});
export type IntegrityReport = z.infer<typeof integrityReport>;

export const emptyInput = z.object({}).strict().optional();
