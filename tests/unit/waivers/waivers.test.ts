import { describe, expect, it } from 'vitest';
import { redactBorrowerTables } from '../../../electron/core/retention/redact';
import { expectError, expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { insertImportedPaymentOn } from '../records/desk-records';
import { actionsOn, penaltyWaiver, proposedByOfficer, waiverCoreOn } from './support';

/**
 * Waivers and settlements through the dispatcher, on a real encrypted database. The clock is
 * 2026-05-20 10:00 in Beijing; the first loan owes ¥30,000.00 principal, ¥200.00 interest and
 * ¥150.00 penalty (3,035,000 fen in all). On both engines (issue 19): records/desk-records.ts's
 * desk, the payments and the audit rows written and read through the app's engine.
 */

describe.each(engineKinds)('waivers and settlements on %s', (kind) => {
  it('a penalty waiver proposed by the officer, approved by the manager and then the auditor', async () => {
    const core = await waiverCoreOn(kind);
    const id = await proposedByOfficer(core);
    const proposed = expectOk(await core.invoke('waivers:list', { borrowerId: core.borrowerId }));
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toMatchObject({
      id,
      kind: 'penalty',
      status: 'proposed',
      principalOwedFen: 3_000_000,
      interestOwedFen: 20_000,
      penaltyOwedFen: 15_000,
      owedFen: 3_035_000,
      waivedFen: 15_000,
      settlePayFen: null,
      proposedBy: { id: core.officer.staffId, name: '李明' },
      mayApprove: false,
      mayWithdraw: true,
    });

    await core.signInAsManager();
    expect(expectOk(await core.invoke('waivers:awaitingMe', {})).map((w) => w.id)).toEqual([id]);
    const first = expectOk(await core.invoke('waivers:approve', { id, note: '同意' }));
    expect(first.status).toBe('first_approved');
    expect(first.approvals.map((a) => [a.name, a.role])).toEqual([['王建国', 'manager']]);
    // The manager has given theirs: nothing awaits them; the auditor now may.
    expect(expectOk(await core.invoke('waivers:awaitingMe', {}))).toEqual([]);

    await core.signInAs(core.auditor);
    expect(expectOk(await core.invoke('waivers:awaitingMe', {})).map((w) => w.id)).toEqual([id]);
    const approved = expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    expect(approved.status).toBe('approved');
    expect(approved.approvedOn).toBe('2026-05-20');
    expect(approved.approvals.map((a) => [a.name, a.role])).toEqual([
      ['王建国', 'manager'],
      ['孙慧', 'auditor'],
    ]);
    expect(await actionsOn(core)).toEqual([
      'waiver.propose',
      'waiver.approveFirst',
      'waiver.approve',
    ]);
    // Decided: nobody may approve, reject or withdraw it any more.
    expectError(await core.invoke('waivers:approve', { id, note: '' }), 'CONFLICT');
  });

  it('dates approvals by the branch’s calendar: 00:30 in Beijing is the next day', async () => {
    const core = await waiverCoreOn(kind);
    const id = await proposedByOfficer(core);
    await core.signInAsManager();
    core.clock.now = new Date('2026-05-20T16:30:00.000Z');
    core.app.touch();
    expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    await core.signInAs(core.auditor);
    const done = expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    expect(done.approvals.map((a) => a.day)).toEqual(['2026-05-21', '2026-05-21']);
    expect([done.proposedOn, done.approvedOn]).toEqual(['2026-05-20', '2026-05-21']);
  });

  it('refuses the proposer’s own approval, even a manager’s', async () => {
    const core = await waiverCoreOn(kind);
    const { id } = expectOk(await core.invoke('waivers:propose', penaltyWaiver(core)));
    const error = expectError(await core.invoke('waivers:approve', { id, note: '' }), 'FORBIDDEN');
    expect(error.fields).toEqual({ _: 'e.waiver.ownProposal' });
    expect(await actionsOn(core)).toEqual(['waiver.propose']);
  });

  it('refuses the same person both approvals', async () => {
    const core = await waiverCoreOn(kind);
    await core.invoke('waivers:saveSettings', { secondApproverRole: 'manager' });
    const id = await proposedByOfficer(core);
    await core.signInAsManager();
    expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    const error = expectError(await core.invoke('waivers:approve', { id, note: '' }), 'FORBIDDEN');
    expect(error.fields).toEqual({ _: 'e.waiver.twice' });
  });

  it('with the auditor as second approver, two managers are not enough and a clerk is not let through', async () => {
    const core = await waiverCoreOn(kind);
    const id = await proposedByOfficer(core);
    await core.signInAsManager();
    expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    await core.signInAs(core.deputy);
    const error = expectError(await core.invoke('waivers:approve', { id, note: '' }), 'FORBIDDEN');
    expect(error.fields).toEqual({ _: 'e.waiver.role' });
    await core.signInAs(core.clerk);
    expectError(await core.invoke('waivers:approve', { id, note: '' }), 'FORBIDDEN');
    await core.signInAs(core.auditor);
    expect(expectOk(await core.invoke('waivers:approve', { id, note: '' })).status).toBe(
      'approved',
    );
  });

  it('with the manager as second approver (the manager’s setting), two different managers approve', async () => {
    const core = await waiverCoreOn(kind);
    await core.signInAs(core.officer);
    expectError(
      await core.invoke('waivers:saveSettings', { secondApproverRole: 'manager' }),
      'FORBIDDEN',
    );
    await core.signInAsManager();
    expect(expectOk(await core.invoke('waivers:settings', {}))).toEqual({
      secondApproverRole: 'auditor',
    });
    expectOk(await core.invoke('waivers:saveSettings', { secondApproverRole: 'manager' }));
    const change = await core.app.engine.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'waivers.settings.update')
      .orderBy('id')
      .execute();
    expect(change.map((r) => [JSON.parse(r.before!), JSON.parse(r.after!)])).toEqual([
      [{ secondApproverRole: 'auditor' }, { secondApproverRole: 'manager' }],
    ]);
    expectError(
      await core.invoke('waivers:saveSettings', { secondApproverRole: 'clerk' }),
      'VALIDATION',
    );
    const id = await proposedByOfficer(core);
    await core.signInAs(core.auditor);
    expectError(await core.invoke('waivers:approve', { id, note: '' }), 'FORBIDDEN');
    await core.signInAsManager();
    expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    await core.signInAs(core.deputy);
    const done = expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    expect(done.approvals.map((a) => [a.name, a.role])).toEqual([
      ['王建国', 'manager'],
      ['周刚', 'manager'],
    ]);
  });

  it('refuses amounts of zero or above what is owed, and a settlement that pays the whole debt', async () => {
    const core = await waiverCoreOn(kind);
    await core.signInAs(core.officer);
    const zero = expectError(
      await core.invoke('waivers:propose', penaltyWaiver(core, { waivedFen: 0 })),
      'VALIDATION',
    );
    expect(zero.fields).toMatchObject({ waivedFen: 'v.waiver.amount' });
    const over = expectError(
      await core.invoke('waivers:propose', penaltyWaiver(core, { waivedFen: 15_001 })),
      'VALIDATION',
    );
    expect(over.fields).toEqual({ waivedFen: 'v.waiver.overOwed' });
    // Interest: ¥200.00 owed.
    expectError(
      await core.invoke(
        'waivers:propose',
        penaltyWaiver(core, { kind: 'interest', waivedFen: 20_001 }),
      ),
      'VALIDATION',
    );
    const whole = expectError(
      await core.invoke('waivers:propose', {
        ...penaltyWaiver(core, { kind: 'settlement', waivedFen: null }),
        settlePayFen: 3_035_000,
        payBy: '2026-06-30',
      }),
      'VALIDATION',
    );
    expect(whole.fields).toEqual({ settlePayFen: 'v.waiver.payNotLess' });
    const past = expectError(
      await core.invoke('waivers:propose', {
        ...penaltyWaiver(core, { kind: 'settlement', waivedFen: null }),
        settlePayFen: 2_800_000,
        payBy: '2026-05-19',
      }),
      'VALIDATION',
    );
    expect(past.fields).toEqual({ payBy: 'v.waiver.payByPast' });
    const noReason = expectError(
      await core.invoke('waivers:propose', penaltyWaiver(core, { reason: '  ' })),
      'VALIDATION',
    );
    expect(noReason.fields).toMatchObject({ reason: 'v.required' });
    expect(await actionsOn(core)).toEqual([]);
  });

  it('a settlement waives what is owed beyond what the borrower pays', async () => {
    const core = await waiverCoreOn(kind);
    await core.signInAs(core.officer);
    const row = expectOk(
      await core.invoke('waivers:propose', {
        borrowerId: core.borrowerId,
        loanId: core.loanId,
        kind: 'settlement',
        settlePayFen: 2_800_000,
        payBy: '2026-06-30',
        reason: '家庭遭灾，一次性结清',
      }),
    );
    // 3,035,000 owed − 2,800,000 paid = 235,000 waived (¥2,350.00).
    expect([row.owedFen, row.settlePayFen, row.waivedFen, row.payBy]).toEqual([
      3_035_000,
      2_800_000,
      235_000,
      '2026-06-30',
    ]);
    // One undecided proposal per loan; the other loan is free.
    const again = expectError(
      await core.invoke('waivers:propose', penaltyWaiver(core)),
      'CONFLICT',
    );
    expect(again.fields).toEqual({ loanId: 'v.waiver.openExists' });
    expectOk(
      await core.invoke(
        'waivers:propose',
        penaltyWaiver(core, { loanId: core.secondLoanId, kind: 'interest', waivedFen: 20_000 }),
      ),
    );
  });

  it('refuses a new proposal on a case that left doorstep collection', async () => {
    const core = await waiverCoreOn(kind);
    expectOk(
      await core.invoke('cases:exit', {
        borrowerId: core.borrowerId,
        kind: 'litigation',
        exitOn: '2026-05-20',
        reference: '(2026)浙1121民初88号',
        note: '',
      }),
    );
    await core.signInAs(core.officer);
    const error = expectError(
      await core.invoke('waivers:propose', penaltyWaiver(core)),
      'CONFLICT',
    );
    expect(error.fields).toEqual({ _: 'v.waiver.caseExited' });
  });

  it('a rejection needs a reason; a withdrawal is the proposer’s or a manager’s', async () => {
    const core = await waiverCoreOn(kind);
    const id = await proposedByOfficer(core);
    // The proposer cannot reject (they withdraw); an officer cannot withdraw another’s.
    expectError(await core.invoke('waivers:reject', { id, reason: '不同意' }), 'FORBIDDEN');
    await core.signInAs(core.auditor);
    const bare = expectError(await core.invoke('waivers:reject', { id, reason: '' }), 'VALIDATION');
    expect(bare.fields).toEqual({ reason: 'v.required' });
    const rejected = expectOk(
      await core.invoke('waivers:reject', { id, reason: '罚息减免须附医院证明' }),
    );
    expect([rejected.status, rejected.closedBy, rejected.closeReason]).toEqual([
      'rejected',
      '孙慧',
      '罚息减免须附医院证明',
    ]);

    const second = await proposedByOfficer(core);
    await core.signInAs(core.partner);
    expectError(await core.invoke('waivers:withdraw', { id: second, reason: '' }), 'FORBIDDEN');
    await core.signInAs(core.officer);
    expect(
      expectOk(await core.invoke('waivers:withdraw', { id: second, reason: '借款人已筹到钱' }))
        .status,
    ).toBe('withdrawn');
    expect(await actionsOn(core)).toEqual([
      'waiver.propose',
      'waiver.reject',
      'waiver.propose',
      'waiver.withdraw',
    ]);
  });

  it('an approved settlement lapses when the pay-by date passes without the money', async () => {
    const core = await waiverCoreOn(kind);
    await core.signInAs(core.officer);
    const settle = (loanId: number) =>
      core.invoke('waivers:propose', {
        borrowerId: core.borrowerId,
        loanId,
        kind: 'settlement',
        settlePayFen: 2_800_000,
        payBy: '2026-05-31',
        reason: '一次性结清',
      });
    const unpaid = expectOk(await settle(core.loanId)).id;
    const paid = expectOk(await settle(core.secondLoanId)).id;
    for (const account of [null, core.auditor] as const) {
      if (account) await core.signInAs(account);
      else await core.signInAsManager();
      for (const id of [unpaid, paid])
        expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    }
    // The second loan's borrower pays ¥28,000.00 on the 30th in two transfers; the first pays
    // ¥27,999.99 (one fen short) on the 31st.
    const pay = (loanId: number, paidOn: string, amountFen: number) =>
      insertImportedPaymentOn(core.app.engine, {
        borrowerId: core.borrowerId,
        loanId,
        paidOn,
        amountFen,
        at: new Date('2026-06-01T00:00:00.000Z'),
      });
    await pay(core.secondLoanId, '2026-05-30', 2_000_000);
    await pay(core.secondLoanId, '2026-05-30', 800_000);
    await pay(core.loanId, '2026-05-31', 2_799_999);
    core.setToday('2026-05-31');
    const onTheDay = expectOk(await core.invoke('waivers:list', { borrowerId: core.borrowerId }));
    expect(onTheDay.map((w) => w.status)).toEqual(['approved', 'approved']);
    core.setToday('2026-06-01');
    const after = expectOk(await core.invoke('waivers:list', { borrowerId: core.borrowerId }));
    expect(after.map((w) => [w.id, w.status])).toEqual([
      [paid, 'approved'],
      [unpaid, 'lapsed'],
    ]);
    expect((await actionsOn(core)).filter((a) => a === 'waiver.lapse')).toHaveLength(1);
  });

  it('refuses to approve a settlement whose pay-by date has passed', async () => {
    const core = await waiverCoreOn(kind);
    await core.signInAs(core.officer);
    const { id } = expectOk(
      await core.invoke('waivers:propose', {
        borrowerId: core.borrowerId,
        loanId: core.loanId,
        kind: 'settlement',
        settlePayFen: 2_800_000,
        payBy: '2026-05-25',
        reason: '一次性结清',
      }),
    );
    await core.signInAsManager();
    core.setToday('2026-05-26');
    const error = expectError(await core.invoke('waivers:approve', { id, note: '' }), 'CONFLICT');
    expect(error.fields).toEqual({ _: 'v.waiver.payByPast' });
    // Still undecided: it can be rejected or withdrawn and proposed again.
    expect(expectOk(await core.invoke('waivers:withdraw', { id, reason: '重新协商' })).status).toBe(
      'withdrawn',
    );
  });

  it('prints the agreement only once both approvals are in', async () => {
    const core = await waiverCoreOn(kind);
    const id = await proposedByOfficer(core);
    const early = expectError(
      await core.invoke('waivers:stageAgreement', { id, lang: 'zh' }),
      'CONFLICT',
    );
    expect(early.fields).toEqual({ _: 'e.waiver.notApproved' });
    await core.signInAsManager();
    expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    await core.signInAs(core.auditor);
    expectOk(await core.invoke('waivers:approve', { id, note: '' }));
    await core.signInAs(core.officer);
    const { jobId } = expectOk(await core.invoke('waivers:stageAgreement', { id, lang: 'zh' }));
    const { documents } = expectOk(await core.invoke('print:job', { jobId }));
    const doc = documents[0]!;
    expect(doc.kind).toBe('waiverAgreement');
    if (doc.kind !== 'waiverAgreement') return;
    expect(doc.referenceNo).toMatch(/-JM-000001$/);
    expect(doc.borrower.maskedId).not.toMatch(/\d{17}/);
    expect(doc.waiver.approvals.map((a) => a.name)).toEqual(['王建国', '孙慧']);
  });

  it('a proposal from a visit record is listed with the record', async () => {
    const core = await waiverCoreOn(kind);
    await core.signInAs(core.officer);
    const visitId = await core.visit();
    const saved = expectOk(
      await core.invoke('records:record', {
        visitId,
        date: '2026-05-20',
        start: '09:05',
        end: '09:50',
        staffIds: [core.officer.staffId, core.partner.staffId],
        met: 'borrower',
        outcome: 'refused',
        borrowerWords: '罚息太多，还不起。',
        situation: { livelihood: '务农', householdSize: 4 },
        checklist: {
          staffCardsShown: true,
          rightsExplained: true,
          noThirdPartyDisclosure: true,
          recorded: true,
          recordingRef: 'REC-1',
        },
        nextAction: '',
        followUpOn: null,
      }),
    );
    const recordId = saved.effective.id;
    expectOk(
      await core.invoke('waivers:propose', penaltyWaiver(core, { visitRecordId: recordId })),
    );
    const listed = expectOk(await core.invoke('waivers:list', { visitRecordId: recordId }));
    expect(listed.map((w) => w.visitRecordId)).toEqual([recordId]);
  });
});

/** On both engines: waivers-engines.test.ts does not anonymise. */
describe.each(engineKinds)('waivers and anonymisation on %s', (kind) => {
  it('an anonymised borrower’s waivers keep their amounts and approvers, not their words', async () => {
    const core = await waiverCoreOn(kind);
    const id = await proposedByOfficer(core);
    await core.signInAs(core.auditor);
    expectOk(await core.invoke('waivers:reject', { id, reason: '张秀英的住院证明不全' }));
    await core.app.write((tx) => redactBorrowerTables(tx, [core.borrowerId]));
    expect(
      await core.app.engine.db
        .selectFrom('waivers')
        .select(['reason', 'close_reason', 'waived_fen', 'status'])
        .where('id', '=', id)
        .executeTakeFirst(),
    ).toEqual({
      reason: '（已匿名）',
      close_reason: '（已匿名）',
      waived_fen: 15_000,
      status: 'rejected',
    });
  });
});
