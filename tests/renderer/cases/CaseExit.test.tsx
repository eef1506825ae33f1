import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../electron/shared/roles';
import type { CasePage } from '../../../electron/shared/schemas/cases';
import { CaseActions } from '../../../renderer/src/features/cases/CaseActions';
import { fakeBridge, renderAs } from '../support';
import { answer, branchStaff, casePage } from './case-fixtures';

/** A case leaving doorstep collection, from the case page's actions. */

function bridge(extra: Record<string, (input: unknown) => unknown> = {}) {
  return fakeBridge({
    'staff:list': answer(branchStaff),
    'planning:calendar': answer({ visits: [], leave: [] }),
    ...(extra as Record<string, () => { ok: true; data: unknown }>),
  });
}

const exited: CasePage = {
  ...casePage,
  borrower: { ...casePage.borrower, status: 'closed' },
  header: {
    ...casePage.header,
    closed: true,
    exit: {
      kind: 'written_off',
      exitOn: '2026-03-01',
      reference: 'HX-2026-017',
      note: '',
      setByName: '王建国',
      setAt: '2026-03-01T02:00:00.000Z',
    },
  },
};

function renderActions(role: Role, page: CasePage = casePage) {
  const onChanged = vi.fn();
  renderAs(role, <CaseActions page={page} onChanged={onChanged} onPlanned={vi.fn()} />);
  return { onChanged };
}

describe('leaving doorstep collection', () => {
  it('the manager states where the case goes, since when and the reference', async () => {
    const closed = {
      promisesClosed: 1,
      plansClosed: 0,
      waiversClosed: 1,
      followUpsClosed: 2,
      visitsCancelled: 1,
    };
    const { calls } = bridge({ 'cases:exit': answer(closed) });
    const user = userEvent.setup();
    const { onChanged } = renderActions('manager');
    await user.click(screen.getByRole('button', { name: '转出催收' }));
    const form = await screen.findByRole('form', { name: '张三：退出上门催收' });
    expect(within(form).getByText(/待审批的减免与和解/)).toBeInTheDocument();
    // The reference is required: nothing is sent without it.
    await user.click(within(form).getByRole('button', { name: '确认退出' }));
    expect(await within(form).findByText('必填')).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'cases:exit')).toHaveLength(0);

    await user.click(within(form).getByLabelText(/去向/));
    await user.click(await screen.findByRole('option', { name: '转入诉讼' }));
    await user.type(within(form).getByLabelText(/文号/), '(2026)浙0102民初1234号');
    await user.click(within(form).getByRole('button', { name: '确认退出' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'cases:exit')?.input).toEqual({
      borrowerId: casePage.borrower.id,
      kind: 'litigation',
      exitOn: casePage.asOf,
      reference: '(2026)浙0102民初1234号',
      note: '',
    });
    expect(
      await screen.findByText(
        '已退出上门催收：关闭承诺 1 个、还款计划 0 个、待审批减免 1 项、回访 2 个，取消走访 1 次',
      ),
    ).toBeInTheDocument();
  });

  it('an exited case says so, offers no visit, and the manager may undo it with a reason', async () => {
    const { calls } = bridge({ 'cases:reopen': answer({ id: casePage.borrower.id }) });
    const user = userEvent.setup();
    renderActions('manager', exited);
    expect(screen.getByTestId('case-exit')).toHaveTextContent(
      '该案件已于 2026-03-01 核销（文号 HX-2026-017），已退出上门催收 · 设置人：王建国',
    );
    const group = screen.getByRole('group', { name: '案件操作' });
    expect(within(group).queryByRole('button', { name: '安排走访' })).not.toBeInTheDocument();
    expect(within(group).queryByRole('button', { name: '转出催收' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '撤销退出' }));
    const form = await screen.findByRole('form', { name: '张三：撤销退出上门催收' });
    await user.type(within(form).getByLabelText(/撤销理由/), '委外合同未签，收回');
    await user.click(within(form).getByRole('button', { name: '撤销退出' }));
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'cases:reopen')?.input).toEqual({
        borrowerId: casePage.borrower.id,
        reason: '委外合同未签，收回',
      }),
    );
  });

  it('officers and clerks see the exit but cannot set or undo it', () => {
    bridge();
    for (const role of ['officer', 'clerk'] as const) {
      renderActions(role, exited);
      expect(screen.getByTestId('case-exit')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: '撤销退出' })).not.toBeInTheDocument();
      document.body.innerHTML = '';
    }
    renderActions('officer');
    expect(screen.queryByRole('button', { name: '转出催收' })).not.toBeInTheDocument();
  });
});
