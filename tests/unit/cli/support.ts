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
