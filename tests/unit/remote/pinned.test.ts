import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EventStreamParser,
  fetchPinnedCertificate,
  openEventStream,
  pinnedAgent,
  requestJson,
} from '../../../electron/core/remote/pinned';
import {
  loadOrCreateServerCertificate,
  type ServerCertificate,
} from '../../../electron/core/server/certificate';
import { AppFailure } from '../../../electron/shared/result';
import { tempDir } from '../support/core';

const NOW = new Date('2026-03-02T01:30:00Z');
const HTTP_OK =
  'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}';

let serverA: ServerCertificate;
let serverB: ServerCertificate;

beforeAll(async () => {
  serverA = await loadOrCreateServerCertificate(tempDir(), NOW);
  serverB = await loadOrCreateServerCertificate(tempDir(), NOW);
});

async function listen(server: net.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function shut(server: net.Server): Promise<void> {
  if ('closeAllConnections' in server) (server as http.Server).closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/**
 * A TLS server that counts the application bytes each secure connection brings, and answers
 * a whole HTTP request with a fixed JSON one. `settled()` waits until every TCP connection it
 * accepted has closed, so that a count read then is final.
 */
async function countingServer(made: ServerCertificate) {
  let bytes = 0;
  const open = new Set<Promise<void>>();
  const server = tls.createServer({ key: made.key, cert: made.cert }, (socket) => {
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      seen += chunk.toString('latin1');
      if (seen.includes('\r\n\r\n')) socket.end(HTTP_OK);
    });
    socket.on('error', () => {});
  });
  server.on('connection', (socket: net.Socket) => {
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    open.add(closed);
    void closed.then(() => open.delete(closed));
  });
  server.on('tlsClientError', () => {});
  const port = await listen(server);
  return {
    address: `https://127.0.0.1:${port}`,
    bytes: () => bytes,
    settled: async () => {
      while (open.size > 0) await Promise.all([...open]);
    },
    close: () => shut(server),
  };
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** An HTTPS server as the branch server will be, counting the requests it handled. */
async function branchServer(
  made: ServerCertificate,
  handler: Handler,
  port = 0,
  ticketKeys?: Buffer,
) {
  const seen: string[] = [];
  const server = https.createServer({ key: made.key, cert: made.cert, ticketKeys }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  const bound = await listen(server, port);
  return {
    address: `https://127.0.0.1:${bound}`,
    port: bound,
    seen,
    server,
    close: () => shut(server),
  };
}

function readAll(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
  });
}

const echo: Handler = (req, res) => {
  void readAll(req).then((text) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('x-visitdesk-session', 'token-1');
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        desk: req.headers['x-visitdesk-desk'],
        got: JSON.parse(text || 'null'),
      }),
    );
  });
};

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await shut(server);
  return port;
}

/** A plain TCP server counting connections, to show a refusal happened before any. */
async function tcpCounter() {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  const port = await listen(server);
  return { port, connections: () => connections, close: () => shut(server) };
}

function lowerNoColons(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toLowerCase();
}

