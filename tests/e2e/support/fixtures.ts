import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { bridgePage, startCore, type BridgedCore } from './bridge';
import { serveRenderer } from './server';

export const shotsDir = path.resolve(__dirname, '../../../test-output/e2e/screenshots');

export const MANAGER = { username: 'admin', passphrase: 'correct horse battery' };

interface Fixtures {
  core: BridgedCore;
  app: Page;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures, { rendererUrl: string }>({
  rendererUrl: [
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  core: async ({}, use) => {
    const core = startCore();
    await use(core);
    await core.dispose();
  },
  app: async ({ context, page, core, rendererUrl }, use) => {
    await bridgePage(context, page, core);
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(rendererUrl);
    await use(page);
  },
  shot: async ({ page }, use, testInfo) => {
    fs.mkdirSync(shotsDir, { recursive: true });
    await use(async (name: string) => {
      const file = path.join(shotsDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
    });
  },
});

export { expect };

/** Completes first-run setup through the screens and lands signed in on the shell. */
export async function setUpThroughScreens(page: Page) {
  await page.getByLabel('网点名称').fill('青山农商银行石桥支行');
  await page.getByLabel('机构代码').fill('QS001');
  await page.getByLabel('地址').fill('浙江省青山县石桥镇人民路 8 号');
  await page.getByLabel('联系电话').fill('0571-88886666');
  await page.getByLabel('投诉热线').fill('0571-88889999');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('姓名').fill('王建国');
  await page.getByLabel('工号').fill('M001');
  await page.getByLabel('登录用户名').fill(MANAGER.username);
  await page.getByLabel(/^口令/).fill(MANAGER.passphrase);
  await page.getByLabel('再次输入口令').fill(MANAGER.passphrase);
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByTestId('recovery-key')).toBeVisible();
}

/** Sets up through the core directly (faster) and signs in through the screen. */
export async function setUpAndSignIn(page: Page, core: BridgedCore) {
  const result = await core.invoke('app:setup', {
    branch: {
      name: '青山农商银行石桥支行',
      code: 'QS001',
      address: '浙江省青山县石桥镇人民路 8 号',
      phone: '0571-88886666',
      complaintHotline: '0571-88889999',
    },
    manager: { name: '王建国', staffNo: 'M001', ...MANAGER, confirm: MANAGER.passphrase },
  });
  expect(result.ok).toBe(true);
  core.app.lock('signOut');
  await page.reload();
  await page.getByLabel('用户名').fill(MANAGER.username);
  await page.getByLabel('口令', { exact: true }).fill(MANAGER.passphrase);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}
