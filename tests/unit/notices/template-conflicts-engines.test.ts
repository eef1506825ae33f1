import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import { expectError, expectOk } from '../support/core';
import { addAccountOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { noticesCoreOn, type NoticesCoreOn } from './desk-notices';

/**
 * Two managers editing the same notice template (issue 20): each save and restore names the
 * version its editor opened (`baseVersion`), and one that another desk has saved over since is
 * refused with STALE_VERSION, nothing written or audited, the refusal carrying the template as
 * `notices:templates` now shows it and who saved it. Through the dispatcher, on either engine;
 * the two desks take turns on one database (A is the set-up manager 王建国, B a second
 * manager 赵敏).
 */

const visitNotice = { kind: 'visitNotice' as const, lang: 'zh' as const };
const base = defaultTemplates.visitNotice.zh;
const v1 = base.replace('上门走访通知书', '上门走访告知书');
const fromA = base.replace('上门走访通知书', '家访通知书');
const fromB = base.replace('上门走访通知书', '入户走访通知书');

async function twoManagers(kind: (typeof engineKinds)[number]) {
  const core = await noticesCoreOn(kind);
  const b = await addAccountOn(core, { username: 'zhao', role: 'manager', name: '赵敏' });
  // Version 1, saved without a version named: not checked, as before.
  expect(
    expectOk(await core.invoke('notices:saveTemplate', { ...visitNotice, body: v1 })).version,
  ).toBe(1);
  return { core, b };
}

const inForce = async (core: NoticesCoreOn) =>
  expectOk(await core.invoke('notices:templates', {})).find(
    (row) => row.kind === 'visitNotice' && row.lang === 'zh',
  )!;

const savedVersions = async (core: NoticesCoreOn) =>
  (
    await core.app.engine.db
      .selectFrom('document_templates')
      .select(['version', 'body', 'created_by'])
      .where('kind', '=', 'visitNotice')
      .where('lang', '=', 'zh')
      .orderBy('version')
      .execute()
  ).map((row) => [row.version, row.body, row.created_by]);

const templateAudit = async (core: NoticesCoreOn) =>
  (
    await core.app.engine.db
      .selectFrom('audit_log')
      .select(['action', 'staff_id', 'at', 'success'])
      .where('entity', '=', 'document_template')
      .where('entity_id', '=', 'visitNotice:zh')
      .orderBy('id')
      .execute()
  ).map((row) => ({ ...row, success: Number(row.success) }));

describe.each(engineKinds)('two desks editing one template, on %s', (kind) => {
  it('refuses the second save made from the version both opened, and takes it from the new one', async () => {
    const { core, b } = await twoManagers(kind);
    const managerId = core.managerId;
    // Both desks open the editor at version 1.
    const opened = await inForce(core);
    expect(opened.version).toBe(1);

    // A saves first, from version 1: version 2.
    const savedByA = expectOk(
      await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromA, baseVersion: 1 }),
    );
    expect(savedByA).toMatchObject({ version: 2, body: fromA, createdBy: '王建国' });
    const auditBefore = await templateAudit(core);
    expect(auditBefore.map((row) => [row.action, row.staff_id])).toEqual([
      ['notices.saveTemplate', managerId],
      ['notices.saveTemplate', managerId],
    ]);

    // B, still at version 1, saves: refused, with the template as it now is and who saved it.
    await switchToOn(core, b);
    const nowInForce = await inForce(core);
    const refused = expectError(
      await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromB, baseVersion: 1 }),
      'STALE_VERSION',
    );
    expect(refused.details).toEqual({
      current: nowInForce,
      version: '2',
      by: '王建国',
      at: auditBefore[1]!.at,
    });
    expect(nowInForce).toMatchObject({ version: 2, body: fromA, isDefault: false });
    // Nothing of B's written, nothing audited (B's sign-in is audited elsewhere).
    expect(await savedVersions(core)).toEqual([
      [1, v1, managerId],
      [2, fromA, managerId],
    ]);
    expect(await templateAudit(core)).toEqual(auditBefore);

    // B saves again from the version the refusal named: version 3 with B's text.
    const savedByB = expectOk(
      await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromB, baseVersion: 2 }),
    );
    expect(savedByB).toMatchObject({ version: 3, body: fromB, createdBy: '赵敏' });
    expect(await savedVersions(core)).toEqual([
      [1, v1, managerId],
      [2, fromA, managerId],
      [3, fromB, b.staffId],
    ]);
    const audit = await templateAudit(core);
    expect(audit.map((row) => [row.action, row.staff_id, row.success])).toEqual([
      ['notices.saveTemplate', managerId, 1],
      ['notices.saveTemplate', managerId, 1],
      ['notices.saveTemplate', b.staffId, 1],
    ]);

    // A save naming no version is not checked: B's, of A's text, is version 4.
    const unchecked = expectOk(
      await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromA }),
    );
    expect(unchecked).toMatchObject({ version: 4, body: fromA, createdBy: '赵敏' });
  });

  it('refuses a stale save even of the text now in force, and a base version ahead of it', async () => {
    const { core } = await twoManagers(kind);
    expectOk(
      await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromA, baseVersion: 1 }),
    );
    expect(
      expectError(
        await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromA, baseVersion: 1 }),
        'STALE_VERSION',
      ).details,
    ).toMatchObject({ version: '2', by: '王建国' });
    expect(
      expectError(
        await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromB, baseVersion: 3 }),
        'STALE_VERSION',
      ).details,
    ).toMatchObject({ version: '2', current: { version: 2, body: fromA } });
    // Another kind or language has its own version: the built-in English one is version 0.
    expect(
      expectOk(
        await core.invoke('notices:saveTemplate', {
          kind: 'visitNotice',
          lang: 'en',
          body: defaultTemplates.visitNotice.en.replace('Visit', 'Home visit'),
          baseVersion: 0,
        }),
      ).version,
    ).toBe(1);
    expect((await savedVersions(core)).map(([version]) => version)).toEqual([1, 2]);
  });

  it('refuses a restore made from a version another desk has saved over', async () => {
    const { core, b } = await twoManagers(kind);
    const managerId = core.managerId;
    expectOk(
      await core.invoke('notices:saveTemplate', { ...visitNotice, body: fromA, baseVersion: 1 }),
    );
    // Both desks read the history at version 2; A restores the built-in wording: version 3.
    const restoredByA = expectOk(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 0, baseVersion: 2 }),
    );
    expect(restoredByA).toMatchObject({ version: 3, body: base, createdBy: '王建国' });
    const auditBefore = await templateAudit(core);

    // B, still at version 2, restores version 1: refused, nothing written.
    await switchToOn(core, b);
    const refused = expectError(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 1, baseVersion: 2 }),
      'STALE_VERSION',
    );
    expect(refused.details).toEqual({
      current: await inForce(core),
      version: '3',
      by: '王建国',
      at: auditBefore.at(-1)!.at,
    });
    expect((refused.details!.current as { body: string }).body).toBe(base);
    expect(await savedVersions(core)).toEqual([
      [1, v1, managerId],
      [2, fromA, managerId],
      [3, base, managerId],
    ]);
    expect(await templateAudit(core)).toEqual(auditBefore);

    // From version 3, B's restore is version 4, audited as B's.
    const restoredByB = expectOk(
      await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 1, baseVersion: 3 }),
    );
    expect(restoredByB).toMatchObject({ version: 4, body: v1, createdBy: '赵敏' });
    expect(
      (await templateAudit(core)).map((row) => [row.action, row.staff_id, row.success]),
    ).toEqual([
      ['notices.saveTemplate', managerId, 1],
      ['notices.saveTemplate', managerId, 1],
      ['notices.restoreTemplate', managerId, 1],
      ['notices.restoreTemplate', b.staffId, 1],
    ]);
    // A restore naming no version is not checked.
    expect(
      expectOk(await core.invoke('notices:restoreTemplate', { ...visitNotice, version: 2 })),
    ).toMatchObject({ version: 5, body: fromA });
  });
});
