import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Visitdesk, type VisitdeskOptions } from './app/visitdesk';
import type { HandlerMap, PlatformHandlerMap } from './app/handler-types';
import { handlers } from './handlers';
import { createDispatcher, type TypedInvoke } from './ipc/dispatch';
import { createWorkerRunner } from './jobs/runner';
import type { SqliteDriver } from './db/sqlite';

/** The Node-ABI driver, for tests, the CLI and benchmarks. */
export const nodeDriver = Database as unknown as SqliteDriver;

/** Runs worker tasks from the TypeScript sources through tsx. */
export function sourceJobRunner() {
  return createWorkerRunner({
    file: path.join(__dirname, 'jobs', 'ts-worker.cjs'),
    entry: path.join(__dirname, 'jobs', 'worker.ts'),
    driverModule: 'better-sqlite3-multiple-ciphers',
  });
}

/** A core wired for plain Node: the same handler table and dispatcher as the Electron app. */
export function createNodeCore(
  dbFile: string,
  options: Partial<Omit<VisitdeskOptions, 'dbFile'>> = {},
  platform: Partial<PlatformHandlerMap> = {},
) {
  const app = new Visitdesk({
    dbFile,
    driver: options.driver ?? nodeDriver,
    jobs: options.jobs ?? sourceJobRunner(),
    ...options,
  });
  const invoke = createDispatcher(app, handlers as HandlerMap, platform) as TypedInvoke;
  return { app, invoke };
}
