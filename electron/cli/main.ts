import { parseArgs } from 'node:util';
import { translate } from '../shared/messages';
import { AppFailure } from '../shared/result';
import { defaultDb, type CliIo } from './context';
import { caseCommands } from './commands/cases';
import { foundationCommands } from './commands/foundation';
import { planningCommands } from './commands/planning';
import { reportCommands } from './commands/reports';
import type { Command } from './commands/types';

/** Every command, once. Features add theirs here. */
export const commands: Command[] = [
  ...foundationCommands,
  ...caseCommands,
  ...planningCommands,
  ...reportCommands,
];

const commonOptions = {
  db: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  // Options used by one command or another; unknown ones are refused by parseArgs.
  out: { type: 'string' },
  from: { type: 'string' },
  file: { type: 'string' },
  'branch-name': { type: 'string' },
  'branch-code': { type: 'string' },
  address: { type: 'string' },
  phone: { type: 'string' },
  hotline: { type: 'string' },
  'time-zone': { type: 'string' },
  name: { type: 'string' },
  'staff-no': { type: 'string' },
  encoding: { type: 'string' },
  mode: { type: 'string' },
  'as-of': { type: 'string' },
  month: { type: 'string' },
  purpose: { type: 'string' },
} as const;

function usage(): string {
  return [
    'Visitdesk command line. Usage: npm run cli -- <command> [options]',
    'The passphrase comes from VISITDESK_PASSPHRASE (or a prompt on a terminal); --user defaults to admin;',
    `--db defaults to ${defaultDb()}.`,
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
  ].join('\n');
}

/** Runs one command; returns the exit code. Errors go to stderr (as JSON with --json). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command || name === 'help' || name === '--help') {
    (command || name === 'help' || name === '--help' ? io.out : io.err)(usage());
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: { ...commonOptions, ...command.options },
      strict: true,
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\nusage: ${command.usage}`);
    return 2;
  }
  if (values.help) {
    io.out(`usage: ${command.usage}\n${command.summary}`);
    return 0;
  }
  const json = values.json === true;
  try {
    return await command.run(
      {
        db: typeof values.db === 'string' ? values.db : defaultDb(),
        user: typeof values.user === 'string' ? values.user : 'admin',
        json,
        values,
      },
      io,
    );
  } catch (error) {
    const code = error instanceof AppFailure ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    const fields = error instanceof AppFailure ? error.fields : undefined;
    if (json) {
      io.err(
        JSON.stringify({ ok: false, error: { code, message, ...(fields ? { fields } : {}) } }),
      );
    } else {
      const summary = translate(`e.${code}`, 'en');
      const extra =
        message && message.toLowerCase() !== summary.toLowerCase() ? ` (${message})` : '';
      io.err(`error: ${summary}${extra}`);
      for (const [field, key] of Object.entries(fields ?? {}))
        io.err(`  ${field}: ${translate(key, 'en')}`);
    }
    return 1;
  }
}
