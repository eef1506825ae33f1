import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { violation, type Violation } from '../../../electron/shared/compliance';
import type { Role } from '../../../electron/shared/roles';
import type { StaffRow } from '../../../electron/shared/schemas/staff';
import { PlanVisitDialog } from '../../../renderer/src/features/planning/PlanVisitDialog';
import { pickerField, typeInPicker } from '../pickers';
import { fakeBridge, renderAs } from '../support';

const staffRow = (id: number, staffNo: string, name: string): StaffRow => ({
  id,
  staffNo,
  name,
  role: 'officer',
  phone: '',
  active: true,
  hasAccount: false,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
});
const staff = [staffRow(2, 'C001', '李明'), staffRow(3, 'C002', '赵芳')];

const lateEvening = violation('HOURS_OUTSIDE_ALLOWED', 'block', {
  start: '21:30',
  end: '22:00',
  allowedStart: '08:00',
  allowedEnd: '20:00',
});
const pastMidnight = violation('HOURS_OUTSIDE_LEGAL', 'legal', { start: '21:30', end: '22:30' });

function renderDialog(role: Role, draft: Parameters<typeof PlanVisitDialog>[0]['draft']) {
  const onPlanned = vi.fn();
  renderAs(
    role,
    <PlanVisitDialog draft={draft} staff={staff} onClose={() => {}} onPlanned={onPlanned} />,
  );
  return { onPlanned };
}

const caseRow = (id: number, name: string) => ({
  id,
  name,
  idNumberMasked: '330102********1234',
  mobileMasked: null,
  township: '石桥镇',
  village: '东村',
  officerId: null,
  officerName: null,
  status: 'active',
  dpd: 45,
  bucket: 'M2',
  overdueSince: '2026-03-28',
  totalOverdueFen: 120_000,
  outstandingFen: 800_000,
  loanCount: 1,
  lastContactAt: null,
  lastVisitAt: null,
  vulnerable: [],
  brokenPromises: 0,
});

/** The case search: every borrower whose name contains the typed text. */
const caseSearch = (input: unknown) => {
  const search = (input as { search?: string }).search ?? '';
  const rows = [caseRow(7, '张三'), caseRow(8, '张小梅'), caseRow(9, '李四')].filter((r) =>
    r.name.includes(search),
  );
  return { ok: true as const, data: { rows, total: rows.length, asOf: '2026-05-12' } };
};

const checkAnswer = (violations: Violation[], canOverride: boolean) => () => ({
  ok: true as const,
  data: { violations, canOverride, needsApproval: false },
});

