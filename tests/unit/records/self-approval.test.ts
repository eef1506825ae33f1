import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { auditRowsOn, staffAccountOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordsCoreOn, type RecordsCoreOn } from './desk-records';
import { TODAY } from './support';

/**
 * Issue 14: nobody approves the repayment plan they proposed while the branch has another
 * active approver; the only manager may, and the plan is then marked self-approved and counted
 * in the month's summary. On both engines (issue 19): the branch is desk-records.ts's, made
 * through the dispatcher and the app's engine.
 */

/** A ¥3,200 plan for one loan (its whole overdue amount) in four instalments. */
const plan = (loanId: number) => ({
  loanId,
  mode: 'equal' as const,
  count: 4,
  firstDueOn: '2026-06-20',
  totalFen: 320000,
  amountsFen: [],
  shortfallReason: '',
});

/** The signed-in person records a visit on `date` with a plan for `loanId`; the plan's id. */
async function proposeOn(core: RecordsCoreOn, date: string, loanId: number): Promise<number> {
  core.setToday(date);
  const visitId = await core.visit(date);
  const saved = expectOk(
    await core.invoke(
      'records:record',
      outcomeOn(core, visitId, {
        date,
        outcome: 'plan_proposed',
        plan: plan(loanId),
        followUpOn: '2026-06-10',
      }),
    ),
  );
  return saved.effective.plan!.id;
}

async function approvalAudit(core: RecordsCoreOn, planId: number) {
  const rows = await auditRowsOn(core.app.engine, 'plan.approve', planId);
  return rows.map((row) => ({ staffId: row.staffId, after: row.after }));
}

describe.each(engineKinds)('approving one’s own repayment plan on %s', (kind) => {
  it('with a second manager: the proposer is refused, the other manager approves', async () => {
    const core = await recordsCoreOn(kind);
    const second = await staffAccountOn(core, {
      username: 'wang.fang',
      role: 'manager',
      name: '王芳',
      staffNo: 'M002',
    });
    const planId = await proposeOn(core, TODAY, core.loanId);

    const refused = expectError(
      await core.invoke('records:approvePlan', { id: planId, reason: '同意' }),
      'FORBIDDEN',
    );
    expect(refused.fields).toEqual({ _: 'e.approval.ownProposal' });
    expect(await approvalAudit(core, planId)).toEqual([]);
    const still = expectOk(await core.invoke('records:plans', { borrowerId: core.borrowerId }));
    expect(still.map((p) => p.status)).toEqual(['proposed']);

    await switchToOn(core, second);
    const approved = expectOk(
      await core.invoke('records:approvePlan', { id: planId, reason: '同意' }),
    );
    expect(approved).toMatchObject({
      status: 'approved',
      proposedBy: { staffNo: 'M001' },
      decidedBy: { staffNo: 'M002' },
      selfApproved: false,
    });
    expect(await approvalAudit(core, planId)).toEqual([
      {
        staffId: second.staffId,
        after: expect.objectContaining({ status: 'approved', selfApproved: false }) as unknown,
      },
    ]);
  });

  it('with a second manager, an officer’s plan is approved by either, unmarked', async () => {
    const core = await recordsCoreOn(kind);
    await staffAccountOn(core, {
      username: 'wang.fang',
      role: 'manager',
      name: 'wang.fang',
      staffNo: 'M002',
    });
    await core.signInAs(core.officer);
    const planId = await proposeOn(core, TODAY, core.loanId);
    await core.signInAsManager();
    const approved = expectOk(
      await core.invoke('records:approvePlan', { id: planId, reason: '同意' }),
    );
    expect(approved).toMatchObject({ decidedBy: { staffNo: 'M001' }, selfApproved: false });
  });

  it('the only active manager approves their own plan: marked, audited and counted', async () => {
    const core = await recordsCoreOn(kind);
    // A manager who has left approves nothing.
    const gone = await staffAccountOn(core, {
      username: 'wang.fang',
      role: 'manager',
      name: 'wang.fang',
      staffNo: 'M002',
    });
    expectOk(await core.invoke('staff:update', { id: gone.staffId, active: false }));

    // In May: the manager proposes a plan for the first loan and approves it; an officer
    // proposes one for the second loan, which the manager approves. One of two is self-approved.
    const own = await proposeOn(core, '2026-05-20', core.loanId);
    const ownApproved = expectOk(
      await core.invoke('records:approvePlan', { id: own, reason: '同意' }),
    );
    expect(ownApproved).toMatchObject({
      proposedBy: { staffNo: 'M001' },
      decidedBy: { staffNo: 'M001' },
      selfApproved: true,
    });
    expect(await approvalAudit(core, own)).toEqual([
      {
        staffId: core.managerId,
        after: expect.objectContaining({ status: 'approved', selfApproved: true }) as unknown,
      },
    ]);

    await core.signInAs(core.officer);
    const officers = await proposeOn(core, '2026-05-25', core.secondLoanId);
    await core.signInAsManager();
    expect(
      expectOk(await core.invoke('records:approvePlan', { id: officers, reason: '同意' })),
    ).toMatchObject({ selfApproved: false });

    const may = expectOk(await core.invoke('reports:summary', { month: '2026-05' }));
    expect(may.figures.branch).toMatchObject({ plansApproved: 2, plansSelfApproved: 1 });
    const per = Object.fromEntries(
      may.figures.officers.map((o) => [
        o.staffNo,
        [o.figures.plansApproved, o.figures.plansSelfApproved],
      ]),
    );
    // Counted for whoever proposed the plan: the manager's own, the officer's.
    expect(per).toMatchObject({ M001: [1, 1], C101: [1, 0] });
    const drill = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-05', figure: 'plansSelfApproved' }),
    );
    expect(drill.rows.map((r) => r.id)).toEqual([own]);
    expect(may.definitions.find((d) => d.key === 'plansSelfApproved')?.label).toEqual({
      zh: '经理自批的还款计划',
      en: 'Self-approved repayment plans',
    });
  });
});
