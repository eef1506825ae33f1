import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import fs from 'node:fs';
import { defaultDbFile } from '../core/app/paths';
import { serverFromEnvironment, type ServerDatabase } from '../core/app/server-desk';
import type { ScryptCost } from '../core/db/keyslots';
import { createNodeCore } from '../core/node';
import type { Channel, ChannelInput, ChannelOutput } from '../shared/contract';
import type { Lang } from '../shared/messages';
import { AppFailure, type ErrorCode, type Result } from '../shared/result';
import { busyWaiter } from './causes';
import { databaseFileProblem, keyFileOf, type DatabaseFileProblem } from './database-file';
import { cliFailure } from './errors';
import { say, type CliTextKey } from './text';

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
  /**
   * scrypt cost for key slots the command makes. Only an in-process caller (the test suite)
   * sets it; the command line never does, so a real branch always gets OWASP's cost.
   */
  kdfCost?: ScryptCost;
  /**
   * Ends a long-running command (`serve`) when it resolves, with the reason's name; without it,
   * SIGINT or SIGTERM does. Only an in-process caller (the test suite) sets it.
   */
  stop?: Promise<string>;
}

/** The options every command opens its core with: no daily backup, messages to stderr. */
export function coreOptions(io: CliIo) {
  return {
    dailyBackup: false,
    log: (message: string) => io.err(message),
    ...(io.kdfCost ? { kdfCost: io.kdfCost } : {}),
  };
}

/** Reads the passphrase from VISITDESK_PASSPHRASE, or asks on a terminal without echo. */
export async function readPassphrase(
  io: CliIo,
  lang: Lang,
  prompt = say('cli.prompt.passphrase', lang),
): Promise<string> {
  return readSecret(io, io.env.VISITDESK_PASSPHRASE, prompt, 'cli.noPassphrase', 'UNAUTHENTICATED');
}

/** A secret from its environment variable (given as `fromEnv`), or asked without echo. */
export async function readSecret(
  io: CliIo,
  fromEnv: string | undefined,
  prompt: string,
  missing: CliTextKey,
  code: ErrorCode = 'VALIDATION',
): Promise<string> {
  if (fromEnv) return fromEnv;
  if (!io.isTTY) throw cliFailure(code, missing);
  return askHidden(prompt);
}

async function askHidden(prompt: string): Promise<string> {
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

/** The sentence for a file named with --db that is not there or cannot be a database. */
const dbProblemText = {
  missing: 'cli.noDatabase',
  folder: 'cli.dbIsFolder',
  notDatabase: 'cli.notDatabase',
  plainSqlite: 'cli.plainDatabase',
  noKeyFile: 'cli.noKeyFile',
} as const satisfies Record<NonNullable<DatabaseFileProblem>, CliTextKey>;

/**
 * The server a desk command works on: --database-url, else VISITDESK_DATABASE_URL, else none
 * (this PC's database). The address is checked before anything is opened.
 */
export function deskServer(options: CliOptions, io: CliIo): ServerDatabase | null {
  const given = options.values['database-url'];
  if (given === '') throw cliFailure('VALIDATION', 'cli.missing', { option: '--database-url' });
  return serverFromEnvironment(io.env, typeof given === 'string' ? given : undefined);
}

/** A desk on a server keeps only its key file beside --db: it must be there. */
function existingKeyFile(db: string): void {
  if (fs.existsSync(keyFileOf(db))) return;
  throw cliFailure('KEYSLOTS_DAMAGED', 'cli.noKeyFile', {
    value: path.resolve(db),
    keys: keyFileOf(db),
  });
}

/**
 * Refuses a --db that names no file, a folder, a file that is no database, or a database
 * without its key file, before anything is opened or created. `recover` passes
 * `keyFileOptional`: rebuilding a lost key file is what it is for.
 */
export function existingDatabase(db: string, keyFileOptional = false): void {
  const problem = databaseFileProblem(db);
  if (problem === null || (problem === 'noKeyFile' && keyFileOptional)) return;
  throw cliFailure(
    problem === 'missing'
      ? 'NOT_FOUND'
      : problem === 'noKeyFile'
        ? 'KEYSLOTS_DAMAGED'
        : 'VALIDATION',
    dbProblemText[problem],
    { value: path.resolve(db), keys: keyFileOf(db) },
    { field: { name: 'db', key: problem === 'missing' ? 'e.NOT_FOUND' : 'v.invalid' } },
  );
}

/**
 * Opens the core on --db and signs in as --user; the caller must `close()`. A sign-in (it
 * writes an audit row) waits while another process writes, and so can the caller's own work
 * through `whileBusy`; the notice that it waits is given once. Everything a command does after
 * signing in goes through `call`: the same dispatcher as the app's IPC, so the channel's schema,
 * the role check and the audit are the screen's own.
 */
export async function signedIn(
  options: CliOptions,
  io: CliIo,
  server: ServerDatabase | null = deskServer(options, io),
) {
  if (server) existingKeyFile(options.db);
  else existingDatabase(options.db);
  const passphrase = await readPassphrase(io, options.lang);
  const core = createNodeCore(options.db, { ...coreOptions(io), server });
  const whileBusy = busyWaiter(io.err, options.lang, options.db);
  await whileBusy(async () => {
    try {
      unwrap(await core.invoke('auth:signIn', { username: options.user, passphrase }));
    } catch (error) {
      // Opened but not signed in (the sign-in's audit row was refused): close before retrying.
      if (!core.app.session) core.app.lock('quit');
      throw error;
    }
  });
  return {
    ...core,
    whileBusy,
    /** One channel as the signed-in user: its data, or its refusal thrown as a failure. */
    async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      // The dispatcher's answer for a known channel is that channel's output.
      return unwrap((await core.invoke(channel, input)) as Result<ChannelOutput<C>>);
    },
    async close() {
      await core.app.settle();
      core.app.lock('signOut');
    },
  };
}

export function defaultDb(): string {
  return defaultDbFile();
}
