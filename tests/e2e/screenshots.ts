/**
 * `npm run screenshots -- --out DIR`: drives the built renderer through the same harness as the
 * end-to-end tests (real core, Debian Chromium) and saves a PNG of every main screen at
 * 1366×768, so anyone without Electron can see the real app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import {
  bridgePage,
  chromiumArgs,
  chromiumPath,
  startCore,
  type BridgedCore,
} from './support/bridge';
import { serveRenderer } from './support/server';
import { screenshotSteps } from './support/screens';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? 'test-output/screenshots');
fs.mkdirSync(out, { recursive: true });

async function main() {
  const server = await serveRenderer();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  });
  const core: BridgedCore = startCore();
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page: Page = await context.newPage();
    await bridgePage(context, page, core);
    await page.goto(server.url);
    for (const step of screenshotSteps) {
      await step.go(page, core);
      const file = path.join(out, `${step.name}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
  } finally {
    await browser.close();
    await core.dispose();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
