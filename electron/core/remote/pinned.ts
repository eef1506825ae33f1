import crypto from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { AppFailure, errorCodes, type ErrorCode } from '../../shared/result';

/**
 * The desk's side of the branch server's TLS (issue 20). A branch server is reached by its LAN
 * address and has no certificate a public authority signed, so the desk trusts exactly one
 * certificate: the one whose SHA-256 fingerprint the manager read out at enrolment. Host names
 * are not checked; the fingerprint stands for them.
 *
 * Nothing here uses Node's global agent. Node skips `checkServerIdentity`, where the pin is
 * checked, when a TLS session is resumed, and agents cache sessions by host and port: a
 * session made with the real server would let a different certificate on the same address
 * through unchecked. `pinnedAgent` therefore caches no sessions, and every connection shows
 * its certificate.
 */

/** How long a call waits for the whole answer before the server counts as unreachable. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** Answers are JSON envelopes; a month's report is the largest, far below this. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/** How much of a refused event stream's answer is read to say why it was refused. */
const MAX_REFUSAL_BYTES = 64 * 1024;

const PIN_MISMATCH = 'ERR_VISITDESK_PIN_MISMATCH';

/** Each pinned agent's pin: for a mismatch's details, and to refuse any other agent. */
const agentPins = new WeakMap<https.Agent, string>();

/** Errors OpenSSL or Node give when the certificate is not the trusted one. */
const CERTIFICATE_ERRORS = new Set([
  PIN_MISMATCH,
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Something answers on the port, but not with TLS (a plain HTTP server, another service). */
const NOT_TLS_ERRORS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'ERR_SSL_RECORD_LAYER_FAILURE',
  'ERR_SSL_HTTP_REQUEST',
]);

const UNREACHABLE_REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections there (is the server running, on that port?)',
  ETIMEDOUT: 'it did not answer in time',
  ECONNRESET: 'the connection was cut',
  EPIPE: 'the connection was cut',
  ECONNABORTED: 'the connection was cut',
  ENOTFOUND: 'that name is not known on this network',
  EAI_AGAIN: 'that name cannot be looked up just now',
  EHOSTUNREACH: 'this PC has no route to it',
  ENETUNREACH: 'this PC has no route to it',
  ENETDOWN: "this PC's network is down",
  EPROTO: 'the secure connection could not be set up',
};

interface ServerAddress {
  host: string;
  port: number;
  /** SNI only for a name: RFC 6066 forbids an address there, and Node warns about one. */
  servername: string | undefined;
  label: string;
}

/**
 * `https://host:port` and nothing else, checked before any connection: the desk never sends a
 * byte in the clear, whatever was typed.
 */
function serverAddress(address: string): ServerAddress {
  let url: URL | undefined;
  try {
    url = new URL(address);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:') {
    throw new AppFailure(
      'PLAIN_HTTP_REFUSED',
      `The branch server's address must start with https:// (given: ${address})`,
    );
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new AppFailure(
      'VALIDATION',
      `The branch server's address is https://host:port, with nothing after it (given: ${address})`,
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 443;
  return {
    host,
    port,
    servername: net.isIP(host) ? undefined : host,
    label: `https://${url.host}`,
  };
}

/**
 * A pin as Node's `fingerprint256` writes it, from whatever form the manager's note has:
 * upper or lower case, with colons, spaces or neither.
 */
function normalisedPin(fingerprint: string): string {
  const hex = fingerprint.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    throw new AppFailure(
      'VALIDATION',
      'A certificate fingerprint is 64 hexadecimal digits (SHA-256), with or without colons',
    );
  }
  return hex.match(/../g)!.join(':');
}

function mismatch(server: ServerAddress, pin: string, presented: string | undefined): AppFailure {
  return new AppFailure(
    'SERVER_CERT_MISMATCH',
    `The server at ${server.label} shows a certificate whose fingerprint is not the one pinned at enrolment; nothing was sent`,
    { details: { expected: pin, presented: presented ?? null } },
  );
}

/** One sentence for a connection that failed, sorted into the two codes the desk tells apart. */
function connectionFailure(
  error: Error & { code?: string; presented?: string },
  server: ServerAddress,
  pin: string,
  requestSent: boolean,
): AppFailure {
  if (error instanceof AppFailure) return error;
  const code = error.code ?? 'unknown';
  if (CERTIFICATE_ERRORS.has(code)) return mismatch(server, pin, error.presented);
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    const when = code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet';
    return new AppFailure(
      'SERVER_CERT_MISMATCH',
      `The server at ${server.label} shows a certificate that ${when} by this PC's clock (check the date and time here); nothing was sent`,
      { details: { expected: pin, cause: code } },
    );
  }
  // Through https.request OpenSSL's code arrives as EPROTO, its reason only in the message.
  const notTls =
    NOT_TLS_ERRORS.has(code) ||
    (code === 'EPROTO' &&
      /wrong version number|packet length too long|http request/i.test(error.message));
  const reason = notTls
    ? 'something answers on that port, but not with HTTPS (is it the branch server’s port?)'
    : (UNREACHABLE_REASONS[code] ?? `the connection failed (${code})`);
  return new AppFailure(
    'SERVER_UNREACHABLE',
    `The branch server at ${server.label} cannot be reached: ${reason}`,
    { details: { cause: code, requestSent } },
  );
}

