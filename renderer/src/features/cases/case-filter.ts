import type { CaseListQuery } from '../../../../electron/shared/schemas/cases';
import { DEFAULT_VIEW } from './list-view-default';

/**
 * The case list's filters as the list page holds them, without their fields: the fields
 * (CaseFilters.tsx) load after the list's first rows have painted.
 */
export type CaseFilter = Pick<
  CaseListQuery,
  | 'buckets'
  | 'dpdMin'
  | 'dpdMax'
  | 'officer'
  | 'township'
  | 'village'
  | 'statuses'
  | 'exitKinds'
  | 'tiers'
  | 'vulnerable'
  | 'brokenPromise'
  | 'notVisitedDays'
>;

/** No filter: the filters of the list's default view. */
const {
  page: _page,
  pageSize: _size,
  sort: _sort,
  direction: _direction,
  search: _search,
  ...defaults
} = DEFAULT_VIEW;
export const noFilter: CaseFilter = defaults;

export function isFiltered(filter: CaseFilter): boolean {
  return (Object.keys(noFilter) as (keyof CaseFilter)[]).some(
    (key) => JSON.stringify(filter[key]) !== JSON.stringify(noFilter[key]),
  );
}

export interface OfficerChoice {
  id: number;
  name: string;
  staffNo: string;
}
