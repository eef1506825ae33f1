import { z } from 'zod';
import type { Permission } from './roles';
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

/**
 * Who may call a channel: anyone (before sign-in), any signed-in staff, or a permission
 * from the role matrix.
 */
export type Access = 'public' | 'session' | Permission;

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

const channel = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: Access,
): ChannelSpec<I, O> => ({ input, output, access });

const none = z.null();

/** The whole IPC contract: `domain:verb` → schemas and access. */
export const contract = {
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
