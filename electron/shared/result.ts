/**
 * The error envelope every channel returns. Codes are stable identifiers the renderer
 * translates; `message` is an English fallback for logs and the CLI.
 */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'THROTTLED',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_SET_UP',
  'NOT_SET_UP',
  'DB_NEWER_THAN_APP',
  'DB_DAMAGED',
  'KEYSLOTS_DAMAGED',
  'WRONG_KEY',
  'DISK_FULL',
  'READ_ONLY',
  'BUSY',
  'PG_UNREACHABLE',
  'PG_AUTH_FAILED',
  'PG_NO_DATABASE',
  'PG_TLS_REQUIRED',
  'PG_TLS_FAILED',
  'PG_READ_ONLY',
  'PG_COMMIT_UNKNOWN',
  'PG_SEES_EVERY_BRANCH',
  'DB_NOT_VISITDESK',
  'NOT_ON_SERVER',
  'DESK_NOT_ENROLLED',
  'DESK_REVOKED',
  'SERVER_UNREACHABLE',
  'SERVER_CERT_MISMATCH',
  'PLAIN_HTTP_REFUSED',
  'STALE_VERSION',
  'RULE_VIOLATION',
  'CANCELLED',
  'UNTRUSTED_SENDER',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined) to a message code or message, for forms. */
  fields?: Record<string, string>;
  /** Extra structured facts (e.g. seconds to wait, existing record id). */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

/** Thrown inside the core; the dispatcher turns it into `{ ok: false, error }`. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.fields = extra.fields;
    this.details = extra.details;
  }

  toError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.details) error.details = this.details;
    return error;
  }
}
