import { runCli } from '../../../electron/cli/main';

/** Runs a CLI command in-process with captured output and a given passphrase. */
export async function cli(args: string[], passphrase = 'correct horse battery') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { VISITDESK_PASSPHRASE: passphrase },
    isTTY: false,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
