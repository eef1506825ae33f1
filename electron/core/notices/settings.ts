import type { Kysely } from 'kysely';
import {
  noticeSettingsSchema,
  type Letterhead,
  type NoticeSettings,
} from '../../shared/schemas/notices';
import { AppFailure } from '../../shared/result';
import type { DB } from '../db/schema';
import { loadJsonSettings, saveJsonSettings } from '../settings/json-settings';

export const defaultNoticeSettings: NoticeSettings = {
  logoDataUrl: null,
  repaymentChannels: [],
  reminderPayDays: 7,
  demandPayDays: 10,
};

const withDefaults = (stored: Record<string, unknown>): NoticeSettings =>
  noticeSettingsSchema.parse({ ...defaultNoticeSettings, ...stored });

export async function loadNoticeSettings(db: Kysely<DB>): Promise<NoticeSettings> {
  return withDefaults(await loadJsonSettings(db, 'notice_settings'));
}

export async function saveNoticeSettings(tx: Kysely<DB>, next: NoticeSettings): Promise<void> {
  await saveJsonSettings(tx, 'notice_settings', next);
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
export async function loadBranchForPrint(
  db: Kysely<DB>,
  settings: NoticeSettings,
  { forPrint }: { forPrint: boolean },
): Promise<BranchForPrint> {
  const row = await db.selectFrom('branch').selectAll().executeTakeFirst();
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

/**
 * The letterhead of a paper that is not a letter to a borrower (a report, a hand-in sheet, an
 * agreement): a preview-grade branch is enough, so missing phones do not stop it.
 */
export async function loadLetterhead(db: Kysely<DB>): Promise<Letterhead> {
  const settings = await loadNoticeSettings(db);
  return (await loadBranchForPrint(db, settings, { forPrint: false })).letterhead;
}
