import { act, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoanView } from '../../../electron/shared/schemas/case-page';
import type { CasePage } from '../../../electron/shared/schemas/cases';
import type { WaiverRow } from '../../../electron/shared/schemas/waivers';
import { CaseActions } from '../../../renderer/src/features/cases/CaseActions';
import { WaiversTable } from '../../../renderer/src/features/waivers/WaiversTable';
import { WaiverSettingsCard } from '../../../renderer/src/features/waivers/WaiverSettingsCard';
import { WaiverTasksCard } from '../../../renderer/src/features/waivers/WaiverTasksCard';
import { answer, branchStaff, casePage } from '../cases/case-fixtures';
import { pickerField, typeInPicker } from '../pickers';
import { fakeBridge, renderAs } from '../support';

/** Waivers and settlements on screen: the proposal form, the list's buttons, tasks, settings. */

const loan: LoanView = {
  id: 11,
  loanNo: 'QS-2025-0001',
  product: '农户小额信用贷款',
  principalFen: 5_000_000,
  disbursedOn: '2025-01-01',
  maturityOn: '2026-12-31',
  outstandingPrincipalFen: 3_000_000,
  overduePrincipalFen: 300_000,
  overdueInterestFen: 20_000,
  penaltyFen: 15_000,
  overdueFen: 335_000,
  overdueSince: '2026-02-01',
  dpd: 108,
  bucket: 'M4+',
  status: 'active',
  asOf: '2026-05-01',
  classification: null,
};
const page: CasePage = { ...casePage, loans: [loan] };

const row = (extra: Partial<WaiverRow> = {}): WaiverRow => ({
  id: 5,
  borrowerId: casePage.borrower.id,
  borrowerName: '张三',
  loanId: 11,
  loanNo: 'QS-2025-0001',
  visitRecordId: null,
  kind: 'penalty',
  principalOwedFen: 3_000_000,
  interestOwedFen: 20_000,
  penaltyOwedFen: 15_000,
  owedFen: 3_035_000,
  waivedFen: 15_000,
  settlePayFen: null,
  payBy: null,
  reason: '借款人因病住院',
  status: 'proposed',
  proposedBy: { id: 2, name: '李明' },
  proposedAt: '2026-05-20T02:00:00.000Z',
  proposedOn: '2026-05-20',
  approvals: [],
  approvedOn: null,
  closedBy: null,
  closedAt: null,
  closeReason: '',
  mayApprove: true,
  mayReject: true,
  mayWithdraw: false,
  ...extra,
});

function bridge(extra: Record<string, (input: unknown) => unknown> = {}) {
  return fakeBridge({
    'staff:list': answer(branchStaff),
    'planning:calendar': answer({ visits: [], leave: [] }),
    ...(extra as Record<string, () => { ok: true; data: unknown }>),
  });
}

