import {
  noticeSettingsSchema,
  type Letterhead,
  type NoticeSettings,
} from '../../shared/schemas/notices';
import { AppFailure } from '../../shared/result';
import { first, qb } from '../db/query';
import { readJsonSettings, writeJsonSettings } from '../settings/json-settings';
import type { Sqlite } from '../db/sqlite';

export const defaultNoticeSettings: NoticeSettings = {
  logoDataUrl: null,
  repaymentChannels: [],
  reminderPayDays: 7,
  demandPayDays: 10,
};

export function readNoticeSettings(db: Sqlite): NoticeSettings {
  return noticeSettingsSchema.parse({
    ...defaultNoticeSettings,
    ...readJsonSettings(db, 'notice_settings'),
  });
}

export function writeNoticeSettings(db: Sqlite, next: NoticeSettings): void {
  writeJsonSettings(db, 'notice_settings', next);
}

export interface BranchForPrint {
  code: string;
  timeZone: string;
  letterhead: Letterhead;
}

/**
 * The branch as documents show it. Printing (not previewing) refuses while the address or
 * phones are missing: a letter without a number to call back or complain to is not allowed.
 */
export function branchForPrint(
  db: Sqlite,
  settings: NoticeSettings,
  { forPrint }: { forPrint: boolean },
): BranchForPrint {
  const row = first(db, qb.selectFrom('branch').selectAll());
  if (!row) throw new AppFailure('NOT_SET_UP', 'the branch is not set up');
  const missing = (['address', 'phone', 'complaint_hotline'] as const).filter(
    (column) => row[column].trim() === '',
  );
  if (forPrint && missing.length) {
    throw new AppFailure(
      'NOT_SET_UP',
      `complete the branch's ${missing.join(', ')} in Settings before printing`,
      { details: { missing } },
    );
  }
  return {
    code: row.code,
    timeZone: row.time_zone,
    letterhead: {
      name: row.name,
      address: row.address,
      phone: row.phone,
      complaintHotline: row.complaint_hotline,
      logoDataUrl: settings.logoDataUrl,
    },
  };
}
