import { describe, expect, it } from 'vitest';
import {
  equalAmounts,
  generateSchedule,
  monthlyDueDate,
} from '../../../electron/core/records/schedule';
import { planPreviewInput, recordVisitInput } from '../../../electron/shared/schemas/records';
import { expectError, expectOk } from '../support/core';
import { auditRowsOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import {
  insertImportedPaymentOn,
  outcomeOn,
  recordOn,
  recordsCoreOn,
  type RecordsCoreOn,
} from './desk-records';

describe('repayment plan schedules', () => {
  it('splits equally in whole fen with the remainder on the last instalment', () => {
    expect(equalAmounts(100000, 3)).toEqual([33333, 33333, 33334]);
    expect(equalAmounts(320000, 6)).toEqual([53333, 53333, 53333, 53333, 53333, 53335]);
    expect(equalAmounts(500, 5)).toEqual([100, 100, 100, 100, 100]);
    const schedule = generateSchedule({
      mode: 'equal',
      count: 3,
      firstDueOn: '2026-06-15',
      totalFen: 100000,
      amountsFen: [],
    });
    expect(schedule).toEqual([
      { seq: 1, dueOn: '2026-06-15', amountFen: 33333 },
      { seq: 2, dueOn: '2026-07-15', amountFen: 33333 },
      { seq: 3, dueOn: '2026-08-15', amountFen: 33334 },
    ]);
  });

  it('falls due monthly, on the month’s last day when the month is shorter', () => {
    expect([0, 1, 2, 3, 13, 25].map((months) => monthlyDueDate('2026-01-31', months))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2027-02-28',
      '2028-02-29',
    ]);
    expect(monthlyDueDate('2026-11-30', 3)).toEqual('2027-02-28');
  });

  it('refuses more instalments than there are fen', () => {
    expect(() =>
      generateSchedule({
        mode: 'equal',
        count: 5,
        firstDueOn: '2026-06-01',
        totalFen: 4,
        amountsFen: [],
      }),
    ).toThrowError(expect.objectContaining({ code: 'VALIDATION' }) as Error);
  });

  it('takes custom amounts as given, and refuses amounts that do not add up to the total', () => {
    const custom = {
      borrowerId: 1,
      mode: 'custom' as const,
      count: 3,
      firstDueOn: '2026-06-01',
      totalFen: 100000,
      amountsFen: [20000, 30000, 50000],
    };
    expect(planPreviewInput.safeParse(custom).success).toBe(true);
    const short = planPreviewInput.safeParse({ ...custom, amountsFen: [20000, 30000, 40000] });
    expect(short.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['amountsFen', 'v.planSum'],
    ]);
    const fewer = planPreviewInput.safeParse({ ...custom, amountsFen: [50000, 50000] });
    expect(fewer.error?.issues.map((i) => i.message)).toEqual(['v.planCount']);
    const fraction = planPreviewInput.safeParse({
      ...custom,
      amountsFen: [20000.5, 29999.5, 50000],
    });
    expect(fraction.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['amountsFen.0', 'v.amount'],
      ['amountsFen.1', 'v.amount'],
    ]);
  });

  it('the record schema checks the plan section with the outcome, under its own path', () => {
    const parsed = recordVisitInput.safeParse({
      visitId: 1,
      date: '2026-05-20',
      start: '09:00',
      end: '09:40',
      staffIds: [1, 2],
      met: 'borrower',
      outcome: 'plan_proposed',
      situation: {},
      checklist: {
        staffCardsShown: true,
        rightsExplained: true,
        noThirdPartyDisclosure: true,
        recorded: true,
        recordingRef: 'R1',
      },
      plan: {
        mode: 'custom',
        count: 2,
        firstDueOn: '2026-06-01',
        totalFen: 1000,
        amountsFen: [400, 500],
      },
    });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['plan.amountsFen', 'v.planSum'],
    ]);
  });
});

const plan = (overrides: Record<string, unknown> = {}) => ({
  loanId: null,
  mode: 'equal' as const,
  count: 4,
  firstDueOn: '2026-06-20',
  totalFen: 640000,
  amountsFen: [],
  shortfallReason: '',
  ...overrides,
});

async function propose(core: RecordsCoreOn, overrides: Record<string, unknown> = {}) {
  const visitId = await core.visit();
  await core.signInAs(core.officer);
  return core.invoke(
    'records:record',
    outcomeOn(core, visitId, { outcome: 'plan_proposed', plan: plan(overrides) }),
  );
}

/** The previews on both engines (issue 19): desk-records.ts's desk, its visit on the app's engine. */
describe.each(engineKinds)('repayment plans against the overdue amount on %s', (kind) => {
  it('previews the schedule with the overdue amount and the totals check', async () => {
    const core = await recordsCoreOn(kind);
    await core.signInAs(core.officer);
    // Two loans, each ¥3,000 principal and ¥200 interest overdue.
    const preview = expectOk(
      await core.invoke('records:previewPlan', {
        borrowerId: core.borrowerId,
        ...plan({ totalFen: 700000 }),
      }),
    );
    expect(preview.overdueFen).toBe(640000);
    expect(preview.problems).toEqual({ totalFen: 'v.planExceedsOverdue' });
    const short = expectOk(
      await core.invoke('records:previewPlan', {
        borrowerId: core.borrowerId,
        ...plan({ totalFen: 600000 }),
      }),
    );
    expect(short.problems).toEqual({ shortfallReason: 'v.shortfallReason' });
    const oneLoan = expectOk(
      await core.invoke('records:previewPlan', {
        borrowerId: core.borrowerId,
        ...plan({ totalFen: 320000, loanId: core.loanId }),
      }),
    );
    expect(oneLoan).toMatchObject({ overdueFen: 320000, problems: {} });
    expect(oneLoan.instalments.map((i) => i.amountFen)).toEqual([80000, 80000, 80000, 80000]);
  });

  it('money taken on a visit since the last import lowers the overdue amount a plan must match', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    await recordOn(
      core,
      outcomeOn(core, visitId, {
        outcome: 'partial_payment',
        payment: { amountFen: 20000, method: 'cash', loanId: core.loanId },
      }),
    );
    const preview = expectOk(
      await core.invoke('records:previewPlan', {
        borrowerId: core.borrowerId,
        ...plan({ totalFen: 620000 }),
      }),
    );
    expect(preview).toMatchObject({ overdueFen: 620000, problems: {} });
  });
});