describe('proposing a waiver from the case page', () => {
  it('the officer proposes a penalty waiver: amount and reason required, sent in fen', async () => {
    const { calls } = bridge({ 'waivers:propose': answer(row()) });
    const user = userEvent.setup();
    const onChanged = vi.fn();
    renderAs('officer', <CaseActions page={page} onChanged={onChanged} onPlanned={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: '申请减免/和解' }));
    const form = await screen.findByRole('form', { name: '张三：申请减免或和解结清' });
    expect(within(form).getByRole('status')).toHaveTextContent(
      '所欠：本金 ¥30,000.00，利息 ¥200.00，罚息 ¥150.00，合计 ¥30,350.00',
    );
    await user.click(within(form).getByRole('button', { name: '提交申请' }));
    expect(await within(form).findByText('请填写大于零的金额')).toBeInTheDocument();
    expect(within(form).getByText('必填')).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'waivers:propose')).toHaveLength(0);

    await user.type(within(form).getByLabelText(/减免金额/), '150');
    await user.type(within(form).getByLabelText(/申请理由/), '借款人因病住院，罚息全免');
    await user.click(within(form).getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'waivers:propose')?.input).toEqual({
      borrowerId: casePage.borrower.id,
      loanId: 11,
      visitRecordId: null,
      kind: 'penalty',
      waivedFen: 15_000,
      settlePayFen: null,
      payBy: null,
      reason: '借款人因病住院，罚息全免',
    });
    expect(await screen.findByText('已提交，等待两人审批')).toBeInTheDocument();
  });

  it('a settlement: what the borrower pays and by when, the rest shown as waived', async () => {
    const { calls } = bridge({ 'waivers:propose': answer(row({ kind: 'settlement' })) });
    const user = userEvent.setup();
    const onChanged = vi.fn();
    renderAs('clerk', <CaseActions page={page} onChanged={onChanged} onPlanned={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: '申请减免/和解' }));
    const form = await screen.findByRole('form', { name: '张三：申请减免或和解结清' });
    await user.click(within(form).getByLabelText(/类型/));
    await user.click(await screen.findByRole('option', { name: '和解结清' }));
    await user.type(within(form).getByLabelText(/借款人还款金额/), '28,000');
    // ¥30,350.00 owed − ¥28,000.00 paid = ¥2,350.00 waived.
    expect(within(form).getByRole('status')).toHaveTextContent(
      '借款人还款 ¥28,000.00，减免 ¥2,350.00',
    );
    await user.type(within(form).getByLabelText(/申请理由/), '家庭遭灾，一次性结清');
    await user.click(within(form).getByRole('button', { name: '提交申请' }));
    // The pay-by date is required for a settlement.
    expect(await within(form).findByText('必填')).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'waivers:propose')).toHaveLength(0);
    await typeInPicker(user, pickerField(/还款期限/, form), '20270630');
    await user.click(within(form).getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'waivers:propose')?.input).toEqual({
      borrowerId: casePage.borrower.id,
      loanId: 11,
      visitRecordId: null,
      kind: 'settlement',
      waivedFen: null,
      settlePayFen: 2_800_000,
      payBy: '2027-06-30',
      reason: '家庭遭灾，一次性结清',
    });
  });

  it('shows the core’s refusal on the field: more than the penalty owed', async () => {
    bridge({
      'waivers:propose': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'too much',
          fields: { waivedFen: 'v.waiver.overOwed' },
        },
      }),
    });
    const user = userEvent.setup();
    renderAs('officer', <CaseActions page={page} onChanged={vi.fn()} onPlanned={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: '申请减免/和解' }));
    const form = await screen.findByRole('form', { name: '张三：申请减免或和解结清' });
    await user.type(within(form).getByLabelText(/减免金额/), '150.01');
    await user.type(within(form).getByLabelText(/申请理由/), '因病');
    await user.click(within(form).getByRole('button', { name: '提交申请' }));
    expect(await within(form).findByText('减免金额不能超过所欠金额')).toBeInTheDocument();
  });

  it('is not offered to the auditor, nor on a closed case', () => {
    bridge();
    renderAs('auditor', <CaseActions page={page} onChanged={vi.fn()} onPlanned={vi.fn()} />);
    expect(screen.queryByRole('button', { name: '申请减免/和解' })).toBeNull();
  });
});

