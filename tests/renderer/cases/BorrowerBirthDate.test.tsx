import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { residentIdCheckChar } from '../../../electron/shared/idcard';
import { BorrowerDialog } from '../../../renderer/src/features/cases/BorrowerDialog';
import { asRole, fakeBridge, renderScreen } from '../support';

const born = (yyyymmdd: string) => {
  const first17 = `110105${yyyymmdd}002`;
  return first17 + residentIdCheckChar(first17);
};

const lists = {
  'cases:officers': () => ({ ok: true as const, data: [] }),
  'cases:divisions': () => ({ ok: true as const, data: [] }),
};

describe('the case form checks birth dates like the import does', () => {
  it('refuses a resident ID born tomorrow before calling the core, and accepts one born today', async () => {
    const { calls } = fakeBridge({
      ...lists,
      'cases:create': () => ({ ok: true, data: { id: 5 } }),
    });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderScreen(
      asRole('clerk', <BorrowerDialog onClose={() => {}} onSaved={onSaved} today="2026-06-15" />),
    );
    await user.type(screen.getByLabelText('姓名'), '张三');
    await user.type(screen.getByLabelText('身份证号'), born('20260616'));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(
      await screen.findByText('身份证号不正确（18 位，校验位不符或出生日期无效）'),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'cases:create')).toHaveLength(0);

    await user.clear(screen.getByLabelText('身份证号'));
    await user.type(screen.getByLabelText('身份证号'), born('20260615'));
    await user.click(screen.getByRole('button', { name: '保存' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(5));
    expect(calls.find((c) => c.channel === 'cases:create')?.input).toMatchObject({
      idNumber: born('20260615'),
    });
  });
});
