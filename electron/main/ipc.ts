import { channelNames } from '../shared/contract';
import type { Result } from '../shared/result';

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcEventLike, payload: unknown) => Promise<unknown>,
  ): void;
}

export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

export type Invoke = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * Registers every contract channel through one function: the sender frame's URL is checked
 * before anything else, then the dispatcher parses, checks the role and calls the core.
 */
export function registerChannels(
  ipcMain: IpcMainLike,
  invoke: Invoke,
  isTrustedSender: (url: string) => boolean,
  channels: readonly string[] = channelNames,
): Set<string> {
  const registered = new Set<string>();
  for (const channel of channels) {
    if (registered.has(channel)) throw new Error(`channel ${channel} registered twice`);
    registered.add(channel);
    ipcMain.handle(channel, async (event, payload) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) {
        return { ok: false, error: { code: 'UNTRUSTED_SENDER', message: 'untrusted sender' } };
      }
      return invoke(channel, payload);
    });
  }
  return registered;
}
