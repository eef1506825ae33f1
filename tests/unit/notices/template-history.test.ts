import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import { expectError, expectOk } from '../support/core';
import { addAccountOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { noticesCoreOn, seedVisitNoticeOn, type NoticesCoreOn } from './desk-notices';

/**
 * A document template's versions, listed and restored through the dispatcher, on either engine
 * (issue 19): the audit rows read back on the app's engine.
 */

const visitNotice = { kind: 'visitNotice' as const, lang: 'zh' as const };
const v1 = defaultTemplates.visitNotice.zh.replace('上门走访通知书', '上门走访告知书');
const v2 = defaultTemplates.visitNotice.zh.replace('上门走访通知书', '家访通知书');

async function saveTwoVersions(core: NoticesCoreOn) {
  expectOk(await core.invoke('notices:saveTemplate', { ...visitNotice, body: v1 }));
  expectOk(await core.invoke('notices:saveTemplate', { ...visitNotice, body: v2 }));
}

const auditRows = async (core: NoticesCoreOn, action: string) =>
  (
    await core.app.engine.db
      .selectFrom('audit_log')
      .select(['entity_id', 'before', 'after'])
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((row) => ({
    entityId: row.entity_id,
    before: JSON.parse(row.before!) as { version: number },
    after: JSON.parse(row.after!) as { version: number; restoredFrom?: number; body: string },
  }));

describe.each(engineKinds)('template version history, on %s', (kind) => {
  it('starts with the built-in wording as version 0, in force', async () => {
    const core = await noticesCoreOn(kind);
    expect(expectOk(await core.invoke('notices:templateVersions', visitNotice))).toEqual([
      {
        ...visitNotice,
        version: 0,
        body: defaultTemplates.visitNotice.zh,
        createdBy: null,
        createdByNo: null,
        createdAt: null,
        isCurrent: true,
      },
    ]);
  });

  it('lists every saved version newest first, with who saved it and when', async () => {
    const core = await noticesCoreOn(kind);
    await saveTwoVersions(core);
    const versions = expectOk(await core.invoke('notices:templateVersions', visitNotice));
    expect(versions.map((v) => [v.version, v.isCurrent, v.createdBy, v.createdByNo])).toEqual([
      [2, true, '王建国', 'M001'],
      [1, false, '王建国', 'M001'],
      [0, false, null, null],
    ]);
    expect(versions.map((v) => v.body)).toEqual([v2, v1, defaultTemplates.visitNotice.zh]);
    expect(versions[0]!.createdAt).toBe('2025-03-04T02:00:00.000Z');
    // Other kinds and languages keep their own histories.
    expect(
      expectOk(await core.invoke('notices:templateVersions', { kind: 'visitNotice', lang: 'en' })),
    ).toHaveLength(1);
  });

  it('restores an earlier version as a new version, audited, and printing uses it', async () => {
    const core = await noticesCoreOn(kind);
    await saveTwoVersions(core);
    const restored = expectOk(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 1 }),
    );
    expect(restored).toMatchObject({ version: 3, body: v1, isDefault: false, createdBy: '王建国' });
    const versions = expectOk(await core.invoke('notices:templateVersions', visitNotice));
    expect(versions.map((v) => [v.version, v.isCurrent])).toEqual([
      [3, true],
      [2, false],
      [1, false],
      [0, false],
    ]);
    expect(await auditRows(core, 'notices.restoreTemplate')).toEqual([
      {
        entityId: 'visitNotice:zh',
        before: { version: 2, body: v2 },
        after: { version: 3, body: v1, restoredFrom: 1 },
      },
    ]);

    const { visitId } = await seedVisitNoticeOn(core);
    const printed = expectOk(
      await core.invoke('notices:print', { documents: [{ kind: 'visitNotice', visitId }] }),
    );
    expect(printed.documents[0]!.template).toEqual({ version: 3, body: v1 });
  });

  it('restores the built-in wording (version 0); restoring the version in force changes nothing', async () => {
    const core = await noticesCoreOn(kind);
    await saveTwoVersions(core);
    const same = expectOk(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 2 }),
    );
    expect(same.version).toBe(2);
    expect(await auditRows(core, 'notices.restoreTemplate')).toEqual([]);

    const builtIn = expectOk(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 0 }),
    );
    expect(builtIn).toMatchObject({ version: 3, body: defaultTemplates.visitNotice.zh });
    expect(
      (await auditRows(core, 'notices.restoreTemplate')).map((r) => r.after.restoredFrom),
    ).toEqual([0]);
  });

  it('refuses a version that does not exist', async () => {
    const core = await noticesCoreOn(kind);
    await saveTwoVersions(core);
    const error = expectError(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 7 }),
      'NOT_FOUND',
    );
    expect(error.details).toEqual({
      ...visitNotice,
      version: 7,
      reason: 'e.templateVersionMissing',
    });
    expect(expectOk(await core.invoke('notices:templateVersions', visitNotice))).toHaveLength(3);
  });

  it('lets every role read the history but only the manager restore', async () => {
    const core = await noticesCoreOn(kind);
    await saveTwoVersions(core);
    const officer = await addAccountOn(core, { username: 'officer1', role: 'officer' });
    await switchToOn(core, officer);
    expect(expectOk(await core.invoke('notices:templateVersions', visitNotice))).toHaveLength(3);
    expectError(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 1 }),
      'FORBIDDEN',
    );
    expect(await auditRows(core, 'notices.restoreTemplate')).toEqual([]);
  });
});
