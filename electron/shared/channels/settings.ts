import { channel } from '../channel';
import { branchInput, branchSchema, emptyInput, settingsSchema } from '../schemas/foundation';
import { reportBucketSetting } from '../report-buckets';

/** The branch's own details and the app's settings (auto-lock). */
export const settingsChannels = {
  'settings:get': channel(emptyInput, settingsSchema, 'settings.read'),
  'settings:update': channel(settingsSchema, settingsSchema, 'settings.edit'),
  'settings:branch': channel(emptyInput, branchSchema, 'settings.read'),
  'settings:updateBranch': channel(branchInput, branchSchema, 'settings.edit'),
  /** Extra bucket boundaries of the monthly summary (M6+, M12+); the manager chooses. */
  'settings:reportBuckets': channel(emptyInput, reportBucketSetting, 'settings.read'),
  'settings:setReportBuckets': channel(reportBucketSetting, reportBucketSetting, 'settings.edit'),
} as const;
