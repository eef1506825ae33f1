import type { CliIo, CliOptions } from '../context';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Extra string options beyond --db, --user, --json. */
  options?: Record<string, { type: 'string' | 'boolean' }>;
  run(options: CliOptions, io: CliIo): Promise<number>;
}
