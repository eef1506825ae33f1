import { expect, MANAGER, setUpAndSignIn, setUpThroughScreens, test } from '../support/fixtures';

test('first-run setup shows the recovery key once and opens the app', async ({
  app,
  core,
  shot,
}) => {
  await expect(app.getByRole('heading', { name: '欢迎使用 Visitdesk' })).toBeVisible();
  await shot('01-setup-branch');
  await app.getByRole('button', { name: '下一步' }).click();
  await expect(app.getByText('必填').first()).toBeVisible();
  await setUpThroughScreens(app);
  const key = (await app.getByTestId('recovery-key').innerText()).replace(/\s+/g, '-');
  expect(key).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/);
  await shot('02-recovery-key');
  const enter = app.getByRole('button', { name: '进入系统' });
  await expect(enter).toBeDisabled();
  await app.getByLabel('我已打印并妥善保管').check();
  await enter.click();
  await expect(app.getByText('青山农商银行石桥支行').first()).toBeVisible();
  await expect(app.getByRole('navigation')).toBeVisible();
  const state = await core.invoke('auth:state', {});
  expect(state.ok && state.data.session?.role).toBe('manager');
});

test('a wrong passphrase shows a clear message; the right one signs in; sign out locks', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('button', { name: /王建国/ }).click();
  await app.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(app.getByRole('heading', { name: '登录' })).toBeVisible();
  expect(core.app.isOpen).toBe(false);

  await app.getByLabel('用户名').fill(MANAGER.username);
  await app.getByLabel('口令', { exact: true }).fill('this is not it');
  await app.getByRole('button', { name: '登录' }).click();
  await expect(app.getByRole('alert')).toHaveText('用户名或口令不正确');
  await shot('03-sign-in-wrong-passphrase');
  await expect(app.getByLabel('口令', { exact: true })).toHaveValue('');

  await app.getByLabel('口令', { exact: true }).fill(MANAGER.passphrase);
  await app.getByRole('button', { name: '登录' }).click();
  await expect(app.getByRole('navigation')).toBeVisible();
  await shot('04-settings');
});

test('the language switch changes the whole UI to English and back', async ({
  app,
  core,
  engine,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('button', { name: '设置' }).click();
  await app.getByRole('button', { name: 'English' }).click();
  await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
  // This PC's file is backed up here; a server's backups are its administrator's.
  await expect(
    engine === 'sqlite'
      ? app.getByText('Back up now')
      : app.getByText(/Backups and restores are made on the server by its administrator/),
  ).toBeVisible();
  await shot('05-settings-english');
  // The choice is remembered on this PC, also on the sign-in screen.
  await app.getByRole('button', { name: /王建国/ }).click();
  await app.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await app.reload();
  await app.getByLabel('User name').fill(MANAGER.username);
  await app.getByLabel('Passphrase', { exact: true }).fill(MANAGER.passphrase);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await app.getByRole('button', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await app.getByRole('button', { name: '中文' }).click();
  await expect(app.getByRole('heading', { name: '设置' })).toBeVisible();
});

test('settings: back up now, check integrity, change the auto-lock time', async ({
  app,
  core,
  engine,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('button', { name: '设置' }).click();
  if (engine === 'sqlite') {
    await app.getByRole('button', { name: '立即备份' }).click();
    await expect(app.getByText('备份完成')).toBeVisible();
    await expect(app.getByRole('table', { name: '备份' }).getByRole('row')).toHaveCount(2);
  } else {
    // On a server desk the card says where the data is and who backs it up; no button.
    const state = await core.invoke('auth:state', {});
    const server = state.ok ? state.data.server : null;
    expect(server).toMatch(/^127\.0\.0\.1:\d+\/vd_/);
    await expect(
      app.getByText(`本网点的数据保存在数据库服务器 ${server} 上`, { exact: false }),
    ).toBeVisible();
    await expect(app.getByRole('button', { name: '立即备份' })).toHaveCount(0);
  }
  await app.getByRole('button', { name: '立即检查' }).click();
  await expect(app.getByTestId('integrity-result')).toHaveText(/数据库完整，审计链验证通过/);
  await app.getByLabel('自动锁定（分钟）').fill('0');
  await expect(app.getByText('应为 1–240 分钟')).toBeVisible();
  await app.getByLabel('自动锁定（分钟）').fill('15');
  // Several settings cards have their own Save: press the one of the card holding the field.
  await app
    .locator('.MuiCard-root', { has: app.getByLabel('自动锁定（分钟）') })
    .getByRole('button', { name: '保存' })
    .click();
  await expect(app.getByText('已保存')).toBeVisible();
  const settings = await core.invoke('settings:get', {});
  expect(settings.ok && settings.data.autoLockMinutes).toBe(15);
});

test('the audit viewer lists sign-ins and verifies the chain against an outside head', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  const head = await core.invoke('audit:verify', {});
  await app.getByRole('button', { name: '审计' }).click();
  await expect(app.getByRole('heading', { name: '审计' })).toBeVisible();
  await expect(app.getByRole('grid').getByText('登录成功').first()).toBeVisible();
  await shot('06-audit');
  await app.getByRole('button', { name: '验证哈希链' }).first().click();
  await app.getByLabel(/外部保存的链头哈希/).fill(head.ok ? head.data.head : '');
  await app.getByRole('dialog').getByRole('button', { name: '验证哈希链' }).click();
  await expect(app.getByTestId('audit-verify-result')).toContainText('审计链完整');
  await expect(app.getByTestId('audit-verify-result')).toContainText('找到：第');
});

test('the manager rotates the database key and gets a new recovery key', async ({
  app,
  core,
  engine,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('button', { name: '设置' }).click();
  if (engine === 'postgres') {
    // A server desk's key is checked by the server's database: nothing to rotate here.
    await expect(app.getByText(/更换数据库登录密码由服务器管理员完成/)).toBeVisible();
    await expect(app.getByRole('button', { name: '更换数据库密钥' })).toHaveCount(0);
    return;
  }
  await app.getByRole('button', { name: '更换数据库密钥' }).click();
  await app.getByLabel('请输入您的口令确认').fill(MANAGER.passphrase);
  await app.getByRole('dialog').getByRole('button', { name: '更换数据库密钥' }).click();
  await expect(app.getByTestId('recovery-key')).toBeVisible();
  await shot('07-key-rotated');
  await app.getByLabel('我已打印并妥善保管').check();
  await app.getByRole('button', { name: '进入系统' }).click();
  await app.getByRole('button', { name: /王建国/ }).click();
  await app.getByRole('menuitem', { name: '退出登录' }).click();
  await app.getByLabel('用户名').fill(MANAGER.username);
  await app.getByLabel('口令', { exact: true }).fill(MANAGER.passphrase);
  await app.getByRole('button', { name: '登录' }).click();
  await expect(app.getByRole('navigation')).toBeVisible();
});
