import { runCli } from '../../../electron/cli/main';

/**
 * Runs a CLI command in-process with captured output, a given passphrase and locale variables
 * (none by default: the CLI then speaks Chinese, the product's language).
 */
export async function cli(
  args: string[],
  passphrase = 'correct horse battery',
  env: NodeJS.ProcessEnv = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { ...env, VISITDESK_PASSPHRASE: passphrase },
    isTTY: false,
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
