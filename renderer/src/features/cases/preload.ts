import { useEffect, useState } from 'react';
import type { ChannelInput } from '../../../../electron/shared/contract';
import { can } from '../../../../electron/shared/roles';
import type { CaseListOutput } from '../../../../electron/shared/schemas/cases';
import type { AppState } from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';

/**
 * The case list is the first screen: its first page is asked for as soon as the session is
 * known, while the app's code is still loading and starting, so the list has its rows when it
 * first renders instead of asking only after the shell has mounted.
 *
 * This module is imported by the entry (main.tsx) before the app: it keeps to the bridge, the
 * role table and React's hooks, no schemas and no components. The view is the address's raw
 * `view` parameter: the core parses it with the list's own defaults, exactly as it parses the
 * list's parsed view, so the two ask the same question; a view the core refuses simply leaves
 * the list to ask again itself.
 */

interface Preloaded {
  /** The address's `view` parameter as it was ('{}' without one). */
  view: string;
  promise: Promise<CaseListOutput>;
  /** The answer once it came, for a list that mounts after it (rows on its first render). */
  data: CaseListOutput | null;
}

let preloaded: Preloaded | null = null;
/** The app's state as first asked by the entry, for the app to take instead of asking again. */
let earlyState: Promise<AppState> | null = null;

/** The entry's answer to `auth:state`, once: later readers ask themselves. */
export function takeEarlyState(): Promise<AppState> | null {
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
  earlyState = state;
  const view = caseListView(hash);
  if (view === null) return;
  let input: unknown;
  try {
    input = JSON.parse(view);
  } catch {
    return;
  }
  const promise = state.then((state) => {
    const role = state.phase === 'unlocked' ? state.session?.role : undefined;
    if (!role || !can(role, 'cases.read')) throw new Error('not the case list');
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

/** A list has shown the preloaded page: a later visit to the list asks afresh. */
function forget(entry: Preloaded) {
  if (preloaded === entry) preloaded = null;
}

/**
 * The preloaded first page while the list still shows the view it was asked for: `active` as
 * long as the list should wait for it instead of asking (until it failed, the view changed or
 * the list asked to read again), and its rows once they came. Used once: a list mounted later
 * finds nothing and asks itself.
 */
export function usePreloadedList(rawView: string): {
  active: boolean;
  data: CaseListOutput | null;
  release: () => void;
} {
  const [entry] = useState(() => (preloaded && preloaded.view === rawView ? preloaded : null));
  const [state, setState] = useState({ data: entry?.data ?? null, released: entry === null });
  // Leaving the preloaded view is for good: coming back to it asks afresh.
  if (entry && !state.released && rawView !== entry.view)
    setState((s) => ({ ...s, released: true }));

  useEffect(() => {
    if (!entry || entry.data) return;
    let live = true;
    entry.promise.then(
      (data) => live && setState((s) => ({ ...s, data })),
      () => live && setState((s) => ({ ...s, released: true })),
    );
    return () => {
      live = false;
    };
  }, [entry]);
  useEffect(() => {
    if (entry && state.data) forget(entry);
  }, [entry, state.data]);

  return {
    active: !state.released && rawView === entry?.view,
    data: state.data,
    release: () => setState((s) => (s.released ? s : { ...s, released: true })),
  };
}
