import { describe, expect, it } from 'vitest';
import { writeFlag } from '../../../electron/core/db/columns';
import { addAccount, expectError, expectOk, switchTo } from '../support/core';
import { auditRowsOn, staffAccountOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import {
  certifiedStaffOn,
  planningCoreOn,
  seedBorrowerOn,
  type PlanningCoreOn,
} from './desk-planning';
import { certifiedStaff, planningCore, seedBorrower, type Core } from './support';

/**
 * Issue 14: the manager who writes an override's reason proposes it. With a second manager
 * the visit waits for that one's approval; as the only manager, the override stands at once,
 * marked self-approved, and the month's summary counts it.
 *
 * The proposal waiting for the other manager, and the only manager's overrides counted in the
 * month, run on both engines (issue 19) on desk-planning.ts's desk. The override proposed when
 * moving a visit stays on SQLite: it takes the same approval as the first case, and
 * plan-engines.test.ts moves a visit with an override on both.
 */

const reason = '借款人白天务工，本人要求晚间上门';

async function lateDraft(core: Core, date = '2026-03-10') {
  const staff = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
  const { borrowerId } = seedBorrower(core);
  return { borrowerId, staffIds: staff, date, start: '21:30', end: '21:59', purpose: 'reminder' };
}

async function lateDraftOn(core: PlanningCoreOn, date = '2026-03-10') {
  const staff = [await certifiedStaffOn(core, 'C001'), await certifiedStaffOn(core, 'C002')];
  const { borrowerId } = await seedBorrowerOn(core);
  return { borrowerId, staffIds: staff, date, start: '21:30', end: '21:59', purpose: 'reminder' };
}

async function overrideAudit(core: PlanningCoreOn, visitId: number) {
  const rows = await auditRowsOn(core.app.engine, 'visit.override', visitId);
  return rows.map((row) => ({ staffId: row.staffId, after: row.after }));
}

describe.each(engineKinds)('a manager’s own override on %s', (kind) => {
  it('with a second manager, waits for the other: the proposer may not approve it, the other may', async () => {
    const core = await planningCoreOn(kind);
    const first = core.app.session!.staffId;
    const second = await staffAccountOn(core, {
      username: 'wang.fang',
      role: 'manager',
      name: 'wang.fang',
      staffNo: 'M002',
    });
    const late = await lateDraftOn(core);

    const check = expectOk(await core.invoke('planning:check', late));
    expect(check).toMatchObject({ canOverride: true, overrideWaitsForAnother: true });

    const saved = expectOk(
      await core.invoke('planning:planVisit', { ...late, override: { reason } }),
    );
    // Saved, but not overridden yet: the proposal waits with the whole visit.
    expect(saved.override).toBeNull();
    expect(saved.overrideProposal).toEqual({
      reason,
      proposedBy: first,
      codes: ['HOURS_OUTSIDE_ALLOWED'],
    });
    expect(saved.approval).toEqual({
      needed: true,
      by: null,
      at: null,
      requestedBy: first,
      selfApproved: false,
    });
    expect(await overrideAudit(core, saved.id)).toEqual([]);
    // Not to be announced before the other manager approves.
    expectError(
      await core.invoke('planning:recordNotice', { id: saved.id, status: 'phoned' }),
      'CONFLICT',
    );

    // The proposer cannot approve their own override, with or without a fresh reason.
    const own = expectError(
      await core.invoke('planning:approveVisit', { id: saved.id }),
      'FORBIDDEN',
    );
    expect(own.fields).toEqual({ _: 'e.approval.ownProposal' });
    expectError(
      await core.invoke('planning:approveVisit', { id: saved.id, override: { reason } }),
      'FORBIDDEN',
    );

    await switchToOn(core, second);
    const approved = expectOk(await core.invoke('planning:approveVisit', { id: saved.id }));
    expect(approved.override).toEqual({
      reason,
      by: second.staffId,
      codes: ['HOURS_OUTSIDE_ALLOWED'],
      proposedBy: first,
      selfApproved: false,
    });
    expect(approved.overrideProposal).toBeNull();
    expect(approved.approval).toMatchObject({ needed: true, by: second.staffId });
    expect(await overrideAudit(core, saved.id)).toEqual([
      {
        staffId: second.staffId,
        after: expect.objectContaining({
          reason,
          proposedBy: first,
          grantedBy: second.staffId,
          selfApproved: false,
        }) as unknown,
      },
    ]);
    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    expect(summary.figures.branch).toMatchObject({
      visitsOverridden: 1,
      ruleOverrides: 1,
      overridesSelfApproved: 0,
    });
  });

  it('as the only active manager, stands at once, marked, audited and counted in the month', async () => {
    const core = await planningCoreOn(kind);
    const me = core.app.session!.staffId;
    // A second manager who has left, and one without a sign-in account, approve nothing.
    const gone = await staffAccountOn(core, {
      username: 'wang.fang',
      role: 'manager',
      name: 'wang.fang',
      staffNo: 'M002',
    });
    expectOk(await core.invoke('staff:update', { id: gone.staffId, active: false }));
    await certifiedStaffOn(core, 'M003', { role: 'manager' });
    const late = await lateDraftOn(core);

    const check = expectOk(await core.invoke('planning:check', late));
    expect(check).toMatchObject({ canOverride: true, overrideWaitsForAnother: false });
    const first = expectOk(
      await core.invoke('planning:planVisit', { ...late, override: { reason } }),
    );
    expect(first.override).toEqual({
      reason,
      by: me,
      codes: ['HOURS_OUTSIDE_ALLOWED'],
      proposedBy: me,
      selfApproved: true,
    });
    expect(first.overrideProposal).toBeNull();
    expect(await overrideAudit(core, first.id)).toEqual([
      {
        staffId: me,
        after: expect.objectContaining({
          proposedBy: me,
          grantedBy: me,
          selfApproved: true,
        }) as unknown,
      },
    ]);

    // Two more late visits in March (one moved there by an update), one lawful visit and one
    // late visit in April. By hand: March has 3 self-approved overrides, April 1.
    expectOk(
      await core.invoke('planning:planVisit', {
        ...late,
        date: '2026-03-17',
        override: { reason },
      }),
    );
    const lawful = expectOk(
      await core.invoke('planning:planVisit', {
        ...late,
        date: '2026-03-24',
        start: '09:00',
        end: '10:00',
      }),
    );
    expectOk(
      await core.invoke('planning:updateVisit', {
        id: lawful.id,
        start: '21:00',
        end: '21:45',
        override: { reason },
      }),
    );
    expectOk(
      await core.invoke('planning:planVisit', {
        ...late,
        date: '2026-04-07',
        override: { reason },
      }),
    );
    expectOk(
      await core.invoke('planning:planVisit', {
        ...late,
        date: '2026-03-31',
        start: '09:00',
        end: '10:00',
      }),
    );
    const selfApproved = await core.app.engine.db
      .selectFrom('visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('override_self_approved', '=', writeFlag(true))
      .executeTakeFirstOrThrow();
    expect(Number(selfApproved.n)).toBe(4);

    const march = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    expect(march.figures.branch).toMatchObject({
      visitsPlanned: 4,
      visitsOverridden: 3,
      ruleOverrides: 3,
      overridesSelfApproved: 3,
    });
    // Per officer: both officers went on every one of them.
    const officers = march.figures.officers.map((o) => [
      o.staffNo,
      o.figures.overridesSelfApproved,
    ]);
    expect(officers).toEqual([
      ['C001', 3],
      ['C002', 3],
    ]);
    expect(march.definitions.find((d) => d.key === 'overridesSelfApproved')?.label).toEqual({
      zh: '经理自批的例外',
      en: 'Self-approved rule exceptions',
    });
    const drill = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'overridesSelfApproved' }),
    );
    expect(drill.total).toBe(3);
    const april = expectOk(await core.invoke('reports:summary', { month: '2026-04' }));
    expect(april.figures.branch.overridesSelfApproved).toBe(1);

    const overrides = await core.app.engine.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'visit.override')
      .executeTakeFirstOrThrow();
    expect(Number(overrides.n)).toBe(4);
  });
});

describe('a manager’s own override', () => {
  it('the other manager approves an override proposed when moving a visit', async () => {
    const core = await planningCore();
    const second = addAccount(core, { username: 'wang.fang', role: 'manager', staffNo: 'M002' });
    const late = await lateDraft(core);
    const visit = expectOk(
      await core.invoke('planning:planVisit', { ...late, start: '09:00', end: '10:00' }),
    );
    const moved = expectOk(
      await core.invoke('planning:updateVisit', {
        id: visit.id,
        start: '21:30',
        end: '21:59',
        override: { reason },
      }),
    );
    expect(moved.override).toBeNull();
    expect(moved.overrideProposal?.reason).toBe(reason);
    expect(moved.approval).toEqual({
      needed: true,
      by: null,
      at: null,
      requestedBy: core.app.session!.staffId,
      selfApproved: false,
    });
    await switchTo(core, second);
    const approved = expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
    expect(approved.override).toMatchObject({ by: second.staffId, selfApproved: false });
  });
});
