import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/shared/contract';
import { callChannel } from '../api';
import { errorMessage } from './error-text';
import { useToast } from './Toasts';

export interface ActionOptions<I, R> {
  /** The toast after success: a text, or one made from the answer (null for none). */
  done?: string | ((data: R, input: I) => string | null);
  /** What the screen does with the answer: close the dialog, reload a list, keep the result. */
  onDone?: (data: R, input: I) => unknown;
  /** What the screen undoes after a failure (a dragged visit snaps back). */
  onFailed?: (error: unknown, input: I) => void;
  /**
   * Where a failure is told: a toast (the default), or 'inline' as `failure`, for a dialog
   * that shows it above its buttons.
   */
  failureTo?: 'toast' | 'inline';
  /**
   * The failure in words (the code's text by default). A form puts the core's field errors
   * on its fields here (`serverErrors(setError)`); null when the screen showed it itself.
   */
  explain?: (error: unknown, t: TFunction) => string | null;
}

export type ActionOutcome<R> = { ok: true; data: R } | { ok: false; error: unknown };

export interface Action<I, R> {
  /** Runs the write; never rejects: the outcome says whether it went through. */
  run: (...input: undefined extends I ? [I?] : [I]) => Promise<ActionOutcome<R>>;
  /** A run is under way: disable the button, show progress. */
  busy: boolean;
  /** With `failureTo: 'inline'`: why the last run failed, in the user's language. */
  failure: string | null;
  /** Forgets the failure (a dialog that stays mounted, closed and opened again). */
  clearFailure: () => void;
}

/**
 * A write from a screen: one channel (typed by the contract) or a few calls in a row. While it
 * runs `busy` is true; success shows the `done` toast and hands the answer to `onDone`; a
 * failure is told in the user's language, as a toast or in place. A dialog that closes while
 * its write runs still gets its toasts and `onDone` (the write happened), but the hook no
 * longer touches the closed component's state.
 */
export function useAction<C extends Channel>(
  channel: C,
  options?: ActionOptions<ChannelInput<C>, ChannelOutput<C>>,
): Action<ChannelInput<C>, ChannelOutput<C>>;
export function useAction<I, R>(
  work: (input: I) => Promise<R>,
  options?: ActionOptions<I, R>,
): Action<I, R>;
export function useAction(
  what: Channel | ((input: unknown) => Promise<unknown>),
  options: ActionOptions<unknown, unknown> = {},
): Action<unknown, unknown> {
  const { t } = useTranslation();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const mounted = useRef(true);
  const running = useRef(0);
  // The latest work and options, so `run` stays one function across renders.
  const latest = useRef({ what, options, t, toast });
  useLayoutEffect(() => {
    latest.current = { what, options, t, toast };
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (input?: unknown): Promise<ActionOutcome<unknown>> => {
    const { what, options, t, toast } = latest.current;
    running.current += 1;
    if (mounted.current) {
      setBusy(true);
      setFailure(null);
    }
    try {
      const data = typeof what === 'string' ? await callChannel(what, input) : await what(input);
      const message = typeof options.done === 'function' ? options.done(data, input) : options.done;
      if (message) toast(message);
      await options.onDone?.(data, input);
      return { ok: true, data };
    } catch (error) {
      options.onFailed?.(error, input);
      const text = options.explain ? options.explain(error, t) : errorMessage(error, t);
      if (text !== null && options.failureTo === 'inline') {
        if (mounted.current) setFailure(text);
      } else if (text !== null) {
        toast(text, 'error');
      }
      return { ok: false, error };
    } finally {
      running.current -= 1;
      if (mounted.current && running.current === 0) setBusy(false);
    }
  }, []);

  const clearFailure = useCallback(() => setFailure(null), []);
  return { run, busy, failure, clearFailure };
}
