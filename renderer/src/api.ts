import type {
  Bridge,
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
} from '../../electron/shared/contract';
import type { AppError, Result } from '../../electron/shared/result';

declare global {
  interface Window {
    visitdesk: Bridge;
  }
}

/** A failed call, carrying the envelope's code, message and field errors. */
export class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.error = error;
  }
}

/** Calls a contract channel; resolves with its data or rejects with an ApiError. */
export async function call<C extends Channel>(
  channel: C,
  ...input: undefined extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  const result = (await window.visitdesk[channel](input[0] ?? {})) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new ApiError(result.error);
  return result.data;
}

/**
 * `call` for code that is generic over the channel (the read and write hooks): they type the
 * input against the same channel, which `call`'s per-channel signature cannot see through.
 */
export const callChannel = call as (channel: Channel, input?: unknown) => Promise<unknown>;

export function onEvent(event: EventName, listener: (payload: unknown) => void): () => void {
  return window.visitdesk.on(event, listener);
}
