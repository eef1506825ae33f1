import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumEnv, chromiumPath } from './support/bridge';

// Debian's Chromium drives the built renderer (npm run e2e builds it first); the core runs in
// the test process behind the same dispatcher as IPC. No network, no browser download.
export default defineConfig({
  testDir: './specs',
  outputDir: '../../test-output/e2e/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv },
    screenshot: 'only-on-failure',
  },
});
