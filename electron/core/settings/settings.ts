import { settingsSchema, type Settings } from '../../shared/schemas/foundation';
import { all, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';

export const defaultSettings: Settings = { autoLockMinutes: 10 };

export function readSettings(db: Sqlite): Settings {
  const rows = all(db, qb.selectFrom('settings').select(['key', 'value']));
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  return settingsSchema.parse({ ...defaultSettings, ...stored });
}

export function writeSettings(db: Sqlite, next: Settings): void {
  for (const [key, value] of Object.entries(next)) {
    run(
      db,
      qb
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) })),
    );
  }
}
