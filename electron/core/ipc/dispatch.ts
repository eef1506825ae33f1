import { contract, mayCall, type Channel, type ChannelOutput } from '../../shared/contract';
import { AppFailure, type AppError, type Result } from '../../shared/result';
import type { Role } from '../../shared/roles';
import { invalidInput } from '../../shared/validation';
import type { HandlerMap, PlatformHandlerMap } from '../app/handler-types';
import type { Visitdesk } from '../app/visitdesk';
import { translateOpenError } from '../db/open';

export type Invoke = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/** The same dispatcher, typed by channel for direct callers (CLI, tests, benchmarks). */
export type TypedInvoke = <C extends string>(
  channel: C,
  payload: unknown,
) => Promise<Result<C extends Channel ? ChannelOutput<C> : unknown>>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Parses the payload with the channel's schema, checks who may call it, runs the handler and
 * wraps the answer in the result envelope. Transport-free: Electron IPC, the CLI and the E2E
 * bridge all call this.
 */
export function createDispatcher(
  app: Visitdesk,
  handlers: HandlerMap,
  platform: Partial<PlatformHandlerMap> = {},
): Invoke {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `unknown channel ${channel}` },
      };
    }
    const spec = contract[channel];
    // Who may call it comes first: a signed-out or unpermitted caller learns nothing about
    // the payload the channel expects.
    if (spec.access !== 'public') {
      if (await app.idleExpired()) app.lock('idle');
      const refusal = accessRefusal(channel, app.session);
      if (refusal) {
        if (refusal.code === 'FORBIDDEN') {
          await auditRefusal(app, channel, app.session!.role, spec.access);
        }
        return { ok: false, error: refusal };
      }
      app.touch();
    }
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      return invalidInput(parsed.error);
    }
    try {
      const table = { ...handlers, ...platform } as Record<string, unknown>;
      const handler = table[channel] as ((input: unknown, ctx: unknown) => unknown) | undefined;
      if (!handler) return unavailable(channel);
      const data = await handler(parsed.data, { app, session: app.session });
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: toAppError(error, app) };
    }
  };
}

/**
 * Why `session` may not call `channel`: nobody signed in, or a role without the channel's
 * permission; null when it may (a public channel always may). The dispatcher and a server
 * desk's own channels (remote/switch.ts) decide by this one rule.
 */
export function accessRefusal(channel: Channel, session: { role: Role } | null): AppError | null {
  if (contract[channel].access === 'public') return null;
  if (!session) return { code: 'UNAUTHENTICATED', message: 'sign in first' };
  if (!mayCall(session.role, channel)) {
    return { code: 'FORBIDDEN', message: `role ${session.role} may not call ${channel}` };
  }
  return null;
}

/** A channel of the contract no handler here answers (a host channel on a CLI, say). */
export function unavailable(channel: string): Result<never> {
  return {
    ok: false,
    error: { code: 'UNKNOWN_CHANNEL', message: `${channel} is not available here` },
  };
}

/**
 * A signed-in caller tried a channel beyond their role. The screens hide what a role may not
 * do, so this is the command line, a script, a tampered page or a screen's bug: the auditor
 * sees each one. The refusal stands even when its row cannot be written (another process
 * holds the write lock).
 */
async function auditRefusal(
  app: Visitdesk,
  channel: string,
  role: string,
  permission: string,
): Promise<void> {
  try {
    await app.write((tx) =>
      app.record(tx, {
        action: 'access.refused',
        entity: 'channel',
        entityId: channel,
        success: false,
        after: { role, permission },
      }),
    );
  } catch (error) {
    app.log('refusal not audited', error);
  }
}

function toAppError(error: unknown, app: Visitdesk) {
  if (error instanceof AppFailure) return error.toError();
  const translated = translateOpenError(error, app.files.db);
  if (translated instanceof AppFailure) return translated.toError();
  app.log('unexpected error', error);
  return { code: 'INTERNAL' as const, message: 'internal error; nothing was saved' };
}
