import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordDraft } from '../../../electron/shared/schemas/records-views';
import { draftDefaults } from '../../../renderer/src/features/records/form-values';
import { OutcomeForm } from '../../../renderer/src/features/records/OutcomeForm';
import { fakeBridge, renderScreen } from '../support';

const draft: RecordDraft = {
  visitId: 7,
  borrowerId: 3,
  borrowerName: '张秀英',
  date: '2026-05-20',
  start: '09:00',
  end: '10:00',
  status: 'notified',
  staff: [
    { id: 2, staffNo: 'C101', name: '李明' },
    { id: 3, staffNo: 'C102', name: '赵强' },
  ],
  loans: [{ id: 11, loanNo: 'QS-2025-0001', overdueFen: 320000 }],
  overdueFen: 320000,
  activeStaff: [
    { id: 1, staffNo: 'M001', name: '王建国' },
    { id: 2, staffNo: 'C101', name: '李明' },
    { id: 3, staffNo: 'C102', name: '赵强' },
  ],
  recordId: null,
};

function renderForm(onSaved = vi.fn()) {
  renderScreen(
    <OutcomeForm
      mode="record"
      draft={draft}
      defaults={draftDefaults(draft, '2026-05-20')}
      onSaved={onSaved}
      onCancel={() => {}}
    />,
  );
  return onSaved;
}

async function chooseOutcome(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole('combobox', { name: /走访结果|Outcome/ }));
  await user.click(await screen.findByRole('option', { name }));
}

async function confirmChecklist(user: ReturnType<typeof userEvent.setup>) {
  for (const label of [
    '已出示工作证',
    '已告知借款人的权利（查验证件、拒绝入户、投诉渠道）',
    '未向第三人透露债务信息',
    '全程录音录像',
  ]) {
    await user.click(screen.getByLabelText(label));
  }
  await user.type(screen.getByLabelText('录音录像编号'), 'REC-0520-01');
}

afterEach(async () => {
  await i18next.changeLanguage('zh-CN');
});

describe('the visit outcome form', () => {
  it('names every missing choice and unconfirmed check, in Chinese, and calls nothing', async () => {
    const { calls } = fakeBridge({});
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: '保存记录' }));
    expect(await screen.findAllByText('必填')).toHaveLength(2);
    expect(screen.getAllByText('须确认此项才能保存')).toHaveLength(4);
    expect(screen.getByText('请填写录音录像编号')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('shows the same messages in English', async () => {
    fakeBridge({});
    await i18next.changeLanguage('en');
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    expect(await screen.findAllByText('Must be confirmed before saving')).toHaveLength(4);
    expect(
      screen.getByText('Enter the reference of the audio/video recording'),
    ).toBeInTheDocument();
  });

  it('shows the section the outcome needs and checks it: a promise needs an amount and a date', async () => {
    fakeBridge({});
    const user = userEvent.setup();
    renderForm();
    expect(screen.queryByRole('region', { name: '承诺还款' })).not.toBeInTheDocument();
    await chooseOutcome(user, '承诺还款');
    const promise = screen.getByRole('region', { name: '承诺还款' });
    await user.type(within(promise).getByLabelText('金额（元）'), '五百');
    await user.click(screen.getByRole('button', { name: '保存记录' }));
    expect(await within(promise).findByText('金额格式不正确')).toBeInTheDocument();
    expect(within(promise).getByText('日期格式应为 YYYY-MM-DD')).toBeInTheDocument();
    // Nobody met cannot promise anything.
    await user.click(screen.getByLabelText('未见到任何人'));
    await user.click(screen.getByRole('button', { name: '保存记录' }));
    expect(await screen.findByText('走访结果与“见到何人”不符')).toBeInTheDocument();
  });

  // One staff member alone is saved as it happened and flagged by the core (issue 15); nobody is not.
  it('asks who went when nobody is ticked', async () => {
    const { calls } = fakeBridge({});
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByLabelText('赵强（C102）'));
    await user.click(screen.getByLabelText('李明（C101）'));
    await user.click(screen.getByRole('button', { name: '保存记录' }));
    const who = screen.getByRole('group', { name: /实际参加走访的员工/ });
    expect(await within(who).findByText('必填')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('sends a complete record with amounts in fen, and shows the core’s field errors', async () => {
    let answer: 'fail' | 'ok' = 'fail';
    const { calls } = fakeBridge({
      'records:record': () =>
        answer === 'fail'
          ? {
              ok: false,
              error: {
                code: 'VALIDATION',
                message: 'future',
                fields: { date: 'v.notFuture' },
              },
            }
          : { ok: true, data: { effective: { id: 1 }, history: [] } },
    });
    const user = userEvent.setup();
    const onSaved = renderForm();
    await user.click(screen.getByLabelText('借款人本人'));
    await chooseOutcome(user, '部分还款');
    const payment = screen.getByRole('region', { name: '现场收款' });
    await user.type(within(payment).getByLabelText('金额（元）'), '1,200.50');
    await user.type(screen.getByLabelText('借款人原话'), '先还一部分');
    await confirmChecklist(user);
    // Ctrl+Enter saves from anywhere in the form.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText('不能晚于今天')).toBeInTheDocument();
    expect(screen.getByText('输入有误，请检查标出的字段')).toBeInTheDocument();
    expect(calls[0]).toMatchObject({
      channel: 'records:record',
      input: {
        visitId: 7,
        staffIds: [2, 3],
        met: 'borrower',
        outcome: 'partial_payment',
        borrowerWords: '先还一部分',
        payment: { amountFen: 120050, method: 'cash', loanId: 11 },
        promise: null,
        plan: null,
        checklist: { recorded: true, recordingRef: 'REC-0520-01' },
      },
    });
    answer = 'ok';
    await user.click(screen.getByRole('button', { name: '保存记录' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });
});
