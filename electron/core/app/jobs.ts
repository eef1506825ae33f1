import { AsyncResource } from 'node:async_hooks';
import type { EventName } from '../../shared/contract';
import type { Session } from '../../shared/schemas/foundation';
import { currentCaller } from './caller';
import type { JobRunner, JobTarget, RunOptions } from '../jobs/runner';
import type { TaskArgs, TaskName, TaskResult } from '../jobs/task-types';

export interface JobsOptions {
  runner: JobRunner;
  /**
   * Lends what the worker opens with: the held key for this PC's file, or the server and its
   * password for a server desk; throws when nobody is signed in.
   */
  withTarget: <T>(use: (target: JobTarget) => T) => T;
  emit: (event: EventName, payload: unknown) => void;
}

/** The worker jobs running against the open database, each by an id the window can cancel. */
export class Jobs {
  private nextJobId = 1;
  /**
   * Each running job's cancel switch and, on the branch server, the session that started it:
   * only that session may cancel it (job ids are counted, so another desk could guess them).
   */
  private readonly running = new Map<
    number,
    { controller: AbortController; owner: Session | null }
  >();

  constructor(private readonly options: JobsOptions) {}

  /**
   * Runs a task in a worker thread against this database. Progress goes to the window as
   * `job:progress` events carrying the job id, which `jobs:cancel` accepts.
   */
  run<T extends TaskName>(
    task: T,
    args: TaskArgs<T>,
    options: RunOptions = {},
  ): Promise<TaskResult<T>> {
    return this.options.withTarget((target) => {
      const jobId = this.nextJobId++;
      const controller = new AbortController();
      const abort = () => controller.abort();
      options.signal?.addEventListener('abort', abort);
      this.running.set(jobId, { controller, owner: currentCaller()?.session ?? null });
      return this.options.runner
        .run(task, target, args, {
          signal: controller.signal,
          // Progress is told in the context of the call that started the job, so on the branch
          // server it reaches that call's desk (server/http.ts) and no other.
          onProgress: AsyncResource.bind(
            (progress: Parameters<NonNullable<RunOptions['onProgress']>>[0]) => {
              this.options.emit('job:progress', { jobId, ...progress });
              options.onProgress?.(progress);
            },
          ),
        })
        .finally(() => {
          this.running.delete(jobId);
          options.signal?.removeEventListener('abort', abort);
        });
    });
  }

  /** Cancels a running job; its transaction never commits. False when it already ended. */
  cancel(jobId: number): boolean {
    const job = this.running.get(jobId);
    // On the branch server, another session's job is not this caller's to cancel: as if ended.
    const caller = currentCaller();
    if (!job || (caller && job.owner !== caller.session)) return false;
    job.controller.abort();
    return true;
  }

  get ids(): number[] {
    return [...this.running.keys()];
  }

  get busy(): boolean {
    return this.running.size > 0;
  }
}
