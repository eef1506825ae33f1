import type https from 'node:https';
import { z } from 'zod';
import { AppFailure, errorCodes, type Result } from '../../shared/result';
import { deskCredential, headers, paths } from '../server/protocol';
import {
  fetchPinnedCertificate,
  openEventStream,
  pinnedAgent,
  requestJson,
  type EventStream,
} from './pinned';

/**
 * A desk whose data is on the branch server (issue 20): the same `invoke(channel, payload)` as
 * the in-process dispatcher, answered by the server over HTTPS, so whatever called the local
 * dispatcher (Electron main's IPC, the CLI, tests) can call this instead and the renderer does
 * not change.
 *
 * Nothing is queued: a call the server did not answer comes back as SERVER_UNREACHABLE, with
 * whether the request had been sent (a write may then have happened), for the screen to say so
 * and keep what was typed.
 */

/** What a desk keeps after enrolling: where the server is, its pinned certificate, its own id. */
export const deskConnection = z.object({
  address: z.url({ protocol: /^https$/ }),
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  certificate: z.string().includes('BEGIN CERTIFICATE'),
  deskId: z.uuid(),
  /** The name this PC was enrolled under (the manager's list shows it). */
  name: z.string().min(1).max(60),
  deskSecret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type DeskConnection = z.infer<typeof deskConnection>;

const envelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
]);

/** A fingerprint as the desk keeps it, whatever way its user typed it. */
function canonicalFingerprint(typed: string): string {
  const hex = typed.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

/**
 * Enrols this PC with the server at `address`: the certificate is fetched and its fingerprint
 * compared with the one the manager read out before anything is sent (pinned.ts), then the
 * one-time code is exchanged for the desk's id and secret.
 */
export async function enrolWithServer(input: {
  address: string;
  fingerprint: string;
  code: string;
  name: string;
}): Promise<DeskConnection> {
  const fingerprint = canonicalFingerprint(input.fingerprint);
  const certificate = await fetchPinnedCertificate(input.address, fingerprint);
  const agent = pinnedAgent(certificate, fingerprint);
  try {
    const answer = await requestJson(agent, input.address, {
      method: 'POST',
      path: paths.enrol,
      body: { code: input.code, name: input.name },
    });
    const result = envelope.parse(answer.body);
    if (!result.ok) {
      throw new AppFailure(result.error.code, result.error.message, {
        ...(result.error.fields ? { fields: result.error.fields } : {}),
      });
    }
    const given = z.object({ deskId: z.string(), deskSecret: z.string() }).parse(result.data);
    return deskConnection.parse({
      address: new URL(input.address).origin,
      fingerprint,
      certificate,
      name: input.name.trim(),
      ...given,
    });
  } finally {
    agent.destroy();
  }
}

export class RemoteDesk {
  private readonly agent: https.Agent;
  private token = '';

  constructor(private readonly connection: DeskConnection) {
    this.agent = pinnedAgent(connection.certificate, connection.fingerprint);
  }

  private headers(): Record<string, string> {
    return {
      [headers.desk]: deskCredential(this.connection.deskId, this.connection.deskSecret),
      ...(this.token ? { [headers.session]: this.token } : {}),
    };
  }

  /** One contract call on the server: the dispatcher's answer, or why there was none. */
  async invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    let answer;
    try {
      answer = await requestJson(this.agent, this.connection.address, {
        method: 'POST',
        path: `${paths.callPrefix}${encodeURIComponent(channel)}`,
        headers: this.headers(),
        body: payload ?? {},
      });
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.toError() };
      throw error;
    }
    const parsed = envelope.safeParse(answer.body);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'the branch server gave an answer this desk cannot read',
        },
      };
    }
    const result = parsed.data as Result<unknown>;
    if (channel === 'auth:signIn' && result.ok) {
      const token = answer.headers[headers.session];
      this.token = typeof token === 'string' ? token : '';
    }
    // Signed out here or there (sign-out, the idle lock, a revoked desk, a restarted server):
    // the token is of no more use.
    if (channel === 'auth:signOut' || (!result.ok && result.error.code === 'UNAUTHENTICATED')) {
      this.token = '';
    }
    return result;
  }

  /** The server no longer knows this desk's session (its event stream was refused): dropped. */
  forgetSession(): void {
    this.token = '';
  }

  /** Whether a staff member is signed in from this desk (as far as the desk knows). */
  get signedIn(): boolean {
    return this.token !== '';
  }

  /**
   * The server's events for this desk's session (`data:changed` from the other desks).
   * `onOpen` hears that the server accepted the stream; `idleTimeoutMs` counts a stream silent
   * that long (the server sends a keep-alive every 25 s) as lost (pinned.ts).
   */
  events(
    onEvent: (name: string, data: unknown) => void,
    options: { onOpen?: () => void; idleTimeoutMs?: number } = {},
  ): EventStream {
    return openEventStream(
      this.agent,
      this.connection.address,
      paths.events,
      this.headers(),
      onEvent,
      options,
    );
  }

  close(): void {
    this.agent.destroy();
  }
}
