import type { BrowserContext, Page } from '@playwright/test';
import { bridgePage, type BridgedCore } from './bridge';
import { closeToasts, expect, screenshotSteps, type ScreenshotStep } from './screens';
import { uiFor, type Lang } from './screens-text';
import './screens-work';
import './screens-desk';
import './screens-portfolio';

export type { Lang };

/** The renderer's language setting (renderer/src/i18n/index.ts, LANGUAGE_KEY). */
const LANGUAGE_KEY = 'visitdesk.language';

declare global {
  interface Window {
    /** Contract calls the page has made and not yet had answered. */
    __visitdeskPending?: number;
  }
}

/**
 * Wires a fresh page to the core in `lang`: the language the renderer reads at start, and a
 * count of the bridge's calls in flight, so a picture is taken only once every answer is in.
 */
export async function bridgeWalkPage(
  context: BrowserContext,
  page: Page,
  core: BridgedCore,
  lang: Lang,
): Promise<void> {
  await bridgePage(context, page, core);
  await context.addInitScript(
    ({ key, value }) => {
      localStorage.setItem(key, value);
      const invoke = window.__visitdeskInvoke;
      if (!invoke) throw new Error('the bridge binding is not in place');
      window.__visitdeskPending = 0;
      window.__visitdeskInvoke = (channel, payload) => {
        window.__visitdeskPending! += 1;
        return invoke(channel, payload).finally(() => {
          window.__visitdeskPending! -= 1;
        });
      };
    },
    { key: LANGUAGE_KEY, value: lang === 'en' ? 'en' : 'zh-CN' },
  );
}

/**
 * Waits until the screen is still: no bridge call in flight, no progress indicator, no toast,
 * the web fonts loaded, and two frames painted after that.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__visitdeskPending === 0, undefined, {
    timeout: 60_000,
  });
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await closeToasts(page);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

export interface WalkOptions {
  page: Page;
  core: BridgedCore;
  lang: Lang;
  /** Only steps whose name this accepts are pictured (every step still runs). */
  picture?: (step: ScreenshotStep) => boolean;
  /** Called for each screen once it has settled. */
  onScreen: (step: ScreenshotStep) => Promise<void>;
  /** Called with the PDF a printing step saved. */
  onDocument: (step: ScreenshotStep, pdf: string) => Promise<void> | void;
}

/** Walks every step in order on one core, in one language. */
export async function walk({
  page,
  core,
  lang,
  picture = () => true,
  onScreen,
  onDocument,
}: WalkOptions) {
  const ui = uiFor(page, core, lang);
  for (const step of screenshotSteps) {
    const result = await step.go(ui);
    if (!picture(step)) continue;
    if (result?.pdf) {
      await onDocument(step, result.pdf);
    } else {
      await settle(page);
      await onScreen(step);
    }
  }
}
