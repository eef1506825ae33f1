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
    await userEvent.click(await screen.findByText('修改案件'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('借款人编号: #7')).toBeInTheDocument();
    expect(within(dialog).getByTestId('audit-details-before')).toHaveTextContent('后山 17 号');
    expect(within(dialog).getByTestId('audit-details-after')).toHaveTextContent('武当路 88 号');
    expect(within(dialog).queryByTestId('audit-details-anonymised')).toBeNull();
  });

  it('says 已匿名化 for a row whose borrower was anonymised, in the list and in the details', async () => {
    showLog();
    const row = (await screen.findByText('新建案件')).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('已匿名化')).toBeInTheDocument();
    await userEvent.click(within(row).getByText('新建案件'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('audit-details-anonymised')).toHaveTextContent('已匿名化');
    expect(within(dialog).queryByTestId('audit-details-before')).toBeNull();
    expect(within(dialog).getByRole('heading')).toHaveTextContent(
      '#2 新建案件 · 借款人(case.create, borrower)',
    );
  });
});

describe('audit viewer: actions and entities in words', () => {
  it('names the action and the entity, and keeps the stored code for the auditor', async () => {
    fakeBridge({
      'audit:list': () => ({
        ok: true,
        data: {
          rows: [
            { ...sealed, id: 5, action: 'plan.approve', entity: 'repayment_plan' },
            { ...sealed, id: 4, action: 'some.futureAction', entity: 'print_log' },
          ],
          total: 2,
          actions: ['plan.approve', 'some.futureAction'],
          entities: ['print_log', 'repayment_plan'],
        },
      }),
    });
    renderScreen(<AuditPage />);
    const approved = await screen.findByText('批准还款计划');
    expect(approved).toHaveAttribute('data-code', 'plan.approve');
    const row = approved.closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('还款计划')).toHaveAttribute('data-code', 'repayment_plan');
    expect(screen.getByText('打印记录')).toHaveAttribute('data-code', 'print_log');
    // A code the viewer has no words for yet is shown as stored, not hidden.
    expect(screen.getByText('some.futureAction')).toBeInTheDocument();
    expect(screen.queryByText('reports.close')).toBeNull();

    await userEvent.hover(approved);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('代码：plan.approve');

    await userEvent.click(screen.getByRole('combobox', { name: '对象' }));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['全部', '打印记录', '还款计划']);
    expect(options[2]).toHaveAttribute('title', '代码：repayment_plan');
  });
});
