import { settingsSchema, type Settings } from '../../shared/schemas/foundation';
import type { Sqlite } from '../db/sqlite';
import { readJsonSettings, writeJsonSettings } from './json-settings';

export const defaultSettings: Settings = { autoLockMinutes: 10 };

export function readSettings(db: Sqlite): Settings {
  return settingsSchema.parse({ ...defaultSettings, ...readJsonSettings(db, 'settings') });
}

export function writeSettings(db: Sqlite, next: Settings): void {
  writeJsonSettings(db, 'settings', next);
}
