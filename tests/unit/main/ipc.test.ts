import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerChannels, type IpcEventLike } from '../../../electron/main/ipc';
import { isTrustedRendererUrl } from '../../../electron/main/security';
import { channelNames, contract } from '../../../electron/shared/contract';
import { accountChannels } from '../../../electron/shared/channels/accounts';
import { auditChannels } from '../../../electron/shared/channels/audit';
import { authChannels } from '../../../electron/shared/channels/auth';
import { backupChannels } from '../../../electron/shared/channels/backup';
import { caseChannels } from '../../../electron/shared/channels/cases';
import { caseExportChannels } from '../../../electron/shared/channels/case-export';
import { complaintChannels } from '../../../electron/shared/channels/complaints';
import { deskChannels } from '../../../electron/shared/channels/desks';
import { assignmentChannels } from '../../../electron/shared/channels/assignments';
import { importChannels } from '../../../electron/shared/channels/imports';
import { jobChannels } from '../../../electron/shared/channels/jobs';
import { keyChannels } from '../../../electron/shared/channels/keys';
import { noticeChannels } from '../../../electron/shared/channels/notices';
import { planningChannels } from '../../../electron/shared/channels/planning';
import { printChannels } from '../../../electron/shared/channels/print';
import { recordChannels } from '../../../electron/shared/channels/records';
import { reportChannels } from '../../../electron/shared/channels/reports';
import { retentionChannels } from '../../../electron/shared/channels/retention';
import { settingsChannels } from '../../../electron/shared/channels/settings';
import { staffChannels } from '../../../electron/shared/channels/staff';
import { waiverChannels } from '../../../electron/shared/channels/waivers';

/** Every feature's channel file (a file missing here fails the coverage check below). */
const channelsByFeature = {
  accounts: accountChannels,
  assignments: assignmentChannels,
  audit: auditChannels,
  auth: authChannels,
  backup: backupChannels,
  cases: caseChannels,
  caseExport: caseExportChannels,
  complaints: complaintChannels,
  desks: deskChannels,
  imports: importChannels,
  jobs: jobChannels,
  keys: keyChannels,
  notices: noticeChannels,
  planning: planningChannels,
  print: printChannels,
  records: recordChannels,
  reports: reportChannels,
  retention: retentionChannels,
  settings: settingsChannels,
  staff: staffChannels,
  waivers: waiverChannels,
};
import { handlers } from '../../../electron/core/handlers';
import type { FeatureHandlers, HandlerMap } from '../../../electron/core/app/handler-types';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';

type Listener = (event: IpcEventLike, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel: string, listener: Listener) {
      if (listeners.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      listeners.set(channel, listener);
    },
  };
}

const origin = { rendererDir: '/opt/Visitdesk/resources/app.asar/out/renderer' };
const trusted = (url: string) => isTrustedRendererUrl(url, origin);
const appUrl = 'app://visitdesk/index.html#/cases';

