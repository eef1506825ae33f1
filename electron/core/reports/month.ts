import { datesFromTo, weekday, zonedInstant } from '../../shared/dates';

/**
 * A month as the queries need it. Branch dates (visits, snapshots, payments, promises) are
 * compared as text against `from` (inclusive) and `next` (exclusive), which also catches
 * timestamps stored on a date's day. Times stored as UTC instants (plan decisions) are compared
 * against the month's local midnights converted to UTC, so a plan approved at 07:30 on the 1st
 * in Shanghai (23:30 UTC the day before) falls in the new month.
 */
export interface MonthRange {
  month: string;
  from: string;
  to: string;
  next: string;
  fromInstant: string;
  nextInstant: string;
}

export function addMonths(month: string, delta: number): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1 + delta;
  const y = year + Math.floor(index / 12);
  const m = ((index % 12) + 12) % 12;
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

const monthShape = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthRangeIn(month: string, zone: string): MonthRange {
  const following = addMonths(month, 1);
  // The schemas keep months in 2000–2099; comparisons reach a year back. Past 9998 the next
  // month has five digits and every text comparison below would go wrong.
  if (!monthShape.test(month) || !monthShape.test(following)) {
    throw new Error(`internal: ${month} is not a month the reports can walk`);
  }
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, index, 0)).getUTCDate();
  const next = `${following}-01`;
  return {
    month,
    from: `${month}-01`,
    to: `${month}-${String(last).padStart(2, '0')}`,
    next,
    fromInstant: zonedInstant(`${month}-01`, '00:00', zone).toISOString(),
    nextInstant: zonedInstant(next, '00:00', zone).toISOString(),
  };
}

/** Monday-start weeks that touch the month, clipped to it. */
export function weekStarts(range: MonthRange): string[] {
  return datesFromTo(range.from, range.to, 31).filter(
    (date) => date === range.from || weekday(date) === 1,
  );
}
