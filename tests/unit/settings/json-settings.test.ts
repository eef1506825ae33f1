import { describe, expect, it } from 'vitest';
import {
  readJsonSetting,
  readJsonSettings,
  writeJsonSetting,
  writeJsonSettings,
} from '../../../electron/core/settings/json-settings';
import { signedInCore } from '../support/core';

describe('JSON settings tables', () => {
  it('round-trips values under their keys, replaces on write, and keeps the two tables apart', async () => {
    const core = await signedInCore();
    const db = core.app.db;
    expect(readJsonSetting(db, 'settings', 'test.absent')).toBeUndefined();

    writeJsonSetting(db, 'settings', 'test.list', [{ name: '乡镇', n: 1 }]);
    writeJsonSetting(db, 'settings', 'test.list', [{ name: '乡镇', n: 2 }]);
    expect(readJsonSetting(db, 'settings', 'test.list')).toEqual([{ name: '乡镇', n: 2 }]);
    // One row per key: the second write replaced the first.
    const rows = db.prepare("SELECT value FROM settings WHERE key = 'test.list'").all();
    expect(rows).toEqual([{ value: '[{"name":"乡镇","n":2}]' }]);

    writeJsonSettings(db, 'notice_settings', { reminderPayDays: 5, logoDataUrl: null });
    expect(readJsonSetting(db, 'notice_settings', 'reminderPayDays')).toBe(5);
    expect(readJsonSetting(db, 'notice_settings', 'logoDataUrl')).toBeNull();
    expect(readJsonSetting(db, 'settings', 'reminderPayDays')).toBeUndefined();
    expect(readJsonSettings(db, 'notice_settings')).toMatchObject({
      reminderPayDays: 5,
      logoDataUrl: null,
    });
    expect(readJsonSettings(db, 'settings')['test.list']).toEqual([{ name: '乡镇', n: 2 }]);
  });
});
