import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelsFor, type Channel } from '../../shared/contract';
import type { AppState } from '../../shared/schemas/foundation';
import { enrolInput } from '../../shared/schemas/desks';
import { signInInput } from '../../shared/schemas/foundation';
import { AppFailure, type AppError, type Result } from '../../shared/result';
import { invalidInput } from '../../shared/validation';
import { refuseWhileThrottled } from '../auth/guard';
import { SignInThrottle } from '../auth/throttle';
import { callers, currentCaller, type Caller } from '../app/caller';
import type { Visitdesk } from '../app/visitdesk';
import { checkDesk, enrolDesk } from '../desks/service';
import { isChannel, type Invoke } from '../ipc/dispatch';
import { MAX_BODY_BYTES, PROTOCOL_VERSION, headers, parseDeskCredential, paths } from './protocol';
import { ServerSessions } from './sessions';

/**
 * The branch server's HTTPS endpoint (issue 20): the same dispatcher as Electron's IPC, the CLI
 * and the end-to-end bridge, behind TLS on the branch network. Each call is run inside its
 * caller's scope (app/caller.ts), so the dispatcher's role check, the handlers and the audit see
 * the staff member and desk of that request; no handler is written twice.
 *
 * Every request but `hello` and `enrol` must come from an enrolled, unrevoked desk (its id and
 * secret in the desk header), checked against the database on each request, so a revocation
 * cuts a desk off at its next call.
 */

/** Channels that change this PC's setup or its key: done on the server itself, never by a desk. */
const serverOnly: ReadonlySet<string> = new Set([
  'auth:setup',
  'auth:recover',
  'auth:restoreLatestBackup',
  'keys:rotate',
]);

export interface BranchServerOptions {
  app: Visitdesk;
  invoke: Invoke;
  certificate: { key: string; cert: string };
  host?: string;
  port?: number;
}

export interface BranchServer {
  readonly port: number;
  readonly url: string;
  readonly sessions: ServerSessions;
  close(): Promise<void>;
}

/** How often an open event stream gets a comment, so nothing between closes it as idle. */
const KEEP_ALIVE_MS = 25_000;

const failure = (code: AppError['code'], message: string, extra: Partial<AppError> = {}) =>
  ({ ok: false, error: { code, message, ...extra } }) as const;

/** HTTP statuses for refusals that happen before the dispatcher (whose answers are all 200). */
const statusOf: Partial<Record<AppError['code'], number>> = {
  DESK_NOT_ENROLLED: 401,
  DESK_REVOKED: 403,
  THROTTLED: 429,
  VALIDATION: 400,
  UNKNOWN_CHANNEL: 404,
};

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** The request's JSON body, refused past MAX_BODY_BYTES or when it is not JSON. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AppFailure('VALIDATION', 'the request is too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppFailure('VALIDATION', 'the request body is not JSON');
  }
}

