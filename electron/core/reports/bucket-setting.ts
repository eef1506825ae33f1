import {
  reportBucketSetting,
  type ExtraBoundaries,
  type ReportBucketSetting,
} from '../../shared/report-buckets';
import type { Visitdesk } from '../app/visitdesk';
import type { Sqlite } from '../db/sqlite';
import { readJsonSetting, writeJsonSetting } from '../settings/json-settings';

/**
 * The extra bucket boundaries of the branch's monthly summary (report-buckets.ts), under their
 * own key. Unset or unreadable: none, so the summary is what it always was.
 */
const KEY = 'reports.extraBuckets';

export function readExtraBoundaries(db: Sqlite): ExtraBoundaries {
  const parsed = reportBucketSetting.safeParse(readJsonSetting(db, 'settings', KEY));
  return parsed.success ? parsed.data.extra : 'none';
}

/** A manager's change, audited with what it was and what it became, in one transaction. */
export function setExtraBoundaries(app: Visitdesk, extra: ExtraBoundaries): ReportBucketSetting {
  return app.db.transaction(() => {
    const before = readExtraBoundaries(app.db);
    writeJsonSetting(app.db, 'settings', KEY, { extra });
    app.audit({
      action: 'settings.reportBuckets',
      entity: 'settings',
      entityId: KEY,
      before: { extra: before },
      after: { extra },
    });
    return { extra };
  })();
}
