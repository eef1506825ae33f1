import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import {
  closeComplaintInput,
  registerComplaintInput,
} from '../../../electron/shared/schemas/complaints';
import { complaintVisitOptions, loadComplaints } from '../../../electron/core/complaints/repo';
import {
  closeComplaint,
  recordComplaintAction,
  registerComplaint,
} from '../../../electron/core/complaints/service';
import { engineKinds } from '../support/engines';
import { branch, desk, testEngines } from '../planning/engine-desk';

/**
 * The complaints register on both engines (issue 19): registered, worked on and closed by the
 * same rules, read back alike on SQLite and PostgreSQL with their audit rows. Today is Monday
 * 2 March 2026 in Shanghai.
 */

const engineOn = testEngines();
const TODAY = '2026-03-02';

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return `${error.code} ${Object.values(error.fields ?? {})}`;
    throw error;
  }
  return 'accepted';
}

describe.each(engineKinds)('complaints on %s', (kind) => {
  it('registers, works on and closes a complaint about a visit, by its rules', async () => {
    const { engine } = await engineOn(kind);
    const db = engine.db;
    const { staffIds, borrowerIds } = await branch(engine, 2);
    const [officerId, partnerId] = staffIds as [number, number];
    const [borrowerId, otherId] = borrowerIds as [number, number];
    const at = '2026-02-20T02:00:00.000Z';
    const { id: managerId } = await db
      .insertInto('staff')
      .values({ staff_no: 'M001', name: '王经理', role: 'manager', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const visits = await db
      .insertInto('visits')
      .values(
        [
          [borrowerId, '2026-02-27'],
          [otherId, '2026-02-26'],
          [borrowerId, '2026-03-05'],
        ].map(([borrower, date]) => ({
          borrower_id: borrower as number,
          date: date as string,
          start_time: '09:00',
          end_time: '10:00',
          purpose: 'reminder' as const,
          planned_by: officerId,
          planned_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute();
    const [visitId, othersVisit, laterVisit] = visits.map((v) => v.id) as [number, number, number];
    await db
      .insertInto('visit_staff')
      .values([
        { visit_id: visitId, staff_id: partnerId },
        { visit_id: visitId, staff_id: officerId },
        { visit_id: othersVisit, staff_id: officerId },
      ])
      .execute();
    const manager = desk(engine, managerId, 'manager');
    const officer = desk(engine, officerId, 'officer');

    const options = await complaintVisitOptions(db, borrowerId, TODAY);
    expect(options.map((o) => [o.id, o.staff.map((s) => s.staffNo)])).toEqual([
      [visitId, ['O001', 'O002']],
    ]);
    expect(options.map((o) => o.id)).not.toContain(laterVisit);

    const register = (more: object) =>
      registerComplaint(
        officer,
        registerComplaintInput.parse({
          borrowerId,
          receivedOn: TODAY,
          complainant: 'borrower',
          channel: 'phone',
          summary: '上门时间太早',
          ...more,
        }),
      );
    expect(await failure(register({ receivedOn: '2026-03-03' }))).toBe(
      'VALIDATION v.complaint.received',
    );
    expect(await failure(register({ visitId: othersVisit }))).toBe('VALIDATION v.complaint.visit');
    expect(await failure(register({ receivedOn: '2026-02-26', visitId }))).toBe(
      'VALIDATION v.complaint.visitLater',
    );
    expect(await failure(register({ staffIds: [9999] }))).toBe('VALIDATION v.complaint.staff');
    expect(await failure(register({ borrowerId: 9999 }))).toBe('NOT_FOUND e.NOT_FOUND');

    const aboutVisit = await register({ visitId });
    expect(aboutVisit).toMatchObject({
      borrowerId,
      status: 'open',
      visit: { id: visitId, date: '2026-02-27', start: '09:00' },
      recordedBy: '员工O001',
    });
    expect(aboutVisit.staff.map((s) => s.id)).toEqual([officerId, partnerId]);
    const aboutPartner = await register({ staffIds: [partnerId], channel: 'in_person' });
    expect(aboutPartner.staff.map((s) => s.id)).toEqual([partnerId]);

    expect(
      await failure(recordComplaintAction(officer, { id: aboutVisit.id, actionTaken: '已回电' })),
    ).toBe('FORBIDDEN e.complaint.ownComplaint');
    const worked = await recordComplaintAction(manager, {
      id: aboutVisit.id,
      actionTaken: '已回电',
    });
    expect(worked.actionTaken).toBe('已回电');

    const close = (closedOn: string) =>
      closeComplaint(
        manager,
        closeComplaintInput.parse({
          id: aboutVisit.id,
          closedOn,
          outcome: 'not_upheld',
          actionTaken: '已回电解释',
        }),
      );
    expect(await failure(close('2026-03-03'))).toBe('VALIDATION v.complaint.closedOn');
    const closed = await close(TODAY);
    expect(closed).toMatchObject({
      status: 'closed',
      closedOn: TODAY,
      outcome: 'not_upheld',
      actionTaken: '已回电解释',
      closedBy: '王经理',
    });
    expect(await failure(close(TODAY))).toBe('CONFLICT e.complaint.closed');

    expect((await loadComplaints(db, { status: 'open' })).map((c) => c.id)).toEqual([
      aboutPartner.id,
    ]);
    expect((await loadComplaints(db, { borrowerId, status: 'closed' })).map((c) => c.id)).toEqual([
      aboutVisit.id,
    ]);
    expect(await loadComplaints(db, { borrowerId: otherId })).toEqual([]);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'complaint')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, Number(a.entity_id)])).toEqual([
      ['complaint.register', aboutVisit.id],
      ['complaint.register', aboutPartner.id],
      ['complaint.update', aboutVisit.id],
      ['complaint.close', aboutVisit.id],
    ]);
  });
});
