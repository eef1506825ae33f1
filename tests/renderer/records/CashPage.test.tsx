import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CashDue, CashHolder, HandInRow } from '../../../electron/shared/schemas/cash-handins';
import { CashPage } from '../../../renderer/src/features/records/CashPage';
import { fakeBridge, renderAs } from '../support';

/**
 * The hand-in screen (缴款登记). 李明 (C101) holds ¥2,034.56 from 20 May (two receipts,
 * ¥1,234.56 + ¥800.00); the clerk counts ¥1,934.56: ¥100.00 short.
 */

const holder: CashHolder = {
  officerId: 2,
  officerName: '李明',
  staffNo: 'C101',
  day: '2026-05-20',
  receiptCount: 2,
  amountFen: 203_456,
  dueBy: '2026-05-21',
  late: true,
};
const receipts = [
  {
    receiptId: 1,
    receiptNo: 'QS001-SJ-2026-000001',
    paidAt: '2026-05-20T09:30',
    amountFen: 123_456,
    method: 'cash' as const,
    borrowerName: '张秀英',
    loanNo: 'QS-2025-0001',
    dueBy: '2026-05-21',
    late: true,
  },
  {
    receiptId: 2,
    receiptNo: 'QS001-SJ-2026-000002',
    paidAt: '2026-05-20T14:10',
    amountFen: 80_000,
    method: 'transfer' as const,
    borrowerName: '王大山',
    loanNo: 'QS-2025-0007',
    dueBy: '2026-05-21',
    late: true,
  },
];
const due: CashDue = {
  officerId: 2,
  officerName: '李明',
  staffNo: 'C101',
  day: '2026-05-20',
  receipts,
  expectedFen: 203_456,
};
const handIn = (over: Partial<HandInRow> = {}): HandInRow => ({
  id: 9,
  officerId: 2,
  officerName: '李明',
  staffNo: 'C101',
  day: '2026-05-20',
  expectedFen: 203_456,
  countedFen: 193_456,
  differenceFen: -10_000,
  explanation: '找零多找 100 元',
  handedInOn: '2026-05-22',
  recordedBy: '钱丽',
  recordedAt: '2026-05-22T02:00:00.000Z',
  signedOffBy: null,
  signedOffAt: null,
  signOffNote: '',
  open: true,
  receipts: receipts.map((r) => ({ ...r, late: true })),
  ...over,
});

function bridge(state: { holders: CashHolder[]; handIns: HandInRow[] }) {
  return fakeBridge({
    'records:cashHolders': () => ({ ok: true, data: state.holders }),
    'records:handIns': () => ({ ok: true, data: state.handIns }),
    'records:cashDue': () => ({ ok: true, data: due }),
    'records:handIn': (input) => {
      const i = input as { countedFen: number; explanation: string };
      if (i.countedFen !== 203_456 && i.explanation.trim() === '') {
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: 'a difference needs an explanation',
            fields: { explanation: 'v.handIn.explanation' },
          },
        };
      }
      const row = handIn({ countedFen: i.countedFen, explanation: i.explanation });
      state.holders = [];
      state.handIns = [row];
      return { ok: true, data: row };
    },
    'records:signOffHandIn': () => {
      const row = handIn({ open: false, signedOffBy: '王建国', signedOffAt: 'x' });
      state.handIns = [row];
      return { ok: true, data: row };
    },
  });
}

describe('the hand-in screen', () => {
  it('a clerk hands in a day short: the difference shows, an explanation is asked for, then it is recorded', async () => {
    const { calls } = bridge({ holders: [holder], handIns: [] });
    renderAs('clerk', <CashPage />);
    const dueTable = await screen.findByRole('table', { name: '未缴款项' });
    expect(within(dueTable).getByText('¥2,034.56')).toBeInTheDocument();
    expect(within(dueTable).getByText('逾期未缴')).toBeInTheDocument();
    await userEvent.click(within(dueTable).getByRole('button', { name: '登记缴款' }));

    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('QS001-SJ-2026-000002');
    expect(within(dialog).getByText('应缴金额（所选收据合计）：¥2,034.56')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/实缴金额/), '1934.56');
    expect(within(dialog).getByRole('status')).toHaveTextContent('差额：−¥100.00');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认缴款' }));
    expect(
      await within(dialog).findByText('实缴金额与应缴金额不符，请书面说明原因'),
    ).toBeInTheDocument();

    await userEvent.type(within(dialog).getByLabelText(/差额说明/), '找零多找 100 元');
    // Writing the explanation answers the refusal, which goes.
    expect(within(dialog).queryByText('实缴金额与应缴金额不符，请书面说明原因')).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: '确认缴款' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const writes = calls.filter((c) => c.channel === 'records:handIn').map((c) => c.input);
    expect(writes.at(-1)).toEqual({
      officerId: 2,
      day: '2026-05-20',
      receiptIds: [1, 2],
      countedFen: 193_456,
      explanation: '找零多找 100 元',
    });
    const list = await screen.findByRole('table', { name: '缴款记录' });
    expect(await within(list).findByText('−¥100.00')).toBeInTheDocument();
    expect(within(list).getByText('待经理签核')).toBeInTheDocument();
    expect(await screen.findByText('所有收据均已缴款')).toBeInTheDocument();
    // The clerk cannot sign off.
    expect(within(list).queryByRole('button', { name: '签核差额' })).not.toBeInTheDocument();
  });

  it('an unticked receipt leaves the hand-in and its expected sum', async () => {
    const { calls } = bridge({ holders: [holder], handIns: [] });
    renderAs('clerk', <CashPage />);
    await userEvent.click(await screen.findByRole('button', { name: '登记缴款' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      await within(dialog).findByRole('checkbox', { name: 'QS001-SJ-2026-000002' }),
    );
    expect(within(dialog).getByText('应缴金额（所选收据合计）：¥1,234.56')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/实缴金额/), '1234.56');
    expect(within(dialog).getByRole('status')).toHaveTextContent('差额：¥0.00');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认缴款' }));
    await waitFor(() => expect(calls.some((c) => c.channel === 'records:handIn')).toBe(true));
    expect(calls.find((c) => c.channel === 'records:handIn')!.input).toMatchObject({
      receiptIds: [1],
      countedFen: 123_456,
    });
  });

  it('the manager signs off an open difference', async () => {
    const { calls } = bridge({ holders: [], handIns: [handIn()] });
    renderAs('manager', <CashPage />);
    const list = await screen.findByRole('table', { name: '缴款记录' });
    expect(await within(list).findByText('逾期缴款')).toBeInTheDocument();
    await userEvent.click(within(list).getByRole('button', { name: '签核差额' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/找零多找 100 元/)).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('签核意见'), '已核实');
    await userEvent.click(within(dialog).getByRole('button', { name: '签核' }));
    expect(await within(list).findByText('王建国 已签核')).toBeInTheDocument();
    expect(calls.find((c) => c.channel === 'records:signOffHandIn')!.input).toEqual({
      handInId: 9,
      note: '已核实',
    });
  });
});
