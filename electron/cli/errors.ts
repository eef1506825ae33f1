import { z } from 'zod';
import type { Lang } from '../shared/messages';
import { AppFailure, type AppError, type ErrorCode } from '../shared/result';
import { purposeRuleText } from '../shared/schemas/export-purpose-text';
import { issuesToFields } from '../shared/validation';
import { inner, say, sentence, textOf, type CliTextKey, type Params } from './text';

interface CliDetails {
  /** The CLI sentence (a key of text.ts) and its parameters. */
  text: CliTextKey;
  params: Params;
  /** A text placed into the sentence's {detail}: a CLI or shared message key. */
  detail?: { text: string; params: Params };
}

/**
 * A failure the CLI itself detects. Its sentence travels as a key with parameters in
 * `details`, so it is told in the user's language; `message` is the English sentence, for logs
 * and `--json`. `field` names the option (without dashes) and its message key, as the app's
 * own validation results name form fields.
 */
export function cliFailure(
  code: ErrorCode,
  text: CliTextKey,
  params: Params = {},
  extra: { field?: { name: string; key: string }; detail?: CliDetails['detail'] } = {},
): AppFailure {
  const details: CliDetails = { text, params, ...(extra.detail ? { detail: extra.detail } : {}) };
  return new AppFailure(code, ownSentence(details, 'en'), {
    details: { ...details },
    ...(extra.field ? { fields: { [extra.field.name]: extra.field.key } } : {}),
  });
}

/** A mistake in how the command line was written (exit code 2, as the parser's own). */
export class UsageFailure extends AppFailure {}

export function usageFailure(
  text: CliTextKey,
  params: Params,
  detail?: CliDetails['detail'],
): UsageFailure {
  const details: CliDetails = { text, params, ...(detail ? { detail } : {}) };
  return new UsageFailure('VALIDATION', ownSentence(details, 'en'), { details: { ...details } });
}

function ownSentence(details: CliDetails, lang: Lang): string {
  const params = { ...details.params };
  if (details.detail) {
    params.detail = inner(textOf(details.detail.text, lang, details.detail.params), lang);
  }
  return textOf(details.text, lang, params);
}

/** The option a field of the app's inputs comes from, where the name alone does not say. */
const optionOfField: Record<string, string> = {
  'branch.name': '--branch-name',
  'branch.code': '--branch-code',
  'branch.address': '--address',
  'branch.phone': '--phone',
  'branch.complaintHotline': '--hotline',
  'branch.timeZone': '--time-zone',
  'manager.name': '--name',
  'manager.staffNo': '--staff-no',
  'manager.username': '--user',
  username: '--user',
  asOf: '--as-of',
  // The --file a command sends through its channel (the import channels' size cap).
  fileName: '--file',
  contentBase64: '--file',
};

function optionOf(field: string): string | null {
  if (optionOfField[field]) return optionOfField[field];
  // A top-level field named like an option (month, purpose, as-of…) is that option.
  return /^[a-z][a-zA-Z-]*$/.test(field)
    ? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    : null;
}

/** One field's problem as a sentence naming its option and, when known, the value given. */
function fieldSentence(
  field: string,
  key: string,
  lang: Lang,
  values: Record<string, unknown>,
): string {
  const purpose = field === 'purpose' && key === 'v.required';
  // The purpose's rule says what is needed ("at least 3 characters"), not just "required".
  const detail = inner(
    purpose ? purposeRuleText[lang]['purpose.required'] : textOf(key, lang),
    lang,
  );
  const option = optionOf(field);
  if (!option) return say('cli.sentence', lang, { detail: sentence(detail, lang) });
  const raw = values[option.slice(2)];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value) {
    return key === 'v.required' && !purpose
      ? say('cli.missing', lang, { option })
      : say('cli.missingBecause', lang, { option, detail });
  }
  return say(purpose ? 'cli.tooShort' : 'cli.wrong', lang, { option, value, detail });
}

/** A failure of one option's value checked by an app schema (its message key). */
export function fieldFailure(
  field: string,
  key: string,
  values: Record<string, unknown>,
): AppFailure {
  return new AppFailure('VALIDATION', fieldSentence(field, key, 'en', values), {
    fields: { [field]: key },
  });
}

/** The failure as structured data, for `--json` and for the sentence built from it. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.toError();
  if (error instanceof z.ZodError) {
    return { code: 'VALIDATION', message: 'invalid input', fields: issuesToFields(error) };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

const isCliDetails = (details: unknown): details is CliDetails =>
  typeof details === 'object' &&
  details !== null &&
  typeof (details as { text?: unknown }).text === 'string';

/**
 * The failure as one sentence in the user's language: the CLI's own sentence when it made one;
 * otherwise each field's problem with the option it came from (in the app's message texts), or
 * the code's message. Never a stack trace or a zod dump.
 */
export function describeFailure(
  error: AppError,
  lang: Lang,
  values: Record<string, unknown> = {},
): string {
  if (isCliDetails(error.details)) return ownSentence(error.details, lang);
  const fields = Object.entries(error.fields ?? {});
  if (fields.length > 0) {
    const parts = fields.map(([field, key]) => fieldSentence(field, key, lang, values));
    return parts.join(lang === 'zh' ? '' : ' ');
  }
  const summary = textOf(`e.${error.code}`, lang);
  if (error.code !== 'INTERNAL') return say('cli.sentence', lang, { detail: summary });
  // An internal error is a fault of ours: keep its own words for the report.
  return lang === 'zh' ? `${summary}（${error.message}）。` : `${summary} (${error.message}).`;
}
