import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import { waiverProposeInput } from '../../../electron/shared/schemas/waivers';
import { caseExitInput } from '../../../electron/shared/schemas/case-exits';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { verifyChain } from '../../../electron/core/audit/chain';
import { detailsOpener } from '../../../electron/core/audit/seal';
import { exitCase, loadExitInForce, reopenCase } from '../../../electron/core/cases/exits';
import type { Engine } from '../../../electron/core/db/engine';
import { waiverAgreementDocument } from '../../../electron/core/waivers/print';
import { waiverListFor } from '../../../electron/core/waivers/queries';
import { loadWaitingFor, loadWaiverRows } from '../../../electron/core/waivers/read';
import {
  approveWaiver,
  lapseSettlements,
  proposeWaiver,
  rejectWaiver,
  withdrawWaiver,
} from '../../../electron/core/waivers/service';
import { loadWaiverSettings, saveWaiverSettings } from '../../../electron/core/waivers/settings';
import { engineKinds, type EngineKind } from '../support/engines';
import { branch, desk, NOW, testEngines } from '../planning/engine-desk';

/**
 * Waivers, settlements and case exits on both engines (issue 19): each action's rows, amounts
 * and audit rows, and its refusals, alike on SQLite and PostgreSQL. Today is Monday 2 March
 * 2026, 08:00 in Shanghai.
 *
 * Borrower 0 has loan L-1 (¥30,000.00 principal outstanding, ¥200.00 overdue interest, ¥150.00
 * penalty: 3,035,000 fen) and loan L-2 (the same without the penalty: 3,020,000 fen); borrower
 * 1 has loan L-3 (¥10,000.00, ¥80.00 interest, ¥60.00 penalty).
 */

const engineOn = testEngines();
const AT = NOW.toISOString();

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return `${error.code} ${Object.values(error.fields ?? {})}`;
    throw error;
  }
  return 'accepted';
}

/** The branch, its officers, a manager, the auditor, a second manager and the three loans. */
async function waiverBranch(kind: EngineKind) {
  const { engine } = await engineOn(kind);
  const db = engine.db;
  await db
    .insertInto('branch')
    .values({
      id: 1,
      name: '青山支行',
      code: 'QS001',
      address: '青山镇人民路1号',
      phone: '0571-12345678',
      complaint_hotline: '0571-12345679',
      time_zone: 'Asia/Shanghai',
      updated_at: AT,
    })
    .execute();
  const { staffIds, borrowerIds } = await branch(engine, 2);
  const [officerId, partnerId] = staffIds as [number, number];
  const [debtor, leaving] = borrowerIds as [number, number];
  const more = await db
    .insertInto('staff')
    .values(
      [
        ['M001', '王经理', 'manager'],
        ['A001', '孙审计', 'auditor'],
        ['M002', '周副经理', 'manager'],
      ].map(([staffNo, name, role]) => ({
        staff_no: staffNo!,
        name: name!,
        role: role as Role,
        created_at: AT,
        updated_at: AT,
      })),
    )
    .returning('id')
    .execute();
  const [managerId, auditorId, deputyId] = more.map((s) => s.id) as [number, number, number];
  const loan = async (loanNo: string, borrowerId: number, owed: [number, number, number]) => {
    const { id } = await db
      .insertInto('loans')
      .values({
        loan_no: loanNo,
        borrower_id: borrowerId,
        principal_fen: 5_000_000,
        disbursed_on: '2025-01-01',
        outstanding_principal_fen: owed[0],
        overdue_principal_fen: 300_000,
        overdue_interest_fen: owed[1],
        penalty_fen: owed[2],
        overdue_since: '2026-01-15',
        as_of: '2026-03-01',
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  };
  const loans = {
    l1: await loan('L-1', debtor, [3_000_000, 20_000, 15_000]),
    l2: await loan('L-2', debtor, [3_000_000, 20_000, 0]),
    l3: await loan('L-3', leaving, [1_000_000, 8_000, 6_000]),
  };
  const on = (staffId: number, role: Role, day?: string): Visitdesk =>
    day === undefined
      ? desk(engine, staffId, role)
      : ({
          ...desk(engine, staffId, role),
          now: () => new Date(`${day}T02:00:00.000Z`),
        } as Visitdesk);
  return {
    engine,
    db,
    debtor,
    leaving,
    loans,
    ids: { officerId, managerId, auditorId, deputyId },
    on,
    officer: on(officerId, 'officer'),
    partner: on(partnerId, 'officer'),
    manager: on(managerId, 'manager'),
    auditor: on(auditorId, 'auditor'),
    deputy: on(deputyId, 'manager'),
  };
}

const propose = (app: Visitdesk, input: Record<string, unknown>) =>
  proposeWaiver(app, waiverProposeInput.parse(input));

/** The audit rows: action, entity id, who, and the details opened. */
async function auditRows(engine: Engine) {
  const rows = await engine.db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'staff_id', 'before', 'after'])
    .orderBy('id')
    .execute();
  const open = await detailsOpener(
    engine.db,
    rows.flatMap((r) => [r.before, r.after]),
  );
  const details = (text: string | null): unknown => {
    if (text === null) return null;
    const opened = open(text);
    return opened.state === 'anonymised' ? 'anonymised' : JSON.parse(opened.text);
  };
  return rows.map((r) => ({
    action: r.action,
    entityId: r.entity_id,
    staffId: r.staff_id,
    before: details(r.before),
    after: details(r.after),
  }));
}

