import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { openEncrypted } from '../db/open';
import type { SqliteDriver } from '../db/sqlite';
import { tasks } from './tasks';
import type { TaskName } from './task-types';

/** Worker-thread entry: opens its own connection, runs one task, reports progress. */
interface JobData {
  task: TaskName;
  dbFile: string;
  keyHex: string;
  driverModule: string;
  args: unknown;
}

const data = workerData as JobData;
const port = parentPort!;
const requireDriver = createRequire(__filename);

async function run(): Promise<void> {
  const driver = requireDriver(data.driverModule) as SqliteDriver;
  const db = openEncrypted(data.dbFile, Buffer.from(data.keyHex, 'hex'), { driver });
  try {
    const task = tasks[data.task] as (
      db: unknown,
      args: unknown,
      progress: (done: number, total: number, note?: string) => void,
    ) => unknown;
    // The import's tasks are async (their write runs on the engine over this connection).
    const result = await task(db, data.args, (done, total, note) =>
      port.postMessage({ type: 'progress', done, total, note }),
    );
    port.postMessage({ type: 'done', result });
  } finally {
    db.close();
  }
}

run().catch((error: unknown) => {
  const e = error as { code?: string; message?: string; name?: string };
  port.postMessage({
    type: 'error',
    error: { name: e.name, code: e.code, message: e.message ?? String(error) },
  });
});