const refused = (violations: Violation[], canOverride: boolean) => ({
  ok: false as const,
  error: {
    code: 'RULE_VIOLATION' as const,
    message: 'the plan breaks the rules',
    details: { violations, canOverride },
  },
});

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('plan form', () => {
  it('asks for the borrower and the staff before it plans anything', async () => {
    const { calls } = fakeBridge({
      'planning:check': checkAnswer([], false),
      'cases:list': caseSearch,
    });
    const user = userEvent.setup();
    renderDialog('officer', { date: '2026-05-12', start: '09:00', end: '10:00' });
    await user.click(screen.getByRole('button', { name: '安排' }));
    const form = screen.getByRole('form', { name: '安排走访' });
    expect(await within(form).findAllByText('必填')).toHaveLength(2);
    expect(calls.filter((c) => c.channel === 'planning:planVisit')).toHaveLength(0);
    // An incomplete draft is not sent to the rules either.
    expect(calls.filter((c) => c.channel === 'planning:check')).toHaveLength(0);
  });

  it('finds the borrower through the case search and checks the plan for them', async () => {
    const { calls } = fakeBridge({
      'planning:check': checkAnswer([], false),
      'cases:list': caseSearch,
    });
    const user = userEvent.setup();
    renderDialog('officer', {
      date: '2026-05-12',
      start: '09:00',
      end: '10:00',
      staffIds: [2, 3],
    });
    await user.type(screen.getByLabelText('借款人', { exact: true }), '张');
    // The search answers after a pause in typing; until then the unfiltered list may show.
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
        expect.stringContaining('张三'),
        expect.stringContaining('张小梅'),
      ]),
    );
    await user.click(screen.getByRole('option', { name: /张小梅/ }));
    expect(await screen.findByTestId('plan-check-ok')).toHaveTextContent('符合全部走访规则');
    expect(calls.find((c) => c.channel === 'planning:check')?.input).toMatchObject({
      borrowerId: 8,
    });
  });

  it('refuses an end before the start with the shared message', async () => {
    fakeBridge({ 'planning:check': checkAnswer([], false), 'cases:list': caseSearch });
    const user = userEvent.setup();
    renderDialog('officer', {
      borrowerId: 7,
      date: '2026-05-12',
      start: '10:00',
      end: '09:00',
      staffIds: [2, 3],
    });
    await user.click(screen.getByRole('button', { name: '安排' }));
    expect(await screen.findByText('结束时间须晚于开始时间')).toBeInTheDocument();
  });

  it("shows the rules' messages from planning:check in the UI language", async () => {
    const { calls } = fakeBridge({
      'planning:check': checkAnswer([lateEvening], false),
      'cases:list': caseSearch,
    });
    renderDialog('officer', {
      borrowerId: 7,
      date: '2026-05-12',
      start: '21:30',
      end: '22:00',
      staffIds: [2, 3],
    });
    const list = await screen.findByTestId('plan-violations');
    expect(list).toHaveTextContent('走访须在 08:00–20:00 之间开始并结束（计划为 21:30–22:00）');
    const sent = calls.find((c) => c.channel === 'planning:check')?.input;
    expect(sent).toMatchObject({ borrowerId: 7, start: '21:30', end: '22:00', staffIds: [2, 3] });
    // An officer cannot override, so no override is offered.
    expect(screen.queryByLabelText(/以经理身份批准例外/)).not.toBeInTheDocument();

    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByTestId('plan-violations')).toHaveTextContent(
      'A visit must start and end between 08:00 and 20:00 (planned 21:30–22:00)',
    );
  });

  it('shows why a plan was refused, and lets the manager override with a written reason', async () => {
    const plan = vi.fn((input: unknown) =>
      (input as { override?: unknown }).override
        ? { ok: true as const, data: { id: 41, borrowerName: '张三', date: '2026-05-12' } }
        : refused([lateEvening], true),
    );
    const { calls } = fakeBridge({
      'planning:check': checkAnswer([lateEvening], true),
      'planning:planVisit': plan,
      'cases:list': caseSearch,
    });
    const user = userEvent.setup();
    const { onPlanned } = renderDialog('manager', {
      borrowerId: 7,
      date: '2026-05-12',
      start: '21:30',
      end: '22:00',
      staffIds: [2, 3],
    });
    await screen.findByTestId('plan-violations');
    await user.click(screen.getByRole('button', { name: '安排' }));
    expect(await screen.findByText('未能安排，原因：')).toBeInTheDocument();
    expect(onPlanned).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText(/以经理身份批准例外/));
    await user.type(screen.getByLabelText('批准例外的书面理由'), '太短');
    await user.click(screen.getByRole('button', { name: '批准例外并安排' }));
    expect(await screen.findByText('请写明批准例外的理由（至少 6 个字）')).toBeInTheDocument();

    await user.type(screen.getByLabelText('批准例外的书面理由'), '，借款人只在晚上下班后在家');
    await user.click(screen.getByRole('button', { name: '批准例外并安排' }));
    await waitFor(() => expect(onPlanned).toHaveBeenCalled());
    const last = calls.filter((c) => c.channel === 'planning:planVisit').at(-1)?.input;
    expect(last).toMatchObject({ override: { reason: '太短，借款人只在晚上下班后在家' } });
  });

  it('offers no override for a legal limit, not even to the manager', async () => {
    fakeBridge({ 'planning:check': checkAnswer([pastMidnight], false), 'cases:list': caseSearch });
    renderDialog('manager', {
      borrowerId: 7,
      date: '2026-05-12',
      start: '21:30',
      end: '22:30',
      staffIds: [2, 3],
    });
    const list = await screen.findByTestId('plan-violations');
    expect(list).toHaveTextContent('超出法定时段 08:00–22:00');
    expect(within(list).getByText('法定限制')).toBeInTheDocument();
    expect(screen.getByText(/任何人（包括经理）都不能批准例外/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/以经理身份批准例外/)).not.toBeInTheDocument();
    // Nothing to send: 安排 stays disabled while the legal limit shows.
    expect(screen.getByRole('button', { name: /^安排$/ })).toBeDisabled();
  });

  it('enables 安排 again once the legal limit is gone', async () => {
    fakeBridge({
      'planning:check': (input) =>
        checkAnswer((input as { end: string }).end > '22:00' ? [pastMidnight] : [], false)(),
      'cases:list': caseSearch,
    });
    const user = userEvent.setup();
    renderDialog('officer', {
      borrowerId: 7,
      date: '2026-05-12',
      start: '21:00',
      end: '22:30',
      staffIds: [2, 3],
    });
    await screen.findByTestId('plan-violations');
    expect(screen.getByRole('button', { name: /^安排$/ })).toBeDisabled();
    await typeInPicker(user, pickerField('结束时间'), '2145');
    expect(await screen.findByTestId('plan-check-ok')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^安排$/ })).toBeEnabled();
  });
});

describe('closing the plan form', () => {
  function renderClosable() {
    const onClose = vi.fn();
    renderAs(
      'officer',
      <PlanVisitDialog
        draft={{
          borrowerId: 7,
          borrowerName: '张三',
          date: '2026-05-12',
          start: '09:00',
          end: '10:00',
        }}
        staff={staff}
        onClose={onClose}
        onPlanned={() => {}}
      />,
    );
    return { onClose };
  }

  it('closes at once on Esc while nothing was typed', async () => {
    fakeBridge({ 'planning:check': checkAnswer([], false), 'cases:list': caseSearch });
    const user = userEvent.setup();
    const { onClose } = renderClosable();
    await screen.findByRole('form', { name: '安排走访' });
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('放弃未保存的内容？')).not.toBeInTheDocument();
  });

  it('asks before Esc throws away what was typed, and keeps it when told to', async () => {
    fakeBridge({ 'planning:check': checkAnswer([], false), 'cases:list': caseSearch });
    const user = userEvent.setup();
    const { onClose } = renderClosable();
    await user.type(screen.getByLabelText('备注'), '下午两点后在家');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('dialog', { name: '放弃未保存的内容？' });
    expect(onClose).not.toHaveBeenCalled();
    await user.click(within(ask).getByRole('button', { name: '继续填写' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: '放弃未保存的内容？' })).not.toBeInTheDocument(),
    );
    expect(screen.getByLabelText('备注')).toHaveValue('下午两点后在家');
    expect(onClose).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    const again = await screen.findByRole('dialog', { name: '放弃未保存的内容？' });
    await user.click(within(again).getByRole('button', { name: '放弃' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
