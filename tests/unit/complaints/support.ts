import type { Sqlite } from '../../../electron/core/db/sqlite';
import type { ChannelInput } from '../../../electron/shared/contract';
import { openAuditText } from '../support/audit';
import { addAccount, expectOk, signedInCore, switchTo } from '../support/core';
import { borrower, residentId } from '../cases/support';

/**
 * A branch for the complaints register: the manager (王建国, M001), two officers, a clerk and an
 * auditor, two borrowers, and a clock the test can move. Visits are written straight into the
 * tables (planning has its own tests); the register is used through the dispatcher, as over IPC.
 */

/** 2026-11-20 10:00 in Beijing. */
export const NOW = new Date('2026-11-20T02:00:00.000Z');
export const TODAY = '2026-11-20';

export function insertVisit(
  db: Sqlite,
  visit: { borrowerId: number; date: string; staffIds: number[]; status?: string },
): number {
  const at = '2026-11-01T00:00:00.000Z';
  const id = Number(
    db
      .prepare(
        `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, status, planned_by,
           planned_at, updated_at)
         VALUES (?, ?, '09:00', '10:00', 'negotiation', ?, ?, ?, ?)`,
      )
      .run(visit.borrowerId, visit.date, visit.status ?? 'done', visit.staffIds[0], at, at)
      .lastInsertRowid,
  );
  for (const staffId of visit.staffIds) {
    db.prepare('INSERT INTO visit_staff (visit_id, staff_id) VALUES (?, ?)').run(id, staffId);
  }
  return id;
}

export async function complaintsBranch() {
  const clock = { now: NOW };
  const core = await signedInCore({ now: () => clock.now });
  const managerId = core.app.session!.staffId;
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
  const clerk = addAccount(core, {
    username: 'qian.li',
    role: 'clerk',
    name: '钱丽',
    staffNo: 'K201',
  });
  const auditor = addAccount(core, {
    username: 'sun.hui',
    role: 'auditor',
    name: '孙慧',
    staffNo: 'A301',
  });
  const borrowerId = expectOk(await core.invoke('cases:create', borrower())).id;
  const otherBorrowerId = expectOk(
    await core.invoke('cases:create', {
      ...borrower({ name: '李四', idNumber: residentId('1975-03-02', 223) }),
      mobile: '13911112222',
    }),
  ).id;
  const as = (account: { username: string; passphrase: string }) => switchTo(core, account);
  const register = (input: Partial<ChannelInput<'complaints:register'>> = {}) =>
    core.invoke('complaints:register', {
      borrowerId,
      receivedOn: TODAY,
      complainant: 'borrower',
      channel: 'phone',
      summary: '催收员电话中语气粗暴',
      ...input,
    });
  return {
    core,
    clock,
    managerId,
    officer,
    partner,
    clerk,
    auditor,
    borrowerId,
    otherBorrowerId,
    as,
    register,
  };
}

/** Audit rows of an action, oldest first, with their details unsealed. */
export function auditRows(db: Sqlite, action: string) {
  const rows = db
    .prepare(
      'SELECT staff_id, entity, entity_id, subject_id, before, after FROM audit_log WHERE action = ? ORDER BY id',
    )
    .all(action) as {
    staff_id: number | null;
    entity: string;
    entity_id: string;
    subject_id: number | null;
    before: string | null;
    after: string | null;
  }[];
  const open = (text: string | null) => {
    const plain = openAuditText(db, text);
    return plain === null ? null : (JSON.parse(plain) as unknown);
  };
  return rows.map((r) => ({ ...r, before: open(r.before), after: open(r.after) }));
}
