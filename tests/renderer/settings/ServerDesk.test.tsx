import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BackupCard } from '../../../renderer/src/features/settings/BackupCard';
import { SecurityCard } from '../../../renderer/src/features/settings/SecurityCard';
import { SignInPage } from '../../../renderer/src/features/auth/SignInPage';
import { asRole, fakeBridge, renderScreen } from '../support';

/**
 * A desk whose data is on a PostgreSQL server (issue 19): the screens say where the data is,
 * and offer nothing that is the server's to do (backups, the key rotation), instead of a button
 * whose call would only be refused.
 */

const SERVER = 'db.branch.lan:5432/visitdesk';
const MANAGER = { staffId: 1, username: 'admin', name: '王建国', staffNo: 'M001' };

describe('settings on a desk whose data is on a server', () => {
  it('the backup card says the server keeps the backups, and lists or makes none here', async () => {
    const { calls } = fakeBridge({});
    renderScreen(asRole('manager', <BackupCard />, MANAGER, { server: SERVER }));
    expect(
      await screen.findByText(/数据库服务器 db\.branch\.lan:5432\/visitdesk 上/),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: '立即备份' })).toBeNull();
    expect(calls.map((c) => c.channel)).not.toContain('backup:list');
  });

  it('on this PC’s file the backup card lists the backups and offers one now', async () => {
    const { calls } = fakeBridge({ 'backup:list': () => ({ ok: true, data: [] }) });
    renderScreen(asRole('manager', <BackupCard />, MANAGER));
    expect(await screen.findByRole('button', { name: '立即备份' })).toBeEnabled();
    await waitFor(() => expect(calls.map((c) => c.channel)).toContain('backup:list'));
    expect(screen.getByText('还没有备份')).toBeVisible();
  });

  it('the security card offers no key rotation on a server, and says who changes what', () => {
    fakeBridge({});
    renderScreen(asRole('manager', <SecurityCard />, MANAGER, { server: SERVER }));
    expect(screen.queryByRole('button', { name: '更换数据库密钥' })).toBeNull();
    expect(screen.getByText(/更换数据库登录密码由服务器管理员完成/)).toBeVisible();
    expect(screen.getByRole('button', { name: '保存' })).toBeInTheDocument();
  });

  it('on a branch server desk the cards and the sign-in say so, and offer nothing of the server’s', async () => {
    const { calls } = fakeBridge({});
    const branch = { server: '192.168.1.20:8443', branchServer: true };
    renderScreen(asRole('manager', <BackupCard />, MANAGER, branch));
    expect(await screen.findByText(/支行服务器 192\.168\.1\.20:8443 上/)).toBeVisible();
    expect(screen.queryByRole('button', { name: '立即备份' })).toBeNull();
    renderScreen(asRole('manager', <SecurityCard />, MANAGER, branch));
    expect(screen.queryByRole('button', { name: '更换数据库密钥' })).toBeNull();
    expect(screen.getByText(/更换密钥在服务器电脑上进行（先停止支行服务器）/)).toBeVisible();
    renderScreen(
      <SignInPage
        branchName={null}
        keyFileProblem={false}
        server="192.168.1.20:8443"
        branchServer
        onSignedIn={() => {}}
      />,
    );
    expect(screen.getByTestId('signin-server')).toHaveTextContent('支行服务器：192.168.1.20:8443');
    expect(calls.map((c) => c.channel)).not.toContain('backup:list');
  });

  it('the sign-in screen names the server the data is on', () => {
    fakeBridge({});
    renderScreen(
      <SignInPage
        branchName="青山农商银行石桥支行"
        keyFileProblem={false}
        server={SERVER}
        onSignedIn={() => {}}
      />,
    );
    expect(screen.getByTestId('signin-server')).toHaveTextContent(`数据库服务器：${SERVER}`);
  });
});
