import { waiverSettingsSchema, type WaiverSettings } from '../../shared/schemas/waivers';
import type { Visitdesk } from '../app/visitdesk';
import type { Sqlite } from '../db/sqlite';
import { readJsonSetting, writeJsonSetting } from '../settings/json-settings';

/**
 * Who gives the second approval of a waiver or settlement: one JSON value in `settings` under
 * `waiverRules`, the manager's to change. The internal auditor by default (see the schema).
 */
export const WAIVER_SETTINGS_KEY = 'waiverRules';

export const defaultWaiverSettings: WaiverSettings = { secondApproverRole: 'auditor' };

export function readWaiverSettings(db: Sqlite): WaiverSettings {
  const stored = readJsonSetting(db, 'settings', WAIVER_SETTINGS_KEY);
  if (stored === undefined) return defaultWaiverSettings;
  const parsed = waiverSettingsSchema.safeParse({
    ...defaultWaiverSettings,
    ...(stored as object),
  });
  return parsed.success ? parsed.data : defaultWaiverSettings;
}

/**
 * The manager's change, audited with before and after. It applies to the next approval; an
 * approval already given keeps the role it was given under.
 */
export function saveWaiverSettings(app: Visitdesk, next: WaiverSettings): WaiverSettings {
  return app.db.transaction(() => {
    const before = readWaiverSettings(app.db);
    writeJsonSetting(app.db, 'settings', WAIVER_SETTINGS_KEY, next);
    app.audit({
      action: 'waivers.settings.update',
      entity: 'settings',
      entityId: WAIVER_SETTINGS_KEY,
      before,
      after: next,
    });
    return readWaiverSettings(app.db);
  })();
}
