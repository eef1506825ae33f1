import type { ListView } from './list-view';

/**
 * The list's view when the address has none (every start of the app): what `readView` gives
 * for '{}', written out so that the first screen needs no schema to show the list. A test
 * checks it against the schema's own defaults (tests/renderer/cases/list-view.test.ts).
 */
export const DEFAULT_VIEW: ListView = {
  page: 0,
  pageSize: 25,
  sort: 'dpd',
  direction: 'desc',
  search: '',
  buckets: [],
  dpdMin: null,
  dpdMax: null,
  officer: null,
  township: '',
  village: '',
  statuses: [],
  exitKinds: [],
  tiers: [],
  vulnerable: null,
  brokenPromise: false,
  notVisitedDays: null,
};
