import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../electron/shared/roles';
import { CaseActions } from '../../../renderer/src/features/cases/CaseActions';
import { fakeBridge, renderAs } from '../support';
import { answer, branchStaff, casePage } from './case-fixtures';

/** The case page's actions: act on this borrower without finding them again. */

function bridge(extra: Record<string, (input: unknown) => unknown> = {}) {
  return fakeBridge({
    'staff:list': answer(branchStaff),
    'planning:check': answer({ violations: [], canOverride: false, needsApproval: false }),
    'planning:calendar': answer({ visits: [], leave: [] }),
    'complaints:visits': answer([]),
    'cases:list': answer({ rows: [], total: 0, asOf: '2026-03-10' }),
    'cases:get': answer(casePage),
    ...(extra as Record<string, () => { ok: true; data: unknown }>),
  });
}

function renderActions(role: Role) {
  const onPlanned = vi.fn();
  const onChanged = vi.fn();
  renderAs(role, <CaseActions page={casePage} onChanged={onChanged} onPlanned={onPlanned} />);
  return { onPlanned, onChanged };
}

describe('case page actions', () => {
  it('opens the plan form with this borrower and their officer filled in, and plans', async () => {
    const planned = {
      id: 41,
      borrowerId: 5,
      borrowerName: '张三',
      date: '2026-03-12',
      start: '09:00',
      end: '10:00',
    };
    const { calls } = bridge({ 'planning:planVisit': answer(planned) });
    const user = userEvent.setup();
    const { onPlanned } = renderActions('officer');
    await user.click(screen.getByRole('button', { name: '安排走访' }));
    const form = await screen.findByRole('form', { name: '安排走访' });
    expect(within(form).getByLabelText('借款人', { exact: true })).toHaveValue('张三');
    // The case officer goes first on the plan; no search was needed.
    expect(within(form).getByText('赵强（C003）')).toBeInTheDocument();
    expect(
      calls.filter((c) => c.channel === 'cases:list' && JSON.stringify(c.input).includes('张')),
    ).toHaveLength(0);
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'planning:check')?.input).toMatchObject({
        borrowerId: 5,
        staffIds: [3],
      }),
    );
    await user.click(within(form).getByRole('button', { name: /^安排$/ }));
    await waitFor(() => expect(onPlanned).toHaveBeenCalledWith(planned));
    expect(calls.find((c) => c.channel === 'planning:planVisit')?.input).toMatchObject({
      borrowerId: 5,
      staffIds: [3],
    });
  });

  it('shows an auditor none of the actions it may not call', async () => {
    bridge();
    renderActions('auditor');
    const group = screen.getByRole('group', { name: '案件操作' });
    expect(within(group).queryByRole('button', { name: '安排走访' })).not.toBeInTheDocument();
    expect(within(group).queryByRole('button', { name: '记录联系' })).not.toBeInTheDocument();
    expect(within(group).queryByRole('button', { name: '登记投诉' })).not.toBeInTheDocument();
    expect(within(group).queryByRole('button', { name: /打印/ })).not.toBeInTheDocument();
    expect(within(group).queryByRole('button', { name: /记录还款/ })).not.toBeInTheDocument();
  });

  it('offers an officer every action, the menus by keyboard', async () => {
    bridge({
      'complaints:visits': answer([
        { id: 9, date: '2026-03-09', start: '10:00', end: '11:00', status: 'planned', staff: [] },
      ]),
    });
    const user = userEvent.setup();
    renderActions('officer');
    const group = screen.getByRole('group', { name: '案件操作' });
    for (const name of ['安排走访', '记录联系', '登记投诉', '添加备注', '编辑借款人']) {
      expect(within(group).getByRole('button', { name })).toBeInTheDocument();
    }
    // The print menu: Tab to it, Enter opens it on its first item.
    within(group).getByRole('button', { name: '打印' }).focus();
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu', { name: '打印' });
    expect(within(menu).getByRole('menuitem', { name: /还款提醒函/ })).toBeInTheDocument();
    expect(within(menu).getByRole('menuitem', { name: /催收函/ })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());

    // A payment taken on a visit goes with that visit's result.
    await user.click(within(group).getByRole('button', { name: '记录还款' }));
    const payments = await screen.findByRole('menu', { name: '记录还款' });
    expect(
      await within(payments).findByRole('menuitem', { name: /2026-03-09 10:00–11:00 走访的收款/ }),
    ).toBeEnabled();
  });

  it('logs a complaint and records a contact through their own dialogs', async () => {
    bridge({ 'complaints:visits': answer([]) });
    const user = userEvent.setup();
    renderActions('officer');
    await user.click(screen.getByRole('button', { name: '登记投诉' }));
    expect(await screen.findByRole('form', { name: '登记投诉' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '取消' }));
    await user.click(screen.getByRole('button', { name: '记录联系' }));
    expect(await screen.findByRole('form', { name: '记录联系' })).toBeInTheDocument();
  });
});
