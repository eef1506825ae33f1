/**
 * What the case list can be sorted by. A leaf module (no zod), so that the first screen can
 * read a list address without loading the schemas; `schemas/cases` builds its enum from it.
 */
export const caseSortFields = [
  'dpd',
  'totalOverdue',
  'outstanding',
  'name',
  'place',
  'lastVisit',
  'lastContact',
] as const;
export type CaseSortField = (typeof caseSortFields)[number];
