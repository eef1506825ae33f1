import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { WorkloadOutput } from '../../../electron/shared/schemas/assignments';
import { WorkloadPage } from '../../../renderer/src/features/assignments/WorkloadPage';
import { asRole, fakeBridge, renderScreen } from '../support';

/** The workload view: each officer's figures, the suggestion edited and accepted, the rule. */

const ok = <T,>(data: T) => ({ ok: true as const, data });

const workload: WorkloadOutput = {
  month: '2026-11',
  asOf: '2026-11-20',
  officers: [
    {
      officerId: 11,
      staffNo: 'C101',
      name: '李明',
      active: true,
      cases: { M0: 1, M1: 1, M2: 1, M3: 0, 'M4+': 1 },
      casesTotal: 4,
      outstandingFen: 1_000_000,
      overdueFen: 250_000,
      visitsPlanned: 1,
      visitsDone: 2,
      promisesOpen: 2,
      collectedFen: 30_000,
      targetFen: 100_000,
    },
    {
      officerId: 12,
      staffNo: 'C102',
      name: '赵强',
      active: true,
      cases: { M0: 0, M1: 1, M2: 0, M3: 0, 'M4+': 0 },
      casesTotal: 1,
      outstandingFen: 60_000,
      overdueFen: 6_000,
      visitsPlanned: 0,
      visitsDone: 0,
      promisesOpen: 0,
      collectedFen: 0,
      targetFen: null,
    },
    {
      officerId: 13,
      staffNo: 'C103',
      name: '孙丽',
      active: false,
      cases: { M0: 0, M1: 0, M2: 3, M3: 0, 'M4+': 0 },
      casesTotal: 3,
      outstandingFen: 90_000,
      overdueFen: 9_000,
      visitsPlanned: 0,
      visitsDone: 0,
      promisesOpen: 0,
      collectedFen: 0,
      targetFen: null,
    },
  ],
  suggestion: [
    { fromOfficerId: 13, toOfficerId: 12, township: '东源镇', village: '北村', cases: 3 },
    { fromOfficerId: 11, toOfficerId: 12, township: '东源镇', village: '东村', cases: 2 },
  ],
};

describe('the workload view', () => {
  it("shows each officer's cases, balances, visits, promises and collections against target", async () => {
    fakeBridge({
      'assignments:workload': () => ok(workload),
      'assignments:importRule': () => ok({ wins: 'branch' }),
    });
    renderScreen(asRole('manager', <WorkloadPage />));
    const li = await screen.findByTestId('workload-C101');
    expect(li).toHaveTextContent('李明');
    expect(within(li).getByText('M4+ 1')).toBeInTheDocument();
    expect(within(li).queryByText(/^M3/)).toBeNull();
    expect(li).toHaveTextContent('¥10,000.00');
    expect(li).toHaveTextContent('¥2,500.00');
    expect(li).toHaveTextContent('2 / 1');
    expect(li).toHaveTextContent('¥300.00 / ¥1,000.00');
    expect(screen.getByTestId('workload-C102')).toHaveTextContent('¥0.00 / 未设目标');
    expect(screen.getByTestId('workload-C103')).toHaveTextContent('已停用');
    expect(screen.getByRole('combobox', { name: /导入文件中的客户经理/ })).toHaveTextContent(
      '以本网点为准',
    );
  });

  it('accepts the suggestion as edited: one village unticked, the other sent elsewhere', async () => {
    const { calls } = fakeBridge({
      'assignments:workload': () => ok(workload),
      'assignments:importRule': () => ok({ wins: 'branch' }),
      'assignments:rebalance': () => ok({ moved: 3, unchanged: 0 }),
    });
    renderScreen(asRole('manager', <WorkloadPage />));
    await userEvent.click(await screen.findByRole('checkbox', { name: '东源镇 东村' }));
    // 孙丽 has left: she is not offered as the one who takes 北村.
    await userEvent.click(screen.getByRole('combobox', { name: '接手人 东源镇 北村' }));
    expect(screen.queryByRole('option', { name: /孙丽/ })).toBeNull();
    // Each officer with their staff number: two staff may share a name.
    await userEvent.click(screen.getByRole('option', { name: '李明（C101）' }));
    await userEvent.click(screen.getByRole('button', { name: '按所选调整改派' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('改派所选的 1 个村（3 件案件）')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: /改派原因/ })).toHaveValue('工作量调整');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认改派' }));
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'assignments:rebalance')?.input).toEqual({
        moves: [{ fromOfficerId: 13, toOfficerId: 11, township: '东源镇', village: '北村' }],
        reason: '工作量调整',
      }),
    );
    // The figures are read again after the move.
    await waitFor(() =>
      expect(calls.filter((c) => c.channel === 'assignments:workload')).toHaveLength(2),
    );
  });

  it('changes the import rule', async () => {
    const { calls } = fakeBridge({
      'assignments:workload': () => ok({ ...workload, suggestion: [] }),
      'assignments:importRule': () => ok({ wins: 'branch' }),
      'assignments:setImportRule': (input) => ok(input),
    });
    renderScreen(asRole('manager', <WorkloadPage />));
    expect(
      await screen.findByText('各客户经理的案件数已较均衡，暂无调整建议。'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: /导入文件中的客户经理/ }));
    await userEvent.click(screen.getByRole('option', { name: /以总行文件为准/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'assignments:setImportRule')?.input).toEqual({
        wins: 'headOffice',
      }),
    );
    expect(await screen.findByText('已保存导入规则')).toBeInTheDocument();
  });
});
