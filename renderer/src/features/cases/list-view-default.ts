import type { ListView } from './list-view';
import { caseSortFields } from '../../../../electron/shared/case-sort';

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

const sorts: readonly string[] = caseSortFields;

function wholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A filter left as it is by default (the list writes the whole view into the address). */
function isDefault(key: string, field: unknown): boolean {
  if (!Object.hasOwn(DEFAULT_VIEW, key)) return false;
  const fallback = DEFAULT_VIEW[key as keyof ListView];
  if (Array.isArray(fallback)) return Array.isArray(field) && field.length === 0;
  return field === fallback;
}

/**
 * The address's view read without the schema, for the first screen, when it sets no more than
 * the pager, the sort and the search (its filters as they are by default, as the list writes
 * them): those fields checked as the schema checks them, the rest the defaults. Null
 * for anything else, which waits for `readView` (a property test holds the two alike:
 * tests/renderer/cases/list-view.test.tsx).
 */
export function quickView(raw: string): ListView | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const view = { ...DEFAULT_VIEW };
  for (const [key, field] of Object.entries(value)) {
    if (key === 'page' && wholeIn(field, 0, 100_000)) view.page = field;
    else if (key === 'pageSize' && wholeIn(field, 1, 100)) view.pageSize = field;
    else if (key === 'sort' && typeof field === 'string' && sorts.includes(field))
      view.sort = field as ListView['sort'];
    else if (key === 'direction' && (field === 'asc' || field === 'desc')) view.direction = field;
    else if (key === 'search' && typeof field === 'string' && field.trim().length <= 100)
      view.search = field.trim();
    else if (!isDefault(key, field)) return null;
  }
  return view;
}
