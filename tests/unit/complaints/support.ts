import type { Kysely } from 'kysely';
import { detailsOpener } from '../../../electron/core/audit/seal';
import type { DB } from '../../../electron/core/db/schema';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import type { ChannelInput } from '../../../electron/shared/contract';
import { expectOk } from '../support/core';
import { addAccountOn, signedInCoreOn, switchToOn } from '../support/desk';
import type { EngineKind } from '../support/engines';
import { borrower, residentId } from '../cases/support';

/**
 * A branch for the complaints register, on either engine: the manager (王建国, M001), two
 * officers, a clerk and an auditor, two borrowers, and a clock the test can move. Visits are
 * written straight into the tables (planning has its own tests); the register is used through
 * the dispatcher, as over IPC.
 */

/** 2026-11-20 10:00 in Beijing. */
export const NOW = new Date('2026-11-20T02:00:00.000Z');
export const TODAY = '2026-11-20';

type Visit = { borrowerId: number; date: string; staffIds: number[]; status?: string };

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

/** `insertVisit` on the desk's engine, in one write. */
export function insertVisitOn(core: Desk, visit: Visit): Promise<number> {
  const at = '2026-11-01T00:00:00.000Z';
  return core.app.write(async (tx) => {
    const { id } = await tx
      .insertInto('visits')
      .values({
        borrower_id: visit.borrowerId,
        date: visit.date,
        start_time: '09:00',
        end_time: '10:00',
        purpose: 'negotiation',
        status: (visit.status ?? 'done') as 'done',
        planned_by: visit.staffIds[0]!,
        planned_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('visit_staff')
      .values(visit.staffIds.map((staffId) => ({ visit_id: id, staff_id: staffId })))
      .execute();
    return id;
  });
}

type Desk = Awaited<ReturnType<typeof signedInCoreOn>>;

export async function complaintsBranch(kind: EngineKind = 'sqlite') {
  const clock = { now: NOW };
  const core = await signedInCoreOn(kind, { now: () => clock.now });
  const managerId = core.app.session!.staffId;
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
  const clerk = await addAccountOn(core, {
    username: 'qian.li',
    role: 'clerk',
    name: '钱丽',
    staffNo: 'K201',
  });
  const auditor = await addAccountOn(core, {
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
  const as = (account: { username: string; passphrase: string }) => switchToOn(core, account);
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

/**
 * Audit rows of an action, oldest first, with their details opened as the viewer opens them
 * (null when there are none or they were shredded), read on either engine.
 */
export async function auditRows(db: Kysely<DB>, action: string) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['staff_id', 'entity', 'entity_id', 'subject_id', 'before', 'after'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();
  const opener = await detailsOpener(
    db,
    rows.flatMap((r) => [r.before, r.after]),
  );
  const open = (text: string | null) => {
    const opened = text === null ? null : opener(text);
    return opened && opened.state !== 'anonymised' ? (JSON.parse(opened.text) as unknown) : null;
  };
  return rows.map((r) => ({ ...r, before: open(r.before), after: open(r.after) }));
}
