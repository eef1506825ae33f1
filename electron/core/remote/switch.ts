import fs from 'node:fs';
import { contract, type Channel, type EventName, type ServerStatus } from '../../shared/contract';
import { AppFailure, type Result } from '../../shared/result';
import { sessionSchema, type Session } from '../../shared/schemas/foundation';
import { connectInput, type DataLocation } from '../../shared/schemas/desks';
import { invalidInput } from '../../shared/validation';
import type { PlatformHandlerMap } from '../app/handler-types';
import { writePrivateFile } from '../app/private-file';
import { accessRefusal, isChannel, unavailable, type Invoke } from '../ipc/dispatch';
import { deskConnection, enrolWithServer, RemoteDesk, type DeskConnection } from './desk';
import type { EventStream } from './pinned';

/**
 * What a desk's window calls (Electron main's IPC, the end-to-end bridge): this PC's own
 * dispatcher, or, once the PC has joined the branch server, the server (remote/desk.ts), with
 * the host's own channels (printing) still run here. Where the data lives is decided by the
 * desk's connection file: present, the server; absent, this PC.
 *
 * The connection file holds the desk's secret: it is written owner-only (0600), beside the
 * key file, and read again at each start; whoever can read it can act as this desk until the
 * manager revokes it, but still needs a staff member's passphrase to sign in.
 *
 * While a staff member is signed in, the server's events (`data:changed`, a job's progress)
 * come over one stream. When it ends without this side closing it (the server restarted or
 * stopped, the network dropped), it is opened again after a wait that grows from 0.5 s to 10 s;
 * once it is open again the window hears `data:changed`, so its live views read what they
 * missed. A restarted server has forgotten the session: the stream is refused, and the window
 * goes back to sign-in (`app:locked`), as when a call is refused. The window also hears
 * whether the server can be reached (`desks:status`), when that changes: nothing is queued
 * meanwhile, and the screen says so.
 */

export interface SwitchableDeskOptions {
  /** This PC's own dispatcher, its platform handlers included. */
  local: Invoke;
  /** The host's platform handlers (printing), run here in either mode. */
  platform: Partial<PlatformHandlerMap>;
  /** `branch-server.json` in the data folder. */
  connectionFile: string;
  /** Whether this PC has a database of its own (a PC with data of its own does not join). */
  hasLocalData: () => boolean;
  /**
   * The window's events: the server's `data:changed` (and one after the event stream was
   * reopened), `app:locked` when it ended a session, `desks:status` when it could or could no
   * longer be reached.
   */
  emit: (event: EventName, payload: unknown) => void;
  log?: (message: string, error?: unknown) => void;
  /** The waits between tries to reach the server; the system clock unless a test drives it. */
  clock?: Partial<ReconnectClock>;
}

/** What the waits between tries (the event stream reopened, the server asked) are timed with. */
export interface ReconnectClock {
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** 0 ≤ x < 1, for the jitter. */
  random: () => number;
  /** Milliseconds, for how long a stream stayed open. */
  now: () => number;
}

const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 10_000;
/**
 * A stream this silent is counted as lost: the server writes a keep-alive every 25 s, and a
 * connection cut without a word (a cable, a sleeping PC) would otherwise look open for ever.
 */
const STREAM_SILENT_MS = 60_000;

/**
 * The wait before the `attempt`th reopening in a row (1, 2, …): 0.5 s, doubled each time, at
 * most 10 s, less a random part of up to half of it, so desks that lost the server together do
 * not all come back at the same moment: 250-500 ms, 0.5-1 s, 1-2 s, 2-4 s, 4-8 s, then 5-10 s.
 */
export function reconnectWait(attempt: number, random: number): number {
  const base = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (attempt - 1));
  return Math.round(base / 2 + (random * base) / 2);
}

/** Refusals of the event stream that no later try can change (the sign-in is dealt with apart). */
const DESK_REFUSED = new Set(['DESK_REVOKED', 'DESK_NOT_ENROLLED']);

export interface SwitchableDesk {
  invoke: Invoke;
  location(): DataLocation;
  close(): void;
}

