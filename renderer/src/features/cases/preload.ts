import type { ChannelInput } from '../../../../electron/shared/contract';
import type { CaseListOutput } from '../../../../electron/shared/schemas/cases';
import type { AppState } from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';

/**
 * The case list is the first screen: its first page is asked for as soon as the session is
 * known, while the app's code is still loading and starting, so the list has its rows when it
 * first renders instead of asking only after the shell has mounted.
 *
 * This module is imported by the entry (main.tsx) before the app: it keeps to the bridge (no
 * React, no schemas, no components), so the entry has nothing to load before it asks. The view is the address's raw
 * `view` parameter: the core parses it with the list's own defaults, exactly as it parses the
 * list's parsed view, so the two ask the same question; a view the core refuses simply leaves
 * the list to ask again itself.
 */

export interface Preloaded {
  /** The address's `view` parameter as it was ('{}' without one). */
  view: string;
  promise: Promise<CaseListOutput>;
  /** The answer once it came, for a list that mounts after it (rows on its first render). */
  data: CaseListOutput | null;
}

let preloaded: Preloaded | null = null;
/** The entry's `auth:state` question, and its answer once it came. */
export interface EarlyState {
  promise: Promise<AppState>;
  /** The answer, when it came before the app first rendered (the usual case): no second look. */
  data: AppState | null;
}

/** The app's state as first asked by the entry, for the app to take instead of asking again. */
let earlyState: EarlyState | null = null;

/** The entry's `auth:state`, once: later readers ask themselves. */
export function takeEarlyState(): EarlyState | null {
  const state = earlyState;
  earlyState = null;
  return state;
}

/** The raw view of a case-list address (#/cases?view=…), or null when it is another screen. */
function caseListView(hash: string): string | null {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  // '' and '/' are home, which is the case list for every role that may read cases.
  if (path !== '' && path !== '/' && path !== '/cases' && path !== '/cases/') return null;
  return new URLSearchParams(query).get('view') ?? '{}';
}

/**
 * Asks the core who is signed in and, when that person may read cases and the address is the
 * case list, for the list's first page. Called once by the entry; any failure is left to the
 * screens, which ask again.
 */
export function preloadCaseList(hash = window.location.hash): void {
  // Every screen starts from the app's state: it is asked for whatever the address.
  const state = call('auth:state');
  const early: EarlyState = { promise: state, data: null };
  state.then(
    (data) => {
      early.data = data;
    },
    () => undefined,
  );
  earlyState = early;
  const view = caseListView(hash);
  if (view === null) return;
  let input: unknown;
  try {
    input = JSON.parse(view);
  } catch {
    return;
  }
  const promise = state.then((state) => {
    // `allowed` is what the dispatcher lets the signed-in role call (empty when signed out).
    if (state.phase !== 'unlocked' || !state.allowed.includes('cases:list'))
      throw new Error('not the case list');
    return call('cases:list', input as ChannelInput<'cases:list'>);
  });
  const entry: Preloaded = { view, promise, data: null };
  promise.then(
    (data) => {
      entry.data = data;
    },
    () => {
      if (preloaded === entry) preloaded = null;
    },
  );
  preloaded = entry;
}

/** The preloaded first page when it was asked for this view, once. */
export function preloadedFor(rawView: string): Preloaded | null {
  return preloaded && preloaded.view === rawView ? preloaded : null;
}

/** A list has shown the preloaded page: a later visit to the list asks afresh. */
export function forgetPreloaded(entry: Preloaded) {
  if (preloaded === entry) preloaded = null;
}
