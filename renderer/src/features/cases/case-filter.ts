import type { CaseListQuery } from '../../../../electron/shared/schemas/cases';

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

export const noFilter: CaseFilter = {
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
