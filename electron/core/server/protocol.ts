import { MAX_IMPORT_BYTES } from '../../shared/schemas/imports';

/**
 * The branch server's wire protocol (issue 20), shared by the server (server/http.ts) and the
 * desks that call it (remote/). HTTPS only; every call is a contract channel.
 *
 * - `GET  /v1/hello`            who this is: `{ app: 'visitdesk', protocol: 1 }` (no desk needed).
 * - `POST /v1/enrol`            `{ code, name }` → `{ deskId, deskSecret }`: a one-time code
 *                               a manager made turns this desk into an enrolled one.
 * - `POST /v1/call/<channel>`   the channel's payload as JSON → the dispatcher's result envelope.
 *                               Needs the desk header; channels beyond `public` need the session
 *                               header too. `auth:signIn` answers the new session's token in the
 *                               session header of its response.
 * - `GET  /v1/events`           server-sent events for this desk's session.
 */
export const PROTOCOL_VERSION = 1;

export const paths = {
  hello: '/v1/hello',
  enrol: '/v1/enrol',
  callPrefix: '/v1/call/',
  events: '/v1/events',
} as const;

export const headers = {
  /** `<deskId>.<deskSecret>`, given at enrolment. */
  desk: 'x-visitdesk-desk',
  /** The session token a sign-in from this desk was given. */
  session: 'x-visitdesk-session',
} as const;

/**
 * The largest request body the server reads: the largest file a channel takes (an import, as
 * base64 inside its JSON: MAX_IMPORT_BYTES × 4/3) and room for the rest of the payload. A desk
 * sends files inside the call, as the window hands them to its own core; the server has no path
 * on the desk's disk to read.
 */
export const MAX_BODY_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 1024 * 1024;

/** The desk header's value, and its parts back. */
export function deskCredential(deskId: string, deskSecret: string): string {
  return `${deskId}.${deskSecret}`;
}

export function parseDeskCredential(value: string | undefined): {
  deskId: string;
  deskSecret: string;
} | null {
  if (!value) return null;
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return match ? { deskId: match[1]!, deskSecret: match[2]! } : null;
}
