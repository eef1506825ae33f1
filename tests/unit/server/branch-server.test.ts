import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../electron/core/server/protocol';
import { expectError, expectOk } from '../support/core';
import { addAccountOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { branchServerOn } from './support';

/**
 * The branch server (issue 20) over real HTTPS on loopback, on both engines: desks enrol with a
 * one-time code, staff sign in from a desk, and every call goes through the same dispatcher as
 * on a desk, as that staff member and desk.
 */

type AuditRow = {
  action: string;
  staff_id: number | null;
  desk_id: string | null;
  success: unknown;
};

describe.each(engineKinds)('the branch server on %s', (kind) => {
  const auditRows = async (core: Awaited<ReturnType<typeof branchServerOn>>['core']) =>
    (await core.app.engine.db
      .selectFrom('audit_log')
      .select(['action', 'staff_id', 'desk_id', 'success'])
      .orderBy('id')
      .execute()) as AuditRow[];

  it('enrols a desk once per code, and refuses calls from a PC that is not enrolled', async () => {
    const { core, request, enrol } = await branchServerOn(kind);
    expect((await request('GET', paths.hello, undefined)).body).toEqual({
      app: 'visitdesk',
      protocol: 1,
    });
    const { code } = expectOk(await core.invoke('desks:createCode', {}));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    // Typed in lower case with the dashes left out, it is the same code.
    const first = await request('POST', paths.enrol, {
      code: code.toLowerCase().replace(/-/g, ''),
      name: '前台一号机',
    });
    expect(first.status).toBe(200);
    const again = await request('POST', paths.enrol, { code, name: '前台二号机' });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ ok: false, error: { code: 'DESK_NOT_ENROLLED' } });

    const listed = expectOk(await core.invoke('desks:list', {}));
    expect(listed.map((d) => d.name)).toEqual(['前台一号机']);

    const stranger = await request('POST', `${paths.callPrefix}auth:state`, {});
    expect(stranger.status).toBe(401);
    expect(stranger.body).toMatchObject({ ok: false, error: { code: 'DESK_NOT_ENROLLED' } });

    const desk = await enrol('信贷员桌面');
    // A channel name that is not one, even a malformed one, is an unknown channel.
    for (const name of ['nope:nothing', '%E0%A4%A']) {
      const unknown = await desk.raw(name, {});
      expect([unknown.status, unknown.body]).toMatchObject([
        404,
        { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
      ]);
    }
    const state = expectOk(await desk.call<{ phase: string; session: unknown }>('auth:state'));
    expect(state).toMatchObject({ phase: 'locked', session: null, allowed: [] });
    expectError(await desk.call('cases:list', {}), 'UNAUTHENTICATED');
  });

  it('signs staff in per desk, checks their role, and audits with the desk', async () => {
    const { core, enrol, server } = await branchServerOn(kind);
    const officer = await addAccountOn(core, {
      username: 'li.officer',
      role: 'officer',
      staffNo: 'D101',
    });
    const deskA = await enrol('桌面甲');
    const signedIn = expectOk(await deskA.signIn(officer.username, officer.passphrase));
    expect(signedIn).toMatchObject({ staffId: officer.staffId, role: 'officer' });
    expect(deskA.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const state = expectOk(
      await deskA.call<{ phase: string; allowed: string[]; server: string | null }>('auth:state'),
    );
    expect(state.phase).toBe('unlocked');
    // The desk is told its data is on the branch server, and where it listens (so the window
    // offers no backup or key rotation), whichever engine the server keeps it in.
    expect(state).toMatchObject({ server: server.url.replace('https://', ''), branchServer: true });
    expect(state.allowed).toContain('cases:list');
    expect(state.allowed).not.toContain('staff:create');
    expectOk(await deskA.call('cases:list', {}));
    // The operator's own session (the manager's) is untouched by the desk's sign-in.
    expect(core.app.session?.username).toBe('admin');

    const escalation = await deskA.call('staff:create', {
      staffNo: 'X1',
      name: '冒充经理',
      role: 'manager',
    });
    expectError(escalation, 'FORBIDDEN');
    const rows = await auditRows(core);
    const signIn = rows.filter((r) => r.action === 'auth.signIn').at(-1)!;
    expect(signIn).toMatchObject({ staff_id: officer.staffId, desk_id: deskA.deskId });
    const refused = rows.filter((r) => r.action === 'access.refused').at(-1)!;
    expect(refused).toMatchObject({ staff_id: officer.staffId, desk_id: deskA.deskId });

    expectOk(await deskA.call('auth:signOut'));
    expectError(await deskA.call('cases:list', {}), 'UNAUTHENTICATED');
    await core.app.settle();
    const signOut = (await auditRows(core)).filter((r) => r.action === 'auth.signOut').at(-1)!;
    expect(signOut).toMatchObject({ staff_id: officer.staffId, desk_id: deskA.deskId });

    // Rows written for desks are in the chain like any other: it verifies whole.
    const verified = expectOk(await core.invoke('audit:verify', {}));
    expect(verified).toMatchObject({ ok: true });
  });

  it('refuses a token taken to another desk, and ends that session', async () => {
    const { core, enrol } = await branchServerOn(kind);
    const clerk = await addAccountOn(core, {
      username: 'wang.clerk',
      role: 'clerk',
      staffNo: 'D102',
    });
    const deskA = await enrol('桌面甲');
    const deskB = await enrol('桌面乙');
    expectOk(await deskA.signIn(clerk.username, clerk.passphrase));
    deskB.token = deskA.token;
    expectError(await deskB.call('cases:list', {}), 'UNAUTHENTICATED');
    // The owner's desk lost it too: whoever holds the token now is not only its owner.
    expectError(await deskA.call('cases:list', {}), 'UNAUTHENTICATED');
    const rows = await auditRows(core);
    expect(rows.filter((r) => r.action === 'auth.tokenFromOtherDesk')).toEqual([
      {
        action: 'auth.tokenFromOtherDesk',
        staff_id: null,
        desk_id: deskB.deskId,
        success: rows.find((r) => r.action === 'auth.tokenFromOtherDesk')!.success,
      },
    ]);
  });

  it('cuts a revoked desk off at its next call', async () => {
    const { core, enrol } = await branchServerOn(kind);
    const officer = await addAccountOn(core, {
      username: 'li.officer',
      role: 'officer',
      staffNo: 'D101',
    });
    const deskA = await enrol('桌面甲');
    const managerDesk = await enrol('经理桌面');
    expectOk(await deskA.signIn(officer.username, officer.passphrase));
    expectOk(await managerDesk.signIn('admin', 'correct horse battery'));
    // An officer may not revoke a desk, not even another.
    expectError(await deskA.call('desks:revoke', { deskId: managerDesk.deskId }), 'FORBIDDEN');
    const revoked = expectOk(
      await managerDesk.call<{ revokedAt: string | null; revokedBy: string | null }>(
        'desks:revoke',
        { deskId: deskA.deskId },
      ),
    );
    expect(revoked.revokedBy).toBe('王建国');
    const cut = await deskA.raw('cases:list', {});
    expect(cut.status).toBe(403);
    expect(cut.body).toMatchObject({ ok: false, error: { code: 'DESK_REVOKED' } });
    expectOk(await managerDesk.call('cases:list', {}));
    const rows = await auditRows(core);
    expect(rows.filter((r) => r.action === 'desks.revokedCall').map((r) => r.desk_id)).toEqual([
      deskA.deskId,
    ]);
  });

  it('slows a flood of wrong passphrases from one desk, and audits each', async () => {
    const { core, enrol } = await branchServerOn(kind);
    const desk = await enrol('桌面甲');
    for (let i = 0; i < 5; i++) {
      expectError(await desk.signIn(`guess${i}`, 'wrong passphrase'), 'BAD_CREDENTIALS');
    }
    // The sixth try, under another name, waits: the desk is throttled, not only the names.
    expectError(await desk.signIn('admin', 'correct horse battery'), 'THROTTLED');
    const failed = (await auditRows(core)).filter((r) => r.action === 'auth.signInFailed');
    expect(failed).toHaveLength(5);
    expect(new Set(failed.map((r) => r.desk_id))).toEqual(new Set([desk.deskId]));
  });

  it('ends a desk’s session after the branch’s idle time, and only that one', async () => {
    const clock = { now: new Date('2026-03-02T01:00:00.000Z') };
    const { core, enrol } = await branchServerOn(kind, { now: () => clock.now });
    const officer = await addAccountOn(core, {
      username: 'li.officer',
      role: 'officer',
      staffNo: 'D101',
    });
    const deskA = await enrol('桌面甲');
    const deskB = await enrol('桌面乙');
    expectOk(await deskA.signIn(officer.username, officer.passphrase));
    expectOk(await deskB.signIn('admin', 'correct horse battery'));
    // The branch locks after 10 idle minutes (the default): desk B keeps busy, desk A does not.
    clock.now = new Date('2026-03-02T01:06:00.000Z');
    expectOk(await deskB.call('cases:list', {}));
    clock.now = new Date('2026-03-02T01:10:30.000Z');
    expectOk(await deskB.call('cases:list', {}));
    expectError(await deskA.call('cases:list', {}), 'UNAUTHENTICATED');
    expectOk(await deskB.call('cases:list', {}));
    await core.app.settle();
    const locked = (await auditRows(core)).filter((r) => r.action === 'auth.autoLock');
    expect(locked).toMatchObject([{ staff_id: officer.staffId, desk_id: deskA.deskId }]);
    // The server's own database stays open for every other desk.
    expect(core.app.isOpen).toBe(true);
  });

  it('slows guessing of enrolment codes from one address, and audits each wrong one', async () => {
    const { core, request } = await branchServerOn(kind);
    const { code } = expectOk(await core.invoke('desks:createCode', {}));
    for (let i = 0; i < 5; i++) {
      const guess = await request('POST', paths.enrol, { code: `0000-0000-000${i}`, name: '猜' });
      expect(guess.body).toMatchObject({ ok: false, error: { code: 'DESK_NOT_ENROLLED' } });
    }
    // The right code, sixth from the same address, waits like the guesses before it.
    const right = await request('POST', paths.enrol, { code, name: '柜台' });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    const refused = (await auditRows(core)).filter((r) => r.action === 'desks.enrolRefused');
    expect(refused).toHaveLength(5);
    expect(expectOk(await core.invoke('desks:list', {}))).toEqual([]);
  });

  it('answers nothing over plain HTTP', async () => {
    const { server } = await branchServerOn(kind);
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request(`http://127.0.0.1:${server.port}${paths.hello}`, (res) =>
        resolve(`answered ${res.statusCode}`),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(`refused ${error.code}`));
      req.end();
    });
    expect(outcome).toMatch(/^refused /);
  });
});
