import { z } from 'zod';
import { first, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/**
 * Settings of this feature: one JSON value in `settings` under `recordsRules`, like the
 * planning rules. Only the grace for promises and instalments so far: a payment up to N days
 * after the due date still keeps a promise (bank transfers take a day or two to arrive).
 */
export const RECORDS_SETTINGS_KEY = 'recordsRules';

export const recordsSettingsSchema = z.object({
  promiseGraceDays: z.number().int().min(0).max(31),
});
export type RecordsSettings = z.infer<typeof recordsSettingsSchema>;

export const defaultRecordsSettings: RecordsSettings = { promiseGraceDays: 3 };

export function readRecordsSettings(db: Sqlite): RecordsSettings {
  const row = first(
    db,
    qb.selectFrom('settings').select('value').where('key', '=', RECORDS_SETTINGS_KEY),
  );
  if (!row) return defaultRecordsSettings;
  const parsed = recordsSettingsSchema.safeParse({
    ...defaultRecordsSettings,
    ...(JSON.parse(row.value) as object),
  });
  return parsed.success ? parsed.data : defaultRecordsSettings;
}