/**
 * The certificate the server at `address` shows, if its fingerprint is the pin; the desk keeps
 * it as the one authority its agent trusts. The TLS handshake is all that happens: on a
 * mismatch the socket is destroyed before a byte of the desk's own is written.
 */
export async function fetchPinnedCertificate(
  address: string,
  fingerprint: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<string> {
  const server = serverAddress(address);
  const pin = normalisedPin(fingerprint);
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const socket = tls.connect({
      host: server.host,
      port: server.port,
      servername: server.servername,
      // Checked by fingerprint below, before anything is written: there is no CA to trust yet.
      rejectUnauthorized: false,
    });
    const settle = (outcome: { pem: string } | { failure: AppFailure }) => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      if ('pem' in outcome) resolve(outcome.pem);
      else reject(outcome.failure);
    };
    socket.setTimeout(timeoutMs, () => {
      socket.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      if (!peer.raw || peer.fingerprint256 !== pin) {
        socket.destroy();
        settle({ failure: mismatch(server, pin, peer.fingerprint256) });
        return;
      }
      socket.end();
      settle({ pem: new crypto.X509Certificate(peer.raw).toString() });
    });
    socket.on('error', (error) => {
      settle({ failure: connectionFailure(error, server, pin, false) });
    });
    socket.on('close', () => {
      settle({
        failure: connectionFailure(
          Object.assign(new Error('closed'), { code: 'ECONNRESET' }),
          server,
          pin,
          false,
        ),
      });
    });
  });
}

/**
 * The agent every call to the branch server goes through: it trusts the pinned certificate
 * alone (a bank's server certificate too, though its CA is not trusted: a partial chain ending
 * in the pinned certificate is enough) and checks the fingerprint on every new connection.
 */
export function pinnedAgent(certificatePem: string, fingerprint: string): https.Agent {
  const pin = normalisedPin(fingerprint);
  const agent = new https.Agent({
    ca: certificatePem,
    allowPartialTrustChain: true,
    checkServerIdentity: (_host, cert) =>
      cert.fingerprint256 === pin
        ? undefined
        : Object.assign(new Error('the certificate is not the pinned one'), {
            code: PIN_MISMATCH,
            presented: cert.fingerprint256,
          }),
    keepAlive: true,
    // A resumed session skips checkServerIdentity: see the top of this file.
    maxCachedSessions: 0,
  });
  agentPins.set(agent, pin);
  return agent;
}

/** The global agent, or any other, would let a resumed session skip the pin. */
function agentPin(agent: https.Agent): string {
  const pin = agentPins.get(agent);
  if (!pin) {
    throw new AppFailure('INTERNAL', 'Calls to the branch server go through pinnedAgent only');
  }
  return pin;
}

export interface JsonRequest {
  method: string;
  /** From the server's root, e.g. `paths.hello`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON; none when undefined. */
  body?: unknown;
  timeoutMs?: number;
  /** Aborting rejects with the signal's reason, as `fetch` does; the caller knows why. */
  signal?: AbortSignal;
}

export interface JsonResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON, the text when the answer is not JSON, null when there is none. */
  body: unknown;
}

/**
 * One call to the branch server. Failures to reach it come back as `SERVER_UNREACHABLE` with
 * `details.requestSent`: once the request was written, a write may have happened on the server
 * even though no answer came, and the desk must not silently send it again.
 */