describe("the desk's pinned connection to the branch server", () => {
  it("fetches the server's certificate when its fingerprint is the pin, in any case and with or without colons", async () => {
    const counting = await countingServer(serverA);
    try {
      for (const pin of [
        serverA.fingerprint,
        lowerNoColons(serverA.fingerprint),
        serverA.fingerprint.toLowerCase(),
      ]) {
        const pem = await fetchPinnedCertificate(counting.address, pin);
        expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
        expect(new crypto.X509Certificate(pem).fingerprint256).toBe(serverA.fingerprint);
      }
      await counting.settled();
      expect(counting.bytes()).toBe(0);
    } finally {
      await counting.close();
    }
  });

  it('refuses a certificate that is not the pinned one, having written nothing', async () => {
    const counting = await countingServer(serverB);
    try {
      const failure = await failureOf(
        fetchPinnedCertificate(counting.address, serverA.fingerprint),
      );
      expect(failure.code).toBe('SERVER_CERT_MISMATCH');
      expect(failure.details).toEqual({
        expected: serverA.fingerprint,
        presented: serverB.fingerprint,
      });
      expect(failure.message).toContain('nothing was sent');
      await counting.settled();
      expect(counting.bytes()).toBe(0);
    } finally {
      await counting.close();
    }
  });

  it('refuses http:// and anything but https:// before connecting', async () => {
    const counter = await tcpCounter();
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      for (const address of [
        `http://127.0.0.1:${counter.port}`,
        `ftp://127.0.0.1:${counter.port}`,
        `127.0.0.1:${counter.port}`,
      ]) {
        expect((await failureOf(fetchPinnedCertificate(address, serverA.fingerprint))).code).toBe(
          'PLAIN_HTTP_REFUSED',
        );
        expect(
          (await failureOf(requestJson(agent, address, { method: 'GET', path: '/v1/hello' }))).code,
        ).toBe('PLAIN_HTTP_REFUSED');
        const stream = openEventStream(agent, address, '/v1/events', {}, () => {});
        expect((await failureOf(stream.closed)).code).toBe('PLAIN_HTTP_REFUSED');
      }
      const withPath = await failureOf(
        fetchPinnedCertificate(`https://127.0.0.1:${counter.port}/v1`, serverA.fingerprint),
      );
      expect(withPath.code).toBe('VALIDATION');
      expect(counter.connections()).toBe(0);
    } finally {
      agent.destroy();
      await counter.close();
    }
  });

  it('refuses a pin that is not a SHA-256 fingerprint', async () => {
    await expect(fetchPinnedCertificate('https://127.0.0.1:1', 'AB:CD')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(() => pinnedAgent(serverA.cert, serverA.fingerprint.slice(3))).toThrow(AppFailure);
  });

  it('says plainly that a plain HTTP server on the port is not the branch server', async () => {
    const plain = http.createServer((_req, res) => res.end('hello'));
    const port = await listen(plain);
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const fetched = await failureOf(
        fetchPinnedCertificate(`https://127.0.0.1:${port}`, serverA.fingerprint),
      );
      expect(fetched.code).toBe('SERVER_UNREACHABLE');
      expect(fetched.message).toBe(
        `The branch server at https://127.0.0.1:${port} cannot be reached: something answers on that port, but not with HTTPS (is it the branch server’s port?)`,
      );
      const called = await failureOf(
        requestJson(agent, `https://127.0.0.1:${port}`, { method: 'GET', path: '/v1/hello' }),
      );
      expect(called.message).toBe(fetched.message);
    } finally {
      agent.destroy();
      await shut(plain);
    }
  });

  it('says the server cannot be reached when nothing listens on its port', async () => {
    const port = await freePort();
    const address = `https://127.0.0.1:${port}`;
    const fetched = await failureOf(fetchPinnedCertificate(address, serverA.fingerprint));
    expect(fetched.code).toBe('SERVER_UNREACHABLE');
    expect(fetched.message).toBe(
      `The branch server at ${address} cannot be reached: nothing accepts connections there (is the server running, on that port?)`,
    );
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    const called = await failureOf(
      requestJson(agent, address, { method: 'POST', path: '/v1/call/visits:plan', body: {} }),
    );
    expect(called.code).toBe('SERVER_UNREACHABLE');
    expect(called.details).toEqual({ cause: 'ECONNREFUSED', requestSent: false });
    agent.destroy();
  });

  it('calls the server through the pinned agent: JSON out and back, headers, text answers', async () => {
    const branch = await branchServer(serverA, (req, res) => {
      if (req.url === '/text') {
        res.setHeader('content-type', 'text/plain');
        res.end('not json');
      } else if (req.url === '/broken') {
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":');
      } else if (req.url === '/empty') {
        res.statusCode = 204;
        res.end();
      } else {
        echo(req, res);
      }
    });
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const answer = await requestJson(agent, branch.address, {
        method: 'POST',
        path: '/v1/call/borrowers:search',
        headers: { 'x-visitdesk-desk': 'desk-1' },
        body: { query: '王秀英', limit: 20 },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['x-visitdesk-session']).toBe('token-1');
      expect(answer.body).toEqual({
        method: 'POST',
        url: '/v1/call/borrowers:search',
        desk: 'desk-1',
        got: { query: '王秀英', limit: 20 },
      });
      expect(
        (await requestJson(agent, branch.address, { method: 'GET', path: '/text' })).body,
      ).toBe('not json');
      expect(
        await requestJson(agent, branch.address, { method: 'GET', path: '/empty' }),
      ).toMatchObject({ status: 204, body: null });
      const broken = await failureOf(
        requestJson(agent, branch.address, { method: 'GET', path: '/broken' }),
      );
      expect(broken.code).toBe('INTERNAL');
      expect(broken.message).toBe("The branch server's answer is not valid JSON");
      // Kept alive: the four calls went over one connection.
      expect(branch.seen).toHaveLength(4);
    } finally {
      agent.destroy();
      await branch.close();
    }
  });

  it('counts application bytes only when the pin matches: none reach a server with the right CA but another pin', async () => {
    const counting = await countingServer(serverA);
    const right = pinnedAgent(serverA.cert, serverA.fingerprint);
    // Trusts A's certificate as its authority, but is pinned to B's: the pin alone refuses.
    const wrongPin = pinnedAgent(serverA.cert, serverB.fingerprint);
    try {
      const failure = await failureOf(
        requestJson(wrongPin, counting.address, {
          method: 'POST',
          path: '/v1/call/x',
          body: { a: 1 },
        }),
      );
      expect(failure.code).toBe('SERVER_CERT_MISMATCH');
      expect(failure.details).toEqual({
        expected: serverB.fingerprint,
        presented: serverA.fingerprint,
      });
      await counting.settled();
      expect(counting.bytes()).toBe(0);

      // The count is real: the right pin's request arrives.
      const answer = await requestJson(right, counting.address, {
        method: 'POST',
        path: '/v1/call/x',
        body: { a: 1 },
      });
      expect(answer).toMatchObject({ status: 200, body: { ok: true } });
      expect(counting.bytes()).toBeGreaterThan(0);
    } finally {
      right.destroy();
      wrongPin.destroy();
      await counting.close();
    }
  });

  it("refuses another server's certificate on the pinned address, having written nothing", async () => {
    const counting = await countingServer(serverB);
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const failure = await failureOf(
        requestJson(agent, counting.address, {
          method: 'POST',
          path: '/v1/enrol',
          body: { code: '123456' },
        }),
      );
      expect(failure.code).toBe('SERVER_CERT_MISMATCH');
      expect(failure.details?.['expected']).toBe(serverA.fingerprint);
      await counting.settled();
      expect(counting.bytes()).toBe(0);
    } finally {
      agent.destroy();
      await counting.close();
    }
  });

  it('checks every new connection: a session resumed from server A does not let server B through', async () => {
    // A and B share their session ticket keys, so B resumes A's sessions without showing its
    // certificate: the case Node's session cache would let through unchecked.
    const ticketKeys = crypto.randomBytes(48);
    const answer: Handler = (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ answered: req.url }));
    };
    const a = await branchServer(serverA, answer, 0, ticketKeys);
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    const pin = serverA.fingerprint;
    const caching = new https.Agent({
      ca: serverA.cert,
      keepAlive: false,
      checkServerIdentity: (_host, cert) =>
        cert.fingerprint256 === pin ? undefined : new Error('not the pin'),
    });
    const viaCaching = () =>
      new Promise<boolean>((resolve, reject) => {
        https
          .get({ agent: caching, host: '127.0.0.1', port: a.port, path: '/' }, (res) => {
            res.resume();
            res.on('end', () => resolve((res.socket as tls.TLSSocket).isSessionReused()));
          })
          .on('error', reject);
      });
    let b: Awaited<ReturnType<typeof branchServer>> | undefined;
    try {
      expect(
        (await requestJson(agent, a.address, { method: 'GET', path: '/v1/hello' })).status,
      ).toBe(200);
      expect(await viaCaching()).toBe(false);
      await a.close();
      // The pinned agent's kept-alive socket to A is gone before B opens: the next call connects anew.
      while (Object.keys(agent.freeSockets).length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }

      b = await branchServer(serverB, answer, a.port, ticketKeys);
      // The control: an agent with Node's session cache reaches B on a resumed session.
      expect(await viaCaching()).toBe(true);
      expect(b.seen).toEqual(['GET /']);

      const failure = await failureOf(
        requestJson(agent, b.address, { method: 'GET', path: '/v1/hello' }),
      );
      expect(failure.code).toBe('SERVER_CERT_MISMATCH');
      expect(b.seen).toEqual(['GET /']);
    } finally {
      agent.destroy();
      caching.destroy();
      await b?.close();
      if (a.server.listening) await a.close();
    }
  });

  it("enrols against a bank's certificate: fetched by its pin, then trusted alone without the bank's CA", async () => {
    x509.cryptoProvider.set(globalThis.crypto);
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const caKeys = await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const bankCa = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'CN=Qingshan Rural Commercial Bank CA',
      notBefore: NOW,
      notAfter: new Date('2031-03-02T01:30:00Z'),
      keys: caKeys,
      signingAlgorithm: alg,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    });
    const leafKeys = await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const leaf = await x509.X509CertificateGenerator.create({
      subject: 'CN=shiqiao.branch.example',
      issuer: bankCa.subject,
      notBefore: NOW,
      notAfter: new Date('2028-03-02T01:30:00Z'),
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: alg,
    });
    const bank: ServerCertificate = {
      key: crypto.KeyObject.from(leafKeys.privateKey)
        .export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      cert: `${leaf.toString('pem')}\n${bankCa.toString('pem')}\n`,
      fingerprint: new crypto.X509Certificate(leaf.toString('pem')).fingerprint256,
    };
    const branch = await branchServer(bank, echo);
    try {
      const pem = await fetchPinnedCertificate(branch.address, bank.fingerprint);
      const agent = pinnedAgent(pem, bank.fingerprint);
      const answer = await requestJson(agent, branch.address, { method: 'GET', path: '/v1/hello' });
      expect(answer).toMatchObject({ status: 200, body: { url: '/v1/hello' } });
      agent.destroy();
    } finally {
      await branch.close();
    }
  });

  it('gives up on a server that does not answer in time, saying the request was sent', async () => {
    const branch = await branchServer(serverA, () => {});
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const failure = await failureOf(
        requestJson(agent, branch.address, {
          method: 'POST',
          path: '/v1/call/x',
          body: {},
          timeoutMs: 400,
        }),
      );
      expect(failure.code).toBe('SERVER_UNREACHABLE');
      expect(failure.message).toBe(
        `The branch server at ${branch.address} cannot be reached: it did not answer within 400 ms`,
      );
      expect(failure.details).toEqual({ cause: 'TIMEOUT', requestSent: true });
      expect(branch.seen).toEqual(['POST /v1/call/x']);
    } finally {
      agent.destroy();
      await branch.close();
    }
  });

  it("stops when the caller aborts, with the signal's reason", async () => {
    const branch = await branchServer(serverA, () => {});
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const controller = new AbortController();
      const call = requestJson(agent, branch.address, {
        method: 'GET',
        path: '/v1/hello',
        signal: controller.signal,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort(new Error('the window closed'));
      await expect(call).rejects.toThrow('the window closed');
      await expect(
        requestJson(agent, branch.address, {
          method: 'GET',
          path: '/v1/hello',
          signal: controller.signal,
        }),
      ).rejects.toThrow('the window closed');
    } finally {
      agent.destroy();
      await branch.close();
    }
  });

  it("refuses a certificate outside its dates, naming this PC's clock", async () => {
    const expired = await loadOrCreateServerCertificate(
      tempDir(),
      new Date('2010-01-01T00:00:00Z'),
    );
    const future = await loadOrCreateServerCertificate(tempDir(), new Date('2100-01-01T00:00:00Z'));
    for (const [made, when] of [
      [expired, 'has expired'],
      [future, 'is not valid yet'],
    ] as const) {
      const branch = await branchServer(made, echo);
      const agent = pinnedAgent(made.cert, made.fingerprint);
      try {
        const failure = await failureOf(
          requestJson(agent, branch.address, { method: 'GET', path: '/v1/hello' }),
        );
        expect(failure.code).toBe('SERVER_CERT_MISMATCH');
        expect(failure.message).toBe(
          `The server at ${branch.address} shows a certificate that ${when} by this PC's clock (check the date and time here); nothing was sent`,
        );
        expect(branch.seen).toEqual([]);
      } finally {
        agent.destroy();
        await branch.close();
      }
    }
  });

  it('gives up on a port that accepts the connection but never starts TLS', async () => {
    const held: net.Socket[] = [];
    const mute = net.createServer((socket) => held.push(socket));
    const port = await listen(mute);
    try {
      const failure = await failureOf(
        fetchPinnedCertificate(`https://127.0.0.1:${port}`, serverA.fingerprint, 300),
      );
      expect(failure.code).toBe('SERVER_UNREACHABLE');
      expect(failure.message).toBe(
        `The branch server at https://127.0.0.1:${port} cannot be reached: it did not answer in time`,
      );
    } finally {
      for (const socket of held) socket.destroy();
      await shut(mute);
    }
  });

  it('refuses an answer larger than 64 MiB and drops its connection', async () => {
    const megabyte = Buffer.alloc(1024 * 1024, 0x20);
    let serverSawClose = false;
    const branch = await branchServer(serverA, (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.on('close', () => (serverSawClose = true));
      void (async () => {
        // 64 MiB of spaces and then `1`: a valid JSON number one byte past the cap.
        for (let sent = 0; sent < 64 && !res.destroyed; sent++) {
          if (!res.write(megabyte)) await new Promise((resolve) => res.once('drain', resolve));
        }
        if (!res.destroyed) res.end('1');
      })();
      req.resume();
    });
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const failure = await failureOf(
        requestJson(agent, branch.address, { method: 'GET', path: '/v1/call/reports:month' }),
      );
      expect(failure.code).toBe('INTERNAL');
      expect(failure.message).toBe("The branch server's answer is larger than 64 MiB");
      while (!serverSawClose) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      agent.destroy();
      await branch.close();
    }
  });

  it('calls only through a pinned agent', async () => {
    const failure = await failureOf(
      requestJson(https.globalAgent, 'https://127.0.0.1:1', { method: 'GET', path: '/v1/hello' }),
    );
    expect(failure.code).toBe('INTERNAL');
    expect(failure.message).toBe('Calls to the branch server go through pinnedAgent only');
    const stream = openEventStream(
      https.globalAgent,
      'https://127.0.0.1:1',
      '/v1/events',
      {},
      () => {},
    );
    expect((await failureOf(stream.closed)).message).toBe(failure.message);
  });
});

