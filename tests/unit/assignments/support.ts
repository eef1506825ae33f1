import type { ChannelInput } from '../../../electron/shared/contract';
import { openAuditText } from '../support/audit';
import { addAccount, expectOk, signedInCore, switchTo } from '../support/core';
import { borrower, residentId } from '../cases/support';

/** 2026-11-20 10:00 in Beijing (the branch's today is 2026-11-20). */
export const NOW = new Date('2026-11-20T02:00:00.000Z');

/**
 * A branch for assignments: the manager (signed in), officers 李明 and 赵强, an officer who has
 * left (孙丽, inactive), a clerk, and cases created through the dispatcher in two villages.
 */
export async function assignmentsBranch() {
  const core = await signedInCore({ now: () => NOW });
  const officer = addAccount(core, {
    username: 'li.ming',
    role: 'officer',
    name: '李明',
    staffNo: 'C101',
  });
  const partner = addAccount(core, {
    username: 'zhao.qiang',
    role: 'officer',
    name: '赵强',
    staffNo: 'C102',
  });
  const left = addAccount(core, {
    username: 'sun.li',
    role: 'officer',
    name: '孙丽',
    staffNo: 'C103',
  });
  core.app.db.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(left.staffId);
  const clerk = addAccount(core, {
    username: 'qian.li',
    role: 'clerk',
    name: '钱丽',
    staffNo: 'K201',
  });
  let seq = 101;
  const createCase = async (village: string, officerId: number | null, name = '张三') =>
    expectOk(
      await core.invoke('cases:create', {
        ...borrower({ name, village, idNumber: residentId('1980-05-17', (seq += 2)) }),
        mobile: null,
        officerId,
      }),
    ).id;
  const officerOf = (borrowerId: number) =>
    core.app.db
      .prepare('SELECT assigned_officer_id FROM borrowers WHERE id = ?')
      .pluck()
      .get(borrowerId);
  const history = (borrowerId: number) =>
    core.app.db
      .prepare(
        `SELECT from_officer_id AS "from", to_officer_id AS "to", reason, source, staff_id AS "by"
         FROM assignments WHERE borrower_id = ? ORDER BY id`,
      )
      .all(borrowerId);
  const audits = (action: string) =>
    (
      core.app.db
        .prepare(
          'SELECT entity_id, subject_id, staff_id, after FROM audit_log WHERE action = ? ORDER BY id',
        )
        .all(action) as { entity_id: string; subject_id: number; staff_id: number; after: string }[]
    ).map((r) => ({ ...r, after: JSON.parse(openAuditText(core.app.db, r.after) ?? 'null') }));
  const reassign = (input: ChannelInput<'assignments:reassign'>) =>
    core.invoke('assignments:reassign', input);
  const as = (account: { username: string; passphrase: string }) => switchTo(core, account);
  return {
    core,
    managerId: core.app.session!.staffId,
    officer,
    partner,
    left,
    clerk,
    createCase,
    officerOf,
    history,
    audits,
    reassign,
    as,
  };
}
