import { describe, expect, it } from 'vitest';
import { latestCheckpoint } from '../../../electron/core/audit/checkpoint';
import { copySqliteToPostgres } from '../../../electron/core/db/postgres/copy-from-sqlite';
import { loadNoticeSettings } from '../../../electron/core/notices/settings';
import { listTemplates, listTemplateVersions } from '../../../electron/core/notices/templates';
import { loadExtraBoundaries } from '../../../electron/core/reports/bucket-setting';
import { closeHistory, standingClose } from '../../../electron/core/reports/close';
import { loadBranchToday } from '../../../electron/core/settings/branch-clock';
import { loadSettings } from '../../../electron/core/settings/settings';
import { expectOk, signedInCore } from '../support/core';
import { openTestEngine } from '../support/engines';

/**
 * What the reports, settings and templates read on the engine, from the demo branch on SQLite
 * and from its copy on PostgreSQL (issue 19): the standing closes with their frozen figures,
 * the reopened ones, the latest checkpoint, the branch's settings and its templates.
 */

const NOW = new Date('2026-11-29T02:00:00.000Z');

describe('closes, settings and templates on both engines', () => {
  it('read alike from the same branch', async () => {
    const core = await signedInCore({ now: () => NOW });
    expectOk(await core.invoke('cases:loadDemo', {}));
    const months = (
      core.app.db.prepare('SELECT DISTINCT month FROM month_closes ORDER BY month').all() as {
        month: string;
      }[]
    ).map((r) => r.month);
    expect(months.length).toBeGreaterThan(0);
    // A month reopened and closed again, so it has a history too; settings away from defaults.
    expectOk(await core.invoke('reports:reopen', { month: months[0]!, reason: '补录一笔还款' }));
    expectOk(await core.invoke('reports:close', { month: months[0]! }));
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 25 }));
    expectOk(await core.invoke('settings:setReportBuckets', { extra: 'M6_M12' }));

    const read = async (db: typeof core.app.engine.db) => ({
      closes: await Promise.all(months.map((m) => standingClose(db, m))),
      history: await Promise.all(months.map((m) => closeHistory(db, m))),
      checkpoint: await latestCheckpoint(db),
      settings: await loadSettings(db),
      notices: await loadNoticeSettings(db),
      buckets: await loadExtraBoundaries(db),
      today: await loadBranchToday(db, NOW),
      templates: await listTemplates(db),
      versions: await listTemplateVersions(db, 'paymentReceipt', 'zh'),
    });
    const onSqlite = await read(core.app.engine.db);
    expect(onSqlite.history[0]).toHaveLength(1);
    expect(onSqlite.checkpoint?.reason).toBe(`month-close ${months[0]}`);
    expect(onSqlite.settings.autoLockMinutes).toBe(25);

    const target = await openTestEngine('postgres');
    try {
      await copySqliteToPostgres(core.app.db, target.engine);
      expect(await read(target.engine.db)).toEqual(onSqlite);
    } finally {
      await target.close();
    }
  });
});
