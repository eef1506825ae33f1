import path from 'node:path';
import { sqliteEngine, type Engine } from '../../../electron/core/db/engine';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from './core';
import { freshDatabase } from './postgres';

/** The engines a suite runs on, as a matrix: `describe.each(engineKinds)`. */
export const engineKinds = ['sqlite', 'postgres'] as const;
export type EngineKind = (typeof engineKinds)[number];

export interface EngineUnderTest {
  engine: Engine;
  /** SQLite only: the app's own connection under the engine. */
  connection: Sqlite | null;
  /** PostgreSQL only: the superuser's address of the test's database. */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A new database at the latest schema on `kind`: an encrypted SQLite file in a temp folder,
 * or a fresh database on the tests' PostgreSQL cluster (tests/unit/support/postgres.ts).
 */
export async function openTestEngine(kind: EngineKind): Promise<EngineUnderTest> {
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
  const database = await freshDatabase();
  const engine = await postgresEngine({ url: database.url, seesEveryBranch: true });
  try {
    await migratePostgres(engine.db);
  } catch (error) {
    await engine.close();
    await database.drop();
    throw error;
  }
  return {
    engine,
    connection: null,
    url: database.url,
    close: async () => {
      await engine.close();
      await database.drop();
    },
  };
}
