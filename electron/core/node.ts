import { createRequire } from 'node:module';
import path from 'node:path';
import { Visitdesk, type VisitdeskOptions } from './app/visitdesk';
import type { HandlerMap, PlatformHandlerMap } from './app/handler-types';
import { handlers } from './handlers';
import { createDispatcher, type TypedInvoke } from './ipc/dispatch';
import { createWorkerRunner } from './jobs/runner';
import type { SqliteDriver } from './db/sqlite';

/**
 * The driver for tests, the CLI and benchmarks: the Node-ABI build (12.x) that npm compiles for
 * this Node. VISITDESK_SQLITE_DRIVER=napi selects the Node-API build (13.x, the one Electron's
 * main injects) instead, for running the core's suite under a Node as new as Electron's.
 */
export const nodeDriverModule =
  process.env.VISITDESK_SQLITE_DRIVER === 'napi'
    ? 'better-sqlite3-multiple-ciphers-napi'
    : 'better-sqlite3-multiple-ciphers';

export const nodeDriver = createRequire(__filename)(nodeDriverModule) as SqliteDriver;

/** Runs worker tasks from the TypeScript sources through tsx. */
export function sourceJobRunner() {
  return createWorkerRunner({
    file: path.join(__dirname, 'jobs', 'ts-worker.cjs'),
    entry: path.join(__dirname, 'jobs', 'worker.ts'),
    driverModule: nodeDriverModule,
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
