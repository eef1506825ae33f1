import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CashHolder } from '../../../electron/shared/schemas/cash-handins';
import { LateCashCard } from '../../../renderer/src/features/records/LateCashCard';
import { fakeBridge, renderAs } from '../support';

/** The manager's to-do: money past its due day, and only that (Tasks page). */
const holder = (over: Partial<CashHolder>): CashHolder => ({
  officerId: 2,
  officerName: '李明',
  staffNo: 'C101',
  day: '2026-05-22',
  receiptCount: 1,
  amountFen: 60_000,
  dueBy: '2026-05-25',
  late: true,
  ...over,
});

describe('late visit money on the Tasks page', () => {
  it('lists only the money past its due day, with the way to the hand-in screen', async () => {
    fakeBridge({
      'records:cashHolders': () => ({
        ok: true,
        data: [
          holder({}),
          holder({
            officerId: 3,
            officerName: '赵强',
            staffNo: 'C102',
            day: '2026-05-25',
            dueBy: '2026-05-26',
            late: false,
          }),
        ],
      }),
    });
    renderAs('manager', <LateCashCard />);
    const table = await screen.findByRole('table', { name: '逾期未缴的款项' });
    expect(await within(table).findByText('李明（C101）')).toBeInTheDocument();
    expect(within(table).getByText('¥600.00')).toBeInTheDocument();
    expect(within(table).queryByText('赵强（C102）')).not.toBeInTheDocument();
    const card = screen.getByRole('region', { name: '逾期未缴的款项' });
    expect(within(card).getByText('1')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: '缴款登记' })).toHaveAttribute(
      'href',
      '/visits/cash',
    );
  });

  it('says so when nothing is late', async () => {
    fakeBridge({ 'records:cashHolders': () => ({ ok: true, data: [holder({ late: false })] }) });
    renderAs('manager', <LateCashCard />);
    expect(await screen.findByText('没有逾期未缴的款项')).toBeInTheDocument();
  });
});
