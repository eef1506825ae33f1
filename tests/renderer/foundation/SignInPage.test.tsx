import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SignInPage } from '../../../renderer/src/features/auth/SignInPage';
import { fakeBridge, renderScreen } from '../support';

describe('sign-in form', () => {
  it('requires both fields before calling the core', async () => {
    const { calls } = fakeBridge({});
    const user = userEvent.setup();
    renderScreen(<SignInPage branchName="石桥支行" keyFileProblem={false} onSignedIn={() => {}} />);
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findAllByText('必填')).toHaveLength(2);
    expect(calls).toHaveLength(0);
  });

  it('shows the same clear message for a wrong passphrase, and clears the field', async () => {
    fakeBridge({
      'auth:signIn': () => ({ ok: false, error: { code: 'BAD_CREDENTIALS', message: 'wrong' } }),
    });
    const onSignedIn = vi.fn();
    const user = userEvent.setup();
    renderScreen(
      <SignInPage branchName="石桥支行" keyFileProblem={false} onSignedIn={onSignedIn} />,
    );
    await user.type(screen.getByLabelText('用户名'), 'admin');
    await user.type(screen.getByLabelText('口令'), 'not it at all');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或口令不正确');
    expect(screen.getByLabelText('口令')).toHaveValue('');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('tells how long to wait after too many tries', async () => {
    fakeBridge({
      'auth:signIn': () => ({
        ok: false,
        error: { code: 'THROTTLED', message: 'wait', details: { waitSeconds: 8 } },
      }),
    });
    const user = userEvent.setup();
    renderScreen(<SignInPage branchName={null} keyFileProblem={false} onSignedIn={() => {}} />);
    await user.type(screen.getByLabelText('用户名'), 'admin');
    await user.type(screen.getByLabelText('口令'), 'whatever it is');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('尝试次数过多，请 8 秒后再试');
  });

  it('signs in with Enter and reports success', async () => {
    const { calls } = fakeBridge({
      'auth:signIn': () => ({
        ok: true,
        data: { staffId: 1, username: 'admin', name: '王建国', staffNo: 'M001', role: 'manager' },
      }),
    });
    const onSignedIn = vi.fn();
    const user = userEvent.setup();
    renderScreen(<SignInPage branchName={null} keyFileProblem={false} onSignedIn={onSignedIn} />);
    await user.type(screen.getByLabelText('用户名'), 'admin');
    await user.type(screen.getByLabelText('口令'), 'correct horse battery{Enter}');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(calls).toEqual([
      { channel: 'auth:signIn', input: { username: 'admin', passphrase: 'correct horse battery' } },
    ]);
  });

  it('opens the recovery dialog when the key file is missing', async () => {
    fakeBridge({});
    renderScreen(<SignInPage branchName={null} keyFileProblem onSignedIn={() => {}} />);
    expect(await screen.findByRole('dialog', { name: '使用恢复密钥' })).toBeInTheDocument();
  });
});
