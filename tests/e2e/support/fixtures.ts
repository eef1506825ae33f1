import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Download, type Locator, type Page } from '@playwright/test';
import {
  bridgePage,
  fakeClockOffsetMs,
  shiftedDateScript,
  startCoreOn,
  type BridgedCore,
  type E2eEngine,
} from './bridge';
import { serveRenderer } from './server';

export const shotsDir = path.resolve(__dirname, '../../../test-output/e2e/screenshots');

/** Where a screenshot called `name` goes: the PostgreSQL project's beside SQLite's, not over them. */
export const shotFile = (engine: string, name: string) =>
  path.join(shotsDir, `${engine === 'sqlite' ? '' : `${engine}-`}${name}.png`);

export const MANAGER = { username: 'admin', passphrase: 'correct horse battery' };

interface Fixtures {
  /** The engine the test's core runs on: the project's (playwright.config.ts). */
  engine: E2eEngine;
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
  engine: ['sqlite', { option: true }],
  core: async ({ engine }, use) => {
    const core = await startCoreOn(engine);
    await use(core);
    await core.dispose();
  },
  app: async ({ context, page, core, rendererUrl }, use) => {
    await bridgePage(context, page, core);
    // Under CI's late-evening run the page's clock reads what the core's does (bridge.ts).
    if (fakeClockOffsetMs !== null)
      await context.addInitScript(shiftedDateScript(fakeClockOffsetMs));
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(rendererUrl);
    await use(page);
  },
  shot: async ({ page, engine }, use, testInfo) => {
    fs.mkdirSync(shotsDir, { recursive: true });
    await use(async (name: string) => {
      const file = shotFile(engine, name);
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

/** The test branch (石桥支行, QS001) and its manager 王建国, set up through the core. */
export async function setUpBranch(core: BridgedCore) {
  const result = await core.invoke('auth:setup', {
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
}

/** Sets up through the core directly (faster) and signs in through the screen. */
export async function setUpAndSignIn(page: Page, core: BridgedCore) {
  await setUpBranch(core);
  await signInAs(page, core, MANAGER);
}

/** Signs whoever is signed in out (in the core) and `who` in through the sign-in screen. */
export async function signInAs(
  page: Page,
  core: BridgedCore,
  who: { username: string; passphrase: string },
) {
  core.app.lock('signOut');
  await page.reload();
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('口令', { exact: true }).fill(who.passphrase);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** Text read back from a PDF with its line breaks and spaces taken out, for phrase checks. */
export const flat = (text: string) => text.replace(/\s+/g, '');

// ---- Steps several screens share ----

/**
 * Presses 保存为 PDF in `scope` and reads the saved file's name back from the outcome the screen
 * shows (in `outcomeIn`: the page, or the dialog that printed).
 */
export async function saveAsPdf(
  app: Page,
  scope: Locator = app.locator('main'),
  outcomeIn: Page | Locator = app,
): Promise<string> {
  await scope.getByRole('button', { name: '保存为 PDF' }).click();
  const outcome = outcomeIn.getByTestId('print-outcome');
  await expect(outcome).toBeVisible({ timeout: 60_000 });
  const file = /已保存 (.+\.pdf)，共 \d+ 页/.exec((await outcome.textContent()) ?? '')?.[1];
  expect(file).toBeTruthy();
  return file!;
}

/** Picks one of the export dialog's quick purposes and waits until it shows as picked. */
export async function pickQuickPurpose(app: Page, dialog: Locator, purpose: string) {
  await dialog.getByRole('button', { name: purpose }).click();
  // The picked purpose is highlighted (once its colour transition has settled).
  await app.mouse.move(0, 0);
  await expect(dialog.getByRole('button', { name: purpose })).toHaveCSS(
    'background-color',
    'rgb(31, 95, 139)',
  );
}

/** Presses the export dialog's 导出 and returns the download it starts. */
export async function exportFrom(app: Page, dialog: Locator): Promise<Download> {
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  return download;
}

// ---- Reading the PDFs the screens save (poppler-utils) ----

export const pdfText = (file: string, mode: '-layout' | '-raw' = '-layout') =>
  execFileSync('pdftotext', [mode, file, '-']).toString();

export const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);

/**
 * Renders a PDF's pages (or only its first) as `<name>-<page>.png` among the screenshots, to
 * look at; the PDF itself stays beside its pictures (the core's folder is removed).
 */
export function pagesToPng(file: string, name: string, { firstPageOnly = false } = {}) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const range = firstPageOnly ? ['-f', '1', '-l', '1'] : [];
  execFileSync('pdftoppm', ['-png', '-r', '60', ...range, file, path.join(shotsDir, name)]);
  fs.copyFileSync(file, path.join(shotsDir, `${name}.pdf`));
}
