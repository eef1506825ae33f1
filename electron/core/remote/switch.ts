import fs from 'node:fs';
import { contract, mayCall, type EventName } from '../../shared/contract';
import { AppFailure, type Result } from '../../shared/result';
import { sessionSchema, type Session } from '../../shared/schemas/foundation';
import { connectInput, type DataLocation } from '../../shared/schemas/desks';
import { invalidInput } from '../../shared/validation';
import type { PlatformHandlerMap } from '../app/handler-types';
import { writePrivateFile } from '../app/private-file';
import { isChannel, type Invoke } from '../ipc/dispatch';
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
  /** The window's events: the server's `data:changed`, and `app:locked` when it ended a session. */
  emit: (event: EventName, payload: unknown) => void;
  log?: (message: string, error?: unknown) => void;
}

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
  const log = options.log ?? (() => {});

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
    stream?.close();
    stream = null;
  };

  /** The server's events for the signed-in staff member, forwarded to the window. */
  const startEvents = (desk: RemoteDesk) => {
    stopEvents();
    const opened = desk.events((name, data) => {
      if (name === 'data:changed' || name === 'job:progress') options.emit(name, data);
    });
    stream = opened;
    opened.closed.catch((error: unknown) => {
      if (stream === opened) log('the branch server’s events stopped', error);
    });
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
  const platformCall = async (channel: string, payload: unknown): Promise<Result<unknown>> => {
    const spec = contract[channel as keyof typeof contract];
    if (spec.access !== 'public') {
      if (!session) {
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'sign in first' } };
      }
      if (!mayCall(session.role, channel as keyof typeof contract)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: `role ${session.role} may not call ${channel}` },
        };
      }
    }
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      return invalidInput(parsed.error);
    }
    const handler = (options.platform as Record<string, unknown>)[channel] as
      ((input: unknown, ctx: unknown) => Promise<unknown>) | undefined;
    if (!handler) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `${channel} is not available here` },
      };
    }
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
    if (channel === 'auth:signIn' && result.ok) {
      session = sessionSchema.parse(result.data);
      startEvents(remote);
    } else if (channel === 'auth:signOut') {
      session = null;
      stopEvents();
    } else if (!result.ok && result.error.code === 'UNAUTHENTICATED' && session) {
      // The server ended the session (its idle lock, a restart, a revoked desk): the window
      // goes back to the sign-in screen, as when this PC locks itself.
      session = null;
      stopEvents();
      options.emit('app:locked', { reason: 'idle' });
    }
    return result;
  };

  return {
    invoke,
    location,
    close() {
      stopEvents();
      remote?.close();
    },
  };
}
