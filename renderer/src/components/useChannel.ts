import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/shared/contract';
import { callChannel, onEvent } from '../api';
import { errorMessage } from './error-text';
import { useToast } from './Toasts';

/** How a screen tells a failed read: a toast, in place (`failure`), or not at all. */
export type ReadFailure = 'toast' | 'inline' | 'quiet';

export interface ChannelOptions<T> {
  /**
   * 'toast' (the default) for a screen's data, which keeps showing what it had; 'inline' when
   * the screen shows the failure in place of what it could not load; 'quiet' for a helper that
   * simply shows nothing (a suggestion list, a hint). Inline and quiet drop the data to null.
   */
  failure?: ReadFailure;
  /**
   * The failure in words, when the code's text is not the whole story; null when the screen
   * shows it another way (a "not found" page, from `error`).
   */
  explain?: (error: unknown, t: TFunction) => string | null;
  /** Ask again when this changes (a counter bumped after every change elsewhere). */
  version?: string | number | null;
  /**
   * What identifies the input, when comparing its text on every render would cost too much (a
   * file's bytes): the input is then asked about when this key changes, not its text.
   */
  inputKey?: string;
  /** Wait for a pause in typing before asking: one call per pause, not per key. */
  pauseMs?: number;
  /** Each answer as it arrives, e.g. to fill a form with it. */
  onData?: (data: T) => void;
  /**
   * An answer already asked for (by the entry, while the app's code loaded): the first request
   * takes it instead of asking again, and asks itself only if it failed.
   */
  first?: Promise<T> | null;
  /**
   * That answer, when it has already come: the first render has it as its data and nothing is
   * asked (the first input's answer; a later input asks as usual).
   */
  firstData?: T | null;
  /**
   * Ask again when another desk changed the branch's data (`data:changed` from the branch
   * server): a burst of changes is one request, and a request under way is never doubled, only
   * followed by one more. Off by default: a form filled from its read must not be reset while
   * someone types in it.
   */
  live?: boolean;
}

/** How long a live read gathers other desks' changes before it asks again. */
const LIVE_GATHER_MS = 300;

export interface ChannelState<T> {
  /** The last answer (kept while a newer request runs), or null before the first. */
  data: T | null;
  /** A request for the current input is under way. */
  loading: boolean;
  /** With `failure: 'inline'`: why the current input could not be read, in the UI language. */
  failure: string | null;
  /** The failed call of the current input as it came (an ApiError with its code), else null. */
  error: unknown;
  /** Asks again with the same input (after a change the screen made). */
  reload: () => void;
  /** Takes a write's answer as the data, without another round trip. */
  setData: (data: T) => void;
}

interface Settled<T> {
  request: string | null;
  data: T | null;
  error: unknown;
}

/**
 * Reads a channel for a screen: asks when the input (compared by value) or `version` changes,
 * keeps the last answer while a new one comes, drops answers to an input that has since changed
 * and anything that arrives after the screen is gone, and tells a failure in the user's
 * language. `input` null means there is nothing to ask yet (not allowed, nothing chosen).
 */
export function useChannel<C extends Channel>(
  channel: C,
  input: ChannelInput<C> | null,
  options: ChannelOptions<ChannelOutput<C>> = {},
): ChannelState<ChannelOutput<C>> {
  type Output = ChannelOutput<C>;
  const { t } = useTranslation();
  const toast = useToast();
  const [reloads, setReloads] = useState(0);
  const mode = options.failure ?? 'toast';
  const pauseMs = options.pauseMs ?? 0;
  // The input is a fresh object on every render; its text (or its key) decides whether it
  // changed. The call takes the input of the render that asked.
  const request =
    input === null
      ? null
      : JSON.stringify([channel, options.inputKey ?? input, options.version ?? null, reloads]);
  const [settled, setSettled] = useState<Settled<Output>>(() => ({
    // An answer already in hand is this first request's.
    request: options.firstData !== undefined && options.firstData !== null ? request : null,
    data: options.firstData ?? null,
    error: null,
  }));
  const asking = useEffectEvent(() => input);
  const [first] = useState(() => options.first ?? null);
  const firstTaken = useRef(false);
  const answeredFirst = useRef(settled.request !== null);

  const explain = (error: unknown) => (options.explain ?? errorMessage)(error, t);
  // Each answer is filed under the request that asked for it, never the latest one.
  const answered = useEffectEvent((asked: string, data: Output) => {
    setSettled({ request: asked, data, error: null });
    options.onData?.(data);
  });
  const failed = useEffectEvent((asked: string, error: unknown) => {
    setSettled((last) => ({ request: asked, data: mode === 'toast' ? last.data : null, error }));
    const text = mode === 'toast' ? explain(error) : null;
    if (text !== null) toast(text, 'error');
  });

  useEffect(() => {
    if (request === null) return;
    // The first request was answered before the first render (`firstData`).
    if (answeredFirst.current) {
      answeredFirst.current = false;
      firstTaken.current = true;
      return;
    }
    let live = true;
    const early = first && !firstTaken.current ? first : null;
    firstTaken.current = true;
    const fresh = () => callChannel(channel, asking());
    const ask = () =>
      (early ? early.catch(fresh) : fresh()).then(
        (data) => live && answered(request, data as Output),
        (error: unknown) => live && failed(request, error),
      );
    if (pauseMs <= 0) {
      void ask();
    } else {
      const timer = setTimeout(() => void ask(), pauseMs);
      return () => {
        live = false;
        clearTimeout(timer);
      };
    }
    return () => {
      live = false;
    };
  }, [channel, request, pauseMs, first]);

  const current = request !== null && settled.request === request;
  const loading = request !== null && !current;
  useLiveReads(options.live === true && request !== null, loading, () => setReloads((n) => n + 1));

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const setData = useCallback(
    (data: Output) => setSettled((last) => ({ ...last, data, error: null })),
    [],
  );
  const error = current ? settled.error : null;
  return {
    data: settled.data,
    loading,
    failure: mode === 'inline' && error !== null ? explain(error) : null,
    error,
    reload,
    setData,
  };
}

/**
 * Other desks' changes, for a live read: the first change starts a short wait that gathers the
 * rest of its burst, then the read asks again, unless a request of its own is under way, in
 * which case it asks once more when that one has answered.
 */
function useLiveReads(on: boolean, loading: boolean, askAgain: () => void) {
  const owed = useRef(false);
  const gathered = useEffectEvent(() => {
    if (loading) owed.current = true;
    else askAgain();
  });
  useEffect(() => {
    if (!on) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = onEvent('data:changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        gathered();
      }, LIVE_GATHER_MS);
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
      owed.current = false;
    };
  }, [on]);
  const settledNow = useEffectEvent(() => {
    if (!owed.current) return;
    owed.current = false;
    askAgain();
  });
  useEffect(() => {
    if (on && !loading) settledNow();
  }, [on, loading]);
}
