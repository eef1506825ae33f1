import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import path from 'node:path';
import { migrate } from '../../../electron/core/db/migrations';
import { migration005 } from '../../../electron/core/db/migrations/005_notices';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { addAccount, expectError, expectOk, switchTo, tempDir } from '../support/core';
import { noticesCore, seedVisitNotice } from './support';

describe('document templates', () => {
  it('lists the default wording (version 0) for every document and language', async () => {
    const core = await noticesCore();
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
    const core = await noticesCore();
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

    const { visitId } = seedVisitNotice(core);
    const printed = expectOk(
      await core.invoke('notices:print', { documents: [{ kind: 'visitNotice', visitId }] }),
    );
    expect(printed.documents[0]?.template.version).toBe(2);
    expect(expectOk(await core.invoke('notices:log', {}))[0]?.templateVersion).toBe(2);
    const audit = core.app.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'notices.saveTemplate'")
      .get();
    expect(audit).toEqual({ n: 2 });
  });

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

describe('notice settings', () => {
  it('stores the logo and repayment channels, refusing anything but a raster image', async () => {
    const core = await noticesCore();
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
    const { visitId } = seedVisitNotice(core);
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
  });

  it('keeps the print log unrewritable and original numbers unique', async () => {
    const core = await noticesCore();
    const { visitId } = seedVisitNotice(core);
    expectOk(await core.invoke('notices:print', { documents: [{ kind: 'visitNotice', visitId }] }));
    const db = core.app.db;
    expect(() => db.prepare("UPDATE print_log SET reference_no = 'X'").run()).toThrow(
      /never rewritten/,
    );
    const row = db.prepare('SELECT * FROM print_log').get() as Record<string, unknown>;
    const insert = db.prepare(
      `INSERT INTO print_log (printed_at, staff_id, kind, lang, subject, template_version,
         reference_no, issue_date, facts_sha256, content_sha256, content_json, is_copy, original_id)
       VALUES (@printed_at, @staff_id, @kind, @lang, @subject, @template_version, @reference_no,
         @issue_date, @facts_sha256, @content_sha256, @content_json, @is_copy, @original_id)`,
    );
    expect(() => insert.run(row)).toThrow(/UNIQUE/);
    // A copy shares its original's number and must point at it.
    expect(() => insert.run({ ...row, is_copy: 1 })).toThrow(/CHECK/);
    insert.run({ ...row, is_copy: 1, original_id: row.id });
    expect(migration005.version).toBe(5);
  });
});
