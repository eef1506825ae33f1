import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { addAccountOn, signedInCoreOn, switchToOn } from '../support/desk';
import { engineKinds, type EngineKind } from '../support/engines';

const create = {
  name: '张三',
  idNumber: '11010519491231002X',
  mobile: '13800138000',
  township: '石桥镇',
  village: '溪口村',
  addressDetail: '3 组 17 号',
};

async function coreWithClosedCase(kind: EngineKind) {
  let now = new Date('2020-03-01T02:00:00Z');
  const core = await signedInCoreOn(kind, { now: () => now });
  const borrower = expectOk(await core.invoke('cases:create', create));
  const id = borrower.id;
  expectOk(
    await core.invoke('cases:addNote', { borrowerId: id, text: '家住村口第三家，儿子在杭州打工' }),
  );
  await core.app.write((tx) =>
    tx
      .updateTable('borrowers')
      .set({ status: 'closed', closed_at: '2020-03-01T02:00:00.000Z' })
      .where('id', '=', id)
      .execute(),
  );
  // Moving the clock years ahead must not count as idle time.
  const setNow = (d: string) => {
    now = new Date(d);
    core.app.touch();
  };
  return { core, id, setNow };
}

describe.each(engineKinds)('retention on %s: anonymising closed cases', (kind) => {
  it('previews cases closed longer than the period, then removes what identifies the person', async () => {
    const { core, id, setNow } = await coreWithClosedCase(kind);
    setNow('2024-03-01T00:00:00Z');
    expect(expectOk(await core.invoke('retention:preview', { years: 5 })).candidates).toEqual([]);
    expectError(
      await core.invoke('retention:anonymise', { years: 5, borrowerIds: [id] }),
      'CONFLICT',
    );

    setNow('2025-06-01T00:00:00Z');
    const preview = expectOk(await core.invoke('retention:preview', { years: 5 }));
    expect(preview.candidates.map((c) => c.borrowerId)).toEqual([id]);
    expect(
      expectOk(await core.invoke('retention:anonymise', { years: 5, borrowerIds: [id] })),
    ).toEqual({ anonymised: 1, plainAuditRows: 0 });

    const db = core.app.engine.db;
    const row = await db
      .selectFrom('borrowers')
      .select(['name', 'id_number', 'mobile', 'address_detail'])
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toEqual({
      name: '已匿名',
      id_number: `ANON${String(id).padStart(14, '0')}`,
      mobile: null,
      address_detail: '',
    });
    expect(
      await db.selectFrom('notes').select('text').where('borrower_id', '=', id).execute(),
    ).toEqual([{ text: '（已匿名）' }]);
    // Search no longer finds the person by name or ID.
    const found = expectOk(
      await core.invoke('cases:list', { search: '张三', statuses: ['closed'] }),
    );
    expect(found.rows).toEqual([]);
    const audit = expectOk(await core.invoke('audit:list', { action: 'retention.anonymise' }));
    expect(audit.total).toBe(1);
    expect(audit.rows[0]!.after).not.toContain('张三');
    // Nothing left to anonymise.
    expect(expectOk(await core.invoke('retention:preview', { years: 5 })).candidates).toEqual([]);
  });

  it('is for the manager only', async () => {
    const { core } = await coreWithClosedCase(kind);
    const auditor = await addAccountOn(core, { username: 'auditor1', role: 'auditor' });
    await switchToOn(core, auditor);
    expectError(await core.invoke('retention:preview', { years: 5 }), 'FORBIDDEN');
  });
});