export async function startBranchServer(options: BranchServerOptions): Promise<BranchServer> {
  const { app, invoke } = options;
  const sessions = new ServerSessions(app);
  /** host:port the server listens on, for the desks' screens (set once it listens). */
  let label = '';
  /** Enrolment attempts per network address: codes are short enough to need a brake. */
  const enrolThrottle = new SignInThrottle(() => app.now().getTime());

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://server');
    if (req.method === 'GET' && url.pathname === paths.hello) {
      send(res, 200, { app: 'visitdesk', protocol: PROTOCOL_VERSION });
      return;
    }
    if (req.method === 'POST' && url.pathname === paths.enrol) {
      await enrol(req, res);
      return;
    }
    if (req.method === 'GET' && url.pathname === paths.events) {
      await events(req, res);
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith(paths.callPrefix)) {
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(paths.callPrefix.length));
      } catch {
        channel = '';
      }
      await call(channel, req, res);
      return;
    }
    send(res, 404, failure('UNKNOWN_CHANNEL', 'no such address on the branch server'));
  };

  const enrol = async (req: IncomingMessage, res: ServerResponse) => {
    const where = `address:${req.socket.remoteAddress ?? 'unknown'}`;
    refuseWhileThrottled(enrolThrottle, where);
    const parsed = enrolInput.safeParse(await readJson(req));
    if (!parsed.success) {
      send(res, 400, invalidInput(parsed.error));
      return;
    }
    try {
      const desk = await enrolDesk(app, parsed.data.code, parsed.data.name);
      enrolThrottle.succeed(where);
      send(res, 200, { ok: true, data: desk });
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'DESK_NOT_ENROLLED') {
        enrolThrottle.fail(where);
        await sessions.auditRefusal(null, 'desks.enrolRefused', {
          address: req.socket.remoteAddress ?? null,
        });
      }
      throw error;
    }
  };

  /** Each signed-in desk's open event stream (`GET /v1/events`). */
  const streams = new Set<{ caller: Caller; res: ServerResponse }>();

  /** One event to one stream; a stream already ended or gone is skipped, never thrown about. */
  const sendEvent = (res: ServerResponse, name: string, data: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  /** Tells every open stream that `deskId` changed the branch's data through `channel`. */
  const changed = (channel: string, deskId: string) => {
    for (const stream of streams) sendEvent(stream.res, 'data:changed', { channel, deskId });
  };

  // A job's progress goes to the streams of the session whose call started it (app/jobs.ts
  // tells it in that call's context), never to another desk.
  const stopListening = app.listen((event, payload) => {
    if (event !== 'job:progress') return;
    const session = currentCaller()?.session;
    if (!session) return;
    for (const stream of streams) {
      if (stream.caller.session === session) sendEvent(stream.res, event, payload);
    }
  });

  // A session that ends closes its stream: its desk must sign in again to hear more.
  sessions.onEnded((caller) => {
    for (const stream of streams) {
      if (stream.caller !== caller) continue;
      streams.delete(stream);
      stream.res.end();
    }
  });

  const events = async (req: IncomingMessage, res: ServerResponse) => {
    const deskId = await deskOf(req);
    const token = req.headers[headers.session];
    const caller = typeof token === 'string' ? await sessions.resolve(token, deskId) : null;
    if (!caller?.session) {
      send(res, 401, failure('UNAUTHENTICATED', 'sign in first'));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const stream = { caller, res };
    streams.add(stream);
    // A comment now and then keeps the connection through idle timeouts on the way.
    const keepAlive = setInterval(() => {
      if (!res.writableEnded && !res.destroyed) res.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(stream);
    });
  };

  /** The desk a request comes from, or a refusal (audited when the desk is known). */
  const deskOf = async (req: IncomingMessage): Promise<string> => {
    const credential = parseDeskCredential(req.headers[headers.desk] as string | undefined);
    if (!credential) {
      throw new AppFailure('DESK_NOT_ENROLLED', 'this PC is not enrolled with the branch server');
    }
    try {
      return (await checkDesk(app.engine.db, credential.deskId, credential.deskSecret)).id;
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'DESK_REVOKED') {
        await sessions.auditRefusal(credential.deskId, 'desks.revokedCall', {});
      }
      throw error;
    }
  };

  const call = async (channel: string, req: IncomingMessage, res: ServerResponse) => {
    const deskId = await deskOf(req);
    const payload = await readJson(req);
    const token = req.headers[headers.session];
    const caller =
      (typeof token === 'string' && token !== '' ? await sessions.resolve(token, deskId) : null) ??
      sessions.signedOut(deskId);
    if (serverOnly.has(channel)) {
      send(
        res,
        200,
        failure('NOT_ON_SERVER', `${channel} is done on the branch server itself, not from a desk`),
      );
      return;
    }
    if (channel === 'auth:signIn') {
      const input = signInInput.safeParse(payload);
      if (!input.success) {
        send(res, 200, invalidInput(input.error));
        return;
      }
      const signedIn = await sessions.signIn(deskId, input.data.username, input.data.passphrase);
      send(
        res,
        200,
        { ok: true, data: signedIn.caller.session },
        { [headers.session]: signedIn.token },
      );
      return;
    }
    if (channel === 'auth:signOut') {
      caller.end('signOut');
      send(res, 200, { ok: true, data: null });
      return;
    }
    if (channel === 'auth:state') {
      send(res, 200, { ok: true, data: await stateFor(app, caller, label) });
      return;
    }
    const request = forRequest(caller);
    const result: Result<unknown> = await callers.run(request, () => invoke(channel, payload));
    if (result.ok && channel === 'desks:revoke') {
      sessions.endDesk((result.data as { id: string }).id);
    }
    if (result.ok && request.changed) changed(channel, deskId);
    send(res, isChannel(channel) ? 200 : 404, result);
  };

  const server = https.createServer(
    { key: options.certificate.key, cert: options.certificate.cert, minVersion: 'TLSv1.2' },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        const known = error instanceof AppFailure ? error : null;
        if (!known) app.log('branch server: unexpected error', error);
        const body = known
          ? { ok: false, error: known.toError() }
          : failure('INTERNAL', 'internal error; nothing was saved');
        if (!res.headersSent) send(res, statusOf[body.error.code] ?? 200, body);
        else res.destroy();
      });
    },
  );
  // Requests are small and answered at once; a client that stops midway is let go. Event
  // streams stay open: their requests have ended (GET, no body), so no timeout applies.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  label = `${host}:${port}`;
  return {
    port,
    url: `https://${host}:${port}`,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        stopListening();
        for (const stream of streams) stream.res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The caller as one request sees it: the session's own values, read through, and a `changed`
 * flag of the request's own, so a desk's reads running beside its writes are not reported as
 * changes.
 */
function forRequest(caller: Caller): Caller {
  return {
    get session() {
      return caller.session;
    },
    get deskId() {
      return caller.deskId;
    },
    get signer() {
      return caller.signer;
    },
    get printJobs() {
      return caller.printJobs;
    },
    get lastActivity() {
      return caller.lastActivity;
    },
    set lastActivity(at: number) {
      caller.lastActivity = at;
    },
    end: (reason) => caller.end(reason),
    changed: false,
  };
}

/** What a desk's window is told of the app: the branch, signed in or not, as this caller. */
async function stateFor(app: Visitdesk, caller: Caller, label: string): Promise<AppState> {
  // A desk's window is told its data is on the branch server, and where (the server's own
  // database, whichever engine, is the server's business), so it offers nothing that is the
  // server's to do (backups, key rotation).
  const base = { ...(await app.state()), server: label, branchServer: true };
  const session = caller.session;
  if (!session) {
    return {
      ...base,
      phase: 'locked',
      session: null,
      allowed: [],
      settings: null,
      branchName: null,
      problem: null,
      uncleanShutdown: false,
    };
  }
  return {
    ...base,
    phase: 'unlocked',
    session,
    allowed: channelsFor(session.role) as Channel[],
    problem: null,
    uncleanShutdown: false,
  };
}
