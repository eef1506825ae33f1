import type { CliIo, CliOptions } from '../context';

export interface Command {
  name: string;
  usage: string;
  summary: { zh: string; en: string };
  /** The command's own options beyond --db, --user, --json, --lang and --help. */
  options: Record<string, { type: 'string' | 'boolean' }>;
  /**
   * Runs as a desk, through the dispatcher (context.ts `signedIn`): on this PC's database, or on
   * the PostgreSQL server that --database-url or VISITDESK_DATABASE_URL names, with the key file
   * beside --db as the app's own desk keeps it (core/app/server-desk.ts).
   */
  desk?: true;
  /** Runs the command; prints one line saying what it did; returns the exit code. */
  run(options: CliOptions, io: CliIo): Promise<number>;
}

export const stringOption = { type: 'string' } as const;

/**
 * Exit codes: 0 done; 1 refused or failed, and an import that imported nothing (rows rejected,
 * or none in the file); 2 the command line itself is wrong; 3 an import that imported some rows
 * and rejected others (the result, and with --json the full report, is still printed).
 */
export const exitCode = { done: 0, failed: 1, usage: 2, someRejected: 3 } as const;

/** The exit code of an import by what it took in and what it turned away. */
export const importExit = (imported: number, rejected: number): number =>
  imported === 0 ? exitCode.failed : rejected > 0 ? exitCode.someRejected : exitCode.done;
