import type { z } from 'zod';
import { caseListInput } from '../../../../electron/shared/schemas/cases';

/** The list's view (search, filters, page, sort), kept in the address so Back returns to it. */
export const listView = caseListInput.pick({
  page: true,
  pageSize: true,
  sort: true,
  direction: true,
  search: true,
  buckets: true,
  dpdMin: true,
  dpdMax: true,
  officer: true,
  township: true,
  village: true,
  statuses: true,
  exitKinds: true,
  tiers: true,
  vulnerable: true,
  brokenPromise: true,
  notVisitedDays: true,
});
export type ListView = z.output<typeof listView>;

/** The address's view, parsed with the list's defaults; a hand-edited one falls back to them. */
export function readView(raw: string): ListView {
  try {
    const parsed = listView.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: the default view.
  }
  return listView.parse({});
}
