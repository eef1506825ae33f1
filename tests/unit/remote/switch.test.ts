import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../electron/shared/contract';
import { createSwitchableDesk } from '../../../electron/core/remote/switch';
import { createNodeCore } from '../../../electron/core/node';
import { expectError, expectOk, TEST_KDF, tempDir } from '../support/core';
import { addAccountOn } from '../support/desk';
import { branchServerOn } from '../server/support';

/**
 * A PC joining the branch server, as its window sees it (remote/switch.ts): this PC's own
 * dispatcher until it joins, then the server's, with printing still run here; the credential
 * kept owner-only and read again at the next start. The server runs on SQLite here; the server's
 * own suites run both engines.
 */

async function newPc() {
  const dir = tempDir();
  const dbFile = path.join(dir, 'visitdesk.db');
  const local = createNodeCore(dbFile, { kdfCost: TEST_KDF, log: () => {}, dailyBackup: false });
  const events: { event: EventName; payload: unknown }[] = [];
  const printed: string[] = [];
  const options = {
    local: local.invoke,
    platform: {
      'print:system': async ({ jobId }: { jobId: string }) => {
        printed.push(jobId);
        return { printed: true };
      },
    },
    connectionFile: path.join(dir, 'branch-server.json'),
    hasLocalData: () => fs.existsSync(dbFile),
    emit: (event: EventName, payload: unknown) => events.push({ event, payload }),
  };
  return { dir, dbFile, local, events, printed, options, desk: createSwitchableDesk(options) };
}

describe('a PC joining the branch server', () => {
  it('keeps this PC’s data until it joins; then the server answers, and printing stays here', async () => {
    const { core, server, certificate } = await branchServerOn('sqlite');
    const officer = await addAccountOn(core, {
      username: 'li.officer',
      role: 'officer',
      staffNo: 'D101',
    });
    const pc = await newPc();
    expect(expectOk(await pc.desk.invoke('desks:location', {}))).toEqual({ kind: 'thisPc' });
    expect(expectOk(await pc.desk.invoke('auth:state', {}))).toMatchObject({ phase: 'setup' });

    const { code } = expectOk(await core.invoke('desks:createCode', {}));
    const join = {
      address: server.url,
      fingerprint: certificate.fingerprint.toLowerCase(),
      code,
      name: '柜台二号机',
    };
    // A fingerprint read out wrong: nothing sent, nothing kept, the code still unused.
    const wrong = certificate.fingerprint.replace(/^.{2}/, (h) => (h === 'AA' ? 'BB' : 'AA'));
    expectError(
      await pc.desk.invoke('desks:connect', { ...join, fingerprint: wrong }),
      'SERVER_CERT_MISMATCH',
    );
    expect(fs.existsSync(pc.options.connectionFile)).toBe(false);
    expectError(
      await pc.desk.invoke('desks:connect', { ...join, address: 'http://127.0.0.1:1' }),
      'VALIDATION',
    );

    const joined = expectOk(await pc.desk.invoke('desks:connect', join)) as { deskId: string };
    expect(joined).toMatchObject({
      kind: 'branchServer',
      address: server.url,
      fingerprint: certificate.fingerprint,
      deskName: '柜台二号机',
    });
    expect(fs.statSync(pc.options.connectionFile).mode & 0o777).toBe(0o600);
    expect(expectOk(await pc.desk.invoke('auth:state', {}))).toMatchObject({ phase: 'locked' });
    // Joined once: a second code is not taken.
    expectError(await pc.desk.invoke('desks:connect', join), 'CONFLICT');

    // Printing is this PC's: refused signed out, run here signed in.
    expectError(
      await pc.desk.invoke('print:system', { jobId: crypto.randomUUID() }),
      'UNAUTHENTICATED',
    );
    expectOk(
      await pc.desk.invoke('auth:signIn', {
        username: officer.username,
        passphrase: officer.passphrase,
      }),
    );
    const jobId = crypto.randomUUID();
    expectOk(await pc.desk.invoke('print:system', { jobId }));
    expect(pc.printed).toEqual([jobId]);
    expectOk(await pc.desk.invoke('cases:list', {}));

    // Another desk's change reaches this window as data:changed.
    expectOk(await core.invoke('auth:state', {}));
    const other = await newPc();
    const { code: second } = expectOk(await core.invoke('desks:createCode', {}));
    expectOk(await other.desk.invoke('desks:connect', { ...join, code: second, name: '经理电脑' }));
    expectOk(
      await other.desk.invoke('auth:signIn', {
        username: 'admin',
        passphrase: 'correct horse battery',
      }),
    );
    expectOk(
      await other.desk.invoke('planning:setHoliday', {
        date: '2026-12-24',
        kind: 'holiday',
        note: '庙会',
      }),
    );
    for (let i = 0; i < 100 && pc.events.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(pc.events).toEqual([
      {
        event: 'data:changed',
        payload: { channel: 'planning:setHoliday', deskId: expect.any(String) },
      },
    ]);

    // The server ending the session (as its idle lock or a restart does) sends the window back
    // to sign-in.
    server.sessions.endDesk(joined.deskId);
    expectError(await pc.desk.invoke('cases:list', {}), 'UNAUTHENTICATED');
    expect(pc.events.at(-1)).toEqual({ event: 'app:locked', payload: { reason: 'serverEnded' } });
    pc.desk.close();
    other.desk.close();

    // The next start reads the credential again: still the server's desk.
    const again = createSwitchableDesk(pc.options);
    expect(expectOk(await again.invoke('desks:location', {}))).toMatchObject({
      kind: 'branchServer',
    });
    expect(expectOk(await again.invoke('auth:state', {}))).toMatchObject({ phase: 'locked' });
    again.close();
  });

  it('a PC with its own data does not join', async () => {
    const pc = await newPc();
    fs.writeFileSync(pc.dbFile, '');
    const refused = await pc.desk.invoke('desks:connect', {
      address: 'https://127.0.0.1:8443',
      fingerprint: 'AB'.repeat(32),
      code: '7K3M-Q9TX-2HBD',
      name: '柜台',
    });
    expectError(refused, 'CONFLICT');
    expect(fs.existsSync(pc.options.connectionFile)).toBe(false);
  });
});
