import type { Kysely } from 'kysely';
import { waiverSettingsSchema, type WaiverSettings } from '../../shared/schemas/waivers';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadJsonSetting, saveJsonSetting } from '../settings/json-settings';

/**
 * Who gives the second approval of a waiver or settlement: one JSON value in `settings` under
 * `waiverRules`, the manager's to change. The internal auditor by default (see the schema).
 */
export const WAIVER_SETTINGS_KEY = 'waiverRules';

const defaultWaiverSettings: WaiverSettings = { secondApproverRole: 'auditor' };

/** The settings from the value stored under the key (undefined when none): the default else. */
export function waiverSettingsOf(stored: unknown): WaiverSettings {
  if (stored === undefined) return defaultWaiverSettings;
  const parsed = waiverSettingsSchema.safeParse({
    ...defaultWaiverSettings,
    ...(stored as object),
  });
  return parsed.success ? parsed.data : defaultWaiverSettings;
}

/** The branch's waiver settings, on the engine (`db`, or a write's `tx`). */
export async function loadWaiverSettings(db: Kysely<DB>): Promise<WaiverSettings> {
  return waiverSettingsOf(await loadJsonSetting(db, 'settings', WAIVER_SETTINGS_KEY));
}

/**
 * The manager's change, audited with before and after. It applies to the next approval; an
 * approval already given keeps the role it was given under.
 */
export function saveWaiverSettings(app: Visitdesk, next: WaiverSettings): Promise<WaiverSettings> {
  return app.write(async (tx) => {
    const before = await loadWaiverSettings(tx);
    await saveJsonSetting(tx, 'settings', WAIVER_SETTINGS_KEY, next);
    await app.record(tx, {
      action: 'waivers.settings.update',
      entity: 'settings',
      entityId: WAIVER_SETTINGS_KEY,
      before,
      after: next,
    });
    return loadWaiverSettings(tx);
  });
}