describe('IPC registration', () => {
  it('registers every contract channel, each with a handler', () => {
    const ipc = fakeIpcMain();
    const registered = registerChannels(ipc, async () => ({ ok: true, data: null }), trusted);
    expect([...registered].sort()).toEqual([...channelNames].sort());
    const core = channelNames.filter((name) => !('platform' in contract[name]));
    const table = handlers as Record<string, unknown>;
    for (const name of core) expect(typeof table[name], name).toBe('function');
    expect(Object.keys(handlers).sort()).toEqual([...core].sort());
  });

  it('throws when a channel is registered twice', () => {
    const ipc = fakeIpcMain();
    expect(() =>
      registerChannels(ipc, async () => ({ ok: true, data: null }), trusted, [
        'auth:state',
        'auth:state',
      ]),
    ).toThrow(/registered twice/);
  });

  it('types every handler map so that a missing or extra handler does not compile', () => {
    // tsc -b checks these lines (the suite's typecheck): each @ts-expect-error must be an error.
    // @ts-expect-error a feature's map without the handler of a channel it declares
    const missing: FeatureHandlers<typeof jobChannels> = {};
    const extra: FeatureHandlers<typeof jobChannels> = {
      'jobs:cancel': () => ({ cancelled: false }),
      // @ts-expect-error a handler for a channel the feature does not declare
      'backup:list': () => [],
    };
    // @ts-expect-error the whole table without one feature's handlers
    const partial: HandlerMap = { ...handlers, 'jobs:cancel': undefined };
    expect([missing, extra, partial].length).toBe(3);
  });

  it('declares each channel in exactly one feature’s file, so no feature’s handler hides another’s', () => {
    const seen = new Map<string, string>();
    for (const [feature, channels] of Object.entries(channelsByFeature)) {
      for (const name of Object.keys(channels)) {
        expect(seen.get(name), `${name} in ${feature}`).toBeUndefined();
        seen.set(name, feature);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...channelNames].sort());
    // A channel's name is its feature's: the prefix, the channel file, the core folder that
    // handles it (electron/core/<feature>/handlers.ts) are one word. The case export is the
    // cases' own verb kept in a file of its own (its purpose and row cap), so it says cases.
    const prefixOf = (feature: string) => (feature === 'caseExport' ? 'cases' : feature);
    for (const [name, feature] of seen) expect(name.split(':')[0], name).toBe(prefixOf(feature));
    for (const feature of Object.keys(channelsByFeature)) {
      const folder = feature.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(existsSync(`electron/core/${folder}/handlers.ts`), folder).toBe(true);
    }
  });

  it('refuses a call from a frame that is not the app, before parsing anything', async () => {
    const core = await signedInCore();
    const ipc = fakeIpcMain();
    registerChannels(ipc, core.invoke, trusted);
    const call = (url: string | null) =>
      ipc.listeners.get('settings:branch')!({ senderFrame: url === null ? null : { url } }, {});
    expect(await call('https://evil.example/index.html')).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
    expect(await call('file:///tmp/evil/out/renderer/index.html')).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
    expect(await call(null)).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(await call(appUrl)).toMatchObject({ ok: true, data: { code: 'QS001' } });
  });

  it('rejects a payload that does not match the schema with field errors and no write', async () => {
    const core = await signedInCore();
    const auditRows = () =>
      (core.app.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = auditRows();
    const error = expectError(
      await core.invoke('settings:update', { autoLockMinutes: 0 }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ autoLockMinutes: 'v.minutes' });
    expectError(await core.invoke('settings:update', 'not an object'), 'VALIDATION');
    expectError(
      await core.invoke('settings:update', { autoLockMinutes: '10; DROP TABLE staff' }),
      'VALIDATION',
    );
    expectError(await core.invoke('auth:state', { extra: true }), 'VALIDATION');
    expect(auditRows()).toBe(before);
    expectError(await core.invoke('no:such', {}), 'UNKNOWN_CHANNEL');
  });

  it('rejects a call the signed-in role may not make', async () => {
    const core = await signedInCore();
    const auditor = addAccount(core, { username: 'auditor1', role: 'auditor' });
    const officer = addAccount(core, { username: 'officer1', role: 'officer' });
    await switchTo(core, auditor);
    expectError(await core.invoke('settings:update', { autoLockMinutes: 30 }), 'FORBIDDEN');
    expectError(await core.invoke('backup:create', {}), 'FORBIDDEN');
    expect(expectOk(await core.invoke('audit:checkIntegrity', {})).ok).toBe(true);
    await switchTo(core, officer);
    expectError(await core.invoke('audit:checkIntegrity', {}), 'FORBIDDEN');
    expectError(
      await core.invoke(
        'settings:updateBranch',
        expectOk(await core.invoke('settings:branch', {})),
      ),
      'FORBIDDEN',
    );
  });

  it('answers UNAUTHENTICATED before sign-in on every non-public channel', async () => {
    const core = await signedInCore();
    core.app.lock('signOut');
    for (const name of channelNames) {
      if (contract[name].access === 'public') continue;
      const result = await core.invoke(name, {});
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(['UNAUTHENTICATED', 'VALIDATION'], name).toContain(result.error.code);
    }
  });
});
