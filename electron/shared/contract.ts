import type { z } from 'zod';
import { can, type Role } from './roles';
import { accountChannels } from './channels/accounts';
import { auditChannels } from './channels/audit';
import { authChannels } from './channels/auth';
import { assignmentChannels } from './channels/assignments';
import { backupChannels } from './channels/backup';
import { caseChannels } from './channels/cases';
import { caseExportChannels } from './channels/case-export';
import { complaintChannels } from './channels/complaints';
import { deskChannels } from './channels/desks';
import { importChannels } from './channels/imports';
import { jobChannels } from './channels/jobs';
import { keyChannels } from './channels/keys';
import { noticeChannels } from './channels/notices';
import { planningChannels } from './channels/planning';
import { printChannels } from './channels/print';
import { recordChannels } from './channels/records';
import { reportChannels } from './channels/reports';
import { retentionChannels } from './channels/retention';
import { settingsChannels } from './channels/settings';
import { staffChannels } from './channels/staff';
import { waiverChannels } from './channels/waivers';

/**
 * The whole IPC contract: `domain:verb` → schemas and access. Each feature declares its
 * channels in its own file under ./channels, handled by the core folder of the same feature,
 * and is spread in here once (a unit test checks that no name is in two files).
 */
export const contract = {
  ...authChannels,
  ...settingsChannels,
  ...backupChannels,
  ...jobChannels,
  ...accountChannels,
  ...auditChannels,
  ...importChannels,
  ...caseChannels,
  ...caseExportChannels,
  ...complaintChannels,
  ...deskChannels,
  ...assignmentChannels,
  ...keyChannels,
  ...printChannels,
  ...retentionChannels,
  ...recordChannels,
  ...noticeChannels,
  ...staffChannels,
  ...planningChannels,
  ...reportChannels,
  ...waiverChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as Channel[];

/**
 * Whether a signed-in role may call a channel: the dispatcher's rule for every call, and the
 * list the renderer is given with the app's state (`allowed`), so a button shows exactly when
 * its call would be let through, without the renderer loading every schema to know it.
 */
export function mayCall(role: Role, channel: Channel): boolean {
  const access = contract[channel].access;
  return access === 'public' || access === 'session' || can(role, access);
}

/** Every channel a role may call, in the contract's order. */
export function channelsFor(role: Role): Channel[] {
  return channelNames.filter((channel) => mayCall(role, channel));
}

/**
 * Events main pushes to the renderer: progress of long work, the lock (`app:locked`, reason
 * `idle` for this PC's own idle lock, `serverEnded` when the branch server ended a desk's
 * session: its idle time, a restart, a revoked desk), and from the branch
 * server (issue 20): that another desk changed the branch's data (`data:changed`, naming the
 * channel it called and its desk; both null when the desk's event stream was reopened after a
 * break, in which it may have missed changes), and whether the server can be reached
 * (`desks:status`, a `ServerStatus`, sent when that changes).
 */
export const eventNames = ['job:progress', 'app:locked', 'data:changed', 'desks:status'] as const;
export type EventName = (typeof eventNames)[number];

/** `desks:status`: false once a call or the event stream could not reach the branch server. */
export interface ServerStatus {
  reachable: boolean;
}

/** The shape the preload (and the E2E bridge) put on `window.visitdesk`. */
export type Bridge = {
  [C in Channel]: (input?: unknown) => Promise<unknown>;
} & {
  on: (event: EventName, listener: (payload: unknown) => void) => () => void;
};