describe.each(engineKinds)('waivers on %s', (kind) => {
  it('a penalty waiver approved by two different approvers, by the branch’s rule, with its refusals', async () => {
    const b = await waiverBranch(kind);
    const { officerId, managerId, auditorId, deputyId } = b.ids;
    const penalty = {
      borrowerId: b.debtor,
      loanId: b.loans.l1,
      kind: 'penalty',
      waivedFen: 15_000,
      reason: '借款人因病住院，罚息全免',
    };
    const proposed = await propose(b.officer, penalty);
    expect(proposed).toMatchObject({
      kind: 'penalty',
      status: 'proposed',
      loanNo: 'L-1',
      principalOwedFen: 3_000_000,
      interestOwedFen: 20_000,
      penaltyOwedFen: 15_000,
      // 3,000,000 + 20,000 + 15,000.
      owedFen: 3_035_000,
      waivedFen: 15_000,
      settlePayFen: null,
      payBy: null,
      proposedBy: { id: officerId, name: '员工O001' },
      proposedAt: AT,
      proposedOn: '2026-03-02',
      approvals: [],
      mayApprove: false,
      mayReject: false,
      mayWithdraw: true,
    });
    const id = proposed.id;

    // One undecided proposal per loan; the proposer approves nothing; more than owed is refused.
    expect(await failure(propose(b.officer, { ...penalty, kind: 'interest' }))).toBe(
      'CONFLICT v.waiver.openExists',
    );
    expect(await failure(approveWaiver(b.officer, { id, note: '' }))).toBe(
      'FORBIDDEN e.waiver.ownProposal',
    );
    expect(
      await failure(propose(b.officer, { ...penalty, loanId: b.loans.l2, waivedFen: 1 })),
    ).toBe('VALIDATION v.waiver.overOwed');
    expect(await failure(propose(b.officer, { ...penalty, loanId: b.loans.l3 }))).toBe(
      'VALIDATION v.waiver.loan',
    );

    // Awaiting the manager and the auditor alike; not the officer.
    expect((await loadWaitingFor(b.db, { staffId: managerId, role: 'manager' })).length).toBe(1);
    expect((await loadWaitingFor(b.db, { staffId: auditorId, role: 'auditor' })).length).toBe(1);
    expect(await loadWaitingFor(b.db, { staffId: officerId, role: 'officer' })).toEqual([]);

    const first = await approveWaiver(b.manager, { id, note: '同意' });
    expect([first.status, first.approvedOn]).toEqual(['first_approved', null]);
    expect(await failure(approveWaiver(b.manager, { id, note: '' }))).toBe(
      'FORBIDDEN e.waiver.twice',
    );
    // The auditor is the branch's second approver: a second manager is not.
    expect(await failure(approveWaiver(b.deputy, { id, note: '' }))).toBe(
      'FORBIDDEN e.waiver.role',
    );
    const approved = await approveWaiver(b.auditor, { id, note: '' });
    expect(approved).toMatchObject({ status: 'approved', approvedOn: '2026-03-02' });
    expect(approved.approvals.map((a) => [a.staffId, a.name, a.role, a.at, a.day, a.note])).toEqual(
      [
        [managerId, '王经理', 'manager', AT, '2026-03-02', '同意'],
        [auditorId, '孙审计', 'auditor', AT, '2026-03-02', ''],
      ],
    );
    expect(await failure(approveWaiver(b.deputy, { id, note: '' }))).toBe(
      'CONFLICT e.waiver.notOpen',
    );

    const agreement = await waiverAgreementDocument(b.officer, id, 'zh');
    expect(agreement).toMatchObject({
      kind: 'waiverAgreement',
      referenceNo: 'QS001-JM-000001',
      printedAt: '2026-03-02T08:00',
      borrower: { name: '借款人0' },
      loan: {
        loanNo: 'L-1',
        principalFen: 5_000_000,
        disbursedOn: '2025-01-01',
        maturityOn: null,
      },
      waiver: { id, status: 'approved', waivedFen: 15_000 },
    });

    // The manager makes a manager the second approver: then two different managers approve.
    expect(await loadWaiverSettings(b.db)).toEqual({ secondApproverRole: 'auditor' });
    expect(await saveWaiverSettings(b.manager, { secondApproverRole: 'manager' })).toEqual({
      secondApproverRole: 'manager',
    });
    const interest = await propose(b.officer, {
      ...penalty,
      loanId: b.loans.l2,
      kind: 'interest',
      waivedFen: 5_000,
    });
    await approveWaiver(b.manager, { id: interest.id, note: '' });
    expect(await failure(approveWaiver(b.auditor, { id: interest.id, note: '' }))).toBe(
      'FORBIDDEN e.waiver.role',
    );
    const byManagers = await approveWaiver(b.deputy, { id: interest.id, note: '复核同意' });
    expect(byManagers.approvals.map((a) => [a.name, a.role])).toEqual([
      ['王经理', 'manager'],
      ['周副经理', 'manager'],
    ]);

    const rows = await loadWaiverRows(b.db, { borrowerId: b.debtor }, null);
    expect(rows.map((r) => [r.id, r.kind, r.status, r.owedFen, r.waivedFen])).toEqual([
      [interest.id, 'interest', 'approved', 3_020_000, 5_000],
      [id, 'penalty', 'approved', 3_035_000, 15_000],
    ]);
    expect(rows[1]).toEqual({ ...approved, mayWithdraw: false });

    const audit = await auditRows(b.engine);
    expect(audit.map((a) => [a.action, a.entityId, a.staffId])).toEqual([
      ['waiver.propose', String(id), officerId],
      ['waiver.approveFirst', String(id), managerId],
      ['waiver.approve', String(id), auditorId],
      ['waivers.settings.update', 'waiverRules', managerId],
      ['waiver.propose', String(interest.id), officerId],
      ['waiver.approveFirst', String(interest.id), managerId],
      ['waiver.approve', String(interest.id), deputyId],
    ]);
    expect(audit[0]!.after).toEqual({
      kind: 'penalty',
      loanNo: 'L-1',
      owedFen: 3_035_000,
      principalOwedFen: 3_000_000,
      interestOwedFen: 20_000,
      penaltyOwedFen: 15_000,
      waivedFen: 15_000,
      settlePayFen: null,
      payBy: null,
      reason: '借款人因病住院，罚息全免',
      status: 'proposed',
      visitRecordId: null,
      approvals: [],
      closeReason: '',
    });
    expect(audit[2]!.after).toMatchObject({
      status: 'approved',
      approvals: [
        { staffId: managerId, role: 'manager', at: AT },
        { staffId: auditorId, role: 'auditor', at: AT },
      ],
      note: '',
    });
    expect([audit[3]!.before, audit[3]!.after]).toEqual([
      { secondApproverRole: 'auditor' },
      { secondApproverRole: 'manager' },
    ]);
    expect((await verifyChain(b.db, kind)).ok).toBe(true);
  });

  it('a rejection, a withdrawal, and a case that leaves and comes back', async () => {
    const b = await waiverBranch(kind);
    const { officerId, managerId, auditorId } = b.ids;
    const onL3 = (kindOf: string, waivedFen: number) =>
      propose(b.officer, {
        borrowerId: b.leaving,
        loanId: b.loans.l3,
        kind: kindOf,
        waivedFen,
        reason: '家中遭灾',
      });

    const rejected = await onL3('interest', 8_000);
    expect(await failure(rejectWaiver(b.officer, { id: rejected.id, reason: '不同意' }))).toBe(
      'FORBIDDEN e.waiver.ownProposal',
    );
    expect(await failure(rejectWaiver(b.partner, { id: rejected.id, reason: '不同意' }))).toBe(
      'FORBIDDEN e.waiver.role',
    );
    expect(
      await rejectWaiver(b.auditor, { id: rejected.id, reason: '须附收入证明' }),
    ).toMatchObject({
      status: 'rejected',
      closedBy: '孙审计',
      closedAt: AT,
      closeReason: '须附收入证明',
    });

    const withdrawn = await onL3('penalty', 6_000);
    expect(await failure(withdrawWaiver(b.partner, { id: withdrawn.id, reason: '' }))).toBe(
      'FORBIDDEN ',
    );
    expect(
      await withdrawWaiver(b.officer, { id: withdrawn.id, reason: '借款人已筹到钱' }),
    ).toMatchObject({ status: 'withdrawn', closedBy: '员工O001', closeReason: '借款人已筹到钱' });

    // Awaiting the auditor when the case leaves: withdrawn with the exit as the reason.
    const awaiting = await onL3('penalty', 6_000);
    await approveWaiver(b.manager, { id: awaiting.id, note: '同意' });
    const visits = await b.db
      .insertInto('visits')
      .values(
        ['2026-02-27', '2026-03-05'].map((date) => ({
          borrower_id: b.leaving,
          date,
          start_time: '09:00',
          end_time: '10:00',
          purpose: 'reminder' as const,
          planned_by: officerId,
          planned_at: AT,
          updated_at: AT,
        })),
      )
      .returning('id')
      .execute();
    const exit = (more: Record<string, unknown> = {}) =>
      exitCase(
        b.manager,
        caseExitInput.parse({
          borrowerId: b.leaving,
          kind: 'litigation',
          exitOn: '2026-03-02',
          reference: '(2026)浙0102民初1234号',
          ...more,
        }),
      );
    expect(await failure(exit({ exitOn: '2026-03-03' }))).toBe('VALIDATION v.case.exitInFuture');
    expect(await exit()).toEqual({
      promisesClosed: 0,
      plansClosed: 0,
      waiversClosed: 1,
      followUpsClosed: 0,
      visitsCancelled: 1,
    });
    expect(await failure(exit())).toBe('CONFLICT v.case.alreadyClosed');
    expect(await loadExitInForce(b.db, b.leaving)).toEqual({
      kind: 'litigation',
      exitOn: '2026-03-02',
      reference: '(2026)浙0102民初1234号',
      note: '',
      setByName: '王经理',
      setAt: AT,
    });
    const reason =
      '案件于 2026-03-02 退出上门催收：转入诉讼（文号 (2026)浙0102民初1234号）' +
      ' / Case left doorstep collection on 2026-03-02: passed to litigation (ref. (2026)浙0102民初1234号)';
    const statuses = () =>
      b.db
        .selectFrom('waivers')
        .select(['id', 'status', 'closed_by', 'closed_at', 'close_reason'])
        .orderBy('id')
        .execute();
    expect(await statuses()).toEqual([
      {
        id: rejected.id,
        status: 'rejected',
        closed_by: auditorId,
        closed_at: AT,
        close_reason: '须附收入证明',
      },
      {
        id: withdrawn.id,
        status: 'withdrawn',
        closed_by: officerId,
        closed_at: AT,
        close_reason: '借款人已筹到钱',
      },
      {
        id: awaiting.id,
        status: 'withdrawn',
        closed_by: managerId,
        closed_at: AT,
        close_reason: reason,
      },
    ]);
    const visitStatus = await b.db
      .selectFrom('visits')
      .select(['id', 'status', 'status_note'])
      .orderBy('id')
      .execute();
    expect(visitStatus).toEqual([
      // The past stays as it was; the visit still to come is cancelled with the exit.
      { id: visits[0]!.id, status: 'planned', status_note: '' },
      { id: visits[1]!.id, status: 'cancelled', status_note: 'case_exit:litigation' },
    ]);
    expect(
      await b.db
        .selectFrom('borrowers')
        .select(['status', 'closed_at'])
        .where('id', '=', b.leaving)
        .executeTakeFirst(),
    ).toEqual({ status: 'closed', closed_at: AT });
    expect(await failure(onL3('penalty', 6_000))).toBe('CONFLICT v.waiver.caseExited');
    expect(await failure(approveWaiver(b.auditor, { id: awaiting.id, note: '' }))).toBe(
      'CONFLICT e.waiver.notOpen',
    );

    expect(
      await reopenCase(b.manager, { borrowerId: b.leaving, reason: '判决前和解，撤诉' }),
    ).toEqual({ id: b.leaving });
    expect(
      await failure(reopenCase(b.manager, { borrowerId: b.leaving, reason: '再次撤销' })),
    ).toBe('CONFLICT v.case.noExit');
    expect(await loadExitInForce(b.db, b.leaving)).toBeNull();
    expect(
      await b.db
        .selectFrom('borrowers')
        .select(['status', 'closed_at'])
        .where('id', '=', b.leaving)
        .executeTakeFirst(),
    ).toEqual({ status: 'active', closed_at: null });
    expect(
      await b.db
        .selectFrom('case_exits')
        .select(['kind', 'previous_status', 'reopened_by', 'reopened_at', 'reopen_reason'])
        .execute(),
    ).toEqual([
      {
        kind: 'litigation',
        previous_status: 'active',
        reopened_by: managerId,
        reopened_at: AT,
        reopen_reason: '判决前和解，撤诉',
      },
    ]);
    // Back on the doorstep: the withdrawn proposals stay withdrawn, a new one may be made.
    const again = await onL3('penalty', 6_000);
    expect((await statuses()).map((w) => w.status)).toEqual([
      'rejected',
      'withdrawn',
      'withdrawn',
      'proposed',
    ]);

    const audit = await auditRows(b.engine);
    expect(audit.map((a) => [a.action, a.entityId, a.staffId])).toEqual([
      ['waiver.propose', String(rejected.id), officerId],
      ['waiver.reject', String(rejected.id), auditorId],
      ['waiver.propose', String(withdrawn.id), officerId],
      ['waiver.withdraw', String(withdrawn.id), officerId],
      ['waiver.propose', String(awaiting.id), officerId],
      ['waiver.approveFirst', String(awaiting.id), managerId],
      ['waiver.withdraw', String(awaiting.id), managerId],
      ['case.exit', String(b.leaving), managerId],
      ['case.reopen', String(b.leaving), managerId],
      ['waiver.propose', String(again.id), officerId],
    ]);
    expect(audit[1]!.after).toMatchObject({ status: 'rejected', closeReason: '须附收入证明' });
    expect([audit[6]!.before, audit[6]!.after]).toEqual([
      { status: 'first_approved' },
      { status: 'withdrawn', closeReason: reason, caseExit: 'litigation' },
    ]);
    expect([audit[7]!.before, audit[7]!.after]).toEqual([
      { status: 'active' },
      {
        status: 'closed',
        kind: 'litigation',
        exitOn: '2026-03-02',
        reference: '(2026)浙0102民初1234号',
        note: '',
        promisesClosed: 0,
        plansClosed: 0,
        waiversClosed: 1,
        followUpsClosed: 0,
        visitsCancelled: 1,
      },
    ]);
    expect([audit[8]!.before, audit[8]!.after]).toEqual([
      { status: 'closed', kind: 'litigation' },
      { status: 'active', reason: '判决前和解，撤诉' },
    ]);
    expect((await verifyChain(b.db, kind)).ok).toBe(true);
  });

  it('an approved settlement lapses once its pay-by date has passed without the money', async () => {
    const b = await waiverBranch(kind);
    const { officerId, managerId, auditorId } = b.ids;
    const settle = async (loanId: number, settlePayFen: number) => {
      const { id } = await propose(b.officer, {
        borrowerId: b.debtor,
        loanId,
        kind: 'settlement',
        settlePayFen,
        payBy: '2026-03-10',
        reason: '一次性结清',
      });
      await approveWaiver(b.manager, { id, note: '' });
      return approveWaiver(b.auditor, { id, note: '' });
    };
    expect(
      await failure(
        propose(b.officer, {
          borrowerId: b.debtor,
          loanId: b.loans.l2,
          kind: 'settlement',
          settlePayFen: 3_020_000,
          payBy: '2026-03-10',
          reason: '一次性结清',
        }),
      ),
    ).toBe('VALIDATION v.waiver.payNotLess');
    // L-2: 3,020,000 owed − 2,900,000 to pay = 120,000 waived.
    const short = await settle(b.loans.l2, 2_900_000);
    // L-1: 3,035,000 owed − 3,000,000 to pay = 35,000 waived.
    const paid = await settle(b.loans.l1, 3_000_000);
    expect([short, paid].map((w) => [w.status, w.owedFen, w.settlePayFen, w.waivedFen])).toEqual([
      ['approved', 3_020_000, 2_900_000, 120_000],
      ['approved', 3_035_000, 3_000_000, 35_000],
    ]);

    // L-2: ¥5,000.00 the day before the proposal and a fen the day after the pay-by date do not
    // count; ¥28,999.99 on the 9th is one fen short. L-1: ¥20,000.00 on the 5th and ¥10,000.00
    // on the pay-by day itself are the whole ¥30,000.00.
    await b.db
      .insertInto('payments')
      .values(
        (
          [
            [b.loans.l2, '2026-03-01', 500_000],
            [b.loans.l2, '2026-03-09', 2_899_999],
            [b.loans.l2, '2026-03-11', 1],
            [b.loans.l1, '2026-03-05', 2_000_000],
            [b.loans.l1, '2026-03-10', 1_000_000],
          ] as const
        ).map(([loanId, paidOn, amountFen]) => ({
          loan_id: loanId,
          borrower_id: b.debtor,
          paid_on: paidOn,
          amount_fen: amountFen,
          source: 'import' as const,
          created_at: '2026-03-12T00:00:00.000Z',
        })),
      )
      .execute();

    // On the pay-by day nothing lapses; the day after, the short one does, listed as lapsed.
    expect(await lapseSettlements(b.on(officerId, 'officer', '2026-03-10'))).toBe(0);
    const nextDay = b.on(officerId, 'officer', '2026-03-11');
    const listed = await waiverListFor(nextDay, { borrowerId: b.debtor }, nextDay.session!);
    expect(listed.map((w) => [w.id, w.status, w.closedAt, w.closeReason])).toEqual([
      [paid.id, 'approved', null, ''],
      [short.id, 'lapsed', '2026-03-11T02:00:00.000Z', 'paid 2899999 of 2900000 by 2026-03-10'],
    ]);
    expect(await lapseSettlements(nextDay)).toBe(0);
    expect(
      await b.db
        .selectFrom('waivers')
        .select(['id', 'status', 'waived_fen', 'settle_pay_fen', 'pay_by', 'approved_on'])
        .orderBy('id')
        .execute(),
    ).toEqual([
      {
        id: short.id,
        status: 'lapsed',
        waived_fen: 120_000,
        settle_pay_fen: 2_900_000,
        pay_by: '2026-03-10',
        approved_on: '2026-03-02',
      },
      {
        id: paid.id,
        status: 'approved',
        waived_fen: 35_000,
        settle_pay_fen: 3_000_000,
        pay_by: '2026-03-10',
        approved_on: '2026-03-02',
      },
    ]);

    const audit = await auditRows(b.engine);
    expect(audit.map((a) => [a.action, a.entityId, a.staffId])).toEqual([
      ['waiver.propose', String(short.id), officerId],
      ['waiver.approveFirst', String(short.id), managerId],
      ['waiver.approve', String(short.id), auditorId],
      ['waiver.propose', String(paid.id), officerId],
      ['waiver.approveFirst', String(paid.id), managerId],
      ['waiver.approve', String(paid.id), auditorId],
      ['waiver.lapse', String(short.id), officerId],
    ]);
    expect(audit[0]!.after).toMatchObject({
      kind: 'settlement',
      owedFen: 3_020_000,
      waivedFen: 120_000,
      settlePayFen: 2_900_000,
      payBy: '2026-03-10',
    });
    expect([audit[6]!.before, audit[6]!.after]).toEqual([
      { status: 'approved' },
      { status: 'lapsed', payBy: '2026-03-10', paidFen: 2_899_999, settlePayFen: 2_900_000 },
    ]);
    expect((await verifyChain(b.db, kind)).ok).toBe(true);
  });
});
