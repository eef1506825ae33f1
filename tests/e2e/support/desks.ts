import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { loadOrCreateServerCertificate } from '../../../electron/core/server/certificate';
import { startBranchServer, type BranchServer } from '../../../electron/core/server/http';
import {
  bridgePage,
  fakeClockOffsetMs,
  shiftedDateScript,
  startCore,
  type BridgedCore,
} from './bridge';
import { setUpBranch, shotFile } from './fixtures';
import { certifiedOfficer, ok } from './seed';

/**
 * The branch server and the desks that join it, for end-to-end tests (issue 20): the server is
 * a test's core served over HTTPS on loopback, as `serve` serves it; each desk is a core of its
 * own with no data (a new PC), whose invoke is the switchable desk Electron main wires to IPC
 * (remote/switch.ts), so a page bridged to it reaches the server exactly as the app's window
 * does, printing included.
 */

export async function serveForDesks(core: BridgedCore) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-e2e-tls-'));
  const certificate = await loadOrCreateServerCertificate(folder, new Date());
  const server: BranchServer = await startBranchServer({
    app: core.app,
    invoke: core.local,
    certificate,
  });
  return {
    server,
    fingerprint: certificate.fingerprint,
    close: async () => {
      await server.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A new PC's desk: nothing of its own yet; it joins a server through the screens or `invoke`. */
export function newDesk(): BridgedCore {
  return startCore();
}

/**
 * A desk's window: a Chromium page in a context of its own, bridged to `desk` as Electron main
 * wires the app's window, on the clock the core reads (bridge.ts), opened on the renderer.
 */
export async function openDesk(browser: Browser, rendererUrl: string, desk: BridgedCore) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await bridgePage(context, page, desk);
  if (fakeClockOffsetMs !== null) await context.addInitScript(shiftedDateScript(fakeClockOffsetMs));
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(rendererUrl);
  return page;
}

/** Who signs in at a desk. */
type Account = { username: string; passphrase: string };

/** Signs `who` in on a desk's sign-in screen and waits for the shell. */
export async function signInAtDesk(page: Page, who: Account) {
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('口令', { exact: true }).fill(who.passphrase);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/**
 * Two new desks joined to `served` by channel with codes the manager made (柜台一号机 and
 * 柜台二号机), each then opened in a window by `open`.
 */
export async function atTwoDesks(
  core: BridgedCore,
  served: Awaited<ReturnType<typeof serveForDesks>>,
  desks: readonly [BridgedCore, BridgedCore],
  open: (desk: BridgedCore) => Promise<Page>,
): Promise<[Page, Page]> {
  const names = ['柜台一号机', '柜台二号机'];
  for (const [i, desk] of desks.entries()) {
    const { code } = await ok(core.invoke('desks:createCode', {}));
    await ok(
      desk.invoke('desks:connect', {
        address: served.server.url,
        fingerprint: served.fingerprint,
        code,
        name: names[i]!,
      }),
    );
  }
  return [await open(desks[0]), await open(desks[1])];
}

/** An officer with a training certificate and an account (passphrase "<username> passphrase"). */
async function certifiedWithAccount(
  core: BridgedCore,
  staffNo: string,
  name: string,
  username: string,
) {
  const staffId = await certifiedOfficer(core.invoke, staffNo, name);
  const passphrase = `${username} passphrase`;
  await ok(core.invoke('accounts:create', { staffId, username, passphrase, confirm: passphrase }));
  return { staffId, username, passphrase };
}

/**
 * The branch two desks work at: set up (setUpBranch), with the two officers who sit at them,
 * 李明 (C001, li.ming) and 赵芳 (C002, zhao.fang), each certified and with an account.
 */
export async function branchOfTwoOfficers(core: BridgedCore) {
  await setUpBranch(core);
  const liMing = await certifiedWithAccount(core, 'C001', '李明', 'li.ming');
  const zhaoFang = await certifiedWithAccount(core, 'C002', '赵芳', 'zhao.fang');
  return { liMing, zhaoFang };
}

/** Shows the screen at `hash` in a desk's window, as following a link to it does. */
export async function goTo(page: Page, hash: string) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/**
 * Serves `core` to two new desks (atTwoDesks), signs `who[0]` in at desk A and `who[1]` at desk
 * B, and runs `steps` on their windows; then closes the windows, the desks and the server,
 * whatever happened. `steps` also gets `shot`, which saves a window's screenshot as `name` (the
 * PostgreSQL project's beside SQLite's, as the `shot` fixture names them), and `stopServer`,
 * which takes the server away mid-test (it is then not closed again).
 */
export async function onTwoDesks(
  {
    browser,
    core,
    engine,
    rendererUrl,
  }: { browser: Browser; core: BridgedCore; engine: string; rendererUrl: string },
  who: readonly [Account, Account],
  steps: (
    a: Page,
    b: Page,
    tools: {
      shot: (page: Page, name: string) => Promise<unknown>;
      stopServer: () => Promise<void>;
    },
  ) => Promise<void>,
) {
  const served = await serveForDesks(core);
  let stopped = false;
  const deskA = newDesk();
  const deskB = newDesk();
  const pages: Page[] = [];
  const shot = (page: Page, name: string) => page.screenshot({ path: shotFile(engine, name) });
  const stopServer = async () => {
    await served.close();
    stopped = true;
  };
  try {
    const [a, b] = await atTwoDesks(core, served, [deskA, deskB], (desk) =>
      openDesk(browser, rendererUrl, desk),
    );
    pages.push(a, b);
    await signInAtDesk(a, who[0]);
    await signInAtDesk(b, who[1]);
    await steps(a, b, { shot, stopServer });
  } finally {
    for (const page of pages) await page.context().close();
    await deskA.dispose();
    await deskB.dispose();
    if (!stopped) await served.close();
  }
}
