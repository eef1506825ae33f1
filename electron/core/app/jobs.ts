import type { EventName } from '../../shared/contract';
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
  private readonly running = new Map<number, AbortController>();

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
      this.running.set(jobId, controller);
      return this.options.runner
        .run(task, target, args, {
          signal: controller.signal,
          onProgress: (progress) => {
            this.options.emit('job:progress', { jobId, ...progress });
            options.onProgress?.(progress);
          },
        })
        .finally(() => {
          this.running.delete(jobId);
          options.signal?.removeEventListener('abort', abort);
        });
    });
  }

  /** Cancels a running job; its transaction never commits. False when it already ended. */
  cancel(jobId: number): boolean {
    const controller = this.running.get(jobId);
    controller?.abort();
    return Boolean(controller);
  }

  get ids(): number[] {
    return [...this.running.keys()];
  }

  get busy(): boolean {
    return this.running.size > 0;
  }
}
