import fs from 'node:fs';
import path from 'node:path';
import { translateOpenError } from '../core/db/open';
import { sqliteCode } from '../core/db/sqlite';
import type { Lang } from '../shared/messages';
import { AppFailure } from '../shared/result';
import { cliFailure } from './errors';
import { keyFileOf } from './database-file';
import { say } from './text';

/**
 * A full disk, a read-only folder, another program writing, a damaged key file: named in one
 * sentence about the file at fault, instead of "internal error". Failures the core reports by
 * code (BUSY, DISK_FULL, READ_ONLY, the dispatcher's translation of SQLite's codes) and raw
 * errors of calls made outside the dispatcher (an import, a file the CLI writes) alike.
 */
export function explainFailure(error: unknown, db: string): unknown {
  if (error instanceof AppFailure && error.details && 'text' in error.details) return error;
  const fileError = fileSystemError(error);
  if (fileError) return fileError;
  const failure = error instanceof AppFailure ? error : translateOpenError(error, db);
  if (!(failure instanceof AppFailure)) return error;
  const reason = failure.message;
  const value = path.resolve(db);
  switch (failure.code) {
    case 'BUSY':
      return cliFailure('BUSY', 'cli.cause.busy', { db: value, reason });
    case 'DISK_FULL':
      return cliFailure('DISK_FULL', 'cli.cause.diskFull', { db: value, reason });
    case 'READ_ONLY':
      return cliFailure('READ_ONLY', 'cli.cause.readOnly', { folder: path.dirname(value), reason });
    case 'KEYSLOTS_DAMAGED':
      // A forged slot names its account in the core's own words; a missing file was caught
      // before opening (database-file.ts), so what is left is a file that cannot be read.
      return failure.fields
        ? failure
        : cliFailure('KEYSLOTS_DAMAGED', 'cli.keysDamaged', { value, keys: keyFileOf(db), reason });
    default:
      return failure;
  }
}

/** A file the CLI (or the core, for its own files) could not write, named with its folder. */
function fileSystemError(error: unknown): AppFailure | null {
  if (error instanceof AppFailure || !(error instanceof Error)) return null;
  const { code, path: file } = error as NodeJS.ErrnoException;
  if (typeof file !== 'string') return null;
  const params = { file: path.resolve(file), folder: path.dirname(path.resolve(file)) };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return cliFailure('DISK_FULL', 'cli.cause.diskFullFile', params);
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return cliFailure('READ_ONLY', 'cli.cause.cannotWrite', params);
    case 'ENOENT':
      return fs.existsSync(params.folder)
        ? null
        : cliFailure('NOT_FOUND', 'cli.cause.noFolder', params);
    default:
      return null;
  }
}

/** Another connection holds the write lock (the core's BUSY, or SQLite's own code). */
export function isBusy(error: unknown): boolean {
  if (error instanceof AppFailure) return error.code === 'BUSY';
  const code = sqliteCode(error) ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export interface WaitBound {
  /** How long to keep trying in all; past it the command gives up and says so. */
  limitMs: number;
  /** The pause between attempts (each attempt itself waits up to the core's busy_timeout). */
  pauseMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultWaitBound: WaitBound = {
  limitMs: 10 * 60_000,
  pauseMs: 1_000,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs `attempt` again while another process holds the database's write lock (an import in
 * the app or in a second CLI), saying once on stderr that it waits, up to a bound. Only for
 * work that commits nothing when it fails busy: a sign-in, an import (one transaction).
 */
export function busyWaiter(
  tell: (text: string) => void,
  lang: Lang,
  db: string,
  bound: WaitBound = defaultWaitBound,
) {
  let told = false;
  return async function whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
    const started = bound.now();
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (bound.now() - started >= bound.limitMs) {
          throw cliFailure('BUSY', 'cli.cause.stillBusy', {
            db: path.resolve(db),
            minutes: Math.round(bound.limitMs / 60_000),
          });
        }
        if (!told) tell(say('cli.waiting', lang));
        told = true;
        await bound.sleep(bound.pauseMs);
      }
    }
  };
}