describe('the list of proposals', () => {
  it('offers approve and reject as the core allows; a rejection needs its reason', async () => {
    const { calls } = bridge({
      'waivers:reject': answer(row({ status: 'rejected', closeReason: '缺证明' })),
    });
    const user = userEvent.setup();
    const onChanged = vi.fn();
    renderAs(
      'manager',
      <WaiversTable
        waivers={[
          row(),
          row({
            id: 6,
            status: 'approved',
            mayApprove: false,
            mayReject: false,
            approvals: [
              {
                staffId: 1,
                name: '王建国',
                staffNo: 'M001',
                role: 'manager',
                at: '2026-05-20T03:00:00.000Z',
                day: '2026-05-20',
                note: '',
              },
              {
                staffId: 9,
                name: '孙慧',
                staffNo: 'A301',
                role: 'auditor',
                at: '2026-05-21T03:00:00.000Z',
                day: '2026-05-21',
                note: '',
              },
            ],
          }),
        ]}
        label="减免与和解"
        onChanged={onChanged}
      />,
    );
    const proposed = screen.getByTestId('waiver-5');
    expect(proposed).toHaveTextContent('待审批');
    expect(within(proposed).queryByRole('button', { name: '打印协议' })).toBeNull();
    const approved = screen.getByTestId('waiver-6');
    expect(approved).toHaveTextContent('王建国（经理）2026-05-20孙慧（稽核）2026-05-21');
    expect(within(approved).getByRole('button', { name: '打印协议' })).toBeInTheDocument();
    expect(within(approved).queryByRole('button', { name: '批准' })).toBeNull();

    await user.click(within(proposed).getByRole('button', { name: '驳回' }));
    const form = await screen.findByRole('form', { name: '驳回 张三 的减免罚息申请' });
    await user.click(within(form).getByRole('button', { name: '驳回' }));
    expect(await within(form).findByText('必填')).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'waivers:reject')).toHaveLength(0);
    await user.type(within(form).getByLabelText(/驳回理由/), '缺证明');
    await user.click(within(form).getByRole('button', { name: '驳回' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'waivers:reject')?.input).toEqual({
      id: 5,
      reason: '缺证明',
    });
  });

  describe('at 1366 px', () => {
    afterEach(async () => {
      await act(() => i18next.changeLanguage('zh-CN'));
    });

    it('a settlement’s pay and date, and each approver and their day, take lines of their own', async () => {
      bridge();
      const approvals: WaiverRow['approvals'] = [
        {
          staffId: 1,
          name: '王建国',
          staffNo: 'M001',
          role: 'manager',
          at: '2026-05-21T03:00:00.000Z',
          day: '2026-05-21',
          note: '',
        },
      ];
      renderAs(
        'auditor',
        <WaiversTable
          waivers={[
            row({
              kind: 'settlement',
              waivedFen: 1_535_000,
              settlePayFen: 1_500_000,
              payBy: '2026-06-20',
              status: 'first_approved',
              approvals,
            }),
          ]}
          label="减免与和解"
          showBorrower
          onChanged={vi.fn()}
        />,
      );
      const settlement = screen.getByTestId('waiver-5');
      // Two lines, not 「¥15,000.00 / 2026-06-20」 on one.
      expect(within(settlement).getByText('¥15,000.00')).toBeInTheDocument();
      expect(within(settlement).getByText('2026-06-20')).toBeInTheDocument();
      expect(within(settlement).getByText('王建国（经理）')).toBeInTheDocument();
      expect(within(settlement).getByText('2026-05-21')).toBeInTheDocument();

      await act(() => i18next.changeLanguage('en'));
      // The approver in English punctuation.
      expect(within(settlement).getByText('王建国 (manager)')).toBeInTheDocument();
      expect(settlement.textContent).not.toMatch(/[（）]/);
    });
  });

  it('shows why a proposal was withdrawn, as when a case left doorstep collection', () => {
    bridge();
    const reason =
      '案件于 2026-05-19 退出上门催收：核销（文号 HX-2026-017）' +
      ' / Case left doorstep collection on 2026-05-19: written off (ref. HX-2026-017)';
    renderAs(
      'manager',
      <WaiversTable
        waivers={[
          row({
            status: 'withdrawn',
            closeReason: reason,
            mayApprove: false,
            mayReject: false,
          }),
        ]}
        label="减免与和解"
        onChanged={vi.fn()}
      />,
    );
    const withdrawn = screen.getByTestId('waiver-5');
    expect(withdrawn).toHaveTextContent(`借款人因病住院 — ${reason}`);
    expect(within(withdrawn).queryByRole('button', { name: '批准' })).toBeNull();
  });

  it('tells the approver the rule that refused them', async () => {
    bridge({
      'waivers:approve': () => ({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'no', fields: { _: 'e.waiver.twice' } },
      }),
    });
    const user = userEvent.setup();
    renderAs('manager', <WaiversTable waivers={[row()]} label="x" onChanged={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: '批准' }));
    const form = await screen.findByRole('form', { name: '批准 张三 的减免罚息申请' });
    await user.click(within(form).getByRole('button', { name: '批准' }));
    expect(await within(form).findByText('同一人不能给出两次审批')).toBeInTheDocument();
  });
});

describe('the approver’s tasks and the setting', () => {
  it('the auditor sees the proposals waiting for them', async () => {
    bridge({
      'waivers:awaitingMe': answer([row({ status: 'first_approved', borrowerName: '李秀兰' })]),
    });
    renderAs('auditor', <WaiverTasksCard />);
    const card = await screen.findByRole('region', { name: '待我审批的减免与和解' });
    expect(await within(card).findByText('李秀兰')).toBeInTheDocument();
    expect(within(card).getByText('待第二人审批')).toBeInTheDocument();
  });

  it('the manager sets two managers as the approvers', async () => {
    const { calls } = bridge({
      'waivers:settings': answer({ secondApproverRole: 'auditor' }),
      'waivers:saveSettings': answer({ secondApproverRole: 'manager' }),
    });
    const user = userEvent.setup();
    renderAs('manager', <WaiverSettingsCard />);
    const card = await screen.findByRole('form', { name: '减免与和解审批' });
    await user.click(within(card).getByLabelText(/第二审批人/));
    await user.click(await screen.findByRole('option', { name: '另一位经理（两位不同的经理）' }));
    await user.click(within(card).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'waivers:saveSettings')?.input).toEqual({
        secondApproverRole: 'manager',
      }),
    );
  });
});
