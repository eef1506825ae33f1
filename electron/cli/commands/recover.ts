import path from 'node:path';
import { readSlotFile } from '../../core/db/keyslots';
import { createNodeCore } from '../../core/node';
import type { Lang } from '../../shared/messages';
import type { AppError } from '../../shared/result';
import { busyWaiter } from '../causes';
import {
  coreOptions,
  deskServer,
  existingDatabase,
  readSecret,
  unwrap,
  type CliIo,
  type CliOptions,
} from '../context';
import { keyFileOf } from '../database-file';
import { cliFailure } from '../errors';
import { say } from '../text';
import { stringOption, type Command } from './types';

/** The recovery key: --recovery-key, else VISITDESK_RECOVERY_KEY, else asked without echo. */
function recoveryKey(options: CliOptions, io: CliIo): Promise<string> {
  const given = options.values['recovery-key'];
  const fromEnv = typeof given === 'string' && given.trim() ? given : io.env.VISITDESK_RECOVERY_KEY;
  return readSecret(io, fromEnv, say('cli.prompt.recoveryKey', options.lang), 'cli.noRecoveryKey');
}

/** The new passphrase: VISITDESK_NEW_PASSPHRASE, else asked twice on the terminal. */
async function newPassphrase(options: CliOptions, io: CliIo) {
  const prompt = say('cli.prompt.recoverPassphrase', options.lang, { user: options.user });
  const env = io.env.VISITDESK_NEW_PASSPHRASE;
  const passphrase = await readSecret(io, env, prompt, 'cli.noNewPassphrase');
  // Typed blind, so typed twice; the core's schema compares the two.
  const confirm = env
    ? env
    : await readSecret(io, undefined, say('cli.prompt.again', options.lang), 'cli.noNewPassphrase');
  return { passphrase, confirm };
}

/** The core's refusal told about the key, the account or the new passphrase the user gave. */
function refusal(error: AppError, db: string, user: string) {
  const field = error.fields ?? {};
  if (field.recoveryKey === 'v.invalid' || (error.code === 'VALIDATION' && field.recoveryKey)) {
    return cliFailure(
      'WRONG_KEY',
      'cli.recover.malformed',
      {},
      {
        field: { name: 'recoveryKey', key: field.recoveryKey ?? 'v.invalid' },
      },
    );
  }
  if (error.code === 'WRONG_KEY') {
    return cliFailure(
      'WRONG_KEY',
      'cli.recover.wrongKey',
      { db },
      {
        field: { name: 'recoveryKey', key: 'e.WRONG_KEY' },
      },
    );
  }
  if (error.code === 'NOT_FOUND' && field.username) {
    return cliFailure(
      'NOT_FOUND',
      'cli.recover.noAccount',
      { db, user },
      {
        field: { name: 'username', key: 'e.NOT_FOUND' },
      },
    );
  }
  const passphraseKey = field.passphrase ?? field.confirm;
  if (error.code === 'VALIDATION' && passphraseKey) {
    return cliFailure(
      'VALIDATION',
      'cli.recover.passphrase',
      {},
      {
        field: { name: field.passphrase ? 'passphrase' : 'confirm', key: passphraseKey },
        detail: { text: passphraseKey, params: {} },
      },
    );
  }
  return null;
}

const keyFileReadable = (db: string) => {
  try {
    readSlotFile(keyFileOf(db));
    return true;
  } catch {
    return false;
  }
};

function doneLine(
  lang: Lang,
  params: { db: string; user: string; keys: string },
  rebuilt: boolean,
) {
  return say(rebuilt ? 'cli.done.recoverRebuilt' : 'cli.done.recover', lang, params);
}

/**
 * The recovery key's command line: a new passphrase for one account, through the app's own
 * `auth:recover` (which audits it as auth.recover and rebuilds a lost key file with that one
 * account's slot).
 */
export const recoverCommand: Command = {
  name: 'recover',
  usage: 'recover --db PATH --user NAME [--recovery-key KEY] [--json]',
  summary: {
    zh: '用打印的恢复密钥为账户设置新口令（忘记口令或密钥文件丢失时）；恢复密钥也可取自 VISITDESK_RECOVERY_KEY，新口令取自 VISITDESK_NEW_PASSPHRASE 或在终端输入两次',
    en: 'set a new passphrase for an account with the printed recovery key (a forgotten passphrase, a lost key file); the key may come from VISITDESK_RECOVERY_KEY, the new passphrase from VISITDESK_NEW_PASSPHRASE or typed twice',
  },
  desk: true,
  options: { 'recovery-key': stringOption },
  async run(options, io) {
    const server = deskServer(options, io);
    // On a server the database is there; here is only the key file, which recover may rebuild.
    if (!server) existingDatabase(options.db, true);
    const db = path.resolve(options.db);
    const key = await recoveryKey(options, io);
    const { passphrase, confirm } = await newPassphrase(options, io);
    const rebuilt = !keyFileReadable(db);
    const core = createNodeCore(db, { ...coreOptions(io), server });
    const whileBusy = busyWaiter(io.err, options.lang, db);
    await whileBusy(async () => {
      const input = { recoveryKey: key, username: options.user, passphrase, confirm };
      const result = await core.invoke('auth:recover', input);
      if (result.ok) return;
      const refused = refusal(result.error, db, options.user);
      if (refused) throw refused;
      unwrap(result);
    });
    const params = { db, user: options.user, keys: keyFileOf(db) };
    io.out(
      options.json
        ? JSON.stringify({ db, user: options.user, keyFileRebuilt: rebuilt, keys: params.keys })
        : doneLine(options.lang, params, rebuilt),
    );
    return 0;
  },
};
