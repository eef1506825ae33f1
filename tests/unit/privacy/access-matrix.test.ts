import { describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../../electron/shared/contract';
import { can, roles, type Role } from '../../../electron/shared/roles';
import type { AppState } from '../../../electron/shared/schemas/foundation';
import { readFlag } from '../../../electron/core/db/columns';
import { addAccountOn, signedInCoreOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';

/**
 * Every channel of the contract, tried by a caller who should not get through: signed out,
 * and signed in as each role the permission matrix leaves it out of. The payload is nothing
 * at all, so a channel that checked its input before its caller would answer VALIDATION
 * (and tell a stranger what it expects) instead of refusing.
 */
const channels = Object.keys(contract) as Channel[];

// Written out: a channel that anyone may call without signing in is a decision, not a default.
const PUBLIC: Channel[] = [
  'auth:state',
  'auth:setup',
  'auth:recover',
  'auth:restoreLatestBackup',
  'auth:signIn',
  // This PC's own, answered by Electron main (remote/switch.ts), never by the core: where the
  // data lives, and joining a branch server, which a new PC does before anyone can sign in.
  'desks:location',
  'desks:connect',
];

describe('who may call each channel', () => {
  it('only the sign-in, setup and joining channels are public', () => {
    expect(channels.filter((c) => contract[c].access === 'public').sort()).toEqual(
      [...PUBLIC].sort(),
    );
  });

  it.each(engineKinds)(
    'signed out, every other channel answers UNAUTHENTICATED before looking at the payload, on %s',
    async (kind) => {
      const core = await signedInCoreOn(kind);
      core.app.lock('signOut');
      await core.app.closed();
      const answers: Record<string, string> = {};
      for (const channel of channels) {
        if (PUBLIC.includes(channel)) continue;
        const result = await core.invoke(channel, undefined);
        answers[channel] = result.ok ? 'ok' : result.error.code;
      }
      const expected = Object.fromEntries(
        channels.filter((c) => !PUBLIC.includes(c)).map((c) => [c, 'UNAUTHENTICATED']),
      );
      expect(answers).toEqual(expected);
      const state = (await core.invoke('auth:state', {})) as { ok: true; data: AppState };
      expect(state.data.allowed).toEqual([]);
    },
  );

  const roleEngines = (['officer', 'clerk', 'auditor'] as const).flatMap((role) =>
    engineKinds.map((kind) => [role, kind] as const),
  );
  for (const [role, kind] of roleEngines) {
    it(`as ${role}, every channel outside the ${role}'s permissions answers FORBIDDEN, on ${kind}`, async () => {
      const core = await signedInCoreOn(kind);
      await switchToOn(core, await addAccountOn(core, { username: `${role}1`, role }));
      const refused: Channel[] = [];
      const answers: Record<string, string> = {};
      for (const channel of channels) {
        const access = contract[channel].access;
        if (access === 'public' || access === 'session' || can(role, access)) continue;
        refused.push(channel);
        const result = await core.invoke(channel, undefined);
        answers[channel] = result.ok ? 'ok' : result.error.code;
      }
      expect(refused.length).toBeGreaterThan(0);
      expect(answers).toEqual(Object.fromEntries(refused.map((c) => [c, 'FORBIDDEN'])));
      // The app's state lists for the renderer every channel but those refused (its buttons
      // show exactly when a call would get through).
      const allowed = (await core.invoke('auth:state', {})) as { ok: true; data: AppState };
      expect(allowed.data.allowed).toEqual(channels.filter((c) => !refused.includes(c)));
      // Each refusal leaves a row for the auditor: which channel, whose role, what it needs.
      const rows = await core.app.engine.db
        .selectFrom('audit_log')
        .select(['entity_id', 'staff_id', 'success', 'after'])
        .where('action', '=', 'access.refused')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.entity_id)).toEqual(refused);
      expect(
        rows.every((r) => !readFlag(r.success) && Number(r.staff_id) === core.app.session?.staffId),
      ).toBe(true);
      const after = rows[0]!.after;
      expect(typeof after === 'string' ? (JSON.parse(after) as unknown) : after).toEqual({
        role,
        permission: contract[refused[0]!].access,
      });
    });
  }

  it('the channels an attacker would want first, with who may call them written out by hand', () => {
    const expected: Partial<Record<Channel, Role[]>> = {
      'keys:rotate': ['manager'],
      'settings:update': ['manager'],
      'retention:anonymise': ['manager'],
      'reports:close': ['manager'],
      'reports:reopen': ['manager'],
      'audit:checkpoint': ['manager', 'auditor'],
      'audit:export': ['manager', 'auditor'],
      'imports:run': ['manager', 'clerk'],
      // The case list leaves the database with a stated purpose: not the field officers.
      'cases:export': ['manager', 'clerk', 'auditor'],
      'cases:loadDemo': ['manager'],
      // A case written off or passed to court or an agency leaves the doorstep for good.
      'cases:exit': ['manager'],
      'cases:reopen': ['manager'],
      // A staff list file adds and changes staff (and their roles) as the staff screen does.
      'staff:import': ['manager'],
      // A roster file plans visits as the plan dialog does, for whoever plans visits there.
      'planning:importRoster': ['manager', 'officer', 'clerk'],
      // The whole file checked and its tables counted (the CLI's verify and stats): the
      // auditor's view of the file, as the integrity check on screen.
      'audit:checkFile': ['manager', 'auditor'],
      'audit:tableCounts': ['manager', 'auditor'],
      'backup:create': ['manager', 'officer', 'clerk'],
      'complaints:close': ['manager'],
      'complaints:register': ['manager', 'officer', 'clerk'],
      // Visit money handed in: the clerk (or manager) records it; only a manager signs off.
      'records:handIn': ['manager', 'clerk'],
      'records:signOffHandIn': ['manager'],
      // Waivers and settlements: proposed by those who work the case; approved by the manager
      // and the auditor (the core then checks one of each, or two managers by the setting).
      'waivers:propose': ['manager', 'officer', 'clerk'],
      'waivers:approve': ['manager', 'auditor'],
      'waivers:reject': ['manager', 'auditor'],
      'waivers:saveSettings': ['manager'],
    };
    const actual: Partial<Record<Channel, Role[]>> = {};
    for (const channel of Object.keys(expected) as Channel[]) {
      const access = contract[channel]?.access;
      actual[channel] =
        access === undefined || access === 'public' || access === 'session'
          ? [...roles]
          : roles.filter((r) => can(r, access));
    }
    expect(actual).toEqual(expected);
  });
});
