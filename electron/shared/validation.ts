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

export const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'v.mobile');

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date');
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
