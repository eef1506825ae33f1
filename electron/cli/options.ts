import fs from 'node:fs';
import path from 'node:path';
import { exportPurpose } from '../shared/schemas/export-purpose';
import { month as monthSchema } from '../shared/schemas/reports';
import { isoDate } from '../shared/validation';
import { cliFailure, fieldFailure } from './errors';

/**
 * Readers for option values: each returns the checked value or throws a failure that names
 * the option and the value given, in a sentence the user can act on.
 */
export type OptionValues = Record<string, string | boolean | undefined>;

const given = (values: OptionValues, name: string) => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

export function requiredOption(values: OptionValues, name: string): string {
  const value = given(values, name)?.trim();
  if (!value) throw cliFailure('VALIDATION', 'cli.missing', { option: `--${name}` });
  return value;
}

export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = given(values, name);
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw cliFailure(
    'VALIDATION',
    'cli.wrong',
    { option: `--${name}`, value },
    {
      field: { name, key: 'v.invalid' },
      detail: { text: 'cli.v.oneOf', params: { choices } },
    },
  );
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function dayOption(values: OptionValues, name: string): string | undefined {
  const value = given(values, name);
  if (value === undefined) return undefined;
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) {
    throw fieldFailure(name, parsed.error.issues[0]?.message ?? 'v.date', values);
  }
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    throw cliFailure(
      'VALIDATION',
      'cli.wrong',
      { option: `--${name}`, value },
      { field: { name, key: 'v.date' }, detail: { text: 'cli.v.realDate', params: {} } },
    );
  }
  return value;
}

/** --month YYYY-MM, a real month: 2026-13 is written right but is no month. */
export function monthOption(values: OptionValues): string {
  const value = given(values, 'month');
  if (!value?.trim()) throw fieldFailure('month', 'v.required', values);
  const parsed = monthSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const monthOfYear = /^\d{4}-(\d{2})$/.exec(value)?.[1];
  if (monthOfYear && (Number(monthOfYear) < 1 || Number(monthOfYear) > 12)) {
    throw cliFailure(
      'VALIDATION',
      'cli.wrong',
      { option: '--month', value },
      { field: { name: 'month', key: 'v.month' }, detail: { text: 'cli.v.realMonth', params: {} } },
    );
  }
  // Any other refusal is told in the schema's own words (its message key).
  throw fieldFailure('month', parsed.error.issues[0]?.message ?? 'v.month', values);
}

/** The stated purpose of an export, by the app's own rule (at least 3 characters). */
export function purposeOption(values: OptionValues): string {
  const parsed = exportPurpose.safeParse(given(values, 'purpose') ?? '');
  if (parsed.success) return parsed.data;
  throw fieldFailure('purpose', parsed.error.issues[0]?.message ?? 'v.invalid', values);
}

/** An input file that must exist. */
export function existingFile(values: OptionValues, name: string): string {
  const file = requiredOption(values, name);
  if (!fs.existsSync(file)) {
    throw cliFailure('NOT_FOUND', 'cli.noFile', { option: `--${name}`, value: file });
  }
  return file;
}

/** An output file whose ending says its format; returns the lower-case ending, e.g. ".csv". */
export function outFile(
  values: OptionValues,
  endings: readonly string[],
): { file: string; ending: string } {
  const file = requiredOption(values, 'out');
  const ending = path.extname(file).toLowerCase();
  if (!endings.includes(ending)) {
    throw cliFailure(
      'VALIDATION',
      'cli.wrong',
      { option: '--out', value: file },
      {
        field: { name: 'out', key: 'v.invalid' },
        detail: { text: 'cli.v.ending', params: { endings } },
      },
    );
  }
  return { file, ending };
}
