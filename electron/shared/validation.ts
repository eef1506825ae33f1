import { z } from 'zod';

/** Reusable field schemas; messages are keys from messages.ts. */
export const requiredText = (max = 200) =>
  z.string().trim().min(1, 'v.required').max(max, 'v.tooLong');

export const optionalText = (max = 500) =>
  z.string().trim().max(max, 'v.tooLong').optional().default('');

export const passphrase = z.string().min(10, 'v.passphraseShort').max(200, 'v.tooLong');

export const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9._-]{3,32}$/, 'v.username');

export const phone = z
  .string()
  .trim()
  .regex(/^[0-9+()\- ]{5,20}$/, 'v.phone');

/**
 * The years a branch date may fall in. Loans of these lenders start after 2000 and none runs
 * into the next century; a wider range only lets typos through (20260 for 2026) and makes
 * date loops unbounded. Birth dates inside resident IDs are not branch dates (idcard.ts).
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day of the Gregorian calendar (any year): 2024-02-29 is one, 2026-02-29 is not. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

export const isYearInRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

const dateShape = /^\d{4}-\d{2}-\d{2}$/;
const monthShape = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Why `text` is not a branch date, as a message key, or null when it is one:
 * 'v.date' (not written YYYY-MM-DD), 'v.dateReal' (no such day), 'v.dateRange' (outside
 * 2000–2099).
 */
export function dateProblem(text: string): 'v.date' | 'v.dateReal' | 'v.dateRange' | null {
  if (!dateShape.test(text)) return 'v.date';
  const year = Number(text.slice(0, 4));
  if (!isCalendarDay(year, Number(text.slice(5, 7)), Number(text.slice(8, 10)))) {
    return 'v.dateReal';
  }
  return isYearInRange(year) ? null : 'v.dateRange';
}

/** Why `text` is not a month YYYY-MM from 2000-01 to 2099-12, or null when it is one. */
export function monthProblem(text: string): 'v.month' | 'v.monthRange' | null {
  if (!monthShape.test(text)) return 'v.month';
  return isYearInRange(Number(text.slice(0, 4))) ? null : 'v.monthRange';
}

/**
 * A branch date: YYYY-MM-DD, a real day, 2000-01-01 to 2099-12-31. Every schema that takes a
 * date uses this one, so 2026-02-30 can reach neither the database nor a date loop.
 */
export const isoDate = z.string().check((ctx) => {
  const problem = dateProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});

/** A month YYYY-MM from 2000-01 to 2099-12 (reports, targets, the month views). */
export const isoMonth = z.string().check((ctx) => {
  const problem = monthProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});

/**
 * An instant with its offset (2026-10-03T09:30:00+08:00 or …Z), as the date-time pickers
 * send it; zod checks the calendar (no 02-30), the date as written must lie in 2000–2099.
 */
export const isoDateTime = z.iso
  .datetime({ offset: true, message: 'v.dateTime' })
  .refine(
    (text) => !/^\d{4}-/.test(text) || isYearInRange(Number(text.slice(0, 4))),
    'v.dateRange',
  );

/** A local date and time YYYY-MM-DDTHH:MM in the branch's time zone (a receipt's time). */
export const localDateTime = z.string().check((ctx) => {
  const text = ctx.value;
  const problem = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/.test(text)
    ? dateProblem(text.slice(0, 10))
    : 'v.date';
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'v.time');

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z.string().trim().refine(isTimeZone, 'v.timeZone');

/** Flattens zod issues into `{ 'a.b': 'v.key' }` for forms. */
export function issuesToFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (!(path in fields))
      fields[path] = issue.message.startsWith('v.') ? issue.message : 'v.invalid';
  }
  return fields;
}

/**
 * The answer to a payload its schema refused, as every caller of a channel gives it (the
 * dispatcher, the desk's own channels, the branch server): VALIDATION with each field's message.
 */
export function invalidInput(error: z.ZodError) {
  return {
    ok: false as const,
    error: {
      code: 'VALIDATION' as const,
      message: 'invalid input',
      fields: issuesToFields(error),
    },
  };
}