describe("the desk's event stream", () => {
  it('reads events written in pieces: names, multi-line data, comments, CRLF, characters cut in two', async () => {
    const stream = `: keep-alive\r\nevent: visit:planned\r\ndata: {"visitId":"v1",\r\ndata: "borrower":"王秀英"}\r\n\r\n:\n\nevent: cases:imported\ndata: {"count":3}\n\ndata: plain text\nid: 7\nretry: 1000\n\n`;
    const bytes = Buffer.from(stream, 'utf8');
    // Cut inside 王 (3 bytes), between a CR and its LF, and mid-field.
    const wang = bytes.indexOf(Buffer.from('王'));
    const crlf = bytes.indexOf(Buffer.from('\r\n', 'latin1'), 30);
    const cuts = [5, crlf + 1, wang + 1, wang + 2, bytes.length - 20, bytes.length];
    let sent = 0;
    const branch = await branchServer(serverA, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      void (async () => {
        let from = 0;
        for (const cut of cuts) {
          res.write(bytes.subarray(from, cut));
          from = cut;
          sent++;
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      })();
    });
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    const events: [string, unknown][] = [];
    try {
      const opened = openEventStream(
        agent,
        branch.address,
        '/v1/events',
        { 'x-visitdesk-session': 's1' },
        (name, data) => {
          events.push([name, data]);
        },
      );
      while (events.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(events).toEqual([
        ['visit:planned', { visitId: 'v1', borrower: '王秀英' }],
        ['cases:imported', { count: 3 }],
        ['message', 'plain text'],
      ]);
      expect(sent).toBe(cuts.length);
      opened.close();
      await expect(opened.closed).resolves.toBeUndefined();
    } finally {
      agent.destroy();
      await branch.close();
    }
  });

  it('parses the same events however the stream is cut', () => {
    const stream =
      'data: a\r\ndata: b\r\n\r\nevent: e\rdata: {"n":1}\r\r: note\ndata:\n\ndata\n\nevent: lost\ndata: cut off';
    const whole: [string, string][] = [];
    new EventStreamParser((name, data) => whole.push([name, data])).push(stream);
    expect(whole).toEqual([
      ['message', 'a\nb'],
      ['e', '{"n":1}'],
      ['message', ''],
      ['message', ''],
    ]);
    for (let cut = 0; cut <= stream.length; cut++) {
      for (let second = cut; second <= stream.length; second++) {
        const events: [string, string][] = [];
        const parser = new EventStreamParser((name, data) => events.push([name, data]));
        parser.push(stream.slice(0, cut));
        parser.push(stream.slice(cut, second));
        parser.push(stream.slice(second));
        expect(events).toEqual(whole);
      }
    }
  });

  it("ends quietly when the server ends the stream, and with the server's error when it refuses it", async () => {
    const branch = await branchServer(serverA, (req, res) => {
      if (req.headers['x-visitdesk-desk'] === 'unknown') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            ok: false,
            error: { code: 'DESK_NOT_ENROLLED', message: 'This desk is not enrolled' },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: session:ended\ndata: {}\n\n');
    });
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const names: string[] = [];
      const ended = openEventStream(agent, branch.address, '/v1/events', {}, (name) =>
        names.push(name),
      );
      await expect(ended.closed).resolves.toBeUndefined();
      expect(names).toEqual(['session:ended']);

      const refused = openEventStream(
        agent,
        branch.address,
        '/v1/events',
        { 'x-visitdesk-desk': 'unknown' },
        () => {},
      );
      const failure = await failureOf(refused.closed);
      expect(failure.code).toBe('DESK_NOT_ENROLLED');
      expect(failure.message).toBe('This desk is not enrolled');
    } finally {
      agent.destroy();
      await branch.close();
    }
  });

  it('fails when the stream is lost, silent too long, or shows another certificate', async () => {
    const branch = await branchServer(serverA, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
      if (req.url === '/cut') setTimeout(() => req.socket.destroy(), 50);
    });
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    const wrong = pinnedAgent(serverB.cert, serverB.fingerprint);
    try {
      const cut = await failureOf(
        openEventStream(agent, branch.address, '/cut', {}, () => {}).closed,
      );
      expect(cut.code).toBe('SERVER_UNREACHABLE');
      expect(cut.details).toEqual({ cause: 'ECONNRESET', requestSent: true });

      const quiet = openEventStream(agent, branch.address, '/quiet', {}, () => {}, {
        idleTimeoutMs: 300,
      });
      const silent = await failureOf(quiet.closed);
      expect(silent.code).toBe('SERVER_UNREACHABLE');
      expect(silent.message).toBe(
        `The branch server at ${branch.address} cannot be reached: the event stream was silent for 300 ms`,
      );

      const events: string[] = [];
      const mismatched = await failureOf(
        openEventStream(wrong, branch.address, '/v1/events', {}, (name) => events.push(name))
          .closed,
      );
      expect(mismatched.code).toBe('SERVER_CERT_MISMATCH');
      expect(events).toEqual([]);
      expect(branch.seen).toEqual(['GET /cut', 'GET /quiet']);
    } finally {
      agent.destroy();
      wrong.destroy();
      await branch.close();
    }
  });

  it('closes the stream when the listener throws, and reports what it threw', async () => {
    const branch = await branchServer(serverA, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\ndata: 2\n\n');
    });
    const agent = pinnedAgent(serverA.cert, serverA.fingerprint);
    try {
      const seen: unknown[] = [];
      const opened = openEventStream(agent, branch.address, '/v1/events', {}, (_name, data) => {
        seen.push(data);
        throw new Error('the calendar broke');
      });
      await expect(opened.closed).rejects.toThrow('the calendar broke');
      expect(seen).toEqual([1]);
    } finally {
      agent.destroy();
      await branch.close();
    }
  });
});
