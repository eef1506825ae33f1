import type { z } from 'zod';
import type { Channel, Contract } from '../../shared/contract';
import type { Session } from '../../shared/schemas/foundation';
import type { Visitdesk } from './visitdesk';

export interface HandlerContext {
  app: Visitdesk;
  /** Null only on public channels. */
  session: Session | null;
}

export type Handler<C extends Channel> = (
  input: z.output<Contract[C]['input']>,
  ctx: HandlerContext,
) => z.input<Contract[C]['output']> | Promise<z.input<Contract[C]['output']>>;

export type HandlerMap<C extends Channel = Channel> = { [K in C]: Handler<K> };

/** Merges per-domain handler maps; a channel handled twice is a programming error. */
export function mergeHandlers(...maps: Partial<HandlerMap>[]): Partial<HandlerMap> {
  const merged: Partial<HandlerMap> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in merged) throw new Error(`channel ${name} has two handlers`);
      (merged as Record<string, unknown>)[name] = handler;
    }
  }
  return merged;
}

export function requireSession(ctx: HandlerContext): Session {
  if (!ctx.session) throw new Error('handler needs a session');
  return ctx.session;
}
