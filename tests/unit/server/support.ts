import https from 'node:https';
import { afterEach } from 'vitest';
import { loadOrCreateServerCertificate } from '../../../electron/core/server/certificate';
import { startBranchServer, type BranchServer } from '../../../electron/core/server/http';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import type { TypedInvoke } from '../../../electron/core/ipc/dispatch';
import { enrolWithServer, RemoteDesk } from '../../../electron/core/remote/desk';
import { deskCredential, headers, paths } from '../../../electron/core/server/protocol';
import type { Result } from '../../../electron/shared/result';
import { MANAGER, expectOk, tempDir } from '../support/core';
import { signedInCoreOn } from '../support/desk';
import type { EngineKind } from '../support/engines';

/**
 * A branch server for a test, on loopback: the manager's core on `kind` (its database open, as
 * `serve` opens it), behind HTTPS with a certificate of its own; and desks that call it over
 * real TLS, trusting only that certificate. Closed after each test.
 */

const servers: BranchServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** `core` (signed in as the manager, as `serve` opens it) served on loopback. */
export async function serveCore(core: { app: Visitdesk; invoke: TypedInvoke }) {
  const certificate = await loadOrCreateServerCertificate(tempDir(), new Date());
  const server = await startBranchServer({ app: core.app, invoke: core.invoke, certificate });
  servers.push(server);
  /** A desk enrolled as a desk's user does it: address, the manager's code, the fingerprint. */
  const remoteDesk = async (name: string) => {
    const { code } = expectOk(await core.invoke('desks:createCode', {}));
    const desk = new RemoteDesk(
      await enrolWithServer({
        address: server.url,
        fingerprint: certificate.fingerprint,
        code,
        name,
      }),
    );
    remotes.push(desk);
    return desk;
  };
  return { server, certificate, remoteDesk };
}

const remotes: RemoteDesk[] = [];
afterEach(() => {
  while (remotes.length) remotes.pop()!.close();
});

export async function branchServerOn(kind: EngineKind, options: { now?: () => Date } = {}) {
  const core = await signedInCoreOn(kind, options.now ? { now: options.now } : {});
  const { server, certificate } = await serveCore(core);
  const request = (
    method: string,
    path: string,
    body: unknown,
    extra: Record<string, string> = {},
  ) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>(
      (resolve, reject) => {
        const text = body === undefined ? '' : JSON.stringify(body);
        const req = https.request(
          `${server.url}${path}`,
          {
            method,
            ca: certificate.cert,
            agent: false,
            // The branch server is reached by address; the certificate is trusted as itself.
            checkServerIdentity: () => undefined,
            headers: { 'content-type': 'application/json', ...extra },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(text);
      },
    );

  /** A PC enrolled with a code the manager made just now. */
  const enrol = async (name: string) => {
    const { code } = expectOk(await core.invoke('desks:createCode', { minutes: 60 }));
    const answer = await request('POST', paths.enrol, { code, name });
    const { deskId, deskSecret } = expectOk(
      answer.body as Result<{ deskId: string; deskSecret: string }>,
    );
    return desk(deskId, deskSecret);
  };

  /** A desk: its credential, and the session token its last sign-in was given. */
  const desk = (deskId: string, deskSecret: string) => {
    let token = '';
    const self = {
      deskId,
      get token() {
        return token;
      },
      set token(value: string) {
        token = value;
      },
      raw: (channel: string, payload: unknown, withToken = token) =>
        request('POST', `${paths.callPrefix}${channel}`, payload, {
          [headers.desk]: deskCredential(deskId, deskSecret),
          ...(withToken ? { [headers.session]: withToken } : {}),
        }),
      call: async <T = unknown>(channel: string, payload: unknown = {}) =>
        (await self.raw(channel, payload)).body as Result<T>,
      signIn: async (username: string, passphrase: string) => {
        const answer = await self.raw('auth:signIn', { username, passphrase }, '');
        const given = answer.headers[headers.session];
        if (typeof given === 'string') token = given;
        return answer.body as Result<{ staffId: number; role: string }>;
      },
    };
    return self;
  };

  return { core, server, certificate, request, enrol, desk, manager: MANAGER };
}
