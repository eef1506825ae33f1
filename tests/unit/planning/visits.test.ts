import { describe, expect, it } from 'vitest';
import { openAuditText } from '../support/audit';
import { expectError, expectOk, MANAGER, switchTo } from '../support/core';
import {
  certifiedStaff,
  codesOf,
  count,
  planningCore,
  seedBorrower,
  signInAs,
  violationsOf,
  type Core,
} from './support';
import { engineKinds } from '../support/engines';
import {
  certifiedStaffOn,
  planningCoreOn,
  seedBorrowerOn,
  type PlanningCoreOn,
} from './desk-planning';

async function twoOfficers(core: Core) {
  return [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
}

async function twoOfficersOn(core: PlanningCoreOn) {
  return [await certifiedStaffOn(core, 'C001'), await certifiedStaffOn(core, 'C002')];
}

const draft = (borrowerId: number, staffIds: number[], extra: Record<string, unknown> = {}) => ({
  borrowerId,
  staffIds,
  date: '2026-03-10',
  start: '09:00',
  end: '10:00',
  purpose: 'reminder',
  ...extra,
});

describe('planning a visit', () => {
  it('plans a lawful visit with its staff, loans and place, audited', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId, loanId } = seedBorrower(core, { township: '石桥镇', village: '东村' });
    const visit = expectOk(
      await core.invoke('planning:planVisit', draft(borrowerId, staff, { loanIds: [loanId] })),
    );
    expect(visit).toMatchObject({
      status: 'planned',
      township: '石桥镇',
      village: '东村',
      loanIds: [loanId],
      noticeStatus: 'none',
      override: null,
    });
    expect(visit.staff.map((s) => s.staffNo)).toEqual(['C001', 'C002']);
    expect(
      count(
        core,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'visit.plan' AND entity_id = ?",
        String(visit.id),
      ),
    ).toBe(1);
  });

  it('refuses a visit at 21:30 with the reason; the manager overrides with a written reason, audited', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core);
    const late = draft(borrowerId, staff, { start: '21:30', end: '21:59' });
    const refused = await core.invoke('planning:planVisit', late);
    const [violation] = violationsOf(refused);
    expect(violation).toMatchObject({ code: 'HOURS_OUTSIDE_ALLOWED', severity: 'block' });
    expect(violation?.message.zh).toContain('08:00–20:00');
    expect(refused.ok ? null : refused.error.details?.canOverride).toBe(true);
    expect(count(core, 'SELECT count(*) AS n FROM visits')).toBe(0);

    const visit = expectOk(
      await core.invoke('planning:planVisit', {
        ...late,
        override: { reason: '借款人白天务工，本人要求晚间上门' },
      }),
    );
    expect(visit.override).toMatchObject({
      reason: '借款人白天务工，本人要求晚间上门',
      codes: ['HOURS_OUTSIDE_ALLOWED'],
    });
    const audit = core.app.db
      .prepare(
        "SELECT staff_id, after FROM audit_log WHERE action = 'visit.override' AND entity_id = ?",
      )
      .get(String(visit.id)) as { staff_id: number; after: string };
    expect(JSON.parse(openAuditText(core.app.db, audit.after)!)).toMatchObject({
      reason: '借款人白天务工，本人要求晚间上门',
      codes: ['HOURS_OUTSIDE_ALLOWED'],
    });
    expect(audit.staff_id).toBe(core.app.session?.staffId);
    // The calendar flags the overridden visit.
    const month = expectOk(
      await core.invoke('planning:calendar', { from: '2026-03-01', to: '2026-03-31' }),
    );
    expect(month.visits).toEqual([
      expect.objectContaining({ id: visit.id, start: '21:30', overridden: true }),
    ]);
  });

  it('never overrides a legal limit, not even for the manager', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core);
    const alone = await core.invoke('planning:planVisit', {
      ...draft(borrowerId, staff.slice(0, 1)),
      override: { reason: '人手不足，只能一人前往' },
    });
    expect(violationsOf(alone)[0]).toMatchObject({ code: 'TOO_FEW_STAFF', severity: 'legal' });
    expect(alone.ok ? null : alone.error.details?.canOverride).toBe(false);
    const night = await core.invoke('planning:planVisit', {
      ...draft(borrowerId, staff, { start: '21:30', end: '22:30' }),
      override: { reason: '借款人要求晚间上门' },
    });
    expect(codesOf(night)).toContain('HOURS_OUTSIDE_LEGAL');
    expect(count(core, 'SELECT count(*) AS n FROM visits')).toBe(0);
    expect(count(core, "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'visit.%'")).toBe(0);
  });

  it('refuses an override from an officer', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core);
    await signInAs(core, 'officer', 'liqiang');
    const late = draft(borrowerId, staff, { start: '19:30', end: '20:30' });
    const refused = await core.invoke('planning:planVisit', late);
    expect(codesOf(refused)).toEqual(['HOURS_OUTSIDE_ALLOWED']);
    expect(refused.ok ? null : refused.error.details?.canOverride).toBe(false);
    expectError(
      await core.invoke('planning:planVisit', {
        ...late,
        override: { reason: '借款人要求晚间上门' },
      }),
      'FORBIDDEN',
    );
    expect(count(core, 'SELECT count(*) AS n FROM visits')).toBe(0);
  });
});

