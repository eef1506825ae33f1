import type { Kysely } from 'kysely';
import { z } from 'zod';
import { jsonColumn } from '../db/columns';
import { all, first, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';

/**
 * Key/value tables whose values are JSON: the branch's settings (one key per setting, or one
 * key per feature's rules) and the notices' letterhead settings. The one place that turns them
 * into and out of JSON, so every writer stores the same way.
 *
 * Each query is said once, as a builder over any Kysely<DB>: `load…`/`save…` run it on the
 * engine (`db` for a read, the write's `tx`), `read…`/`write…` compile it with `qb` and run it
 * on the connection for the features not on the engine yet (issue 19).
 */
export type JsonSettingsTable = 'settings' | 'notice_settings';

/** A setting's value: any JSON here; each reader checks it with its own schema. */
const settingValue = jsonColumn('settings.value', z.unknown());

// The value is read as its JSON text on both engines (PostgreSQL's jsonb would come back
// parsed), so it is parsed and checked in one place.
const valuesQuery = (db: Kysely<DB>, table: JsonSettingsTable) =>
  db.selectFrom(table).select((eb) => ['key', eb.cast<string>('value', 'text').as('value')]);

const valueQuery = (db: Kysely<DB>, table: JsonSettingsTable, key: string) =>
  valuesQuery(db, table).where('key', '=', key);

// Stored as an UPDATE, then an INSERT when no row was there: PostgreSQL's key is the branch's
// and the key (no ON CONFLICT target both engines share); inside the action's transaction
// nothing can come between the two.
const updateQuery = (db: Kysely<DB>, table: JsonSettingsTable, key: string, json: string) =>
  db.updateTable(table).set({ value: json }).where('key', '=', key);

const insertQuery = (db: Kysely<DB>, table: JsonSettingsTable, key: string, json: string) =>
  db.insertInto(table).values({ key, value: json });

function keyed(rows: { key: string; value: string }[]): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = settingValue.read(row.value);
  return stored;
}

/** The parsed value stored under `key`, or undefined when there is none. */
export async function loadJsonSetting(
  db: Kysely<DB>,
  table: JsonSettingsTable,
  key: string,
): Promise<unknown> {
  const row = await valueQuery(db, table, key).executeTakeFirst();
  return row ? settingValue.read(row.value) : undefined;
}

/** Every key of the table with its parsed value. */
export async function loadJsonSettings(
  db: Kysely<DB>,
  table: JsonSettingsTable,
): Promise<Record<string, unknown>> {
  return keyed(await valuesQuery(db, table).execute());
}

/** Stores `value` under `key`, replacing what was there, inside the action's write `tx`. */
export async function saveJsonSetting(
  tx: Kysely<DB>,
  table: JsonSettingsTable,
  key: string,
  value: unknown,
): Promise<void> {
  const json = settingValue.write(value);
  const updated = await updateQuery(tx, table, key, json).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await insertQuery(tx, table, key, json).execute();
}

/** Stores each entry of `values` under its own key. */
export async function saveJsonSettings(
  tx: Kysely<DB>,
  table: JsonSettingsTable,
  values: Record<string, unknown>,
): Promise<void> {
  for (const [key, value] of Object.entries(values)) await saveJsonSetting(tx, table, key, value);
}

/** `loadJsonSetting` on the connection, for the features still synchronous. */
export function readJsonSetting(db: Sqlite, table: JsonSettingsTable, key: string): unknown {
  const row = first(db, valueQuery(qb, table, key));
  return row ? settingValue.read(row.value) : undefined;
}

/** `loadJsonSettings` on the connection (the session's state and idle check stay synchronous). */
export function readJsonSettings(db: Sqlite, table: JsonSettingsTable): Record<string, unknown> {
  return keyed(all(db, valuesQuery(qb, table)));
}