/** The plan's refusals, decisions and tracking on both engines (issue 19). */
describe.each(engineKinds)('repayment plans decided and tracked on %s', (kind) => {
  it('refuses a plan above the overdue amount, or below it without a reason, and saves nothing', async () => {
    const core = await recordsCoreOn(kind);
    const above = expectError(await propose(core, { totalFen: 700000 }), 'VALIDATION');
    expect(above.fields).toEqual({ 'plan.totalFen': 'v.planExceedsOverdue' });
    const below = expectError(await propose(core, { totalFen: 600000 }), 'VALIDATION');
    expect(below.fields).toEqual({ 'plan.shortfallReason': 'v.shortfallReason' });
    const records = await core.app.engine.db
      .selectFrom('visit_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect({ n: Number(records.n) }).toEqual({ n: 0 });
    const explained = expectOk(
      await propose(core, { totalFen: 600000, shortfallReason: '家中有病人，先还本金' }),
    );
    expect(explained.effective.plan).toMatchObject({
      status: 'proposed',
      totalFen: 600000,
      overdueFen: 640000,
      shortfallReason: '家中有病人，先还本金',
      proposedBy: { staffNo: 'C101' },
    });
  });

  it('only a manager approves; the approved plan is tracked instalment by instalment', async () => {
    const core = await recordsCoreOn(kind);
    const saved = expectOk(await propose(core));
    const planId = saved.effective.plan!.id;
    // The officer who proposed it may not decide it.
    expectError(await core.invoke('records:approvePlan', { id: planId }), 'FORBIDDEN');
    expectError(
      await core.invoke('records:rejectPlan', { id: planId, reason: '不同意' }),
      'FORBIDDEN',
    );
    await core.signInAs(core.clerk);
    expectError(await core.invoke('records:approvePlan', { id: planId }), 'FORBIDDEN');
    await core.signInAsManager();
    const waiting = expectOk(await core.invoke('records:tasks', {}));
    expect(waiting.plansAwaitingApproval.map((p) => p.id)).toEqual([planId]);
    const approved = expectOk(
      await core.invoke('records:approvePlan', { id: planId, reason: '同意' }),
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: { staffNo: 'M001' },
      decisionReason: '同意',
    });
    expectError(await core.invoke('records:approvePlan', { id: planId }), 'CONFLICT');
    const [audit] = await auditRowsOn(core.app.engine, 'plan.approve', planId);
    expect(audit!.before!.status).toBe('proposed');
    expect(audit!.after!.status).toBe('approved');

    // 160,000 fen each from 20 June; the first is paid in two parts, the second too late
    // (after the grace days), so that money counts for the third.
    const pay = (paidOn: string, amountFen: number) =>
      insertImportedPaymentOn(core.app.engine, {
        borrowerId: core.borrowerId,
        loanId: core.loanId,
        paidOn,
        amountFen,
        at: core.clock.now,
      });
    await pay('2026-06-18', 100000);
    await pay('2026-06-22', 60000);
    await pay('2026-07-30', 160000);
    core.setToday('2026-08-01');
    expectOk(await core.invoke('records:evaluatePromises', {}));
    const tracked = expectOk(await core.invoke('records:plans', { borrowerId: core.borrowerId }));
    expect(tracked[0]!.instalments.map((i) => [i.status, i.paidFen])).toEqual([
      ['kept', 160000],
      ['broken', 0],
      ['kept', 160000],
      ['pending', 0],
    ]);
    expect(tracked[0]!.status).toBe('broken');
  });

  it('a rejection needs a reason', async () => {
    const core = await recordsCoreOn(kind);
    const saved = expectOk(await propose(core));
    await core.signInAsManager();
    const error = expectError(
      await core.invoke('records:rejectPlan', { id: saved.effective.plan!.id, reason: ' ' }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ reason: 'v.rejectReason' });
    const rejected = expectOk(
      await core.invoke('records:rejectPlan', { id: saved.effective.plan!.id, reason: '期数过长' }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '期数过长' });
  });

  it('a clerk enters a plan the officers proposed at the door; it waits for a manager', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.clerk);
    const saved = expectOk(
      await core.invoke(
        'records:record',
        outcomeOn(core, visitId, { outcome: 'plan_proposed', plan: plan() }),
      ),
    );
    expect(saved.effective.plan).toMatchObject({ status: 'proposed' });
    expect(saved.effective.recordedBy.id).toBe(core.clerk.staffId);
    // Entering it is not deciding it.
    const planId = saved.effective.plan!.id;
    expectError(await core.invoke('records:approvePlan', { id: planId }), 'FORBIDDEN');
  });
});
