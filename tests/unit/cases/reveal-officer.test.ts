import { describe, expect, it } from 'vitest';
import { residentId } from '../planning/support';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';

describe('officers see their own cases in full, others masked', () => {
  it('an officer reveals an assigned case and is refused (audited) on a colleague’s', async () => {
    const core = await signedInCore();
    const mine = addAccount(core, { username: 'li', role: 'officer' });
    const other = addAccount(core, { username: 'zhao', role: 'officer' });
    const ownId = residentId(901);
    const own = expectOk(
      await core.invoke('cases:create', { name: '张三', idNumber: ownId, officerId: mine.staffId }),
    );
    const theirs = expectOk(
      await core.invoke('cases:create', {
        name: '李四',
        idNumber: residentId(902),
        officerId: other.staffId,
      }),
    );
    await switchTo(core, mine);
    expect(
      expectOk(await core.invoke('cases:revealField', { borrowerId: own.id, field: 'idNumber' }))
        .value,
    ).toBe(ownId);
    expectError(
      await core.invoke('cases:revealField', { borrowerId: theirs.id, field: 'idNumber' }),
      'FORBIDDEN',
    );
    const rows = core.app.db
      .prepare("SELECT success FROM audit_log WHERE action = 'case.reveal' ORDER BY id")
      .all();
    expect(rows).toEqual([{ success: 1 }, { success: 0 }]);
  });
});
