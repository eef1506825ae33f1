import { z } from 'zod';
import {
  appStateSchema,
  backupInfo,
  branchInput,
  branchSchema,
  changePassphraseInput,
  emptyInput,
  integrityReport,
  recoverInput,
  sessionSchema,
  settingsSchema,
  setupInput,
  setupOutput,
  signInInput,
} from './schemas/foundation';
import { fileCheckInput, fileCheckOutput, tableCountsOutput } from './schemas/file-check';
import { channel, none } from './channel';
import { accountChannels } from './channels/accounts';
import { auditChannels } from './channels/audit';
import { importChannels } from './channels/imports';
import { caseChannels } from './channels/cases';
import { caseExportChannels } from './channels/case-export';
import { complaintChannels } from './channels/complaints';
import { keyChannels } from './channels/keys';
import { printChannels } from './channels/print';
import { retentionChannels } from './channels/retention';
import { planningChannels } from './channels/planning';
import { recordChannels } from './channels/records';
import { noticeChannels } from './channels/notices';
import { reportChannels } from './channels/reports';

/** Foundation channels: setup, sign-in, settings, backups, integrity. */
export const foundationChannels = {
  'app:state': channel(emptyInput, appStateSchema, 'public'),
  'app:setup': channel(setupInput, setupOutput, 'public'),
  'app:recover': channel(recoverInput, none, 'public'),
  'app:restoreLatestBackup': channel(signInInput, backupInfo, 'public'),
  'auth:signIn': channel(signInInput, sessionSchema, 'public'),
  'auth:signOut': channel(emptyInput, none, 'session'),
  'auth:changePassphrase': channel(changePassphraseInput, none, 'self.account'),
  'settings:get': channel(emptyInput, settingsSchema, 'settings.read'),
  'settings:update': channel(settingsSchema, settingsSchema, 'settings.edit'),
  'branch:get': channel(emptyInput, branchSchema, 'settings.read'),
  'branch:update': channel(branchInput, branchSchema, 'settings.edit'),
  'backup:create': channel(emptyInput, backupInfo, 'backup.run'),
  'backup:list': channel(emptyInput, z.array(backupInfo), 'backup.run'),
  'system:checkIntegrity': channel(emptyInput, integrityReport, 'audit.read'),
  /** The command line's verify: integrity_check, the chain, checkpoints and outside heads. */
  'system:checkFile': channel(fileCheckInput, fileCheckOutput, 'audit.read'),
  /** Rows per table (the command line's stats): the file's inside, like its checks. */
  'system:tableCounts': channel(emptyInput, tableCountsOutput, 'audit.read'),
  'jobs:cancel': channel(
    z.object({ jobId: z.number().int().positive() }),
    z.object({ cancelled: z.boolean() }),
    'session',
  ),
} as const;

/**
 * The whole IPC contract: `domain:verb` → schemas and access. Each feature declares its
 * channels in its own file under ./channels and is spread in here once.
 */
export const contract = {
  ...foundationChannels,
  ...accountChannels,
  ...auditChannels,
  ...importChannels,
  ...caseChannels,
  ...caseExportChannels,
  ...complaintChannels,
  ...keyChannels,
  ...printChannels,
  ...retentionChannels,
  ...recordChannels,
  ...noticeChannels,
  ...planningChannels,
  ...reportChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as Channel[];

/** Events main pushes to the renderer (progress of long work, lock). */
export const eventNames = ['job:progress', 'app:locked'] as const;
export type EventName = (typeof eventNames)[number];

/** The shape the preload (and the E2E bridge) put on `window.visitdesk`. */
export type Bridge = {
  [C in Channel]: (input?: unknown) => Promise<unknown>;
} & {
  on: (event: EventName, listener: (payload: unknown) => void) => () => void;
};
