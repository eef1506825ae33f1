import type { Sqlite } from '../db/sqlite';
import { backupInto } from '../backup/backup';
import { importServerTasks, importTasks } from '../imports/tasks';
import type { Progress, TaskArgs, TaskName, TaskResult } from './task-types';

/**
 * Long work that runs in a worker thread with its own connection, so the window never
 * freezes. Each task is a plain function of an open database, testable in-process too. The
 * table must give what task-types.ts says, which is what callers name.
 */
export const tasks = {
  quickCheck(db: Sqlite, _args: Record<string, never>, progress: Progress): { problems: string[] } {
    progress(0, 1, 'quick_check');
    try {
      const rows = db.pragma('quick_check') as { quick_check: string }[];
      return { problems: rows.map((r) => r.quick_check).filter((r) => r !== 'ok') };
    } catch (error) {
      // A page the cipher cannot authenticate makes the check itself fail: that is a finding.
      const code = (error as { code?: string }).code ?? '';
      if (/^SQLITE_(CORRUPT|NOTADB|IOERR)/.test(code))
        return { problems: [(error as Error).message] };
      throw error;
    } finally {
      progress(1, 1);
    }
  },
  backup(db: Sqlite, args: { out: string; keysFile: string }, progress: Progress) {
    return backupInto(db, args.out, args.keysFile, progress);
  },
  ...importTasks,
} as const satisfies {
  [T in TaskName]: (
    db: Sqlite,
    args: TaskArgs<T>,
    progress: Progress,
  ) => TaskResult<T> | Promise<TaskResult<T>>;
};

/**
 * The tasks that run in a worker for a desk whose data is on a PostgreSQL server, each on the
 * worker's own pool; the file's checks and backups are the server's (app/server-desk.ts).
 */
export const serverTasks = { ...importServerTasks } as const;
