import path from 'node:path';
import { sqliteEngine, type Engine } from '../../../electron/core/db/engine';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from './core';
import { migratedAppDatabase } from './postgres-template';

/** The engines a suite runs on, as a matrix: `describe.each(engineKinds)`. */
export const engineKinds = ['sqlite', 'postgres'] as const;
export type EngineKind = (typeof engineKinds)[number];

export interface EngineUnderTest {
  engine: Engine;
  /** SQLite only: the app's own connection under the engine. */
  connection: Sqlite | null;
  /**
   * PostgreSQL only: the address (password included) the engine connects with: the database's
   * own app login, or the superuser's when the test asked for it.
   */
  url: string | null;
  close(): Promise<void>;
}

export interface TestEngineOptions {
  /**
   * PostgreSQL only: connect as the cluster's superuser (`seesEveryBranch`), for the few tests
   * that need a login row-level security does not bind: backups and restores, which read every
   * branch. The schema is still made by the app's login, as `init` makes it.
   */
  superuser?: boolean;
}

/**
 * A new database at the latest schema on `kind`: an encrypted SQLite file in a temp folder,
 * or a fresh database on the tests' PostgreSQL cluster (tests/unit/support/postgres.ts) owned
 * by a login of its own (no superuser, no BYPASSRLS) with the schema `init` makes (a copy of a
 * template migrated once per test process: support/postgres-template.ts), and connected as that
 * login for branch 1: row-level security binds every query of the test.
 */
export async function openTestEngine(
  kind: EngineKind,
  options: TestEngineOptions = {},
): Promise<EngineUnderTest> {
  if (kind === 'sqlite') {
    const connection = openEncrypted(path.join(tempDir(), 'engine.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(connection);
    const engine = sqliteEngine(connection);
    return {
      engine,
      connection,
      url: null,
      close: async () => {
        await engine.close();
        connection.close();
      },
    };
  }
  const database = await migratedAppDatabase();
  let engine: Engine;
  try {
    engine = options.superuser
      ? await postgresEngine({ url: database.url, seesEveryBranch: true })
      : await postgresEngine({ url: database.appUrl });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    engine,
    connection: null,
    url: options.superuser ? database.url : database.appUrl,
    close: async () => {
      await engine.close();
      await database.drop();
    },
  };
}
