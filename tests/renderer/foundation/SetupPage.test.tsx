import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SetupPage } from '../../../renderer/src/features/setup/SetupPage';
import { fakeBridge, renderScreen } from '../support';

const KEY = 'ABCD-'.repeat(15) + 'ABCD';

async function fillBranch(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/^网点名称/), '青山农商银行石桥支行');
  await user.type(screen.getByLabelText(/^机构代码/), 'QS001');
  await user.type(screen.getByLabelText(/^地址/), '石桥镇人民路 8 号');
  await user.type(screen.getByLabelText(/^联系电话/), '0571-88886666');
  await user.type(screen.getByLabelText(/^投诉热线/), '0571-88889999');
}

describe('first-run setup form', () => {
  it('shows field messages in Chinese and does not advance while the branch is incomplete', async () => {
    fakeBridge({});
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={() => {}} />);
    await user.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findAllByText('必填')).not.toHaveLength(0);
    await user.type(screen.getByLabelText(/^机构代码/), 'Q!');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByText('机构代码为 2–20 位字母或数字')).toBeInTheDocument();
    expect(screen.queryByLabelText(/^登录用户名/)).not.toBeInTheDocument();
  });

  it('checks the passphrase length and confirmation before calling the core', async () => {
    const { calls } = fakeBridge({
      'auth:setup': () => ({ ok: true, data: { recoveryKey: KEY } }),
    });
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={() => {}} />);
    await fillBranch(user);
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.type(screen.getByLabelText(/^姓名/), '王建国');
    await user.type(screen.getByLabelText(/^工号/), 'M001');
    await user.type(screen.getByLabelText(/^口令/), 'short');
    await user.type(screen.getByLabelText(/^再次输入口令/), 'different');
    await user.click(screen.getByRole('button', { name: '创建' }));
    expect(await screen.findByText('口令至少 10 个字符')).toBeInTheDocument();
    expect(await screen.findByText('两次输入的口令不一致')).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'auth:setup')).toHaveLength(0);
  });

  it('creates the branch and shows the recovery key, continuing only once it is stored', async () => {
    const { calls } = fakeBridge({
      'auth:setup': () => ({ ok: true, data: { recoveryKey: KEY } }),
    });
    const onDone = vi.fn();
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={onDone} />);
    await fillBranch(user);
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.type(screen.getByLabelText(/^姓名/), '王建国');
    await user.type(screen.getByLabelText(/^工号/), 'M001');
    await user.type(screen.getByLabelText(/^口令/), 'correct horse battery');
    await user.type(screen.getByLabelText(/^再次输入口令/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: '创建' }));
    expect(await screen.findByTestId('recovery-key')).toHaveTextContent('ABCD');
    expect(calls[0]).toMatchObject({
      channel: 'auth:setup',
      input: {
        branch: { name: '青山农商银行石桥支行', code: 'QS001', timeZone: 'Asia/Shanghai' },
        manager: { username: 'admin', staffNo: 'M001', passphrase: 'correct horse battery' },
      },
    });
    const enter = screen.getByRole('button', { name: '进入系统' });
    expect(enter).toBeDisabled();
    await user.click(screen.getByLabelText('我已打印并妥善保管'));
    await user.click(enter);
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('puts the core’s field errors on the form', async () => {
    fakeBridge({
      'auth:setup': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'invalid',
          fields: { 'manager.username': 'v.username' },
        },
      }),
    });
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={() => {}} />);
    await fillBranch(user);
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.type(screen.getByLabelText(/^姓名/), '王建国');
    await user.type(screen.getByLabelText(/^工号/), 'M001');
    await user.type(screen.getByLabelText(/^口令/), 'correct horse battery');
    await user.type(screen.getByLabelText(/^再次输入口令/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: '创建' }));
    await waitFor(() => expect(screen.getByText(/用户名为 3–32 位/)).toBeInTheDocument());
    expect(screen.getByText('输入有误，请检查标出的字段')).toBeInTheDocument();
  });
});
