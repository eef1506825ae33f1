import type { Sqlite } from '../sqlite';

export interface Migration {
  version: number;
  name: string;
  /** Schema change; runs inside the migration's transaction. */
  sql: string;
  /**
   * The same change on PostgreSQL (db/postgres/migrate.ts), in its own types and with
   * `branch_id` leading every key, as db/postgres/baseline.ts does. Required from version 20 on:
   * the PostgreSQL schema starts at 19, in one piece.
   */
  postgres?: string;
  /**
   * Data changes that need code, after `sql`, in the same transaction. SQLite only: a
   * PostgreSQL migration says its data changes in `postgres`.
   */
  after?: (db: Sqlite) => void;
}
