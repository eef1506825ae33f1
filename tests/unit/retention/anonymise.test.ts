import { describe, expect, it } from 'vitest';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';

const create = {
  name: '张三',
  idNumber: '11010519491231002X',
  mobile: '13800138000',
  township: '石桥镇',
  village: '溪口村',
  addressDetail: '3 组 17 号',
};

async function coreWithClosedCase() {
  let now = new Date('2020-03-01T02:00:00Z');
  const core = await signedInCore({ now: () => now });
  const borrower = expectOk(await core.invoke('cases:create', create));
  const id = borrower.id;
  expectOk(
    await core.invoke('cases:addNote', { borrowerId: id, text: '家住村口第三家，儿子在杭州打工' }),
  );
  core.app.db
    .prepare(
      "UPDATE borrowers SET status = 'closed', closed_at = '2020-03-01T02:00:00.000Z' WHERE id = ?",
    )
    .run(id);
  // Moving the clock years ahead must not count as idle time.
  const setNow = (d: string) => {
    now = new Date(d);
    core.app.touch();
  };
  return { core, id, setNow };
}

describe('retention: anonymising closed cases', () => {
  it('previews cases closed longer than the period, then removes what identifies the person', async () => {
    const { core, id, setNow } = await coreWithClosedCase();
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

    const row = core.app.db
      .prepare('SELECT name, id_number, mobile, address_detail FROM borrowers WHERE id = ?')
      .get(id);
    expect(row).toEqual({
      name: '已匿名',
      id_number: `ANON${String(id).padStart(14, '0')}`,
      mobile: null,
      address_detail: '',
    });
    expect(core.app.db.prepare('SELECT text FROM notes WHERE borrower_id = ?').get(id)).toEqual({
      text: '（已匿名）',
    });
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
    const { core } = await coreWithClosedCase();
    const auditor = addAccount(core, { username: 'auditor1', role: 'auditor' });
    await switchTo(core, auditor);
    expectError(await core.invoke('retention:preview', { years: 5 }), 'FORBIDDEN');
  });
});
