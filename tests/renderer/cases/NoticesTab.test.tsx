import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../electron/shared/roles';
import type { CasePage } from '../../../electron/shared/schemas/cases';
import type { PrintLogRow } from '../../../electron/shared/schemas/notices';
import { NoticesTab } from '../../../renderer/src/features/cases/NoticesTab';
import { fakeBridge, renderAs } from '../support';
import { answer, casePage } from './case-fixtures';

/** The 通知书 tab: what can be printed for this borrower, what was, and reprints. */

const logRow = (id: number, kind: PrintLogRow['kind'], referenceNo: string): PrintLogRow => ({
  id,
  printedAt: '2026-03-08T02:30:00.000Z',
  printedAtLocal: '2026-03-08 10:30:00',
  borrowerName: '张三',
  staffName: '李明',
  staffNo: 'C001',
  kind,
  lang: 'zh',
  referenceNo,
  borrowerId: 5,
  visitId: kind === 'visitNotice' ? 9 : null,
  templateVersion: 0,
  contentSha256: 'ab'.repeat(32),
  isCopy: false,
});

const withReceipt: CasePage = {
  ...casePage,
  timeline: [
    {
      type: 'payment',
      id: 1,
      at: '2026-03-05',
      staffName: '李明',
      loanNo: 'QS-2025-0001',
      amountFen: 100_000,
      source: 'visit',
      receiptNo: 'QS001-SJ-2026-000001',
      receipt: { id: 4, receiptNo: 'QS001-SJ-2026-000001', visitId: 8 },
      trail: {
        paymentId: 1,
        source: 'visit',
        loanNo: 'QS-2025-0001',
        amountFen: 100_000,
        paidOn: '2026-03-05',
        paidFrom: null,
        receiptNo: 'QS001-SJ-2026-000001',
        file: null,
        confirmedBy: [],
        unconfirmedFen: 100_000,
        latestFileAsOf: null,
        stillExpected: true,
      },
    },
  ],
};

const upcoming = {
  id: 9,
  date: '2026-03-12',
  start: '10:00',
  end: '11:00',
  status: 'planned',
  purpose: 'reminder',
  borrowerId: 5,
  borrowerName: '张三',
  township: '石桥镇',
  village: '东村',
  staffIds: [2, 3],
  noticeStatus: 'none',
  awaitingApproval: false,
  overridden: false,
};
// Another borrower's visit the same weeks: not this tab's.
const someoneElse = { ...upcoming, id: 10, borrowerId: 6, borrowerName: '李四' };

function bridge(log: PrintLogRow[]) {
  return fakeBridge({
    'notices:log': answer(log),
    'records:plans': answer([]),
    'planning:calendar': answer({ visits: [upcoming, someoneElse], leave: [] }),
    'notices:reprint': answer({ documents: [], logIds: [77] }),
    'print:stage': answer({ jobId: 'job-1' }),
    'print:system': answer({ printed: true }),
  });
}

function renderTab(role: Role, page: CasePage = withReceipt) {
  renderAs(role, <NoticesTab page={page} onChanged={() => {}} />);
}

describe('case documents tab', () => {
  it("lists this borrower's printable documents and everything printed for them", async () => {
    bridge([
      logRow(3, 'demandLetter', 'QS001-2026-000003'),
      logRow(2, 'visitNotice', 'QS001-2026-000002'),
    ]);
    renderTab('officer');
    const printable = screen.getByRole('table', { name: '可打印的文书' });
    expect(within(printable).getByRole('row', { name: /还款提醒函/ })).toBeInTheDocument();
    expect(within(printable).getByRole('row', { name: /催收函/ })).toBeInTheDocument();
    expect(
      await within(printable).findByRole('row', { name: /上门走访通知书.*2026-03-12 10:00–11:00/ }),
    ).toBeInTheDocument();
    expect(
      within(printable).getByRole('row', { name: /收据.*QS001-SJ-2026-000001/ }),
    ).toBeInTheDocument();
    expect(within(printable).queryByText(/李四/)).not.toBeInTheDocument();

    const log = await screen.findByRole('table', { name: '已打印的文书' });
    expect(within(log).getAllByRole('row')).toHaveLength(3);
    expect(within(log).getByRole('row', { name: /催收函.*QS001-2026-000003/ })).toBeInTheDocument();
  });

  it('reprints a document from the log as a copy with its number', async () => {
    const { calls } = bridge([logRow(3, 'demandLetter', 'QS001-2026-000003')]);
    const user = userEvent.setup();
    renderTab('officer');
    await user.click(await screen.findByRole('button', { name: '补打 QS001-2026-000003' }));
    const dialog = await screen.findByRole('dialog', { name: '补打 催收函 QS001-2026-000003' });
    expect(within(dialog).getByText(/沿用原编号 QS001-2026-000003/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '打印' }));
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'notices:reprint')?.input).toEqual({ printLogId: 3 }),
    );
    await waitFor(() => expect(calls.some((c) => c.channel === 'print:system')).toBe(true));
  });

  it('says so when nothing was printed yet, and still offers what can be', async () => {
    bridge([]);
    renderTab('officer', casePage);
    expect(await screen.findByTestId('case-docs-empty')).toHaveTextContent(
      '还没有为该借款人打印过文书',
    );
    expect(screen.getByRole('table', { name: '可打印的文书' })).toBeInTheDocument();
  });

  it('shows a role that may not print the log only, without print or reprint buttons', async () => {
    bridge([logRow(3, 'demandLetter', 'QS001-2026-000003')]);
    renderTab('auditor');
    expect(await screen.findByRole('table', { name: '已打印的文书' })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: '可打印的文书' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /补打/ })).not.toBeInTheDocument();
  });
});
