import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  certificateFromFiles,
  loadOrCreateServerCertificate,
  type ServerCertificate,
} from '../../core/server/certificate';
import { startBranchServer } from '../../core/server/http';
import { signedIn, type CliIo, type CliOptions } from '../context';
import { cliFailure } from '../errors';
import { existingFile } from '../options';
import { say } from '../text';
import { stringOption, type Command } from './types';

/**
 * The branch server (issue 20): `serve` runs the core behind HTTPS for the branch's desks, and
 * `enrol-code` makes a one-time code for a new desk, with the fingerprint its user must check.
 *
 * The server opens the branch's data once, at start, with a manager's account (the passphrase
 * from VISITDESK_PASSPHRASE or asked), and keeps it open; staff then sign in from their desks
 * (server/sessions.ts). Its certificate is its own, made at first start in `server-tls` beside
 * the database, unless --cert and --key give the bank's.
 */

const DEFAULT_PORT = 8443;

/** The server's certificate: the bank's (--cert, --key), else its own beside the database. */
function certificateOf(options: CliOptions, now: Date): Promise<ServerCertificate> {
  const { cert, key } = options.values;
  if (typeof cert === 'string' || typeof key === 'string') {
    if (typeof cert !== 'string' || typeof key !== 'string') {
      throw cliFailure('VALIDATION', 'cli.server.certAndKey');
    }
    return Promise.resolve(
      certificateFromFiles(
        existingFile(options.values, 'key'),
        existingFile(options.values, 'cert'),
      ),
    );
  }
  return loadOrCreateServerCertificate(tlsFolder(options.db), now);
}

const tlsFolder = (db: string) => path.join(path.dirname(path.resolve(db)), 'server-tls');

function portOf(options: CliOptions): number {
  const given = options.values.port;
  if (given === undefined) return DEFAULT_PORT;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw cliFailure('VALIDATION', 'cli.server.port', { value: String(given) });
  }
  return port;
}

/** Only a manager opens the branch's data for the server, as only a manager sets a branch up. */
function managerOnly(role: string | undefined): void {
  if (role !== 'manager') throw cliFailure('FORBIDDEN', 'cli.server.managerOnly');
}

/** Resolves at SIGINT or SIGTERM (a service manager's stop), for a clean close. */
function untilStopped(io: CliIo): Promise<string> {
  if (io.stop) return io.stop;
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const serve: Command = {
  name: 'serve',
  usage:
    'serve --db PATH --user NAME [--host ADDRESS] [--port N] [--cert FILE --key FILE] [--database-url URL]',
  summary: {
    zh: '作为支行服务器运行，供各台电脑通过 HTTPS 连接',
    en: 'run as the branch server the desks connect to over HTTPS',
  },
  desk: true,
  options: { host: stringOption, port: stringOption, cert: stringOption, key: stringOption },
  async run(options, io) {
    const port = portOf(options);
    const host = typeof options.values.host === 'string' ? options.values.host : '0.0.0.0';
    const core = await signedIn(options, io);
    try {
      managerOnly(core.app.session?.role);
      const certificate = await certificateOf(options, core.app.now());
      const server = await startBranchServer({
        app: core.app,
        invoke: core.invoke,
        certificate,
        host,
        port,
      });
      io.out(
        options.json
          ? JSON.stringify({ url: server.url, fingerprint: certificate.fingerprint })
          : say('cli.server.listening', options.lang, {
              url: server.url,
              fingerprint: certificate.fingerprint,
            }),
      );
      const signal = await untilStopped(io);
      await server.close();
      io.err(say('cli.server.stopped', options.lang, { signal }));
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const enrolCode: Command = {
  name: 'enrol-code',
  usage: 'enrol-code --db PATH --user NAME [--minutes N] [--cert FILE] [--database-url URL]',
  summary: {
    zh: '为一台新电脑生成一次性登记码（并显示服务器证书指纹）',
    en: "make a one-time enrolment code for a new desk (with the server certificate's fingerprint)",
  },
  desk: true,
  options: { minutes: stringOption, cert: stringOption },
  async run(options, io) {
    const minutes = options.values.minutes === undefined ? 60 : Number(options.values.minutes);
    const core = await signedIn(options, io);
    try {
      const made = await core.call('desks:createCode', { minutes });
      // The fingerprint the new desk's user must find on the screen: the bank's certificate's
      // when the server is given one (--cert), else the server's own.
      const fingerprint =
        typeof options.values.cert === 'string'
          ? new X509Certificate(fs.readFileSync(existingFile(options.values, 'cert')))
              .fingerprint256
          : (await loadOrCreateServerCertificate(tlsFolder(options.db), core.app.now()))
              .fingerprint;
      io.out(
        options.json
          ? JSON.stringify({ ...made, fingerprint })
          : say('cli.server.code', options.lang, {
              code: made.code,
              expiresAt: made.expiresAt,
              fingerprint,
            }),
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const serverCommands = [serve, enrolCode];
