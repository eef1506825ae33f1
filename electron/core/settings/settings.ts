import type { Kysely } from 'kysely';
import { settingsSchema, type Settings } from '../../shared/schemas/foundation';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { loadJsonSettings, readJsonSettings, saveJsonSettings } from './json-settings';

export const defaultSettings: Settings = { autoLockMinutes: 10 };

const withDefaults = (stored: Record<string, unknown>): Settings =>
  settingsSchema.parse({ ...defaultSettings, ...stored });

export async function loadSettings(db: Kysely<DB>): Promise<Settings> {
  return withDefaults(await loadJsonSettings(db, 'settings'));
}

/**
 * `loadSettings` on the connection: the session's state and its idle check (app/session.ts)
 * are read synchronously (the dispatcher's idle check and the restore path do not await).
 */
export function readSettings(db: Sqlite): Settings {
  return withDefaults(readJsonSettings(db, 'settings'));
}

export async function saveSettings(tx: Kysely<DB>, next: Settings): Promise<void> {
  await saveJsonSettings(tx, 'settings', next);
}
