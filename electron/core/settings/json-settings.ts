import { z } from 'zod';
import { jsonColumn } from '../db/columns';
import { all, first, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/**
 * Key/value tables whose values are JSON: the branch's settings (one key per setting, or one
 * key per feature's rules) and the notices' letterhead settings. The one place that turns them
 * into and out of JSON, so every writer upserts the same way.
 */
export type JsonSettingsTable = 'settings' | 'notice_settings';

/** A setting's value: any JSON here; each reader checks it with its own schema. */
const settingValue = jsonColumn('settings.value', z.unknown());

/** The parsed value stored under `key`, or undefined when there is none. */
export function readJsonSetting(db: Sqlite, table: JsonSettingsTable, key: string): unknown {
  const row = first(db, qb.selectFrom(table).select('value').where('key', '=', key));
  return row ? settingValue.read(row.value) : undefined;
}

/** Every key of the table with its parsed value. */
export function readJsonSettings(db: Sqlite, table: JsonSettingsTable): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const row of all(db, qb.selectFrom(table).select(['key', 'value']))) {
    stored[row.key] = settingValue.read(row.value);
  }
  return stored;
}

/** Stores `value` under `key`, replacing what was there. Call inside the action's transaction. */
export function writeJsonSetting(
  db: Sqlite,
  table: JsonSettingsTable,
  key: string,
  value: unknown,
): void {
  const json = settingValue.write(value);
  run(
    db,
    qb
      .insertInto(table)
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })),
  );
}

/** Stores each entry of `values` under its own key. */
export function writeJsonSettings(
  db: Sqlite,
  table: JsonSettingsTable,
  values: Record<string, unknown>,
): void {
  for (const [key, value] of Object.entries(values)) writeJsonSetting(db, table, key, value);
}
