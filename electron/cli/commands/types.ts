import type { CliIo, CliOptions } from '../context';

export interface Command {
  name: string;
  usage: string;
  summary: { zh: string; en: string };
  /** The command's own options beyond --db, --user, --json, --lang and --help. */
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** Runs the command; prints one line saying what it did; returns the exit code. */
  run(options: CliOptions, io: CliIo): Promise<number>;
}

export const stringOption = { type: 'string' } as const;
