import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { StaffRow } from '../../../electron/shared/schemas/staff';
import { PlanVisitDialog } from '../../../renderer/src/features/planning/PlanVisitDialog';
import { fakeBridge, renderAs } from '../support';

/**
 * The plan dialog may narrow a visit to some of the borrower's loans; left alone, the visit is
 * about all of the borrower's overdue loans (the core fills them in).
 */

const staff: StaffRow[] = [2, 3].map((id) => ({
  id,
  staffNo: `C00${id}`,
  name: `员工${id}`,
  role: 'officer',
  phone: '',
  active: true,
  hasAccount: false,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
}));

const loan = (id: number, loanNo: string, overdueFen: number, status = 'active') => ({
  id,
  loanNo,
  overdueFen,
  bucket: overdueFen > 0 ? 'M2' : 'M0',
  status,
});

function setup() {
  const plan = vi.fn(() => ({
    ok: true as const,
    data: { id: 41, borrowerName: '张三', date: '2026-05-12' },
  }));
  const bridge = fakeBridge({
    'planning:check': () => ({
      ok: true as const,
      data: { violations: [], canOverride: false, needsApproval: false },
    }),
    'planning:planVisit': plan,
    'cases:get': () => ({
      ok: true as const,
      data: {
        loans: [
          loan(11, 'QS-2025-0001', 320_000),
          loan(12, 'QS-2025-0002', 0),
          loan(13, 'QS-2024-0009', 0, 'settled'),
        ],
      },
    }),
  });
  renderAs(
    'officer',
    <PlanVisitDialog
      draft={{ borrowerId: 7, date: '2026-05-12', start: '09:00', end: '10:00', staffIds: [2, 3] }}
      staff={staff}
      onClose={() => {}}
      onPlanned={() => {}}
    />,
  );
  return { ...bridge, user: userEvent.setup() };
}

const planned = (calls: { channel: string; input: unknown }[]) =>
  calls.filter((c) => c.channel === 'planning:planVisit').at(-1)?.input as { loanIds: number[] };

describe('the loans a planned visit is about', () => {
  it('lists the borrower’s open loans, none ticked: all the overdue ones', async () => {
    const { calls, user } = setup();
    const group = await screen.findByRole('group', { name: '走访涉及的贷款' });
    expect(group).toHaveTextContent('QS-2025-0001（逾期 ¥3,200.00，M2）');
    expect(group).toHaveTextContent('QS-2025-0002（未逾期）');
    expect(group).not.toHaveTextContent('QS-2024-0009');
    expect(screen.getByText('不勾选：本次走访涉及该借款人的全部逾期贷款')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '安排' }));
    await waitFor(() => expect(planned(calls)).toMatchObject({ loanIds: [] }));
  });

  it('ticked loans narrow the visit to them, from the keyboard too', async () => {
    const { calls, user } = setup();
    await screen.findByRole('group', { name: '走访涉及的贷款' });
    await user.click(screen.getByRole('checkbox', { name: /QS-2025-0002/ }));
    screen.getByRole('checkbox', { name: /QS-2025-0001/ }).focus();
    await user.keyboard(' ');
    expect(
      screen.getByText('本次走访只涉及勾选的贷款；回收金额按这些贷款统计'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '安排' }));
    await waitFor(() => expect(planned(calls)).toMatchObject({ loanIds: [12, 11] }));
  });
});
