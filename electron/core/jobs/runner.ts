import { Worker } from 'node:worker_threads';
import { AppFailure, errorCodes, type ErrorCode } from '../../shared/result';
import { translateOpenError } from '../db/open';
import type { TaskArgs, TaskName, TaskResult } from './task-types';

export interface JobProgress {
  task: TaskName;
  done: number;
  total: number;
  note?: string;
}

export interface RunOptions {
  onProgress?: (progress: JobProgress) => void;
  signal?: AbortSignal;
}

/**
 * What a worker opens: this PC's encrypted file with its key, or the PostgreSQL server a desk's
 * data is on, with the login's password (app/server-desk.ts), for the tasks that run there.
 */
export type JobTarget =
  { dbFile: string; key: Buffer } | { server: { url: string; password?: string } };

export interface JobRunner {
  run<T extends TaskName>(
    task: T,
    target: JobTarget,
    args: TaskArgs<T>,
    options?: RunOptions,
  ): Promise<TaskResult<T>>;
}

export interface WorkerSetup {
  /** The worker script (the built worker.js in the app, a tsx bootstrap in tests and CLI). */
  file: string;
  /** Passed to the bootstrap as `__entry` when the worker runs from TypeScript sources. */
  entry?: string;
  driverModule: string;
}

/** Runs each task in a fresh worker thread; aborting terminates it (its transaction never commits). */
export function createWorkerRunner(setup: WorkerSetup): JobRunner {
  return {
    run(task, target, args, options = {}) {
      return new Promise((resolve, reject) => {
        if (options.signal?.aborted) {
          reject(new AppFailure('CANCELLED', 'cancelled'));
          return;
        }
        const worker = new Worker(setup.file, {
          workerData: {
            __entry: setup.entry,
            task,
            ...('server' in target
              ? { server: target.server }
              : { dbFile: target.dbFile, keyHex: target.key.toString('hex') }),
            driverModule: setup.driverModule,
            args,
          },
        });
        let settled = false;
        // Settle only once the worker has really stopped, so nothing it was writing can land
        // after the caller has been told the job is over (a cancelled job leaves nothing).
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          options.signal?.removeEventListener('abort', onAbort);
          void worker.terminate().finally(fn);
        };
        const onAbort = () => finish(() => reject(new AppFailure('CANCELLED', 'cancelled')));
        options.signal?.addEventListener('abort', onAbort);
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') {
            options.onProgress?.({
              task,
              done: message.done,
              total: message.total,
              note: message.note,
            });
          } else if (message.type === 'done') {
            finish(() => resolve(message.result as TaskResult<typeof task>));
          } else {
            finish(() => reject(reviveError(message.error)));
          }
        });
        worker.on('error', (error) => finish(() => reject(error)));
        worker.on('exit', (code) =>
          finish(() => reject(new Error(`worker for ${task} exited with code ${code}`))),
        );
      });
    },
  };
}

type WorkerMessage =
  | { type: 'progress'; done: number; total: number; note?: string }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: { name?: string; code?: string; message: string } };

function reviveError(error: { name?: string; code?: string; message: string }): Error {
  if (error.name === 'AppFailure' && errorCodes.includes(error.code as ErrorCode)) {
    return new AppFailure(error.code as ErrorCode, error.message);
  }
  const e = Object.assign(new Error(error.message), { code: error.code });
  return translateOpenError(e, '');
}
