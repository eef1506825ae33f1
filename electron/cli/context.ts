import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { defaultDbFile } from '../core/app/paths';
import { createNodeCore } from '../core/node';
import type { Lang } from '../shared/messages';
import { AppFailure } from '../shared/result';
import type { Result } from '../shared/result';
import { cliFailure } from './errors';
import { say } from './text';

export interface CliOptions {
  db: string;
  user: string;
  json: boolean;
  /** The language of what the command says (--lang, else the locale; see language.ts). */
  lang: Lang;
  values: Record<string, string | boolean | undefined>;
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** Reads the passphrase from VISITDESK_PASSPHRASE, or asks on a terminal without echo. */
export async function readPassphrase(
  io: CliIo,
  lang: Lang,
  prompt = say('cli.prompt.passphrase', lang),
): Promise<string> {
  const fromEnv = io.env.VISITDESK_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!io.isTTY) throw cliFailure('UNAUTHENTICATED', 'cli.noPassphrase');
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  process.stderr.write(prompt);
  muted = true;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new AppFailure(result.error.code, result.error.message, {
      ...(result.error.fields ? { fields: result.error.fields } : {}),
      ...(result.error.details ? { details: result.error.details } : {}),
    });
  }
  return result.data;
}

/** Refuses a --db that names no file, before anything is opened or created. */
export function existingDatabase(db: string): void {
  if (!fs.existsSync(db)) {
    throw cliFailure(
      'NOT_FOUND',
      'cli.noDatabase',
      { value: path.resolve(db) },
      {
        field: { name: 'db', key: 'e.NOT_FOUND' },
      },
    );
  }
}

/** Opens the core on --db and signs in as --user; the caller must `close()`. */
export async function signedIn(options: CliOptions, io: CliIo) {
  existingDatabase(options.db);
  const core = createNodeCore(options.db, { dailyBackup: false, log: (m) => io.err(m) });
  const passphrase = await readPassphrase(io, options.lang);
  unwrap(await core.invoke('auth:signIn', { username: options.user, passphrase }));
  return {
    ...core,
    async close() {
      await core.app.settle();
      core.app.lock('signOut');
    },
  };
}

export function defaultDb(): string {
  return defaultDbFile();
}
