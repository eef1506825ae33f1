/**
 * Dates and times as the screens show them. The renderer works in the browser's zone, which on
 * the branch's own PCs is the branch's zone; the core decides what "today" means for the rules.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD and HH:mm of a Date in the browser's zone. */
export function localParts(date: Date): { date: string; time: string } {
  return {
    date: `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`,
    time: `${two(date.getHours())}:${two(date.getMinutes())}`,
  };
}

/** Today's date in the browser's zone as YYYY-MM-DD (the default of date fields). */
export function todayIso(now = new Date()): string {
  return localParts(now).date;
}

/**
 * A date or date-time from the core as "2026-06-17 15:22" (local time), the same in both
 * languages; a bare date stays a date.
 */
export function formatWhen(value: string | null, { seconds = false } = {}): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const { date: day, time } = localParts(date);
  return `${day} ${time}${seconds ? `:${two(date.getSeconds())}` : ''}`;
}

/** Only the date part, for narrow columns. */
export function formatDay(value: string | null): string {
  return value ? value.slice(0, 10) : '';
}
