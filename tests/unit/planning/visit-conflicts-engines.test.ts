import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import {
  cancelVisitInput,
  rescheduleVisitInput,
  updateVisitInput,
  type VisitDetail,
} from '../../../electron/shared/schemas/planning';
import type { Engine } from '../../../electron/core/db/engine';
import { cancelVisit, getVisit, recordNotice } from '../../../electron/core/planning/visit-status';
import { rescheduleVisit, updateVisit } from '../../../electron/core/planning/visits';
import { engineKinds } from '../support/engines';
import { branch, desk, failureCode, NOW, plan, testEngines } from './engine-desk';

/**
 * Two desks changing the same visit (issue 20), on both engines: each reads the visit and its
 * version; the first change stands, the second, made on the version it read, is refused with
 * STALE_VERSION, writes nothing and audits nothing, and says what the visit is now and who
 * changed it; sent again on the version the refusal gave, it goes through. A change sent with
 * no version is not checked. Officers 员工O001 (desk A) and 员工O002 (desk B); Monday 2 March
 * 2026, the visit on Tuesday 10 March.
 */

const engineOn = testEngines();

/** The failure a refused change threw (the test fails if it went through). */
async function refusal(work: Promise<unknown>): Promise<AppFailure> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('the change went through');
}

async function twoDesks(engine: Engine) {
  const { staffIds, borrowerIds } = await branch(engine, 1);
  const a = desk(engine, staffIds[0]!, 'officer');
  const b = desk(engine, staffIds[1]!, 'officer');
  const planned = await plan(a, borrowerIds[0]!, staffIds, '09:00', '10:00');
  return { staffIds, a, b, planned };
}

/** The visit's audit rows: action and who. */
const auditOf = (engine: Engine, visitId: number) =>
  engine.db
    .selectFrom('audit_log')
    .select(['action', 'staff_id', 'at'])
    .where('entity', '=', 'visit')
    .where('entity_id', '=', String(visitId))
    .orderBy('id')
    .execute();

