import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  ReassignCaseButton,
  ReassignFilteredButton,
} from '../../../renderer/src/features/assignments/ReassignButtons';
import { asRole, fakeBridge, renderScreen } from '../support';

/** The manager's reassign form: officer and reason required, the call it makes, who sees it. */

const ok = <T,>(data: T) => ({ ok: true as const, data });

const officers = () =>
  ok([
    { id: 11, staffNo: 'C101', name: '李明', role: 'officer', cases: 12 },
    { id: 12, staffNo: 'C102', name: '赵强', role: 'officer', cases: 3 },
    { id: 1, staffNo: 'M001', name: '王建国', role: 'manager', cases: 0 },
  ]);

describe('the reassign dialog', () => {
  it('asks for the officer and the reason before it reassigns the case', async () => {
    const { calls } = fakeBridge({
      'cases:officers': officers,
      'assignments:reassign': () => ok({ moved: 1, unchanged: 0 }),
    });
    let done = 0;
    renderScreen(
      asRole(
        'manager',
        <ReassignCaseButton borrowerId={5} currentName="李明" onDone={() => done++} />,
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: '改派' }));
    expect(await screen.findByText('现由：李明')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '确认改派' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /改派原因/ })).toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
    expect(screen.queryByText('必填，会记入案件时间线和审计日志')).toBeNull();
    expect(calls.filter((c) => c.channel === 'assignments:reassign')).toHaveLength(0);

    await userEvent.click(screen.getByRole('combobox', { name: /改派给/ }));
    // Officers only, with what each holds; the manager is not offered.
    expect(screen.queryByRole('option', { name: /王建国/ })).toBeNull();
    await userEvent.click(screen.getByRole('option', { name: '赵强（C102）· 现有 3 件' }));
    await userEvent.type(screen.getByRole('textbox', { name: /改派原因/ }), '李明休假');
    await userEvent.click(screen.getByRole('button', { name: '确认改派' }));
    await waitFor(() => expect(done).toBe(1));
    expect(calls.find((c) => c.channel === 'assignments:reassign')?.input).toEqual({
      by: 'cases',
      borrowerIds: [5],
      toOfficerId: 12,
      reason: '李明休假',
    });
    expect(await screen.findByText('已改派 1 件案件')).toBeInTheDocument();
  });

  it("sends the case list's filter and shows the core's refusal on the form", async () => {
    const { calls } = fakeBridge({
      'cases:officers': officers,
      'assignments:reassign': () => ({
        ok: false as const,
        error: {
          code: 'VALIDATION',
          message: 'cases go to an active officer',
          fields: { toOfficerId: 'v.assign.officer' },
        },
      }),
    });
    const filter = { village: '红光村', officer: 11, sort: 'dpd' as const };
    renderScreen(
      asRole('manager', <ReassignFilteredButton filter={filter} total={42} onDone={() => {}} />),
    );
    await userEvent.click(screen.getByRole('button', { name: '改派筛选出的案件' }));
    expect(
      await screen.findByRole('heading', { name: '改派筛选出的 42 件案件' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: /改派给/ }));
    await userEvent.click(screen.getByRole('option', { name: /赵强/ }));
    await userEvent.type(screen.getByRole('textbox', { name: /改派原因/ }), '李明调岗');
    await userEvent.click(screen.getByRole('button', { name: '确认改派' }));
    expect(await screen.findByText('只能改派给在职的客户经理')).toBeInTheDocument();
    expect(calls.find((c) => c.channel === 'assignments:reassign')?.input).toMatchObject({
      by: 'filter',
      filter: { village: '红光村', officer: 11, sort: 'dpd', buckets: [] },
      toOfficerId: 12,
      reason: '李明调岗',
    });
  });

  it('is not offered to officers or clerks', () => {
    fakeBridge({ 'cases:officers': officers });
    for (const role of ['officer', 'clerk', 'auditor'] as const) {
      const { unmount } = renderScreen(
        asRole(role, <ReassignCaseButton borrowerId={5} currentName="李明" onDone={() => {}} />),
      );
      expect(screen.queryByRole('button', { name: '改派' })).toBeNull();
      unmount();
    }
  });
});
