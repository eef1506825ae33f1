import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import path from 'node:path';
import { migrate } from '../../../electron/core/db/migrations';
import { migration005 } from '../../../electron/core/db/migrations/005_notices';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { addAccount, expectError, expectOk, switchTo, tempDir } from '../support/core';
import { engineKinds } from '../support/engines';
import { noticesCoreOn, seedVisitNoticeOn } from './desk-notices';
import { noticesCore } from './support';

/**
 * Document templates, the notice settings and the print log's guards. What reads or writes the
 * database runs on either engine (issue 19), its fixtures written through the app's engine
 * (desk-notices.ts). A template refused for its text or a non-manager's save is refused before
 * anything is read, so those cases run on SQLite only, as does migration 005 (SQLite's own
 * migrations; PostgreSQL starts at its baseline).
 */

describe.each(engineKinds)('document templates, on %s', (kind) => {
  it('lists the default wording (version 0) for every document and language', async () => {
    const core = await noticesCoreOn(kind);
    const templates = expectOk(await core.invoke('notices:templates', {}));
    expect(templates).toHaveLength(12);
    const notice = templates.find((t) => t.kind === 'visitNotice' && t.lang === 'zh');
    expect(notice).toMatchObject({
      version: 0,
      isDefault: true,
      body: defaultTemplates.visitNotice.zh,
      defaultBody: defaultTemplates.visitNotice.zh,
      createdBy: null,
    });
  });

  it('saves a manager’s edit as a new version that the next print uses', async () => {
    const core = await noticesCoreOn(kind);
    const body = defaultTemplates.visitNotice.zh.replace('上门走访通知书', '上门走访告知书');
    const saved = expectOk(
      await core.invoke('notices:saveTemplate', { kind: 'visitNotice', lang: 'zh', body }),
    );
    expect(saved).toMatchObject({ version: 1, isDefault: false, createdBy: '王建国', body });
    // The same text again is not a new version.
    const same = expectOk(
      await core.invoke('notices:saveTemplate', { kind: 'visitNotice', lang: 'zh', body }),
    );
    expect(same.version).toBe(1);
    const next = expectOk(
      await core.invoke('notices:saveTemplate', {
        kind: 'visitNotice',
        lang: 'zh',
        body: body.replace('告知书', '通知书'),
      }),
    );
    expect(next.version).toBe(2);

    const { visitId } = await seedVisitNoticeOn(core);
    const printed = expectOk(
      await core.invoke('notices:print', { documents: [{ kind: 'visitNotice', visitId }] }),
    );
    expect(printed.documents[0]?.template.version).toBe(2);
    expect(expectOk(await core.invoke('notices:log', {}))[0]?.templateVersion).toBe(2);
    const audit = await core.app.engine.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'notices.saveTemplate')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ n: 2 });
  });
});

describe('document templates refused before anything is read', () => {
  it('refuses an unknown placeholder, naming it and where it is', async () => {
    const core = await noticesCore();
    const body = defaultTemplates.visitNotice.zh.replace(
      '{{borrower.maskedId}}',
      '{{borrower.idNumber}}',
    );
    const error = expectError(
      await core.invoke('notices:saveTemplate', { kind: 'visitNotice', lang: 'zh', body }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ body: 'v.invalid' });
    expect(error.details).toEqual({
      kind: 'visitNotice',
      lang: 'zh',
      issues: [{ code: 'unknownPlaceholder', name: 'borrower.idNumber', line: 5, column: 27 }],
    });
    expect(error.message).toContain('line 5, column 27: unknown placeholder {{borrower.idNumber}}');
    expect(expectOk(await core.invoke('notices:templates', {}))[0]?.version).toBe(0);
  });

  it('refuses a notice template without the borrower’s rights', async () => {
    const core = await noticesCore();
    const body = defaultTemplates.visitNotice.zh.replace(
      /\[\[rights\]\][\s\S]*?(?=\[\[privacy\]\])/,
      '',
    );
    const error = expectError(
      await core.invoke('notices:saveTemplate', { kind: 'visitNotice', lang: 'zh', body }),
      'VALIDATION',
    );
    expect(error.details?.issues).toEqual([
      expect.objectContaining({ code: 'missingSection', name: 'rights' }),
    ]);
  });

  it('is for the manager only', async () => {
    const core = await noticesCore();
    const officer = addAccount(core, { username: 'officer1', role: 'officer' });
    await switchTo(core, officer);
    expectError(
      await core.invoke('notices:saveTemplate', {
        kind: 'visitNotice',
        lang: 'zh',
        body: defaultTemplates.visitNotice.zh,
      }),
      'FORBIDDEN',
    );
    expectOk(await core.invoke('notices:templates', {}));
  });
});

