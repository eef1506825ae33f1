import { afterEach, describe, expect, it } from 'vitest';
import {
  loadJsonSetting,
  loadJsonSettings,
  readJsonSetting,
  readJsonSettings,
  saveJsonSetting,
  saveJsonSettings,
} from '../../../electron/core/settings/json-settings';
import { signedInCore } from '../support/core';
import { engineKinds, openTestEngine, type EngineUnderTest } from '../support/engines';

let open: EngineUnderTest | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

describe.each(engineKinds)('JSON settings tables on %s', (kind) => {
  it('round-trips values under their keys, replaces on write, and keeps the two tables apart', async () => {
    open = await openTestEngine(kind);
    const { engine } = open;
    const db = engine.db;
    expect(await loadJsonSetting(db, 'settings', 'test.absent')).toBeUndefined();

    await engine.transaction((tx) => saveJsonSetting(tx, 'settings', 'test.list', [{ n: 1 }]));
    await engine.transaction((tx) =>
      saveJsonSetting(tx, 'settings', 'test.list', [{ name: '乡镇', n: 2 }]),
    );
    expect(await loadJsonSetting(db, 'settings', 'test.list')).toEqual([{ name: '乡镇', n: 2 }]);
    // One row per key: the second write replaced the first.
    const rows = await db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'test.list')
      .execute();
    expect(rows).toHaveLength(1);

    await engine.transaction((tx) =>
      saveJsonSettings(tx, 'notice_settings', { reminderPayDays: 5, logoDataUrl: null, s: 'x' }),
    );
    expect(await loadJsonSetting(db, 'notice_settings', 'reminderPayDays')).toBe(5);
    expect(await loadJsonSetting(db, 'notice_settings', 'logoDataUrl')).toBeNull();
    expect(await loadJsonSetting(db, 'notice_settings', 's')).toBe('x');
    expect(await loadJsonSetting(db, 'settings', 'reminderPayDays')).toBeUndefined();
    expect(await loadJsonSettings(db, 'notice_settings')).toEqual({
      reminderPayDays: 5,
      logoDataUrl: null,
      s: 'x',
    });
    expect((await loadJsonSettings(db, 'settings'))['test.list']).toEqual([{ name: '乡镇', n: 2 }]);
  });
});

describe('JSON settings on the connection (features still synchronous)', () => {
  it('reads the same rows the engine writes', async () => {
    const core = await signedInCore();
    const db = core.app.db;
    await core.app.write((tx) =>
      saveJsonSetting(tx, 'settings', 'test.list', [{ name: '乡镇', n: 1 }]),
    );
    await core.app.write((tx) =>
      saveJsonSetting(tx, 'settings', 'test.list', [{ name: '乡镇', n: 2 }]),
    );
    expect(readJsonSetting(db, 'settings', 'test.list')).toEqual([{ name: '乡镇', n: 2 }]);
    const rows = db.prepare("SELECT value FROM settings WHERE key = 'test.list'").all();
    expect(rows).toEqual([{ value: '[{"name":"乡镇","n":2}]' }]);
    expect(await loadJsonSetting(core.app.engine.db, 'settings', 'test.list')).toEqual([
      { name: '乡镇', n: 2 },
    ]);
    expect(readJsonSettings(db, 'settings')['test.list']).toEqual([{ name: '乡镇', n: 2 }]);
  });
});
