import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { auditRowsOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import {
  certifiedStaffOn,
  planningCoreOn,
  seedBorrowerOn,
  type PlanningCoreOn,
} from './desk-planning';
import { codesOf, violationsOf } from './support';

/**
 * Notice first through the channels (issue 15). The clock starts on Monday 2 March 2026, 08:00
 * in Shanghai (00:00Z); the visit is Tuesday 10 March 09:00–10:00 Shanghai time (01:00Z), so a
 * notice counts if given by 9 March 09:00 (01:00Z) between 08:00 and 22:00 local. On both
 * engines (issue 19): desk-planning.ts's desk, the rows read on the app's engine.
 */

async function plannedVisit(core: PlanningCoreOn) {
  const staffIds = [await certifiedStaffOn(core, 'C001'), await certifiedStaffOn(core, 'C002')];
  const { borrowerId } = await seedBorrowerOn(core);
  const visit = expectOk(
    await core.invoke('planning:planVisit', {
      borrowerId,
      staffIds,
      date: '2026-03-10',
      start: '09:00',
      end: '10:00',
      purpose: 'reminder',
    }),
  );
  return { visit, borrowerId, staffIds };
}

/** Moves the clock, as if the user had stayed active (the session would lock after 10 idle minutes). */
function at(core: PlanningCoreOn, instant: string) {
  core.clock.now = new Date(instant);
  core.app.touch();
}

async function noticeAudits(core: PlanningCoreOn, visitId: number) {
  const rows = await auditRowsOn(core.app.engine, 'visit.notice', visitId);
  return rows.map((row) => row.after!);
}

async function visitCount(core: PlanningCoreOn): Promise<number> {
  const { n } = await core.app.engine.db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe.each(engineKinds)('a notice time after now is refused where it is typed on %s', (kind) => {
  it('refuses a notice one minute after now and takes one given now', async () => {
    const core = await planningCoreOn(kind);
    const { visit } = await plannedVisit(core);
    const future = expectError(
      await core.invoke('planning:recordNotice', {
        id: visit.id,
        status: 'phoned',
        at: '2026-03-02T00:01:00Z',
      }),
      'VALIDATION',
    );
    expect(future.fields).toEqual({ at: 'v.noticeInFuture' });
    expect(expectOk(await core.invoke('planning:visit', { id: visit.id })).noticeStatus).toBe(
      'none',
    );
    expect(await noticeAudits(core, visit.id)).toEqual([]);

    const now = expectOk(
      await core.invoke('planning:recordNotice', {
        id: visit.id,
        status: 'phoned',
        at: '2026-03-02T00:00:00Z',
      }),
    );
    expect(now).toMatchObject({
      noticeStatus: 'phoned',
      noticeAt: '2026-03-02T00:00:00.000Z',
      noticeProblem: null,
      status: 'notified',
    });
  });
});

describe.each(engineKinds)(
  'a notice out of hours or too late is kept on file but does not count on %s',
  (kind) => {
    it('a call at 23:30 does not count; a printed notice by day does; a late call does not replace it', async () => {
      const core = await planningCoreOn(kind);
      const { visit } = await plannedVisit(core);
      // Thursday 5 March 23:40 Shanghai: the officer records the call made at 23:30.
      at(core, '2026-03-05T15:40:00Z');
      const night = expectOk(
        await core.invoke('planning:recordNotice', {
          id: visit.id,
          status: 'phoned',
          at: '2026-03-05T15:30:00Z',
        }),
      );
      expect(night).toMatchObject({
        noticeStatus: 'phoned',
        noticeProblem: 'outOfHours',
        status: 'planned',
      });
      // Friday 6 March 10:00: the notice is delivered by hand.
      at(core, '2026-03-06T02:00:00Z');
      const delivered = expectOk(
        await core.invoke('planning:recordNotice', { id: visit.id, status: 'delivered' }),
      );
      expect(delivered).toMatchObject({
        noticeStatus: 'delivered',
        noticeAt: '2026-03-06T02:00:00.000Z',
        noticeProblem: null,
        status: 'notified',
      });
      // Monday 9 March 10:00, 23 hours before: a reminder call; the delivered notice stays.
      at(core, '2026-03-09T02:00:00Z');
      const reminder = expectOk(
        await core.invoke('planning:recordNotice', { id: visit.id, status: 'phoned' }),
      );
      expect(reminder).toMatchObject({
        noticeStatus: 'delivered',
        noticeAt: '2026-03-06T02:00:00.000Z',
        noticeProblem: null,
        status: 'notified',
      });
      const audits = await noticeAudits(core, visit.id);
      expect(audits.map((a) => a.given)).toEqual([
        { status: 'phoned', at: '2026-03-05T15:30:00.000Z', counts: false },
        { status: 'delivered', at: '2026-03-06T02:00:00.000Z', counts: true },
        { status: 'phoned', at: '2026-03-09T02:00:00.000Z', counts: false },
      ]);
      expect(audits.map((a) => a.doesNotCount)).toEqual(['outOfHours', undefined, 'late']);
    });

    it('an hour before the visit, a call is recorded as late', async () => {
      const core = await planningCoreOn(kind);
      const { visit } = await plannedVisit(core);
      at(core, '2026-03-10T00:05:00Z');
      const late = expectOk(
        await core.invoke('planning:recordNotice', {
          id: visit.id,
          status: 'phoned',
          at: '2026-03-10T00:00:00Z',
        }),
      );
      expect(late).toMatchObject({ noticeProblem: 'late', status: 'planned' });
    });
  },
);

describe.each(engineKinds)(
  'the plan stays blocked until a valid notice exists or the manager overrides on %s',
  (kind) => {
    it('with only a 23:30 call and no lawful hour left, a change is refused; the manager overrides in writing', async () => {
      const core = await planningCoreOn(kind);
      const { visit } = await plannedVisit(core);
      // Sunday 8 March 23:40: the call made at 23:30 is recorded.
      at(core, '2026-03-08T15:40:00Z');
      expectOk(
        await core.invoke('planning:recordNotice', {
          id: visit.id,
          status: 'phoned',
          at: '2026-03-08T15:30:00Z',
        }),
      );
      // Still time: 08:00 on the 9th is 25 hours before the visit. A change is accepted.
      expectOk(await core.invoke('planning:updateVisit', { id: visit.id, note: '带上还款计划表' }));
      // Monday 9 March 09:01: no lawful time left for a notice 24 hours ahead.
      at(core, '2026-03-09T01:01:00Z');
      const check = expectOk(
        await core.invoke('planning:check', {
          visitId: visit.id,
          borrowerId: visit.borrowerId,
          staffIds: visit.staff.map((s) => s.id),
          date: '2026-03-10',
          start: '09:00',
          end: '10:00',
          purpose: 'reminder',
        }),
      );
      expect(check.violations.map((v) => v.code)).toEqual(['NOTICE_OUT_OF_HOURS']);
      expect(check.canOverride).toBe(true);
      const refused = await core.invoke('planning:updateVisit', { id: visit.id, note: '改为上午' });
      expect(codesOf(refused)).toEqual(['NOTICE_OUT_OF_HOURS']);
      const [violation] = violationsOf(refused);
      expect(violation?.message.zh).toContain('2026-03-08 23:30');

      const reason = '借款人本人来电约定次日上午见面';
      const overridden = expectOk(
        await core.invoke('planning:updateVisit', {
          id: visit.id,
          note: '改为上午',
          override: { reason },
        }),
      );
      expect(overridden.override).toMatchObject({ reason, codes: ['NOTICE_OUT_OF_HOURS'] });
      expect(await auditRowsOn(core.app.engine, 'visit.override', visit.id)).toHaveLength(1);
    });
  },
);

/**
 * Refusals judged before anything is written (a phone notice typed days ahead, a visit inside
 * the notice period from now), on SQLite only: the rules are the same code on both engines, and
 * the plans then accepted are plain plans, whose write and read-back on PostgreSQL are
 * plan-engines.test.ts's.
 */
describe.each(['sqlite'] as const)('a notice or a plan refused before any write on %s', (kind) => {
  it('refuses a phone notice days ahead given while planning', async () => {
    const core = await planningCoreOn(kind);
    const staffIds = [await certifiedStaffOn(core, 'C001'), await certifiedStaffOn(core, 'C002')];
    const { borrowerId } = await seedBorrowerOn(core);
    const draft = {
      borrowerId,
      staffIds,
      date: '2026-03-10',
      start: '09:00',
      end: '10:00',
      purpose: 'reminder',
    };
    const refused = expectError(
      await core.invoke('planning:planVisit', { ...draft, phonedAt: '2026-03-05T02:00:00Z' }),
      'VALIDATION',
    );
    expect(refused.fields).toEqual({ phonedAt: 'v.noticeInFuture' });
    expect(await visitCount(core)).toBe(0);
    // Phoned just now: the plan carries it as its notice.
    const planned = expectOk(
      await core.invoke('planning:planVisit', { ...draft, phonedAt: '2026-03-02T00:00:00Z' }),
    );
    expect(planned).toMatchObject({ noticeStatus: 'phoned', status: 'notified' });
  });
  it('without a notice, a visit 24 hours from now can be planned, one 23 hours 59 minutes from now not', async () => {
    const core = await planningCoreOn(kind);
    const staffIds = [await certifiedStaffOn(core, 'C001'), await certifiedStaffOn(core, 'C002')];
    const { borrowerId } = await seedBorrowerOn(core);
    const plan = () =>
      core.invoke('planning:planVisit', {
        borrowerId,
        staffIds,
        date: '2026-03-03',
        start: '08:00',
        end: '08:30',
        purpose: 'reminder',
      });
    // Monday 08:01 Shanghai: Tuesday 08:00 is 23 hours 59 minutes away.
    at(core, '2026-03-02T00:01:00Z');
    expect(codesOf(await plan())).toEqual(['NOTICE_TOO_LATE']);
    // Monday 08:00: exactly 24 hours, and the borrower may be phoned now.
    at(core, '2026-03-02T00:00:00Z');
    expect(expectOk(await plan()).status).toBe('planned');
  });
});
