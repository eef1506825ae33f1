import { parseArgs } from 'node:util';
import type { Lang } from '../shared/messages';
import { caseCommands } from './commands/cases';
import { foundationCommands } from './commands/foundation';
import { planningCommands } from './commands/planning';
import { reportCommands } from './commands/reports';
import { serverCommands } from './commands/server';
import type { Command } from './commands/types';
import { recoverCommand } from './commands/recover';
import { explainFailure } from './causes';
import { defaultDb, type CliIo } from './context';
import { describeFailure, toAppError, UsageFailure, usageFailure } from './errors';
import { isLang, langArgument, languageFromEnv, languages } from './language';
import { say } from './text';
import { databaseUrlOption } from './commands/postgres';

/** Every command, once. Features add theirs here. */
export const commands: Command[] = [
  ...foundationCommands,
  recoverCommand,
  ...caseCommands,
  ...planningCommands,
  ...reportCommands,
  ...serverCommands,
];

/** Options every command takes; each command adds its own (unknown ones are refused). */
const commonOptions = {
  db: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

function usage(lang: Lang): string {
  return [
    say('cli.help.intro', lang),
    say('cli.help.common', lang, { db: defaultDb() }),
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary[lang]}`),
  ].join('\n');
}

const commandNames = () => commands.map((c) => c.name);

/** The option a parser message is about: "Unknown option '--bogus'" → --bogus. */
const optionIn = (message: string) => /'(-{1,2}[^'\s=<]+)/.exec(message)?.[1] ?? message;

/** The parser's complaint as a usage failure naming the argument. */
function parseFailure(error: unknown, command: Command): UsageFailure {
  const { code, message } = error as { code?: string; message: string };
  const option = optionIn(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return usageFailure('cli.unknownOption', { command: command.name, option });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const takesValue = { ...commonOptions, ...command.options }[option.replace(/^-+/, '')];
    return usageFailure(takesValue?.type === 'boolean' ? 'cli.takesNoValue' : 'cli.missingValue', {
      option,
    });
  }
  const positional = /'([^']*)'/.exec(message)?.[1] ?? message;
  return usageFailure('cli.positional', { value: positional });
}

/**
 * Runs one command; returns the exit code: 0 done, 1 refused or failed (an import that imported
 * nothing), 2 wrongly called, 3 an import that imported some rows and rejected others.
 * Success prints one line in the user's language (the structured result with --json); an error
 * is one sentence on stderr (one JSON object with --json).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const chosen = langArgument(argv);
  const lang = isLang(chosen) ? chosen : languageFromEnv(io.env);
  let values: Record<string, string | boolean | undefined> = {};
  const fail = (thrown: unknown): number => {
    const db = typeof values.db === 'string' && values.db ? values.db : defaultDb();
    const error = explainFailure(thrown, db);
    const appError = toAppError(error);
    if (json) io.err(JSON.stringify({ ok: false, error: appError }));
    else io.err(say('cli.error', lang, { sentence: describeFailure(appError, lang, values) }));
    return error instanceof UsageFailure ? 2 : 1;
  };

  if (chosen !== undefined && !isLang(chosen)) {
    return fail(
      usageFailure(
        'cli.wrong',
        { option: '--lang', value: chosen },
        { text: 'cli.v.oneOf', params: { choices: languages } },
      ),
    );
  }
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help') {
    io.out(usage(lang));
    return 0;
  }
  if (!name || name.startsWith('-')) {
    return fail(usageFailure('cli.noCommand', { commands: commandNames() }));
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    return fail(usageFailure('cli.unknownCommand', { command: name, commands: commandNames() }));
  }
  try {
    values = parseArgs({
      args: rest,
      options: { ...commonOptions, ...command.options, ...(command.desk ? databaseUrlOption : {}) },
      strict: true,
    }).values;
  } catch (error) {
    return fail(parseFailure(error, command));
  }
  if (values.help) {
    io.out(`${say('cli.help.usage', lang, { usage: command.usage })}\n${command.summary[lang]}`);
    return 0;
  }
  try {
    // A PostgreSQL address in the environment is never quietly ignored: every command runs as
    // a desk on it (command.desk) or takes it as --database-url (tests/unit/cli/server-desk.test.ts).
    if (values.db === '') throw usageFailure('cli.missingValue', { option: '--db' });
    return await command.run(
      {
        db: typeof values.db === 'string' ? values.db : defaultDb(),
        user: typeof values.user === 'string' && values.user ? values.user : 'admin',
        json,
        lang,
        values,
      },
      io,
    );
  } catch (error) {
    return fail(error);
  }
}
