import { expect, type Page } from '@playwright/test';
import type { BridgedCore } from './bridge';

export const MANAGER = { username: 'admin', passphrase: 'correct horse battery' };

export interface ScreenshotStep {
  name: string;
  go: (page: Page, core: BridgedCore) => Promise<void>;
}

/** The main screens in order; each feature appends its own steps. */
export const screenshotSteps: ScreenshotStep[] = [
  {
    name: '01-setup',
    go: async (page) => {
      await expect(page.getByRole('heading', { name: '欢迎使用 Visitdesk' })).toBeVisible();
    },
  },
  {
    name: '02-recovery-key',
    go: async (page) => {
      await page.getByLabel(/^网点名称/).fill('青山农商银行石桥支行');
      await page.getByLabel(/^机构代码/).fill('QS001');
      await page.getByLabel(/^地址/).fill('浙江省青山县石桥镇人民路 8 号');
      await page.getByLabel(/^联系电话/).fill('0571-88886666');
      await page.getByLabel(/^投诉热线/).fill('0571-88889999');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel(/^姓名/).fill('王建国');
      await page.getByLabel(/^工号/).fill('M001');
      await page.getByLabel(/^口令/).fill(MANAGER.passphrase);
      await page.getByLabel(/^再次输入口令/).fill(MANAGER.passphrase);
      await page.getByRole('button', { name: '创建' }).click();
      await expect(page.getByTestId('recovery-key')).toBeVisible();
    },
  },
  {
    name: '03-sign-in',
    go: async (page, core) => {
      await page.getByLabel('我已打印并妥善保管').check();
      await page.getByRole('button', { name: '进入系统' }).click();
      await expect(page.getByRole('navigation')).toBeVisible();
      core.app.lock('signOut');
      await page.reload();
      await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    },
  },
  {
    name: '04-settings',
    go: async (page) => {
      await page.getByLabel('用户名').fill(MANAGER.username);
      await page.getByLabel('口令', { exact: true }).fill(MANAGER.passphrase);
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
      await page.getByRole('button', { name: '立即备份' }).click();
      await expect(page.getByText('备份完成')).toBeVisible();
    },
  },
];
