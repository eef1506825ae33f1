import type { Kysely } from 'kysely';
import {
  reportBucketSetting,
  type ExtraBoundaries,
  type ReportBucketSetting,
} from '../../shared/report-buckets';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { loadJsonSetting, readJsonSetting, saveJsonSetting } from '../settings/json-settings';

/**
 * The extra bucket boundaries of the branch's monthly summary (report-buckets.ts), under their
 * own key. Unset or unreadable: none, so the summary is what it always was.
 */
const KEY = 'reports.extraBuckets';

function extraOf(stored: unknown): ExtraBoundaries {
  const parsed = reportBucketSetting.safeParse(stored);
  return parsed.success ? parsed.data.extra : 'none';
}

export async function loadExtraBoundaries(db: Kysely<DB>): Promise<ExtraBoundaries> {
  return extraOf(await loadJsonSetting(db, 'settings', KEY));
}

/** `loadExtraBoundaries` on the connection, for the figures still read synchronously. */
export function readExtraBoundaries(db: Sqlite): ExtraBoundaries {
  return extraOf(readJsonSetting(db, 'settings', KEY));
}

/** A manager's change, audited with what it was and what it became, in one write. */
export function setExtraBoundaries(
  app: Visitdesk,
  extra: ExtraBoundaries,
): Promise<ReportBucketSetting> {
  return app.write(async (tx) => {
    const before = await loadExtraBoundaries(tx);
    await saveJsonSetting(tx, 'settings', KEY, { extra });
    await app.record(tx, {
      action: 'settings.reportBuckets',
      entity: 'settings',
      entityId: KEY,
      before: { extra: before },
      after: { extra },
    });
    return { extra };
  });
}
