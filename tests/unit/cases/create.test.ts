import { describe, expect, it } from 'vitest';
import { openAuditText } from '../support/audit';
import { expectError, expectOk } from '../support/core';
import { borrower, casesCore, createCase, residentId } from './support';

describe('creating and editing case files', () => {
  it('creates a borrower with birth date and sex derived from the resident ID', async () => {
    const core = await casesCore();
    const id = await createCase(core, { idNumber: residentId('1958-02-03', 242) });
    const page = expectOk(await core.invoke('cases:get', { borrowerId: id }));
    expect(page.borrower).toMatchObject({
      name: '张三',
      birthDate: '1958-02-03',
      sex: 'F',
      age: 68,
      idNumberMasked: '331121********' + residentId('1958-02-03', 242).slice(-4),
      mobileMasked: '138****5678',
      township: '东源镇',
      village: '红光村',
      status: 'active',
    });
    const audit = core.app.db
      .prepare("SELECT entity, entity_id, after FROM audit_log WHERE action = 'case.create'")
      .get() as { entity: string; entity_id: string; after: string };
    expect(audit).toMatchObject({ entity: 'borrower', entity_id: String(id) });
    // The audit snapshot keeps the ID masked.
    expect(openAuditText(core.app.db, audit.after)).toContain('331121********');
    expect(openAuditText(core.app.db, audit.after)).not.toContain(residentId('1958-02-03', 242));
  });

  it('rejects an invalid resident ID with a field message', async () => {
    const core = await casesCore();
    const good = residentId('1980-05-17', 131);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (const idNumber of [wrongCheck, '331121199902301234', '12345']) {
      const error = expectError(
        await core.invoke('cases:create', borrower({ idNumber })),
        'VALIDATION',
      );
      expect(error.fields).toEqual({ idNumber: 'v.idNumber' });
    }
    const count = core.app.db.prepare('SELECT count(*) AS n FROM borrowers').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('rejects a birth date after today', async () => {
    const core = await casesCore();
    const error = expectError(
      await core.invoke('cases:create', borrower({ idNumber: residentId('2027-01-01', 11) })),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ idNumber: 'v.idNumber' });
  });

  it('refuses a duplicate resident ID and names the existing case', async () => {
    const core = await casesCore();
    const first = await createCase(core);
    const error = expectError(
      await core.invoke('cases:create', borrower({ name: '张叁' })),
      'CONFLICT',
    );
    expect(error.details).toEqual({ existingId: first });
    expect(error.fields).toEqual({ idNumber: 'v.case.duplicateId' });
    // Lower-case x and spaces are the same ID.
    const withX = await createCase(core, { idNumber: '11010519491231002X' });
    const again = expectError(
      await core.invoke('cases:create', borrower({ idNumber: '110105 19491231 002x' })),
      'CONFLICT',
    );
    expect(again.details).toEqual({ existingId: withX });
  });

  it('updates fields, keeps unsent identity numbers, and refuses taking another ID', async () => {
    const core = await casesCore();
    const a = await createCase(core);
    const b = await createCase(core, { name: '李四', idNumber: residentId('1975-01-01', 11) });
    expectOk(
      await core.invoke('cases:update', {
        ...borrower({ name: '张三丰', village: '五星村', status: 'disputed' }),
        id: a,
        idNumber: undefined,
        mobile: undefined,
      }),
    );
    const page = expectOk(await core.invoke('cases:get', { borrowerId: a }));
    expect(page.borrower).toMatchObject({
      name: '张三丰',
      village: '五星村',
      mobileMasked: '138****5678',
    });
    expect(page.header.disputed).toBe(true);
    const conflict = expectError(
      await core.invoke('cases:update', { ...borrower(), id: b }),
      'CONFLICT',
    );
    expect(conflict.details).toEqual({ existingId: a });
    const audit = core.app.db
      .prepare("SELECT before, after FROM audit_log WHERE action = 'case.update'")
      .get() as { before: string; after: string };
    expect(JSON.parse(openAuditText(core.app.db, audit.before)!)).toMatchObject({
      name: '张三',
      status: 'active',
    });
    expect(JSON.parse(openAuditText(core.app.db, audit.after)!)).toMatchObject({
      name: '张三丰',
      status: 'disputed',
      idNumberChanged: false,
    });
  });

  it('refuses an officer who is not active staff', async () => {
    const core = await casesCore();
    const error = expectError(
      await core.invoke('cases:create', borrower({ officerId: 999 })),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ officerId: 'v.case.officer' });
    const officers = expectOk(await core.invoke('cases:officers', {}));
    expect(officers.map((o) => o.role)).toEqual(['manager']);
    const id = await createCase(core, { officerId: officers[0]!.id });
    const page = expectOk(await core.invoke('cases:get', { borrowerId: id }));
    expect(page.header.officer?.name).toBe('王建国');
  });

  it('answers NOT_FOUND for a borrower that does not exist', async () => {
    const core = await casesCore();
    expectError(await core.invoke('cases:get', { borrowerId: 42 }), 'NOT_FOUND');
    expectError(await core.invoke('cases:addNote', { borrowerId: 42, text: '你好' }), 'NOT_FOUND');
  });
});
