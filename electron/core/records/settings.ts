import { recordsSettingsSchema, type RecordsSettings } from '../../shared/channels/records';
import type { Visitdesk } from '../app/visitdesk';
import { readJsonSetting, writeJsonSetting } from '../settings/json-settings';
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

export function readRecordsSettings(db: Sqlite): RecordsSettings {
  const stored = readJsonSetting(db, 'settings', RECORDS_SETTINGS_KEY);
  if (stored === undefined) return defaultRecordsSettings;
  const parsed = recordsSettingsSchema.safeParse({
    ...defaultRecordsSettings,
    ...(stored as object),
  });
  return parsed.success ? parsed.data : defaultRecordsSettings;
}

/**
 * The manager's change, audited with before and after in the same transaction. It applies to
 * the next evaluation; promises already judged keep their outcome (the audit row says when the
 * rule changed).
 */
export function saveRecordsSettings(app: Visitdesk, next: RecordsSettings): RecordsSettings {
  return app.db.transaction(() => {
    const before = readRecordsSettings(app.db);
    writeJsonSetting(app.db, 'settings', RECORDS_SETTINGS_KEY, next);
    app.audit({
      action: 'records.settings.update',
      entity: 'settings',
      entityId: RECORDS_SETTINGS_KEY,
      before,
      after: next,
    });
    return readRecordsSettings(app.db);
  })();
}
