import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PrintLogRow } from '../../../electron/shared/schemas/notices';
import { PrintLogCard } from '../../../renderer/src/features/notices/PrintLogCard';
import { fakeBridge, renderAs } from '../support';

const row = (overrides: Partial<PrintLogRow>): PrintLogRow => ({
  id: 1,
  // 23:30 UTC on 19 May is 07:30 on 20 May in the branch (Asia/Shanghai).
  printedAt: '2026-05-19T23:30:05.000Z',
  printedAtLocal: '2026-05-20 07:30:05',
  staffName: '李明',
  staffNo: 'C101',
  kind: 'visitNotice',
  lang: 'zh',
  referenceNo: 'QS001-2026-000004',
  borrowerId: 4,
  borrowerName: '张秀英',
  visitId: 9,
  templateVersion: 0,
  contentSha256: 'a'.repeat(64),
  isCopy: false,
  ...overrides,
});

describe('print log', () => {
  it('shows the branch’s time and the borrower’s name, not UTC and an internal number', async () => {
    fakeBridge({
      'notices:log': () => ({
        ok: true,
        data: [
          row({}),
          row({
            id: 2,
            kind: 'dayRouteSheet',
            borrowerId: null,
            borrowerName: null,
            visitId: null,
          }),
        ],
      }),
    });
    renderAs('clerk', <PrintLogCard />);
    const table = await screen.findByRole('table', { name: '打印记录' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toContain('借款人');
    expect(headers).not.toContain('借款人编号');
    const [, notice, sheet] = within(table).getAllByRole('row');
    const cells = within(notice!).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('2026-05-20 07:30:05');
    expect(cells[4]).toHaveTextContent('张秀英');
    expect(table).not.toHaveTextContent('2026-05-19');
    expect(within(sheet!).getAllByRole('cell')[4]).toHaveTextContent('—');
  });
});