describe.each(engineKinds)('notice settings, on %s', (kind) => {
  it('stores the logo and repayment channels, refusing anything but a raster image', async () => {
    const core = await noticesCoreOn(kind);
    expect(expectOk(await core.invoke('notices:settings', {}))).toEqual({
      logoDataUrl: null,
      repaymentChannels: [],
      reminderPayDays: 7,
      demandPayDays: 10,
    });
    const logo = 'data:image/png;base64,iVBORw0KGgo=';
    const saved = expectOk(
      await core.invoke('notices:saveSettings', {
        logoDataUrl: logo,
        repaymentChannels: ['本行柜台'],
        reminderPayDays: 7,
        demandPayDays: 14,
      }),
    );
    expect(saved.logoDataUrl).toBe(logo);
    const { visitId } = await seedVisitNoticeOn(core);
    const { documents } = expectOk(
      await core.invoke('notices:preview', { documents: [{ kind: 'visitNotice', visitId }] }),
    );
    expect(documents[0]?.letterhead.logoDataUrl).toBe(logo);
    for (const bad of [
      'data:image/svg+xml;base64,PHN2Zz4=',
      'javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
    ]) {
      expectError(
        await core.invoke('notices:saveSettings', { ...saved, logoDataUrl: bad }),
        'VALIDATION',
      );
    }
  });
});

describe('migration 005', () => {
  it('adds the printing tables to a version-4 database and keeps its rows', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 4);
    const at = '2025-01-01T00:00:00Z';
    db.prepare(
      "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('A012', '陈志强', 'officer', ?, ?)",
    ).run(at, at);
    const before = db.prepare('SELECT * FROM staff').all();
    expect(migrate(db, 5)).toBe(5);
    expect(db.prepare('SELECT * FROM staff').all()).toEqual(before);
    for (const table of [
      'document_templates',
      'reference_sequences',
      'print_log',
      'notice_settings',
    ]) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    db.close();
    expect(migration005.version).toBe(5);
  });
});

describe.each(engineKinds)('the print log, on %s', (kind) => {
  it('is never rewritten, and original numbers are unique', async () => {
    const core = await noticesCoreOn(kind);
    const { visitId } = await seedVisitNoticeOn(core);
    expectOk(await core.invoke('notices:print', { documents: [{ kind: 'visitNotice', visitId }] }));
    const db = core.app.engine.db;
    await expect(db.updateTable('print_log').set({ reference_no: 'X' }).execute()).rejects.toThrow(
      /never rewritten/,
    );
    const { id, ...row } = await db.selectFrom('print_log').selectAll().executeTakeFirstOrThrow();
    // Each engine's own words: SQLite's UNIQUE and CHECK, PostgreSQL's unique and check constraint.
    const [unique, check] =
      kind === 'sqlite' ? [/UNIQUE/, /CHECK/] : [/unique constraint/, /check constraint/];
    await expect(db.insertInto('print_log').values(row).execute()).rejects.toThrow(unique);
    // A copy shares its original's number and must point at it.
    await expect(
      db
        .insertInto('print_log')
        .values({ ...row, is_copy: 1 })
        .execute(),
    ).rejects.toThrow(check);
    await db
      .insertInto('print_log')
      .values({ ...row, is_copy: 1, original_id: id })
      .execute();
    expect(
      (await db.selectFrom('print_log').select('original_id').orderBy('id').execute()).map(
        (r) => r.original_id,
      ),
    ).toEqual([null, id]);
  });
});
