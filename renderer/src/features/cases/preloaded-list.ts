import { useEffect, useState } from 'react';
import type { CaseListOutput } from '../../../../electron/shared/schemas/cases';
import { forgetPreloaded, preloadedFor } from './preload';

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
  const [entry] = useState(() => preloadedFor(rawView));
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
    if (entry && state.data) forgetPreloaded(entry);
  }, [entry, state.data]);

  return {
    active: !state.released && rawView === entry?.view,
    data: state.data,
    release: () => setState((s) => (s.released ? s : { ...s, released: true })),
  };
}
