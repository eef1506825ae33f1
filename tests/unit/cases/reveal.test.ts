import { describe, expect, it } from 'vitest';
import { openAuditText } from '../support/audit';
import { addAccount, expectError, expectOk, switchTo } from '../support/core';
import { casesCore, createCase, residentId } from './support';

const auditRows = (core: Awaited<ReturnType<typeof casesCore>>) =>
  core.app.db
    .prepare(
      "SELECT staff_id, entity, entity_id, after FROM audit_log WHERE action = 'case.reveal' ORDER BY id",
    )
    .all()
    .map((r) => {
      const row = r as { staff_id: number; entity: string; entity_id: string; after: string };
      return { ...row, after: openAuditText(core.app.db, row.after)! };
    });

describe('revealing masked identity numbers', () => {
  it('masks the case page by default and reveals the full value, audited', async () => {
    const core = await casesCore();
    const id = await createCase(core, { otherPhones: ['0578-6512345'] });
    const contact = expectOk(
      await core.invoke('cases:addContact', {
        borrowerId: id,
        name: '李梅',
        relation: 'spouse',
        phone: '13700001234',
        consentToContact: true,
      }),
    ).id;
    const page = expectOk(await core.invoke('cases:get', { borrowerId: id }));
    expect(page.borrower.idNumberMasked).toBe(
      `331121********${residentId('1980-05-17', 131).slice(-4)}`,
    );
    expect(page.borrower.otherPhonesMasked).toEqual(['057*****2345']);
    expect(page.contacts[0]).toMatchObject({ phoneMasked: '137****1234', consentToContact: true });
    expect(JSON.stringify(page)).not.toContain(residentId('1980-05-17', 131));
    expect(JSON.stringify(page)).not.toContain('13812345678');
    expect(auditRows(core)).toEqual([]);

    expect(
      expectOk(await core.invoke('cases:revealField', { borrowerId: id, field: 'idNumber' })),
    ).toEqual({
      value: residentId('1980-05-17', 131),
    });
    expect(
      expectOk(await core.invoke('cases:revealField', { borrowerId: id, field: 'mobile' })),
    ).toEqual({
      value: '13812345678',
    });
    expect(
      expectOk(
        await core.invoke('cases:revealField', {
          borrowerId: id,
          field: 'contactPhone',
          contactId: contact,
        }),
      ),
    ).toEqual({ value: '13700001234' });
    const rows = auditRows(core);
    expect(rows.map((r) => [r.entity, r.entity_id, JSON.parse(r.after).field])).toEqual([
      ['borrower', String(id), 'idNumber'],
      ['borrower', String(id), 'mobile'],
      ['borrower', String(id), 'contactPhone'],
    ]);
    // The audit row names the field, never the value.
    for (const r of rows) {
      expect(r.after).not.toContain('13812345678');
      expect(r.after).not.toContain(residentId('1980-05-17', 131));
    }
  });

  it('lets an officer reveal, and refuses a clerk (no cases.reveal) without an audit row', async () => {
    const core = await casesCore();
    const officer = addAccount(core, { username: 'officer1', role: 'officer' });
    const clerk = addAccount(core, { username: 'clerk1', role: 'clerk' });
    // The officer's own case: officers see their own cases in full (reveal-officer.test.ts).
    const id = await createCase(core, { officerId: officer.staffId });

    await switchTo(core, clerk);
    // The clerk may read the (masked) list but not reveal.
    expect(expectOk(await core.invoke('cases:list', {})).rows[0]!.idNumberMasked).toContain(
      '********',
    );
    const refused = expectError(
      await core.invoke('cases:revealField', { borrowerId: id, field: 'idNumber' }),
      'FORBIDDEN',
    );
    expect(refused.message).toContain('clerk');
    expect(auditRows(core)).toEqual([]);

    await switchTo(core, officer);
    expectOk(await core.invoke('cases:revealField', { borrowerId: id, field: 'mobile' }));
    expect(auditRows(core).map((r) => r.staff_id)).toEqual([officer.staffId]);
  });

  it('refuses revealing a contact of another borrower', async () => {
    const core = await casesCore();
    const a = await createCase(core);
    const b = await createCase(core, { name: '李四', idNumber: residentId('1975-01-01', 11) });
    const contact = expectOk(
      await core.invoke('cases:addContact', {
        borrowerId: b,
        name: '王五',
        relation: 'sibling',
        phone: '13700001234',
      }),
    ).id;
    expectError(
      await core.invoke('cases:revealField', {
        borrowerId: a,
        field: 'contactPhone',
        contactId: contact,
      }),
      'NOT_FOUND',
    );
  });
});
