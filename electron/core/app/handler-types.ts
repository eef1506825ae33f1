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

/** Channels the core handles (every channel not marked `platform`). */
export type CoreChannel = {
  [K in Channel]: Contract[K] extends { platform: true } ? never : K;
}[Channel];
/** Channels the host handles: Electron main, or the end-to-end harness. */
export type PlatformChannel = Exclude<Channel, CoreChannel>;

export type HandlerMap<C extends Channel = CoreChannel> = { [K in C]: Handler<K> };
export type PlatformHandlerMap = HandlerMap<PlatformChannel>;

/**
 * A feature's handlers: exactly the core channels its channel file declares (`typeof
 * caseChannels`), so a missing handler, or one for a channel the feature does not declare,
 * does not compile. The one way each feature's map is typed.
 */
export type FeatureHandlers<Channels> = HandlerMap<Extract<keyof Channels, CoreChannel>>;

export function requireSession(ctx: HandlerContext): Session {
  if (!ctx.session) throw new Error('handler needs a session');
  return ctx.session;
}