const visitRow = (engine: Engine, id: number) =>
  engine.db
    .selectFrom('visits')
    .select(['date', 'start_time', 'end_time', 'status', 'status_note'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('a visit’s version, the same on both engines', () => {
  it('is the digest of what a change may touch, written out here by hand', async () => {
    const versions = [];
    for (const kind of engineKinds) {
      const under = await engineOn(kind);
      const { staffIds, a, planned } = await twoDesks(under.engine);
      // The fields the version covers, keys sorted, staff by id, as canonicalJson writes them.
      const canonical =
        '{"approval":{"at":null,"by":null,"needed":false,"requestedBy":null,"selfApproved":false},' +
        '"borrowerRequested":false,"date":"2026-03-10","disclosureRisk":false,"end":"10:00",' +
        '"loanIds":[],"note":"","noticeAt":null,"noticeStatus":"none","override":null,' +
        '"overrideProposal":null,"place":"home","placeNote":"","priority":"normal",' +
        `"purpose":"negotiation","purposeReason":"","staff":[${staffIds[0]},${staffIds[1]}],` +
        '"start":"09:00","status":"planned","statusNote":""}';
      const expected = crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 16);
      expect(planned.version).toBe(expected);
      // With an instant in it (timestamptz on PostgreSQL, text on SQLite), still alike.
      const phoned = await recordNotice(a, {
        id: planned.id,
        status: 'phoned',
        at: NOW.toISOString(),
      });
      expect(phoned.version).not.toBe(expected);
      versions.push({
        staffIds,
        phoned: phoned.version,
        read: (await getVisit(a, planned.id)).version,
      });
    }
    expect(versions[0]).toEqual(versions[1]);
    expect(versions[0]!.read).toBe(versions[0]!.phoned);
  });
});

describe.each(engineKinds)('two desks changing one visit, on %s', (kind) => {
  it('A moves it; B’s cancel on the old version is refused, then sent on the new one', async () => {
    const under = await engineOn(kind);
    const { staffIds, a, b, planned } = await twoDesks(under.engine);
    const seenByA = await getVisit(a, planned.id);
    const seenByB = await getVisit(b, planned.id);
    expect(seenByB.version).toBe(seenByA.version);

    const moved = await updateVisit(
      a,
      updateVisitInput.parse({
        id: planned.id,
        date: '2026-03-11',
        start: '14:00',
        end: '15:00',
        version: seenByA.version,
      }),
    );
    expect(moved.version).not.toBe(seenByA.version);
    const auditBefore = await auditOf(under.engine, planned.id);
    expect(auditBefore.map((r) => [r.action, r.staff_id])).toEqual([
      ['visit.plan', staffIds[0]],
      ['visit.update', staffIds[0]],
    ]);

    const refused = await refusal(
      cancelVisit(
        b,
        cancelVisitInput.parse({
          id: planned.id,
          reason: '借款人已还款',
          version: seenByB.version,
        }),
      ),
    );
    expect(refused.code).toBe('STALE_VERSION');
    const details = refused.details as {
      current: VisitDetail;
      version: string;
      by: string;
      at: string;
    };
    expect([details.current.date, details.current.start, details.current.end]).toEqual([
      '2026-03-11',
      '14:00',
      '15:00',
    ]);
    expect(details.current.status).toBe('planned');
    expect(details.current).toEqual(await getVisit(b, planned.id));
    expect(details.version).toBe(moved.version);
    expect(details.by).toBe('员工O001');
    expect(details.at).toBe(auditBefore[1]!.at);

    // Nothing of B's: the row as A left it, no audit row.
    expect(await visitRow(under.engine, planned.id)).toEqual({
      date: '2026-03-11',
      start_time: '14:00',
      end_time: '15:00',
      status: 'planned',
      status_note: '',
    });
    expect(await auditOf(under.engine, planned.id)).toEqual(auditBefore);
    const byB = await under.engine.db
      .selectFrom('audit_log')
      .select('id')
      .where('staff_id', '=', staffIds[1]!)
      .execute();
    expect(byB).toEqual([]);

    // B, told, cancels over A's move.
    const cancelled = await cancelVisit(
      b,
      cancelVisitInput.parse({ id: planned.id, reason: '借款人已还款', version: details.version }),
    );
    expect([cancelled.status, cancelled.statusNote, cancelled.date]).toEqual([
      'cancelled',
      '借款人已还款',
      '2026-03-11',
    ]);
    expect((await auditOf(under.engine, planned.id)).map((r) => [r.action, r.staff_id])).toEqual([
      ['visit.plan', staffIds[0]],
      ['visit.update', staffIds[0]],
      ['visit.cancel', staffIds[1]],
    ]);
  });

  it('a reschedule on a version another desk’s notice made old is refused; without one it goes', async () => {
    const under = await engineOn(kind);
    const { staffIds, a, b, planned } = await twoDesks(under.engine);
    const seenByB = await getVisit(b, planned.id);
    const phoned = await recordNotice(a, {
      id: planned.id,
      status: 'phoned',
      at: NOW.toISOString(),
    });
    expect([phoned.status, phoned.noticeStatus]).toEqual(['notified', 'phoned']);

    const input = {
      id: planned.id,
      date: '2026-03-12',
      start: '10:00',
      end: '11:00',
      reason: '借款人外出',
    };
    const refused = await refusal(
      rescheduleVisit(b, rescheduleVisitInput.parse({ ...input, version: seenByB.version })),
    );
    expect(refused.code).toBe('STALE_VERSION');
    expect(refused.details).toMatchObject({
      current: { status: 'notified', noticeStatus: 'phoned', noticeAt: NOW.toISOString() },
      version: phoned.version,
      by: '员工O001',
    });
    // No new visit, the old one still planned for the 10th.
    const visits = await under.engine.db.selectFrom('visits').select(['id', 'status']).execute();
    expect(visits).toEqual([{ id: planned.id, status: 'notified' }]);

    // A change without a version (the CLI, the calendar's drag) is not checked.
    const moved = await rescheduleVisit(b, rescheduleVisitInput.parse(input));
    expect([moved.date, moved.start, moved.rescheduledFrom, moved.staff.map((s) => s.id)]).toEqual([
      '2026-03-12',
      '10:00',
      planned.id,
      staffIds,
    ]);
  });

  it('a cancel on the version before another desk’s reschedule is refused, and cannot follow it', async () => {
    const under = await engineOn(kind);
    const { a, b, planned } = await twoDesks(under.engine);
    const seenByB = await getVisit(b, planned.id);
    const moved = await rescheduleVisit(
      a,
      rescheduleVisitInput.parse({
        id: planned.id,
        date: '2026-03-13',
        start: '15:00',
        end: '16:00',
        reason: '借款人请求改期',
        version: (await getVisit(a, planned.id)).version,
      }),
    );
    const refused = await refusal(
      cancelVisit(b, { id: planned.id, reason: '重复安排', version: seenByB.version }),
    );
    expect(refused.code).toBe('STALE_VERSION');
    const details = refused.details as { current: VisitDetail; version: string; by: string };
    expect([
      details.current.status,
      details.current.statusNote,
      details.current.rescheduledTo,
      details.by,
    ]).toEqual(['rescheduled', '借款人请求改期', moved.id, '员工O001']);
    // On the new version the visit is still one that can no longer change.
    expect(
      await failureCode(
        cancelVisit(b, { id: planned.id, reason: '重复安排', version: details.version }),
      ),
    ).toBe('CONFLICT');
    expect(await visitRow(under.engine, planned.id)).toMatchObject({
      status: 'rescheduled',
      status_note: '借款人请求改期',
    });
  });
});
