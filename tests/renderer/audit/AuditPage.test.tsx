import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../electron/shared/channels/audit';
import { AuditPage } from '../../../renderer/src/features/audit/AuditPage';
import { fakeBridge, renderScreen } from '../support';

const base = {
  at: '2026-03-02T01:00:00.000Z',
  staffId: 1,
  staffName: '王建国',
  entity: 'borrower',
  entityId: '7',
  success: true,
  hash: 'ab'.repeat(32),
};

const sealed: AuditRow = {
  ...base,
  id: 3,
  action: 'case.update',
  subject: 7,
  details: 'sealed',
  before: JSON.stringify({ name: '张三丰', address: '东源镇 桃花坞村 后山 17 号' }),
  after: JSON.stringify({ name: '张三丰', address: '东源镇 桃花坞村 武当路 88 号' }),
};

const shredded: AuditRow = {
  ...base,
  id: 2,
  action: 'case.create',
  subject: 8,
  entityId: '8',
  details: 'anonymised',
  before: null,
  after: null,
};

function showLog() {
  fakeBridge({
    'audit:list': () => ({
      ok: true,
      data: {
        rows: [sealed, shredded],
        total: 2,
        actions: ['case.create', 'case.update'],
        entities: ['borrower'],
      },
    }),
  });
  renderScreen(<AuditPage />);
}

describe('audit viewer: details of rows about a borrower', () => {
  it('shows what a sealed row recorded, opened by the core', async () => {
    showLog();
    await userEvent.click(await screen.findByText('case.update'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('借款人编号: #7')).toBeInTheDocument();
    expect(within(dialog).getByTestId('audit-details-before')).toHaveTextContent('后山 17 号');
    expect(within(dialog).getByTestId('audit-details-after')).toHaveTextContent('武当路 88 号');
    expect(within(dialog).queryByTestId('audit-details-anonymised')).toBeNull();
  });

  it('says 已匿名化 for a row whose borrower was anonymised, in the list and in the details', async () => {
    showLog();
    const row = (await screen.findByText('case.create')).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('已匿名化')).toBeInTheDocument();
    await userEvent.click(within(row).getByText('case.create'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('audit-details-anonymised')).toHaveTextContent('已匿名化');
    expect(within(dialog).queryByTestId('audit-details-before')).toBeNull();
    expect(within(dialog).getByText('#2 case.create')).toBeInTheDocument();
  });
});
