import { recordsSettingsSchema, type RecordsSettings } from '../../shared/channels/records';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadJsonSetting, readJsonSetting, saveJsonSetting } from '../settings/json-settings';
import type { Sqlite } from '../db/sqlite';

/**
 * Settings of this feature: one JSON value in `settings` under `recordsRules`, like the
 * planning rules. Only the grace for promises and instalments so far: a payment up to N days
 * after the due date still keeps a promise (bank transfers take a day or two to arrive).
 * The schema lives with the channels so the Settings screen validates with the same rule.
 */
export const RECORDS_SETTINGS_KEY = 'recordsRules';

export { recordsSettingsSchema, type RecordsSettings };

export const defaultRecordsSettings: RecordsSettings = { promiseGraceDays: 3 };

function settingsOf(stored: unknown): RecordsSettings {
  if (stored === undefined) return defaultRecordsSettings;
  const parsed = recordsSettingsSchema.safeParse({
    ...defaultRecordsSettings,
    ...(stored as object),
  });
  return parsed.success ? parsed.data : defaultRecordsSettings;
}

/** The settings, on the engine or a write's `tx`. */
export async function loadRecordsSettings(db: Kysely<DB>): Promise<RecordsSettings> {
  return settingsOf(await loadJsonSetting(db, 'settings', RECORDS_SETTINGS_KEY));
}

/** `loadRecordsSettings` on the connection, for the import's evaluation, still synchronous. */
export function readRecordsSettings(db: Sqlite): RecordsSettings {
  return settingsOf(readJsonSetting(db, 'settings', RECORDS_SETTINGS_KEY));
}

/**
 * The manager's change, one write audited with before and after. It applies to
 * the next evaluation; promises already judged keep their outcome (the audit row says when the
 * rule changed).
 */
export function saveRecordsSettings(
  app: Visitdesk,
  next: RecordsSettings,
): Promise<RecordsSettings> {
  return app.write(async (tx) => {
    const before = await loadRecordsSettings(tx);
    await saveJsonSetting(tx, 'settings', RECORDS_SETTINGS_KEY, next);
    await app.record(tx, {
      action: 'records.settings.update',
      entity: 'settings',
      entityId: RECORDS_SETTINGS_KEY,
      before,
      after: next,
    });
    return loadRecordsSettings(tx);
  });
}