export async function requestJson(
  agent: https.Agent,
  address: string,
  request: JsonRequest,
): Promise<JsonResponse> {
  const server = serverAddress(address);
  const pin = agentPin(agent);
  request.signal?.throwIfAborted();
  const payload =
    request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8');
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<JsonResponse>((resolve, reject) => {
    let settled = false;
    let requestSent = false;
    /** Why this side ended the exchange, reported instead of the socket error it causes. */
    let ownReason: unknown;
    const req = https.request({
      agent,
      host: server.host,
      port: server.port,
      servername: server.servername,
      method: request.method,
      path: request.path,
      headers: {
        accept: 'application/json',
        ...request.headers,
        ...(payload
          ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
          : {}),
      },
    });
    const finish = (outcome: { response: JsonResponse } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if ('response' in outcome) resolve(outcome.response);
      else reject(outcome.error);
    };
    const fail = (error: Error) => {
      finish({
        error:
          ownReason ??
          connectionFailure(error as Error & { code?: string }, server, pin, requestSent),
      });
    };
    const stop = (reason: unknown) => {
      ownReason ??= reason;
      req.destroy();
      fail(new Error('stopped'));
    };
    const timer = setTimeout(() => {
      stop(
        new AppFailure(
          'SERVER_UNREACHABLE',
          `The branch server at ${server.label} cannot be reached: it did not answer within ${duration(timeoutMs)}`,
          { details: { cause: 'TIMEOUT', requestSent } },
        ),
      );
    }, timeoutMs);
    const onAbort = () => stop(request.signal!.reason);
    request.signal?.addEventListener('abort', onAbort, { once: true });

    req.on('response', (response) => {
      readBody(response, MAX_ANSWER_BYTES).then(
        (text) => {
          try {
            const body = answerBody(response, text);
            finish({
              response: { status: response.statusCode ?? 0, headers: response.headers, body },
            });
          } catch (error) {
            // The answer was whole: its socket may already serve another call, so it stays.
            finish({ error });
          }
        },
        (error: unknown) => (error instanceof AppFailure ? stop(error) : fail(error as Error)),
      );
    });
    req.on('finish', () => {
      requestSent = true;
    });
    req.on('error', fail);
    req.end(payload);
  });
}

export interface EventStream {
  /** Ends the stream from this side; `closed` then resolves. */
  close(): void;
  /**
   * Resolves when `close()` was called or the server ended the stream; rejects with an
   * `AppFailure` when it could not be opened, was refused or was lost, or with what `onEvent`
   * or `onOpen` threw (the stream is closed then).
   */
  closed: Promise<void>;
}

/**
 * The desk's live updates: a `text/event-stream` read through the pinned agent. `onEvent` gets
 * each event's name (`message` when the server gave none) and its data parsed as JSON (the text
 * when it is not JSON). `idleTimeoutMs`, when given, counts a stream silent for that long (the
 * server's keep-alive comments included) as lost. `onOpen` is called once the server has
 * accepted the stream, before any event.
 */
export function openEventStream(
  agent: https.Agent,
  address: string,
  path: string,
  headers: Record<string, string>,
  onEvent: (name: string, data: unknown) => void,
  {
    timeoutMs = DEFAULT_TIMEOUT_MS,
    idleTimeoutMs,
    onOpen,
  }: { timeoutMs?: number; idleTimeoutMs?: number; onOpen?: () => void } = {},
): EventStream {
  let server: ServerAddress;
  let pin: string;
  try {
    server = serverAddress(address);
    pin = agentPin(agent);
  } catch (error) {
    const closed = Promise.reject(error);
    closed.catch(() => {});
    return { close: () => {}, closed };
  }
  let settled = false;
  let requestSent = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveClosed!: () => void;
  let rejectClosed!: (error: unknown) => void;
  const closed = new Promise<void>((resolve, reject) => {
    resolveClosed = resolve;
    rejectClosed = reject;
  });
  // Nobody has to wait on `closed`: an unheard failure must not become an unhandled rejection.
  closed.catch(() => {});
  const req = https.request({
    agent,
    host: server.host,
    port: server.port,
    servername: server.servername,
    method: 'GET',
    path,
    headers: { accept: 'text/event-stream', 'cache-control': 'no-cache', ...headers },
  });
  const end = (error?: unknown) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    req.destroy();
    if (error === undefined) resolveClosed();
    else rejectClosed(error);
  };
  const silent = (ms: number, what: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      end(
        new AppFailure(
          'SERVER_UNREACHABLE',
          `The branch server at ${server.label} cannot be reached: ${what} ${duration(ms)}`,
          { details: { cause: 'TIMEOUT', requestSent } },
        ),
      );
    }, ms);
  };
  silent(timeoutMs, 'the event stream did not open within');
  req.on('response', (response) => {
    const type = response.headers['content-type'] ?? '';
    if (response.statusCode !== 200 || !type.startsWith('text/event-stream')) {
      readBody(response, MAX_REFUSAL_BYTES).then(
        (text) => end(refusal(response, text, server)),
        (error: unknown) =>
          end(
            error instanceof AppFailure
              ? error
              : connectionFailure(error as Error, server, pin, requestSent),
          ),
      );
      return;
    }
    if (idleTimeoutMs === undefined) clearTimeout(timer);
    else silent(idleTimeoutMs, 'the event stream was silent for');
    try {
      onOpen?.();
    } catch (error) {
      end(error);
      return;
    }
    const parser = new EventStreamParser((name, data) => {
      if (!settled) onEvent(name, parseEventData(data));
    });
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      if (idleTimeoutMs !== undefined) silent(idleTimeoutMs, 'the event stream was silent for');
      try {
        parser.push(text);
      } catch (error) {
        end(error);
      }
    });
    response.on('end', () => end());
    response.on('error', (error) => end(connectionFailure(error, server, pin, true)));
    response.on('close', () => {
      if (!response.complete) end(connectionFailure(lostStream(), server, pin, true));
    });
  });
  req.on('finish', () => {
    requestSent = true;
  });
  req.on('error', (error) => end(connectionFailure(error, server, pin, requestSent)));
  req.end();
  return { close: () => end(), closed };
}

