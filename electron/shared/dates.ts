/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD') and wall-clock times ('HH:MM') in the
 * branch's time zone. Dates are done in UTC so the PC's own zone can never shift a day.
 */
const DAY_MS = 86_400_000;

/** A branch's zone until its manager sets another (setup's default): Beijing time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function utcMs(date: string): number {
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
}

export function addDays(date: string, days: number): string {
  return new Date(utcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Every date from `from` to `to`, both included (none when `to` is earlier). Days are counted
 * as numbers, never compared as text: past 9999 an ISO string gains a sign and sorts before
 * every date, which once made a month's week list loop forever. More than `maxDays` days is a
 * bug upstream (the schemas bound every range), so it throws instead of walking them.
 */
export function datesFromTo(from: string, to: string, maxDays: number): string[] {
  const start = utcMs(from);
  const end = utcMs(to);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new Error(`internal: not a date range: ${from} to ${to}`);
  }
  const count = Math.max(0, Math.round((end - start) / DAY_MS) + 1);
  if (count > maxDays) {
    throw new Error(`internal: ${count} days from ${from} to ${to}, more than ${maxDays}`);
  }
  const dates: string[] = [];
  for (let i = 0; i < count; i += 1) {
    dates.push(new Date(start + i * DAY_MS).toISOString().slice(0, 10));
  }
  return dates;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(utcMs(date)).getUTCDay();
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function monthRange(month: string): { from: string; to: string } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * One formatter per zone, made at its first use: making an Intl.DateTimeFormat costs far more
 * than formatting with one (the case page's timeline turns a few hundred dates into instants:
 * 46% of its time went to making formatters). A formatter holds no state between calls. A zone
 * Intl does not know throws on making, so is never kept; the few zones a branch uses stay well
 * inside the bound.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size >= 64) formatters.clear();
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The UTC offset of `zone` at `instant`, in minutes (Asia/Shanghai: 480). */
function offsetMinutes(instant: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * Instants already worked out, by zone, date and time: the same wall clock in the same zone is
 * always the same instant, and a case page's timeline asks for the same few days (a file's
 * as-of date, a payment day) again and again, two formatter calls each. Bounded like the
 * formatters; emptied whole when full.
 */
const instants = new Map<string, number>();
const INSTANTS_KEPT = 4096;

/** The instant a wall-clock date and time in `zone` denotes. */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const key = `${zone} ${date} ${time}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    const wall = utcMs(date) + minutesOf(time) * 60_000;
    instant = wall - offsetMinutes(wall, zone) * 60_000;
    // A second pass settles the offset when the first guess fell across a DST change.
    instant = wall - offsetMinutes(instant, zone) * 60_000;
    if (instants.size >= INSTANTS_KEPT) instants.clear();
    instants.set(key, instant);
  }
  return new Date(instant);
}

/** Today's date in `zone`. */
export function dateIn(zone: string, instant: Date): string {
  const wall = instant.getTime() + offsetMinutes(instant.getTime(), zone) * 60_000;
  return new Date(wall).toISOString().slice(0, 10);
}

/** The wall-clock date and time ('YYYY-MM-DD', 'HH:MM') of `instant` in `zone`. */
export function localIn(zone: string, instant: Date): { date: string; time: string } {
  const wall = new Date(instant.getTime() + offsetMinutes(instant.getTime(), zone) * 60_000);
  const text = wall.toISOString();
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}
