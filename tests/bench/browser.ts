import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';
import { chromiumArgs, chromiumPath, startCore, type BridgedCore } from '../e2e/support/bridge';
import { rendererDir, serveRenderer } from '../e2e/support/server';
import { dataFilesFor } from '../../electron/core/app/paths';
import type { BenchContext } from './harness';
import { BENCH_MANAGER, benchClock, expectOk } from './seed';

/**
 * The browser side of the Chromium cases, built from the end-to-end harness: Debian's Chromium
 * through playwright-core, the built renderer served over loopback http, and a real core wired
 * to pages by the same bridge as the e2e specs (every channel through the dispatcher). The core
 * is a second connection to this run's copy of the seeded branch, on the branch clock, signed
 * in as the manager.
 */

/**
 * The built renderer the Chromium cases serve: out/renderer, or another build named by
 * VISITDESK_BENCH_RENDERER (a copy of an earlier build, to time a change against what it
 * replaced in the same period of a shared machine's load).
 */
export const benchRendererDir = process.env.VISITDESK_BENCH_RENDERER
  ? path.resolve(process.env.VISITDESK_BENCH_RENDERER)
  : rendererDir;

/** Why the Chromium cases cannot run here, with how to fix it; null when they can. */
export function chromiumProblem(): string | null {
  if (!fs.existsSync(chromiumPath)) {
    return `no Chromium at ${chromiumPath} (apt-get install -y --no-install-recommends chromium fonts-noto-cjk poppler-utils, or set CHROMIUM_PATH)`;
  }
  if (!fs.existsSync(path.join(benchRendererDir, 'index.html'))) {
    return `no built renderer in ${path.relative(process.cwd(), benchRendererDir) || benchRendererDir} (build it with \`npx electron-vite build\`)`;
  }
  return null;
}

/** The e2e specs' window: an office PC's screen, Chinese, Shanghai time. */
export const contextOptions: BrowserContextOptions = {
  viewport: { width: 1366, height: 768 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export interface BrowserBench {
  browser: Browser;
  url: string;
  core: BridgedCore;
  close: () => Promise<void>;
}

export async function startBrowserBench(ctx: BenchContext): Promise<BrowserBench> {
  const server = await serveRenderer(benchRendererDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  });
  // The running marker is this process's own (the branch's first connection): a second
  // connection from the same process is no unclean shutdown, whose quick_check would take
  // seconds of CPU from the cases.
  fs.rmSync(dataFilesFor(ctx.branch.dbFile).marker, { force: true });
  const core = startCore({ dbFile: ctx.branch.dbFile, now: benchClock(ctx.branch.asOf) });
  try {
    expectOk(await core.invoke('auth:signIn', BENCH_MANAGER));
    if (core.app.uncleanShutdown) throw new Error('the bridged core took the branch for crashed');
    // Sign-in starts background work (promise evaluation): let it finish before timing.
    await core.app.settle();
  } catch (error) {
    await browser.close();
    await server.close();
    await core.dispose();
    throw error;
  }
  return {
    browser,
    url: server.url,
    core,
    async close() {
      await browser.close();
      await server.close();
      await core.dispose();
    },
  };
}
