import { describe, expect, it } from 'vitest';
import { checkVisitInput, rescheduleVisitInput } from '../../../electron/shared/schemas/planning';
import {
  approveVisit,
  cancelVisit,
  getVisit,
  recordNotice,
} from '../../../electron/core/planning/visit-status';
import { checkDraft, rescheduleVisit, updateVisit } from '../../../electron/core/planning/visits';
import { engineKinds } from '../support/engines';
import { branch, desk, NOW, plan, testEngines, failureCode } from './engine-desk';

/**
 * A visit's life on both engines (issue 19): planned over a rule with the manager's override,
 * moved, announced by phone, cancelled; each step's visit as read back, and its audit rows.
 */

const engineOn = testEngines();

describe.each(engineKinds)('a visit on %s', (kind) => {
  it('is planned over a holiday by the only manager, moved, announced and cancelled', async () => {
    const under = await engineOn(kind);
    const { staffIds, borrowerIds } = await branch(under.engine, 1);
    const manager = desk(under.engine, staffIds[0]!, 'manager');
    // Labour Day: a public holiday, which the manager may override with a reason.
    const planned = await plan(manager, borrowerIds[0]!, staffIds, '09:00', '10:00', {
      date: '2026-05-01',
      override: { reason: '借款人节后外出务工，只能节日当天见面' },
    });
    expect(planned.override).toEqual({
      reason: '借款人节后外出务工，只能节日当天见面',
      by: staffIds[0],
      codes: ['PUBLIC_HOLIDAY'],
      proposedBy: staffIds[0],
      selfApproved: true,
    });
    expect([planned.status, planned.noticeStatus, planned.borrowerRequested]).toEqual([
      'planned',
      'none',
      false,
    ]);

    const moved = await updateVisit(manager, {
      id: planned.id,
      date: '2026-03-10',
      start: '14:00',
      end: '15:00',
    });
    expect([moved.date, moved.start, moved.end, moved.override]).toEqual([
      '2026-03-10',
      '14:00',
      '15:00',
      null,
    ]);
    const phoned = await recordNotice(manager, {
      id: planned.id,
      status: 'phoned',
      at: NOW.toISOString(),
    });
    expect([phoned.status, phoned.noticeStatus, phoned.noticeAt, phoned.noticeProblem]).toEqual([
      'notified',
      'phoned',
      NOW.toISOString(),
      null,
    ]);
    const cancelled = await cancelVisit(manager, { id: planned.id, reason: '借款人已还款' });
    expect([cancelled.status, cancelled.statusNote]).toEqual(['cancelled', '借款人已还款']);
    expect(await getVisit(manager, planned.id)).toEqual(cancelled);

    const audited = await under.engine.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'visit')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      'visit.plan',
      'visit.override',
      'visit.update',
      'visit.notice',
      'visit.cancel',
    ]);
  });

  it("an elderly borrower's visit waits for the manager, is approved and rescheduled", async () => {
    const under = await engineOn(kind);
    const { staffIds, borrowerIds } = await branch(under.engine, 1);
    const borrowerId = borrowerIds[0]!;
    await under.engine.db
      .updateTable('borrowers')
      .set({ birth_date: '1950-01-01' })
      .where('id', '=', borrowerId)
      .execute();
    const officer = desk(under.engine, staffIds[0]!, 'officer');
    const manager = desk(under.engine, staffIds[1]!, 'manager');
    const draft = await checkDraft(
      officer,
      checkVisitInput.parse({
        borrowerId,
        staffIds,
        date: '2026-03-10',
        start: '09:00',
        end: '10:00',
        purpose: 'negotiation',
      }),
    );
    expect([draft.needsApproval, draft.vulnerable]).toEqual([true, ['elderly']]);
    const planned = await plan(officer, borrowerId, staffIds, '09:00', '10:00');
    expect(planned.approval).toEqual({
      needed: true,
      by: null,
      at: null,
      requestedBy: staffIds[0],
      selfApproved: false,
    });
    expect(await failureCode(recordNotice(officer, { id: planned.id, status: 'phoned' }))).toBe(
      'CONFLICT',
    );
    const approved = await approveVisit(manager, { id: planned.id });
    expect([approved.approval.by, approved.approval.at]).toEqual([staffIds[1], NOW.toISOString()]);
    const moved = await rescheduleVisit(
      officer,
      rescheduleVisitInput.parse({
        id: planned.id,
        date: '2026-03-17',
        start: '14:00',
        end: '15:00',
        reason: '借款人请求改期',
      }),
    );
    // The approval to visit this borrower there stands at the new time.
    expect([moved.date, moved.rescheduledFrom, moved.approval.by]).toEqual([
      '2026-03-17',
      planned.id,
      staffIds[1],
    ]);
    const old = await getVisit(officer, planned.id);
    expect([old.status, old.statusNote, old.rescheduledTo]).toEqual([
      'rescheduled',
      '借款人请求改期',
      moved.id,
    ]);
  });
});
