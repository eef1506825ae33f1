import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import {
  fetchPinnedCertificate,
  pinnedAgent,
  requestJson,
} from '../../../electron/core/remote/pinned';
import { deskCredential, headers, paths } from '../../../electron/core/server/protocol';
import { expectOk } from '../support/core';
import { addAccountOn } from '../support/desk';
import { TEST_KDF } from '../support/setup';
import { cli, initBranch, openCore } from './support';

/**
 * `serve` and `enrol-code` (issue 20) as a branch's administrator runs them: the server started
 * from the command line on a branch `init` made, a code made by a second command, and a desk
 * that pins the fingerprint both printed, enrols, signs in and calls a channel over HTTPS.
 */

const EN = { LANG: 'en_US.UTF-8' };

/** `serve` in-process until `stop()`; resolves its first line (where it listens) and exit code. */
function serve(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: (reason: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const exit = runCli(['serve', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { ...EN, VISITDESK_PASSPHRASE: 'correct horse battery' },
    isTTY: false,
    kdfCost: TEST_KDF,
    stop: stopped,
  });
  const listening = (async () => {
    for (let i = 0; i < 600 && out.length === 0; i++) {
      const done = await Promise.race([exit, new Promise((r) => setTimeout(() => r(null), 50))]);
      if (done !== null) throw new Error(`serve ended early: ${err.join('\n')}`);
    }
    return JSON.parse(out[0]!) as { url: string; fingerprint: string };
  })();
  return { listening, exit, stop, out, err };
}

describe('serve and enrol-code', () => {
  it('serves the branch to a desk that pinned the fingerprint both commands printed', async () => {
    const { db } = await initBranch();
    const made = await cli(['enrol-code', '--db', db, '--user', 'admin', '--json'], undefined, EN);
    expect(made.code).toBe(0);
    const { code, fingerprint } = JSON.parse(made.stdout) as { code: string; fingerprint: string };
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const server = serve([
      '--db',
      db,
      '--user',
      'admin',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--json',
    ]);
    try {
      const { url, fingerprint: shown } = await server.listening;
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(shown).toBe(fingerprint);

      // A desk given the wrong fingerprint sends nothing.
      const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '01' : '00');
      await expect(fetchPinnedCertificate(url, wrong)).rejects.toMatchObject({
        code: 'SERVER_CERT_MISMATCH',
      });

      const pem = await fetchPinnedCertificate(url, fingerprint);
      const agent = pinnedAgent(pem, fingerprint);
      const enrolled = await requestJson(agent, url, {
        method: 'POST',
        path: paths.enrol,
        body: { code, name: '柜台电脑' },
      });
      expect(enrolled.status).toBe(200);
      const { deskId, deskSecret } = (
        enrolled.body as { data: { deskId: string; deskSecret: string } }
      ).data;
      const desk = { [headers.desk]: deskCredential(deskId, deskSecret) };
      const signIn = await requestJson(agent, url, {
        method: 'POST',
        path: `${paths.callPrefix}auth:signIn`,
        headers: desk,
        body: { username: 'admin', passphrase: 'correct horse battery' },
      });
      expect(signIn.body).toMatchObject({ ok: true, data: { username: 'admin', role: 'manager' } });
      const token = signIn.headers[headers.session] as string;
      const listed = await requestJson(agent, url, {
        method: 'POST',
        path: `${paths.callPrefix}desks:list`,
        headers: { ...desk, [headers.session]: token },
        body: {},
      });
      expect(listed.body).toMatchObject({ ok: true, data: [{ id: deskId, name: '柜台电脑' }] });
      agent.destroy();
    } finally {
      server.stop('SIGTERM');
    }
    expect(await server.exit).toBe(0);
    expect(server.err.join('\n')).toContain('The branch server stopped (SIGTERM)');
  });

  it('refuses a port that is not one, half a certificate, and an account that is not a manager', async () => {
    const { db } = await initBranch();
    const port = await cli(
      ['serve', '--db', db, '--user', 'admin', '--port', '80a'],
      undefined,
      EN,
    );
    expect([port.code, port.stderr]).toEqual([
      1,
      expect.stringContaining('The port "80a" is not valid'),
    ]);
    const half = await cli(['serve', '--db', db, '--user', 'admin', '--cert', db], undefined, EN);
    expect(half.stderr).toContain("With the bank's own certificate, give both --cert and --key.");

    // An officer's passphrase opens the data as well as a manager's, but a server is the
    // manager's to start.
    const core = openCore(db);
    expectOk(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'correct horse battery' }),
    );
    await addAccountOn(core, {
      username: 'zhou',
      role: 'officer',
      staffNo: 'D201',
      passphrase: 'officer passphrase',
    });
    await core.app.settle();
    core.app.lock('signOut');
    const officer = await cli(['serve', '--db', db, '--user', 'zhou'], 'officer passphrase', EN);
    expect([officer.code, officer.stderr]).toEqual([
      1,
      expect.stringContaining('Only a manager’s account may start the branch server'),
    ]);
  });
});
