import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { openEncrypted } from '../db/open';
import { postgresEngine } from '../db/postgres/connect';
import type { SqliteDriver } from '../db/sqlite';
import { serverTasks, tasks } from './tasks';
import type { TaskName } from './task-types';

/**
 * Worker-thread entry: opens its own connection (this PC's file, or a pool of its own on the
 * server a desk's data is on), runs one task, reports progress.
 */
interface JobData {
  task: TaskName;
  dbFile?: string;
  keyHex?: string;
  server?: { url: string; password?: string };
  driverModule: string;
  args: unknown;
}

const data = workerData as JobData;
const port = parentPort!;
const requireDriver = createRequire(__filename);

const progress = (done: number, total: number, note?: string) =>
  port.postMessage({ type: 'progress', done, total, note });

async function runOnServer(server: { url: string; password?: string }): Promise<void> {
  const task = serverTasks[data.task as keyof typeof serverTasks] as
    ((engine: unknown, args: unknown, progress: unknown) => Promise<unknown>) | undefined;
  if (!task) throw new Error(`internal: ${data.task} does not run on a server`);
  const engine = await postgresEngine({
    url: server.url,
    ...(server.password === undefined ? {} : { password: server.password }),
  });
  try {
    port.postMessage({ type: 'done', result: await task(engine, data.args, progress) });
  } finally {
    await engine.close();
  }
}

async function run(): Promise<void> {
  if (data.server) return runOnServer(data.server);
  const driver = requireDriver(data.driverModule) as SqliteDriver;
  const db = openEncrypted(data.dbFile!, Buffer.from(data.keyHex!, 'hex'), { driver });
  try {
    const task = tasks[data.task] as (
      db: unknown,
      args: unknown,
      progress: (done: number, total: number, note?: string) => void,
    ) => unknown;
    // The import's tasks are async (their write runs on the engine over this connection).
    const result = await task(db, data.args, progress);
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
