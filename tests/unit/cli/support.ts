import { runCli } from '../../../electron/cli/main';
import { createNodeCore } from '../../../electron/core/node';
import type { ScryptCost } from '../../../electron/core/db/keyslots';
import { TEST_KDF } from '../support/setup';

/**
 * Runs a CLI command in-process with captured output, a given passphrase and locale variables
 * (none by default: the CLI then speaks Chinese, the product's language). Key slots it makes
 * use the tests' low scrypt cost (the command line itself always uses OWASP's; see
 * foundation.test.ts, which runs `init` with the real cost once).
 */
export async function cli(
  args: string[],
  passphrase = 'correct horse battery',
  env: NodeJS.ProcessEnv = {},
  kdfCost: ScryptCost | null = TEST_KDF,
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { ...env, VISITDESK_PASSPHRASE: passphrase },
    isTTY: false,
    ...(kdfCost ? { kdfCost } : {}),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A branch made by `init` in a fresh temp folder: its folder, database and recovery key. */
export async function initBranch() {
  const { tempDir } = await import('../support/core');
  const path = await import('node:path');
  const dir = tempDir();
  const db = path.join(dir, 'v.db');
  const init = await cli([
    'init',
    '--db',
    db,
    '--branch-name',
    'B',
    '--branch-code',
    'B1',
    '--json',
  ]);
  const { recoveryKey } = JSON.parse(init.stdout) as { recoveryKey: string };
  return { dir, db, recoveryKey };
}

/** The core opened directly on a test's database, with the tests' scrypt cost for new accounts. */
export function openCore(db: string) {
  return createNodeCore(db, { dailyBackup: false, log: () => {}, kdfCost: TEST_KDF });
}