/**
 * The `text/event-stream` format of the HTML standard (§9.2.6), as far as a desk needs it:
 * lines ended by CRLF, LF or CR, in any chunks; `event:` and `data:` fields, multi-line data
 * joined by newlines; comments (the server's keep-alives) and other fields ignored. An event is
 * dispatched at its blank line; one cut off by the stream's end is dropped, as the standard
 * says, since it may be incomplete.
 */
export class EventStreamParser {
  private pending = '';
  private afterCarriageReturn = false;
  private first = true;
  private eventName = '';
  private data: string[] = [];

  constructor(private readonly dispatch: (name: string, data: string) => void) {}

  push(text: string): void {
    let chunk = text;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
    }
    if (this.afterCarriageReturn && chunk.startsWith('\n')) chunk = chunk.slice(1);
    if (chunk.length > 0) this.afterCarriageReturn = false;
    const buffer = this.pending + chunk;
    let start = 0;
    const ends = /\r\n|\r|\n/g;
    for (let match = ends.exec(buffer); match; match = ends.exec(buffer)) {
      // A CR last in the chunk may be the first half of a CRLF that the next chunk finishes.
      if (match[0] === '\r' && match.index === buffer.length - 1) this.afterCarriageReturn = true;
      this.line(buffer.slice(start, match.index));
      start = ends.lastIndex;
    }
    this.pending = buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.dispatch(this.eventName || 'message', this.data.join('\n'));
      this.eventName = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventName = value;
    else if (field === 'data') this.data.push(value);
  }
}

function parseEventData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function lostStream(): Error & { code: string } {
  return Object.assign(new Error('the stream was cut'), { code: 'ECONNRESET' });
}

/** The answer's text, refused past `limit` bytes; multi-byte characters may span chunks. */
function readBody(response: IncomingMessage, limit: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        response.destroy();
        reject(
          new AppFailure(
            'INTERNAL',
            `The branch server's answer is larger than ${limit / (1024 * 1024)} MiB`,
            { details: { limitBytes: limit } },
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('close', () => {
      if (!response.complete) reject(lostStream());
    });
  });
}

function answerBody(response: IncomingMessage, text: string): unknown {
  if (text === '') return null;
  if (!(response.headers['content-type'] ?? '').includes('application/json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppFailure('INTERNAL', "The branch server's answer is not valid JSON", {
      details: { status: response.statusCode ?? 0 },
    });
  }
}

/** An event stream refused: the server's own error envelope when it sent one. */
function refusal(response: IncomingMessage, text: string, server: ServerAddress): AppFailure {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = undefined;
  }
  const error = (envelope as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (
    typeof error?.code === 'string' &&
    (errorCodes as readonly string[]).includes(error.code) &&
    typeof error.message === 'string'
  ) {
    return new AppFailure(error.code as ErrorCode, error.message, {
      details: { status: response.statusCode ?? 0 },
    });
  }
  return new AppFailure(
    'INTERNAL',
    `The branch server at ${server.label} answered ${response.statusCode ?? 0} to the event stream`,
    { details: { status: response.statusCode ?? 0 } },
  );
}
