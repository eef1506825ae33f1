import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BorrowerDialog } from '../../../renderer/src/features/cases/BorrowerDialog';
import { fakeBridge, renderScreen } from '../support';
import { asRole } from '../support';

const VALID_ID = '11010519491231002X';

/** The lists the form loads when it opens. */
const lists = {
  'cases:officers': () => ({
    ok: true as const,
    data: [{ id: 3, staffNo: 'C003', name: '赵强', role: 'officer', cases: 12 }],
  }),
  'cases:divisions': () => ({ ok: true as const, data: [{ code: '33', name: '浙江省' }] }),
};

function openCreateForm(onSaved = vi.fn()) {
  renderScreen(asRole('clerk', <BorrowerDialog onClose={() => {}} onSaved={onSaved} />));
  return onSaved;
}

describe('create borrower form', () => {
  it('requires the name and the resident ID before calling the core', async () => {
    const { calls } = fakeBridge(lists);
    const user = userEvent.setup();
    openCreateForm();
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findAllByText('必填')).toHaveLength(1);
    expect(screen.getByLabelText('身份证号')).toHaveAccessibleDescription(
      '身份证号不正确（18 位，校验位不符或出生日期无效）',
    );
    expect(calls.filter((c) => c.channel === 'cases:create')).toHaveLength(0);
  });

  it('says in Chinese that a resident ID with a wrong check digit is not valid', async () => {
    const { calls } = fakeBridge(lists);
    const user = userEvent.setup();
    openCreateForm();
    await user.type(screen.getByLabelText('姓名'), '张三');
    await user.type(screen.getByLabelText('身份证号'), '110105194912310021');
    await user.type(screen.getByLabelText('手机号'), '1381234567');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(
      await screen.findByText('身份证号不正确（18 位，校验位不符或出生日期无效）'),
    ).toBeInTheDocument();
    expect(screen.getByText('手机号应为 11 位数字，以 13–19 开头')).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'cases:create')).toHaveLength(0);
  });

  it('sends a valid borrower with the chosen officer and opens the new case', async () => {
    const { calls } = fakeBridge({
      ...lists,
      'cases:create': () => ({ ok: true, data: { id: 41 } }),
    });
    const user = userEvent.setup();
    const onSaved = openCreateForm();
    await user.type(screen.getByLabelText('姓名'), '张三');
    await user.type(screen.getByLabelText('身份证号'), VALID_ID.toLowerCase());
    await user.type(screen.getByLabelText('手机号'), '13812345678');
    await user.click(screen.getByLabelText('老年人'));
    await user.click(screen.getByLabelText('客户经理'));
    await user.click(await screen.findByRole('option', { name: /赵强/ }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(41));
    const sent = calls.find((c) => c.channel === 'cases:create')?.input as Record<string, unknown>;
    expect(sent).toMatchObject({
      name: '张三',
      idNumber: VALID_ID,
      mobile: '13812345678',
      officerId: 3,
      vulnerable: { elderly: true, ill: false, disabled: false, disaster: false },
    });
  });

  it('links to the existing case when the resident ID is already on file', async () => {
    fakeBridge({
      ...lists,
      'cases:create': () => ({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'duplicate resident ID',
          fields: { idNumber: 'v.case.duplicateId' },
          details: { existingId: 42 },
        },
      }),
    });
    const user = userEvent.setup();
    openCreateForm();
    await user.type(screen.getByLabelText('姓名'), '张三');
    await user.type(screen.getByLabelText('身份证号'), VALID_ID);
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('该身份证号已有案件档案')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '打开已有案件' })).toHaveAttribute('href', '/cases/42');
  });
});
