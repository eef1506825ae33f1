import type { Sqlite } from '../sqlite';

export interface Migration {
  version: number;
  name: string;
  /** Schema change; runs inside the migration's transaction. */
  sql: string;
  /** Data changes that need code, after `sql`, in the same transaction. */
  after?: (db: Sqlite) => void;
}
