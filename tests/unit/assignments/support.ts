import type { ChannelInput } from '../../../electron/shared/contract';
import { expectOk } from '../support/core';
import { addAccountOn, signedInCoreOn, switchToOn } from '../support/desk';
import type { EngineKind } from '../support/engines';
import { borrower, residentId } from '../cases/support';
import { auditRows } from '../complaints/support';

/** 2026-11-20 10:00 in Beijing (the branch's today is 2026-11-20). */
export const NOW = new Date('2026-11-20T02:00:00.000Z');

/**
 * A branch for assignments, on either engine: the manager (signed in), officers 李明 and 赵强,
 * an officer who has left (孙丽, inactive), a clerk, and cases created through the dispatcher in
 * two villages. What the tests read back is read on the app's engine.
 */
export async function assignmentsBranch(kind: EngineKind = 'sqlite') {
  const core = await signedInCoreOn(kind, { now: () => NOW });
  const officer = await addAccountOn(core, {
    username: 'li.ming',
    role: 'officer',
    name: '李明',
    staffNo: 'C101',
  });
  const partner = await addAccountOn(core, {
    username: 'zhao.qiang',
    role: 'officer',
    name: '赵强',
    staffNo: 'C102',
  });
  const left = await addAccountOn(core, {
    username: 'sun.li',
    role: 'officer',
    name: '孙丽',
    staffNo: 'C103',
  });
  await core.app.write((tx) =>
    tx.updateTable('staff').set({ active: 0 }).where('id', '=', left.staffId).execute(),
  );
  const clerk = await addAccountOn(core, {
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
  // The engine of whoever is signed in now: a sign-in opens a new one.
  const db = () => core.app.engine.db;
  const officerOf = async (borrowerId: number) =>
    (
      await db()
        .selectFrom('borrowers')
        .select('assigned_officer_id')
        .where('id', '=', borrowerId)
        .executeTakeFirstOrThrow()
    ).assigned_officer_id;
  const history = (borrowerId: number) =>
    db()
      .selectFrom('assignments')
      .select([
        'from_officer_id as from',
        'to_officer_id as to',
        'reason',
        'source',
        'staff_id as by',
      ])
      .where('borrower_id', '=', borrowerId)
      .orderBy('id')
      .execute();
  const audits = async (action: string) =>
    (await auditRows(db(), action)).map((r) => ({
      entity_id: r.entity_id,
      subject_id: r.subject_id,
      staff_id: r.staff_id,
      after: r.after,
    }));
  const reassign = (input: ChannelInput<'assignments:reassign'>) =>
    core.invoke('assignments:reassign', input);
  const as = (account: { username: string; passphrase: string }) => switchToOn(core, account);
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