describe('changing a visit', () => {
  it('moves a visit with the rules run again; a refused move leaves it where it was', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core);
    const visit = expectOk(await core.invoke('planning:planVisit', draft(borrowerId, staff)));
    expectOk(await core.invoke('planning:recordNotice', { id: visit.id, status: 'printed' }));
    const refused = await core.invoke('planning:updateVisit', { id: visit.id, date: '2026-04-05' });
    expect(codesOf(refused)).toEqual(['PUBLIC_HOLIDAY']);
    expect(expectOk(await core.invoke('planning:visit', { id: visit.id }))).toMatchObject({
      date: '2026-03-10',
      status: 'notified',
    });
    const moved = expectOk(
      await core.invoke('planning:updateVisit', { id: visit.id, date: '2026-03-11', end: '10:30' }),
    );
    // A notice names the old day: it no longer counts.
    expect(moved).toMatchObject({
      date: '2026-03-11',
      start: '09:00',
      end: '10:30',
      status: 'planned',
      noticeStatus: 'none',
    });
  });

  it('reschedules into a new visit and keeps the old one as history', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core);
    const first = expectOk(await core.invoke('planning:planVisit', draft(borrowerId, staff)));
    // One day later: allowed, because the visit it replaces no longer counts.
    const second = expectOk(
      await core.invoke('planning:reschedule', {
        id: first.id,
        date: '2026-03-11',
        start: '14:00',
        end: '15:00',
        reason: '借款人来电改约',
      }),
    );
    expect(second).toMatchObject({
      rescheduledFrom: first.id,
      date: '2026-03-11',
      status: 'planned',
    });
    const old = expectOk(await core.invoke('planning:visit', { id: first.id }));
    expect(old).toMatchObject({
      status: 'rescheduled',
      statusNote: '借款人来电改约',
      rescheduledTo: second.id,
      date: '2026-03-10',
    });
    expectError(
      await core.invoke('planning:cancelVisit', { id: first.id, reason: '重复' }),
      'CONFLICT',
    );
    const cancelled = expectOk(
      await core.invoke('planning:cancelVisit', { id: second.id, reason: '借款人已还款' }),
    );
    expect(cancelled.status).toBe('cancelled');
    // Neither counts any more.
    expectOk(
      await core.invoke('planning:planVisit', draft(borrowerId, staff, { date: '2026-03-11' })),
    );
  });
});

describe('vulnerable borrowers', () => {
  it("an officer's plan waits for the manager, who approves it; no notice before that", async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core, { elderly: true });
    const officer = await signInAs(core, 'officer', 'liqiang');
    // A vulnerable borrower's visit works towards a repayment arrangement.
    const plan = draft(borrowerId, staff, { purpose: 'negotiation' });
    const check = expectOk(await core.invoke('planning:check', plan));
    expect(check).toMatchObject({ needsApproval: true, canOverride: false });
    const visit = expectOk(await core.invoke('planning:planVisit', plan));
    expect(visit.approval).toEqual({
      needed: true,
      by: null,
      at: null,
      requestedBy: officer.staffId,
      selfApproved: false,
    });
    expectError(
      await core.invoke('planning:recordNotice', { id: visit.id, status: 'printed' }),
      'CONFLICT',
    );
    expectError(await core.invoke('planning:approveVisit', { id: visit.id }), 'FORBIDDEN');
    await switchTo(core, MANAGER);
    const approved = expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
    expect(approved.approval).toMatchObject({ needed: true, by: core.app.session?.staffId });
    expectOk(await core.invoke('planning:recordNotice', { id: visit.id, status: 'phoned' }));
  });

  it("the manager's own plan is the approval, audited as such", async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core, { elderly: true });
    const visit = expectOk(
      await core.invoke('planning:planVisit', draft(borrowerId, staff, { purpose: 'negotiation' })),
    );
    expect(visit.approval.by).toBe(core.app.session?.staffId);
    expect(
      count(
        core,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'visit.approve' AND entity_id = ?",
        String(visit.id),
      ),
    ).toBe(1);
  });
});

