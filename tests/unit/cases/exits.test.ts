import { describe, expect, it } from 'vitest';
import { computeMonthFigures } from '../../../electron/core/reports/figures';
import { expectError, expectOk, MANAGER, signedInCore, switchTo } from '../support/core';
import {
  certifiedStaff,
  planningCore,
  seedBorrower,
  signInAs,
  violationsOf,
  type Core,
} from '../planning/support';
import { auditRowsOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import {
  insertBorrowerOn,
  insertVisitOn,
  outcomeOn,
  recordOn,
  recordsCoreOn,
} from '../records/desk-records';
import { TODAY } from '../records/support';
import { actionsOn, penaltyWaiver, proposedByOfficer, waiverCoreOn } from '../waivers/support';

/**
 * A case leaving doorstep collection (DOMAIN: written off, litigation, agency, settled: no new
 * visits). Dates are fixed: the planning core's clock is 2026-03-02 08:00 in Beijing, the
 * records core's 2026-05-20 10:00. What a leaving case closes, on the records core, and its
 * waivers run on both engines (issue 19), written and read through the app's engine.
 */

const exitInput = (borrowerId: number, extra: Record<string, unknown> = {}) => ({
  borrowerId,
  kind: 'written_off',
  exitOn: '2026-03-01',
  reference: 'HX-2026-017',
  note: '总行核销批复',
  ...extra,
});

const draft = (borrowerId: number, staffIds: number[]) => ({
  borrowerId,
  staffIds,
  date: '2026-03-10',
  start: '09:00',
  end: '10:00',
  purpose: 'reminder',
});

async function twoOfficers(core: Core) {
  return [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
}

describe.each(engineKinds)('a case leaving doorstep collection on %s', (kind) => {
  it('closes what was still running on the doorstep and keeps what happened, in one audited action', async () => {
    const core = await recordsCoreOn(kind);
    // A promise to pay on today's visit, with a follow-up two weeks on.
    const today = await core.visit();
    await recordOn(
      core,
      outcomeOn(core, today, {
        outcome: 'promise_to_pay',
        promise: { amountFen: 150000, dueOn: '2026-05-31', loanId: core.loanId },
      }),
    );
    // A visit still to come, one today (not yet made) and one last week that was not recorded.
    const later = await core.visit('2026-05-27');
    const dueToday = await core.visit(TODAY);
    const db = core.app.engine.db;
    const lastWeek = await insertVisitOn(core.app.engine, {
      borrowerId: core.borrowerId,
      date: '2026-05-13',
      staffIds: [core.officer.staffId],
    });

    const closed = expectOk(
      await core.invoke('cases:exit', {
        ...exitInput(core.borrowerId),
        kind: 'litigation',
        exitOn: '2026-05-19',
        reference: '(2026)浙0102民初1234号',
      }),
    );
    expect(closed).toEqual({
      promisesClosed: 1,
      plansClosed: 0,
      waiversClosed: 0,
      followUpsClosed: 1,
      visitsCancelled: 2,
    });

    const status = async (id: number) =>
      (
        await db
          .selectFrom('visits')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    expect([
      await status(today),
      await status(later),
      await status(dueToday),
      await status(lastWeek),
    ]).toEqual([
      'done',
      'cancelled',
      'cancelled',
      // The past stays as it was: a visit not recorded last week is still for recording.
      'notified',
    ]);
    const superseded = await db
      .selectFrom('promises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'superseded')
      .executeTakeFirstOrThrow();
    expect(Number(superseded.n)).toBe(1);
    const borrower = await db
      .selectFrom('borrowers')
      .select(['status', 'closed_at'])
      .where('id', '=', core.borrowerId)
      .executeTakeFirst();
    expect(borrower).toEqual({ status: 'closed', closed_at: '2026-05-20T02:00:00.000Z' });

    const page = expectOk(await core.invoke('cases:get', { borrowerId: core.borrowerId }));
    expect(page.header.exit).toEqual({
      kind: 'litigation',
      exitOn: '2026-05-19',
      reference: '(2026)浙0102民初1234号',
      note: '总行核销批复',
      setByName: expect.any(String) as string,
      setAt: '2026-05-20T02:00:00.000Z',
    });

    // The case list finds it by where it went, and says so on its row.
    const other = await insertBorrowerOn(core.app.engine, 2, '李秀兰');
    const list = (exitKinds: string[]) =>
      core.invoke('cases:list', { exitKinds }).then((r) => expectOk(r).rows);
    expect((await list(['litigation'])).map((r) => [r.id, r.exitKind])).toEqual([
      [core.borrowerId, 'litigation'],
    ]);
    expect(await list(['written_off', 'agency'])).toEqual([]);
    expect((await list([])).map((r) => r.id).sort()).toEqual([core.borrowerId, other].sort());

    const exits = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'case.exit')
      .execute();
    expect(exits).toHaveLength(1);
    const audit = await auditRowsOn(core.app.engine, 'case.exit', Number(exits[0]!.entity_id));
    expect(audit[0]!.staffId).toBe(core.managerId);
    expect(audit[0]!.after).toMatchObject({
      status: 'closed',
      kind: 'litigation',
      reference: '(2026)浙0102民初1234号',
      visitsCancelled: 2,
    });
  });
});

describe('a case leaving doorstep collection', () => {
  it('refuses every new visit with the exit’s words, and not even a manager may override', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core);
    expectOk(await core.invoke('cases:exit', exitInput(borrowerId)));

    const refused = await core.invoke('planning:planVisit', draft(borrowerId, staff));
    const [violation] = violationsOf(refused);
    expect(violation).toMatchObject({ code: 'CASE_EXITED', severity: 'legal' });
    expect(violation?.message.zh).toBe(
      '该案件已于 2026-03-01 核销（文号 HX-2026-017），已退出上门催收，不得再安排走访',
    );
    expect(violation?.message.en).toBe(
      'This case left doorstep collection on 2026-03-01: written off (ref. HX-2026-017); no more visits',
    );
    const overridden = await core.invoke('planning:planVisit', {
      ...draft(borrowerId, staff),
      override: { reason: '经理坚持上门了解情况' },
    });
    expect(violationsOf(overridden).map((v) => v.code)).toEqual(['CASE_EXITED']);
    expect((core.app.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n).toBe(
      0,
    );
  });

  it('is undone by the manager with a reason: the case returns to its status and can be visited', async () => {
    const core = await planningCore();
    const staff = await twoOfficers(core);
    const { borrowerId } = seedBorrower(core, { status: 'disputed' });
    expectOk(await core.invoke('cases:exit', { ...exitInput(borrowerId), kind: 'agency' }));

    // Editing the case cannot bring it back past the exit.
    const page = expectOk(await core.invoke('cases:get', { borrowerId }));
    // The borrower as the page has it (masked numbers are not sent back), status set active.
    const edit = await core.invoke('cases:update', { ...page.borrower, status: 'active' });
    expect(expectError(edit, 'CONFLICT').fields).toEqual({ status: 'v.case.exitInForce' });
    expect(page.borrower.status).toBe('closed');

    expectError(await core.invoke('cases:reopen', { borrowerId, reason: '' }), 'VALIDATION');
    expectOk(await core.invoke('cases:reopen', { borrowerId, reason: '委外合同未签，收回' }));
    const after = expectOk(await core.invoke('cases:get', { borrowerId }));
    expect(after.borrower.status).toBe('disputed');
    expect(after.borrower.closedAt).toBeNull();
    expect(after.header.exit).toBeNull();
    const row = core.app.db
      .prepare('SELECT kind, reopen_reason, reopened_by FROM case_exits WHERE borrower_id = ?')
      .get(borrowerId);
    expect(row).toEqual({
      kind: 'agency',
      reopen_reason: '委外合同未签，收回',
      reopened_by: core.app.session!.staffId,
    });
    // Disputed again: the branch's rule for disputes applies, not the exit.
    const replanned = await core.invoke('planning:planVisit', draft(borrowerId, staff));
    const codes = replanned.ok ? [] : violationsOf(replanned).map((v) => v.code);
    expect(codes).not.toContain('CASE_EXITED');
    // A second undo has nothing to undo.
    expectError(await core.invoke('cases:reopen', { borrowerId, reason: '再次撤销' }), 'CONFLICT');
    expect(
      core.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.reopen'").get(),
    ).toEqual({ n: 1 });
  });

  it('needs a reference and a date not after today, and happens once', async () => {
    const core = await planningCore();
    const { borrowerId } = seedBorrower(core);
    const blank = await core.invoke('cases:exit', exitInput(borrowerId, { reference: '  ' }));
    expect(expectError(blank, 'VALIDATION').fields).toMatchObject({ reference: 'v.required' });
    const tomorrow = await core.invoke(
      'cases:exit',
      exitInput(borrowerId, { exitOn: '2026-03-03' }),
    );
    expect(expectError(tomorrow, 'VALIDATION').fields).toEqual({ exitOn: 'v.case.exitInFuture' });
    expectError(
      await core.invoke('cases:exit', exitInput(borrowerId, { kind: 'forgiven' })),
      'VALIDATION',
    );
    // Today in Beijing (08:00 on 2026-03-02) is allowed.
    expectOk(await core.invoke('cases:exit', exitInput(borrowerId, { exitOn: '2026-03-02' })));
    expectError(await core.invoke('cases:exit', exitInput(borrowerId)), 'CONFLICT');
    expect(core.app.db.prepare('SELECT count(*) AS n FROM case_exits').get()).toEqual({ n: 1 });
  });

  it('is the manager’s: officers and clerks are refused, and nothing changes', async () => {
    const core = await planningCore();
    const { borrowerId } = seedBorrower(core);
    for (const role of ['officer', 'clerk'] as const) {
      await signInAs(core, role, `${role}.exit`);
      expectError(await core.invoke('cases:exit', exitInput(borrowerId)), 'FORBIDDEN');
      expectError(await core.invoke('cases:reopen', { borrowerId, reason: '撤销' }), 'FORBIDDEN');
    }
    await switchTo(core, MANAGER);
    expect(
      core.app.db.prepare('SELECT status FROM borrowers WHERE id = ?').get(borrowerId),
    ).toEqual({ status: 'active' });
    expect(core.app.db.prepare('SELECT count(*) AS n FROM case_exits').get()).toEqual({ n: 0 });
  });
});

describe('the months before an exit', () => {
  it('keep their figures: roll rates, portfolio, promises and money read the same after cases leave', async () => {
    // The demo branch at a fixed clock (a Sunday in late November; September and October closed).
    const clock = { now: new Date('2026-11-29T02:00:00.000Z') };
    const core = await signedInCore({ now: () => clock.now });
    expectOk(await core.invoke('cases:loadDemo', {}));
    const months = ['2026-09', '2026-10', '2026-11'];
    // Computed live (not the frozen closes), so the exits could show if they touched the past.
    const before = months.map((m) => computeMonthFigures(core.app.db, m));
    const open = core.app.db
      .prepare(
        `SELECT b.id FROM borrowers b WHERE b.status = 'active'
           AND EXISTS (SELECT 1 FROM promises p WHERE p.borrower_id = b.id)
         ORDER BY b.id LIMIT 6`,
      )
      .all() as { id: number }[];
    expect(open.length).toBeGreaterThanOrEqual(3);
    const kinds = ['written_off', 'litigation', 'agency', 'settled'] as const;
    for (const [i, { id }] of open.entries()) {
      expectOk(
        await core.invoke('cases:exit', {
          borrowerId: id,
          kind: kinds[i % kinds.length],
          exitOn: '2026-11-29',
          reference: `REF-${id}`,
        }),
      );
    }
    const after = months.map((m) => computeMonthFigures(core.app.db, m));
    // Before the exit day, nothing changes; November's own figures run to its end, with the exit
    // inside it, so they are compared only for what the past holds: visits made and money.
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toEqual(before[1]);
    expect(after[2]!.branch.visitsDone).toEqual(before[2]!.branch.visitsDone);
  });
});

describe.each(engineKinds)('waivers and settlements of a case that leaves, on %s', (kind) => {
  it('are withdrawn while awaiting approval, with the exit as the reason; approved ones stay, and undoing the exit revives none', async () => {
    const core = await waiverCoreOn(kind);
    // Decided before the exit: approved by the manager and the auditor.
    const approved = await proposedByOfficer(core, { waivedFen: 10_000 });
    await core.signInAsManager();
    expectOk(await core.invoke('waivers:approve', { id: approved, note: '' }));
    await core.signInAs(core.auditor);
    expectOk(await core.invoke('waivers:approve', { id: approved, note: '' }));
    // Still awaiting: one with the manager's approval, one with none.
    const firstApproved = await proposedByOfficer(core, { waivedFen: 5_000 });
    await core.signInAsManager();
    expectOk(await core.invoke('waivers:approve', { id: firstApproved, note: '同意' }));
    await core.signInAs(core.officer);
    const proposed = expectOk(
      await core.invoke(
        'waivers:propose',
        penaltyWaiver(core, { loanId: core.secondLoanId, kind: 'interest', waivedFen: 20_000 }),
      ),
    ).id;

    await core.signInAsManager();
    const closed = expectOk(
      await core.invoke('cases:exit', {
        borrowerId: core.borrowerId,
        kind: 'written_off',
        exitOn: '2026-05-19',
        reference: 'HX-2026-017',
        note: '',
      }),
    );
    expect(closed).toEqual({
      promisesClosed: 0,
      plansClosed: 0,
      waiversClosed: 2,
      followUpsClosed: 0,
      visitsCancelled: 0,
    });
    const reason =
      '案件于 2026-05-19 退出上门催收：核销（文号 HX-2026-017）' +
      ' / Case left doorstep collection on 2026-05-19: written off (ref. HX-2026-017)';
    const db = core.app.engine.db;
    const rows = await db
      .selectFrom('waivers')
      .select(['id', 'status', 'closed_by', 'closed_at', 'close_reason'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: approved, status: 'approved', closed_by: null, closed_at: null, close_reason: '' },
      {
        id: firstApproved,
        status: 'withdrawn',
        closed_by: core.managerId,
        closed_at: '2026-05-20T02:00:00.000Z',
        close_reason: reason,
      },
      {
        id: proposed,
        status: 'withdrawn',
        closed_by: core.managerId,
        closed_at: '2026-05-20T02:00:00.000Z',
        close_reason: reason,
      },
    ]);
    // The list the case page shows carries the reason with each.
    const listed = expectOk(await core.invoke('waivers:list', { borrowerId: core.borrowerId }));
    expect(listed.filter((w) => w.status === 'withdrawn').map((w) => w.closeReason)).toEqual([
      reason,
      reason,
    ]);
    expect(expectOk(await core.invoke('waivers:awaitingMe', {}))).toEqual([]);

    // One audit row per withdrawal, by the manager, beside the exit's, which counts them.
    expect(await actionsOn(core)).toEqual([
      'waiver.propose',
      'waiver.approveFirst',
      'waiver.approve',
      'waiver.propose',
      'waiver.approveFirst',
      'waiver.propose',
      'waiver.withdraw',
      'waiver.withdraw',
    ]);
    const audits = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'staff_id'])
      .where('action', '=', 'waiver.withdraw')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => [a.entity_id, a.staff_id])).toEqual([
      [String(firstApproved), core.managerId],
      [String(proposed), core.managerId],
    ]);
    const [firstWithdrawn] = await auditRowsOn(core.app.engine, 'waiver.withdraw', firstApproved);
    expect(firstWithdrawn!.before).toEqual({
      status: 'first_approved',
    });
    const [secondWithdrawn] = await auditRowsOn(core.app.engine, 'waiver.withdraw', proposed);
    expect(secondWithdrawn!.after).toEqual({
      status: 'withdrawn',
      closeReason: reason,
      caseExit: 'written_off',
    });
    const [exitAudit] = await auditRowsOn(core.app.engine, 'case.exit', core.borrowerId);
    expect(exitAudit!.after).toMatchObject({
      waiversClosed: 2,
    });

    // Undone: the case is back, the withdrawn proposals are not; a new one may be made.
    expectOk(
      await core.invoke('cases:reopen', { borrowerId: core.borrowerId, reason: '批复撤回' }),
    );
    // Read at each call: signing in again opens the engine anew.
    const statuses = async () =>
      (await core.app.engine.db.selectFrom('waivers').select('status').orderBy('id').execute()).map(
        (r) => r.status,
      );
    expect(await statuses()).toEqual(['approved', 'withdrawn', 'withdrawn']);
    expectError(await core.invoke('waivers:approve', { id: firstApproved, note: '' }), 'CONFLICT');
    await core.signInAs(core.officer);
    expectOk(await core.invoke('waivers:propose', penaltyWaiver(core, { waivedFen: 5_000 })));
    expect(await statuses()).toEqual(['approved', 'withdrawn', 'withdrawn', 'proposed']);
  });
});