function readConnection(file: string): DeskConnection | null {
  if (!fs.existsSync(file)) return null;
  return deskConnection.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function createSwitchableDesk(options: SwitchableDeskOptions): SwitchableDesk {
  let connection = readConnection(options.connectionFile);
  let remote = connection ? new RemoteDesk(connection) : null;
  let session: Session | null = null;
  let stream: EventStream | null = null;
  /** The wait before the next try (the stream opened again, or the server asked), if any. */
  let retry: { timer: unknown } | null = null;
  /** Tries since the server last answered or the stream stayed open for a while. */
  let attempts = 0;
  /** When the current stream was accepted by the server; null before. */
  let openedAt: number | null = null;
  /** As far as this desk knows; the window is told of each change. */
  let reachable = true;
  let closed = false;
  const log = options.log ?? (() => {});
  const clock: ReconnectClock = {
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    random: Math.random,
    now: Date.now,
    ...options.clock,
  };

  const location = (): DataLocation =>
    connection
      ? {
          kind: 'branchServer',
          address: connection.address,
          fingerprint: connection.fingerprint,
          deskId: connection.deskId,
          deskName: connection.name,
        }
      : { kind: 'thisPc' };

  const stopEvents = () => {
    openedAt = null;
    const open = stream;
    stream = null;
    open?.close();
  };

  const stopRetrying = () => {
    if (retry) clock.clearTimer(retry.timer);
    retry = null;
    attempts = 0;
  };

  /** The server's events for the signed-in staff member, forwarded to the window. */
  const startEvents = (desk: RemoteDesk) => {
    stopEvents();
    stopRetrying();
    listen(desk, false);
  };

  /** The next try, after a wait that grows with each one (none if one is already waiting). */
  const tryLater = () => {
    if (retry || closed || !remote) return;
    attempts += 1;
    const timer = clock.setTimer(
      () => {
        if (retry?.timer !== timer) return;
        retry = null;
        tryNow();
      },
      reconnectWait(attempts, clock.random()),
    );
    retry = { timer };
  };

  /**
   * Signed in, the stream is opened again (its answer says whether the server is back); signed
   * out, or with the stream open while a call could not get through, the server is asked its
   * state, which costs it nothing.
   */
  const tryNow = () => {
    const desk = remote;
    if (!desk || closed) return;
    if (session && !stream) {
      listen(desk, true);
      return;
    }
    if (reachable) return;
    desk.invoke('auth:state', {}).then(
      (result) => {
        if (closed) return;
        if (!result.ok && result.error.code === 'SERVER_UNREACHABLE') tryLater();
        else setReachable(true);
      },
      (error: unknown) => {
        log('asking the branch server its state failed', error);
        tryLater();
      },
    );
  };

  /** The server answered, or could not be reached: the window hears of a change. */
  const setReachable = (now: boolean) => {
    if (now === reachable) return;
    reachable = now;
    options.emit('desks:status', { reachable: now } satisfies ServerStatus);
    if (!now) {
      tryLater();
      return;
    }
    // Back: whatever was waiting for the next try is tried now.
    const waiting = retry !== null;
    stopRetrying();
    if (waiting) tryNow();
  };

  /** Opens the stream; `reopening` after it was lost, so the window reads what it missed. */
  const listen = (desk: RemoteDesk, reopening: boolean) => {
    openedAt = null;
    const opened = desk.events(
      (name, data) => {
        if (name === 'data:changed' || name === 'job:progress') options.emit(name, data);
      },
      {
        idleTimeoutMs: STREAM_SILENT_MS,
        onOpen: () => {
          if (stream !== opened) return;
          openedAt = clock.now();
          setReachable(true);
          if (reopening) options.emit('data:changed', { channel: null, deskId: null });
        },
      },
    );
    stream = opened;
    opened.closed.then(
      () => {
        if (stream === opened) lost(desk, null);
      },
      (error: unknown) => {
        if (stream === opened) lost(desk, error);
      },
    );
  };

  /**
   * The server no longer knows the session (its idle lock, a restart, a revoked desk), as a
   * call's answer or the refused stream said: the window goes back to the sign-in screen, as
   * when this PC locks itself.
   */
  const sessionEnded = () => {
    if (!session) return;
    session = null;
    stopEvents();
    options.emit('app:locked', { reason: 'serverEnded' });
  };

  /** The stream ended without this side closing it: opened again after a wait, if it may be. */
  const lost = (desk: RemoteDesk, error: unknown) => {
    const openFor = openedAt === null ? null : clock.now() - openedAt;
    stream = null;
    openedAt = null;
    const code = error instanceof AppFailure ? error.code : null;
    if (code === 'UNAUTHENTICATED') {
      // The server no longer knows the session (restarted, idle lock, signed out elsewhere).
      setReachable(true);
      desk.forgetSession();
      sessionEnded();
      return;
    }
    if (code !== null && DESK_REFUSED.has(code)) {
      setReachable(true);
      log('the branch server refused this desk’s events', error);
      return;
    }
    if (error !== null && code !== 'SERVER_UNREACHABLE') {
      log('the branch server’s events stopped', error);
    }
    // A stream that had stayed open a while starts the waits again from the shortest; one that
    // keeps ending as soon as it opens does not bring the window's reads every half second.
    if (openFor !== null && openFor >= LONGEST_WAIT_MS) attempts = 0;
    // A stream that was open ends when the server stops or the connection drops: tried again
    // soon; a try that finds no server says the server cannot be reached.
    if (code === 'SERVER_UNREACHABLE' && openFor === null) setReachable(false);
    if (session) tryLater();
  };

  const connect = async (payload: unknown): Promise<Result<unknown>> => {
    const parsed = connectInput.safeParse(payload);
    if (!parsed.success) {
      return invalidInput(parsed.error);
    }
    if (connection || options.hasLocalData()) {
      return {
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'this PC keeps its own data; it cannot also join a branch server',
        },
      };
    }
    try {
      const made = await enrolWithServer(parsed.data);
      writePrivateFile(options.connectionFile, JSON.stringify(made, null, 2));
      connection = made;
      remote = new RemoteDesk(made);
      return { ok: true, data: location() };
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.toError() };
      throw error;
    }
  };

  /** A host channel on a server desk: its access checked against the server's sign-in here. */
  const platformCall = async (channel: Channel, payload: unknown): Promise<Result<unknown>> => {
    const refusal = accessRefusal(channel, session);
    if (refusal) return { ok: false, error: refusal };
    const parsed = contract[channel].input.safeParse(payload);
    if (!parsed.success) {
      return invalidInput(parsed.error);
    }
    const handler = (options.platform as Record<string, unknown>)[channel] as
      ((input: unknown, ctx: unknown) => Promise<unknown>) | undefined;
    if (!handler) return unavailable(channel);
    try {
      return { ok: true, data: await handler(parsed.data, { session }) };
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.toError() };
      log('unexpected error', error);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'internal error; nothing was saved' },
      };
    }
  };

  const invoke: Invoke = async (channel, payload) => {
    if (channel === 'desks:location') return { ok: true, data: location() };
    if (channel === 'desks:connect') return connect(payload);
    if (!remote) return options.local(channel, payload);
    if (isChannel(channel) && 'platform' in contract[channel])
      return platformCall(channel, payload);
    const result = await remote.invoke(channel, payload);
    if (closed) return result;
    if (channel === 'auth:signIn' && result.ok) {
      session = sessionSchema.parse(result.data);
      startEvents(remote);
    } else if (channel === 'auth:signOut') {
      session = null;
      stopEvents();
    } else if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
      sessionEnded();
    }
    if (!result.ok && result.error.code === 'SERVER_UNREACHABLE') setReachable(false);
    else if (result.ok || result.error.code !== 'SERVER_CERT_MISMATCH') setReachable(true);
    return result;
  };

  return {
    invoke,
    location,
    close() {
      closed = true;
      stopRetrying();
      stopEvents();
      remote?.close();
    },
  };
}
