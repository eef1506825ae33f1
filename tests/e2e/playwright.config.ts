import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumEnv, chromiumPath, type E2eEngine } from './support/bridge';

const postgresSpecs = [
  'foundation.spec.ts',
  'cases.spec.ts',
  'case-actions.spec.ts',
  'case-exit.spec.ts',
  'planning.spec.ts',
  'import-preview.spec.ts',
  'classification.spec.ts',
  'records.spec.ts',
  'receipts.spec.ts',
  'clerk-records.spec.ts',
  'cash-handin.spec.ts',
  'assignments.spec.ts',
  'import-officer-conflicts.spec.ts',
  'retention.spec.ts',
  'waivers.spec.ts',
  'notices.spec.ts',
  'paper-order.spec.ts',
  'print-pipeline.spec.ts',
  'reports.spec.ts',
  'monthly-report.spec.ts',
  'daily-import.spec.ts',
  'privacy.spec.ts',
  'screenshots.spec.ts',
  'two-desks.spec.ts',
  'two-desks-rules.spec.ts',
  'two-desks-conflicts.spec.ts',
  // Not here: layout.spec.ts and case-list-fit.spec.ts measure how the screens lay out at
  // given window sizes, which the engine behind the core does not change; SQLite's run covers
  // them, and leaving them out pays for the specs above in CI's time.
].map((spec) => `**/specs/${spec}`);

// Debian's Chromium drives the built renderer (npm run e2e builds it first); the core runs in
// the test process behind the same dispatcher as IPC. No network, no browser download.
export default defineConfig<{ engine: E2eEngine }>({
  testDir: './specs',
  outputDir: '../../test-output/e2e/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two spec files at a time: a test mostly waits on Chromium and the core's I/O, so two at once
  // took the postgres project from 2.9 to 2.0 min here with every test passing; the long ones set
  // their own time limits. Each test has its own core, database, temp folder and screenshots.
  workers: 2,
  // One retry: on CI's two loaded cores a spec has twice failed on a single wait (a toast after
  // 10 s, a select's menu still closing) and passed alone and on the retry-free runs here; every
  // such failure put the whole change off. A test that fails twice still fails the run, and the
  // list reporter names a test that passed only on its retry as "flaky".
  retries: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // As on a PC with animations turned off (the theme follows it: layout.spec.ts tests both):
    // a dialog or menu is there at once instead of fading in while a step waits on it, and
    // Chromium draws fewer frames on CI's two busy cores.
    reducedMotion: 'reduce',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs, env: chromiumEnv },
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'sqlite', use: { engine: 'sqlite' } },
    // The same specs on a desk whose data is on PostgreSQL (issue 19): those that reach the
    // core only through the screens, the dispatcher and seeding on the app's engine
    // (tests/e2e/support/seed.ts, the March branch's seedMarch2026On), less the layout-only
    // ones.
    { name: 'postgres', use: { engine: 'postgres' }, testMatch: postgresSpecs },
  ],
});
