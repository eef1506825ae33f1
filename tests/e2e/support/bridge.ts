import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { PlatformHandlerMap } from '../../../electron/core/app/handler-types';
import type { ServerDatabase } from '../../../electron/core/app/server-desk';
import { createNodeCore } from '../../../electron/core/node';
import { createSwitchableDesk } from '../../../electron/core/remote/switch';
import { freshAppDatabase } from '../../unit/support/postgres';
import { channelNames, eventNames, type EventName } from '../../../electron/shared/contract';

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

/**
 * CI runs the whole suite once with the clock moved to a late UTC evening, when Beijing's date
 * is already tomorrow: libfaketime through LD_PRELOAD with a relative offset (FAKETIME="+5400s").
 * The fake clock suits Node (the test process and the core) but stalls Chromium, so Chromium
 * starts without it and each page's Date is shifted by the same offset (fixtures.ts), so the
 * renderer and the core read the same moment.
 */
export const fakeClockOffsetMs: number | null = (() => {
  if (!/faketime/.test(process.env.LD_PRELOAD ?? '')) return null;
  const match = /^([+-]\d+(?:\.\d+)?)([smhd]?)$/.exec(process.env.FAKETIME ?? '');
  if (!match)
    throw new Error(
      `e2e under faketime needs a relative FAKETIME like +5400s, not ${process.env.FAKETIME}`,
    );
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unit * 1000);
})();

/** A page script that moves Date by `offsetMs`, as libfaketime moves it in Node. */
export function shiftedDateScript(offsetMs: number): string {
  return `(() => {
    const Native = Date;
    const offset = ${offsetMs};
    function Shifted(...args) {
      if (!new.target) return new Native(Native.now() + offset).toString();
      return args.length === 0 ? new Native(Native.now() + offset) : new Native(...args);
    }
    Shifted.prototype = Native.prototype;
    Shifted.now = () => Native.now() + offset;
    Shifted.parse = Native.parse;
    Shifted.UTC = Native.UTC;
    globalThis.Date = Shifted;
  })();`;
}

export const chromiumEnv: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] =>
      e[1] !== undefined && e[0] !== 'LD_PRELOAD' && !e[0].startsWith('FAKETIME'),
  ),
);

export interface BridgedCore extends ReturnType<typeof createNodeCore> {
  dir: string;
  dbFile: string;
  dispose: () => Promise<void>;
  /** The host's channels (printing), filled in when a page is bridged. */
  platform: Partial<PlatformHandlerMap>;
  /** Sends an event to the bridged page, as main sends one to its window. */
  send: (event: EventName, payload: unknown) => void;
  /** The dispatcher itself, without the desk around it (what a branch server serves). */
  local: ReturnType<typeof createNodeCore>['invoke'];
}

/**
 * A real core over a fresh encrypted database in a temp folder (cheap scrypt for speed), or
 * over an existing `dbFile`; `now` fixes the branch clock (the benchmarks' seeded date).
 */
export function startCore(
  options: {
    dbFile?: string;
    dailyBackup?: boolean;
    now?: () => Date;
    /** The data on this PostgreSQL server (the desk keeps its key file in the temp folder). */
    server?: ServerDatabase;
  } = {},
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
      ...(options.server ? { server: options.server } : {}),
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
  // What the window calls is what Electron main registers: this PC's dispatcher behind the
  // switchable desk (remote/switch.ts), which answers where the data lives and joins a branch
  // server; `local` stays the dispatcher itself (a branch server serves that one).
  bridged.local = core.invoke;
  const desk = createSwitchableDesk({
    local: core.invoke,
    platform,
    connectionFile: core.app.files.branchServer,
    hasLocalData: () =>
      fs.existsSync(core.app.files.db) ||
      fs.existsSync(core.app.files.keys) ||
      options.server !== undefined,
    emit: (event, payload) => bridged.send(event, payload),
  });
  bridged.invoke = desk.invoke as BridgedCore['invoke'];
  bridged.dispose = async () => {
    desk.close();
    await core.app.settle();
    core.app.lock('quit');
    await core.app.closed();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  (bridged as unknown as { attach: (p: Page) => void }).attach = (p: Page) => {
    page = p;
  };
  bridged.send = (event, payload) => {
    if (page)
      void page
        .evaluate(([e, p]) => window.__visitdeskEmit?.(e, p), [event, payload] as const)
        .catch(() => {});
  };
  return bridged;
}

/** The engines the end-to-end suite runs on (playwright.config.ts's projects). */
export type E2eEngine = 'sqlite' | 'postgres';

/**
 * A core for one test on `engine`: this PC's encrypted file in a temp folder, or a desk whose
 * data is on a fresh database of the test cluster (tests/tools/with-postgres.mjs), owned by a
 * login of its own that row-level security binds, as a bank's DBA hands one over. The
 * database and its login are dropped with the core. `now` fixes the branch clock as for
 * `startCore`.
 */
export async function startCoreOn(
  engine: E2eEngine,
  options: { now?: () => Date } = {},
): Promise<BridgedCore> {
  if (engine === 'sqlite') return startCore(options);
  const database = await freshAppDatabase();
  const core = startCore({ ...options, server: { url: database.appUrl } });
  const dispose = core.dispose;
  core.dispose = async () => {
    try {
      await dispose();
    } finally {
      await database.drop();
    }
  };
  return core;
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
): Pick<PlatformHandlerMap, 'print:savePdf' | 'print:system'> {
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