/**
 * The rules judged on facts read from the database (the staff's visits that day, the borrower's
 * visits near the date, leave and certificates by date, the case's status), on both engines
 * (issue 19), on desk-planning.ts's desk. The cases above stay on SQLite: plan-engines.test.ts
 * plans, overrides (the only manager's, audited), moves, announces, cancels, approves and
 * reschedules on both, and concurrent-plans.test.ts books staff and a borrower at once on both.
 */
describe.each(engineKinds)('rules on the facts on file on %s', (kind) => {
  it('refuses staff double-booked in an overlapping visit, and a second visit to a borrower within 3 days', async () => {
    const core = await planningCoreOn(kind);
    const staff = await twoOfficersOn(core);
    const a = await seedBorrowerOn(core);
    const b = await seedBorrowerOn(core);
    expectOk(await core.invoke('planning:planVisit', draft(a.borrowerId, staff)));
    const overlap = await core.invoke(
      'planning:planVisit',
      draft(b.borrowerId, staff, { start: '09:30', end: '10:30' }),
    );
    expect(codesOf(overlap)).toEqual(['STAFF_DOUBLE_BOOKED', 'STAFF_DOUBLE_BOOKED']);
    expectOk(
      await core.invoke(
        'planning:planVisit',
        draft(b.borrowerId, staff, { start: '10:00', end: '11:00' }),
      ),
    );
    const soon = await core.invoke(
      'planning:planVisit',
      draft(a.borrowerId, staff, { date: '2026-03-12' }),
    );
    expect(violationsOf(soon)[0]).toMatchObject({
      code: 'TOO_SOON_AFTER_VISIT',
      params: { otherDate: '2026-03-10' },
    });
    expectOk(
      await core.invoke('planning:planVisit', draft(a.borrowerId, staff, { date: '2026-03-13' })),
    );
  });

  it('refuses staff on leave and staff whose certificate expired the day before', async () => {
    const core = await planningCoreOn(kind);
    const ok = await certifiedStaffOn(core, 'C001');
    const lapsed = await certifiedStaffOn(core, 'C002', { expiresOn: '2026-03-09' });
    const { borrowerId } = await seedBorrowerOn(core);
    expect(
      codesOf(await core.invoke('planning:planVisit', draft(borrowerId, [ok, lapsed]))),
    ).toEqual(['STAFF_NOT_CERTIFIED']);
    expectOk(
      await core.invoke(
        'planning:planVisit',
        draft(borrowerId, [ok, lapsed], { date: '2026-03-09' }),
      ),
    );
    const leave = expectOk(
      await core.invoke('staff:addLeave', {
        staffId: ok,
        from: '2026-03-16',
        to: '2026-03-17',
        reason: '年假',
      }),
    );
    expect(leave.conflictingVisitIds).toEqual([]);
    const onLeave = await core.invoke(
      'planning:planVisit',
      draft(borrowerId, [ok, lapsed], { date: '2026-03-17' }),
    );
    expect(codesOf(onLeave)).toEqual(expect.arrayContaining(['STAFF_ON_LEAVE']));
  });

  it('a dry run reports the same violations and saves nothing', async () => {
    const core = await planningCoreOn(kind);
    const staff = await twoOfficersOn(core);
    const { borrowerId } = await seedBorrowerOn(core, { status: 'disputed' });
    const check = expectOk(
      await core.invoke('planning:check', draft(borrowerId, staff, { date: '2026-10-01' })),
    );
    expect(check.violations.map((v) => v.code)).toEqual(['PUBLIC_HOLIDAY', 'CASE_ON_HOLD']);
    expect(check.canOverride).toBe(true);
    const visits = await core.app.engine.db
      .selectFrom('visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(visits.n)).toBe(0);
  });
});
