import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { PlatformHandlerMap } from '../../../electron/core/app/handler-types';
import { createNodeCore } from '../../../electron/core/node';
import { channelNames, eventNames } from '../../../electron/shared/contract';

/** Chromium flags that keep Debian's Chromium quiet on a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BridgedCore extends ReturnType<typeof createNodeCore> {
  dir: string;
  dbFile: string;
  dispose: () => Promise<void>;
  /** The host's channels (printing), filled in when a page is bridged. */
  platform: Partial<PlatformHandlerMap>;
}

/**
 * A real core over a fresh encrypted database in a temp folder (cheap scrypt for speed), or
 * over an existing `dbFile`; `now` fixes the branch clock (the benchmarks' seeded date).
 */
export function startCore(
  options: { dbFile?: string; dailyBackup?: boolean; now?: () => Date } = {},
): BridgedCore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-e2e-'));
  const dbFile = options.dbFile ?? path.join(dir, 'visitdesk.db');
  const pending: { event: string; payload: unknown }[] = [];
  let page: Page | null = null;
  const platform: Partial<PlatformHandlerMap> = {};
  const core = createNodeCore(
    dbFile,
    {
      kdfCost: { N: 2 ** 12, r: 8, p: 1 },
      dailyBackup: options.dailyBackup ?? false,
      ...(options.now ? { now: options.now } : {}),
      log: () => {},
      emit: (event, payload) => {
        if (page)
          void page
            .evaluate(([e, p]) => window.__visitdeskEmit?.(e, p), [event, payload] as const)
            .catch(() => {});
        else pending.push({ event, payload });
      },
    },
    platform,
  );
  const bridged = core as BridgedCore;
  bridged.dir = dir;
  bridged.dbFile = dbFile;
  bridged.platform = platform;
  bridged.dispose = async () => {
    await core.app.settle();
    core.app.lock('quit');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  (bridged as unknown as { attach: (p: Page) => void }).attach = (p: Page) => {
    page = p;
  };
  return bridged;
}

declare global {
  interface Window {
    __visitdeskInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
    __visitdeskEmit?: (event: string, payload: unknown) => void;
  }
}

/**
 * Wires a page to the real core exactly as the preload wires the window to main: one method
 * per contract channel, each going through the same dispatcher (the handler table behind IPC).
 */
export async function bridgePage(
  context: BrowserContext,
  page: Page,
  core: BridgedCore,
): Promise<void> {
  await context.exposeBinding('__visitdeskInvoke', (_source, channel: string, payload: unknown) =>
    core.invoke(channel, payload),
  );
  await context.addInitScript(
    ({ channels, events }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const bridge: Record<string, unknown> = {};
      for (const channel of channels) {
        bridge[channel] = (input?: unknown) => window.__visitdeskInvoke!(channel, input);
      }
      bridge.on = (event: string, listener: (payload: unknown) => void) => {
        if (!events.includes(event)) throw new Error(`unknown event ${event}`);
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return () => listeners.get(event)!.delete(listener);
      };
      window.__visitdeskEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));
      (window as unknown as { visitdesk: unknown }).visitdesk = Object.freeze(bridge);
    },
    { channels: channelNames as string[], events: eventNames as readonly string[] as string[] },
  );
  (core as unknown as { attach: (p: Page) => void }).attach(page);
  Object.assign(core.platform, printHandlersFor(context, page, core));
}

/**
 * The harness's side of the platform print channels: the same print route Electron renders in
 * a hidden window, opened in a second page and printed with Chromium's page.pdf().
 */
function printHandlersFor(
  context: BrowserContext,
  page: Page,
  core: BridgedCore,
): PlatformHandlerMap {
  const render = async (jobId: string) => {
    const printPage = await context.newPage();
    const base = page.url().split('#')[0];
    await printPage.goto(`${base}#/print/${jobId}`);
    await printPage.locator('.print-root[data-print-ready="true"]').waitFor({ timeout: 60_000 });
    const pages = Number(await printPage.locator('.print-root').getAttribute('data-documents'));
    return { printPage, pages };
  };
  return {
    'print:savePdf': async ({ jobId, fileName }) => {
      const { printPage, pages } = await render(jobId);
      const file = path.join(core.dir, fileName.endsWith('.pdf') ? fileName : `${fileName}.pdf`);
      await printPage.pdf({
        path: file,
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
      });
      await printPage.close();
      return { file, pages };
    },
    'print:system': async ({ jobId }) => {
      // Headless Chromium has no print dialog: laying the job out is what can be checked.
      const { printPage } = await render(jobId);
      await printPage.close();
      return { printed: true };
    },
  };
}
