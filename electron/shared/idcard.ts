/**
 * Resident identity numbers (居民身份证号码), GB 11643-1999: six digits of the issuing
 * division, eight of the birth date, three of sequence (the last odd for men) and a check
 * character computed from the first seventeen. Pure functions, shared by forms, imports and
 * the core.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdCardProblem = 'format' | 'birthDate' | 'checkDigit';

export interface ResidentIdFacts {
  /** Normalised: upper-case X, no spaces. */
  idNumber: string;
  /** ISO date. */
  birthDate: string;
  sex: 'M' | 'F';
  /** The issuing division's six-digit code (where the number was first issued). */
  divisionCode: string;
}

/** Upper-cases a trailing x and strips spaces people type or paste around the groups. */
export function normaliseResidentId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first seventeen digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when yyyy-mm-dd names a real calendar day (rejects 1999-02-30, 2023-02-29). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The oldest a borrower can be: no one living is older (the oldest recorded person lived to 122). */
export const MAX_AGE_YEARS = 120;

/**
 * Whether a birth date (ISO) can be a living person's on `today` (ISO): born today at the
 * latest, and at most MAX_AGE_YEARS old (on 2026-06-15, born 1905-06-16 is 120 and accepted,
 * born 1905-06-15 is 121 and refused). Without `today` only years before 1800 are refused: the
 * calendar alone says nothing about who is alive.
 */
export function isPlausibleBirthDate(birthDate: string, today?: string): boolean {
  if (today === undefined) return Number(birthDate.slice(0, 4)) >= 1800;
  return birthDate <= today && ageOn(birthDate, today) <= MAX_AGE_YEARS;
}

/**
 * Checks a resident ID and derives its facts: the one check behind the case form, the core's
 * case service, head-office imports and roster files. `today` (ISO date, the branch's) bounds
 * the birth date (isPlausibleBirthDate); every caller that knows the day must give it.
 */
export function checkResidentId(
  raw: string,
  today?: string,
): { ok: true; facts: ResidentIdFacts } | { ok: false; problem: IdCardProblem } {
  const id = normaliseResidentId(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(year, month, day) || !isPlausibleBirthDate(birthDate, today)) {
    return { ok: false, problem: 'birthDate' };
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checkDigit' };
  return {
    ok: true,
    facts: {
      idNumber: id,
      birthDate,
      sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
      divisionCode: id.slice(0, 6),
    },
  };
}

export function isValidResidentId(raw: string, today?: string): boolean {
  return checkResidentId(raw, today).ok;
}

/**
 * Age in whole years on `onDate` (both ISO dates). Someone born on 29 February has their
 * birthday on 1 March in other years, so they are still 59 on 28 February of their sixtieth year.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Mainland mobile numbers: 11 digits, 1 then 3–9. Spaces and a +86 prefix are tolerated. */
export function normaliseMobile(raw: string): string {
  return raw.replace(/[\s-]+/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normaliseMobile(raw));
}
