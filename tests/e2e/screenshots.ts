/**
 * `npm run screenshots -- [--out DIR] [--lang zh|en] [--readme DIR]`: drives the built renderer
 * through the same harness as the end-to-end tests (real core, Debian Chromium) and saves every
 * main screen and dialog at 1366×768, in zh-CN and in English, as `<screen>.<lang>.png`, and
 * every printed document's pages as `<document>-p<page>.<lang>.png` (printed to PDF as the e2e
 * fixtures do, then `pdftoppm`). DIR defaults to test-output/screenshots. `--readme DIR` also
 * copies the Chinese pictures README shows into DIR under the names README uses.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, startCore } from './support/bridge';
import { rendererDir, serveRenderer } from './support/server';
import { bridgeWalkPage, walk, type Lang } from './support/screens-walk';

/** README's pictures (resources/screenshots/<file>.png) and the screen each one is. */
export const readmePictures: Record<string, string> = {
  'cases-1-list': 'cases-01-list',
  'cases-2-case-page': 'cases-02-case-page',
  'cases-3-timeline': 'cases-03-timeline',
  'cases-6-import-report': 'cases-08-import-report',
  'planning-3-calendar-week': 'planning-03-calendar-week',
  'planning-5-plan-refused': 'planning-07-plan-refused',
  'planning-6-worklist': 'planning-08-worklist',
  'planning-7-day-route': 'planning-09-day-route',
  'records-01-promise-form': 'visits-02-outcome-form',
  'reports-closed': 'reports-02-closed',
  '06-audit': 'audit-01-viewer',
  '02-recovery-key': 'foundation-02-recovery-sheet',
  '04-settings': 'settings-01-settings',
};

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    lang: { type: 'string', multiple: true },
    readme: { type: 'string' },
  },
});
const out = path.resolve(values.out ?? 'test-output/screenshots');
const langs = (values.lang ?? ['zh', 'en']).map((l) => {
  if (l !== 'zh' && l !== 'en') throw new Error(`--lang is zh or en, not ${l}`);
  return l as Lang;
});
fs.mkdirSync(out, { recursive: true });

/** Renders each page of `pdf` as `<name>-p<page>.<lang>.png` in `out`. */
function documentPages(pdf: string, name: string, lang: Lang): string[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-pages-'));
  try {
    execFileSync('pdftoppm', ['-png', '-r', '100', pdf, path.join(work, 'page')]);
    return fs
      .readdirSync(work)
      .sort()
      .map((file) => {
        const page = Number(/-(\d+)\.png$/.exec(file)?.[1]);
        const target = path.join(out, `${name}-p${page}.${lang}.png`);
        fs.copyFileSync(path.join(work, file), target);
        return target;
      });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function walkIn(lang: Lang, rendererUrl: string) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  });
  const core = startCore();
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: lang === 'zh' ? 'zh-CN' : 'en-GB',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      console.error(`page error on ${page.url()}: ${error.message}`);
      process.exitCode = 1;
    });
    await bridgeWalkPage(context, page, core, lang);
    await page.goto(rendererUrl);
    await walk({
      page,
      core,
      lang,
      onScreen: async (step) => {
        const file = path.join(out, `${step.name}.${lang}.png`);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        console.log(file);
      },
      onDocument: (step, pdf) => {
        for (const file of documentPages(pdf, step.name, lang)) console.log(file);
      },
    });
  } finally {
    await browser.close();
    await core.dispose();
  }
}

/**
 * A copy of the built renderer taken as the walk starts, so that a build started meanwhile (which
 * empties out/ and writes chunks under new names) cannot take a screen's chunk away mid-walk.
 */
function rendererSnapshot(): string {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${rendererDir}: run \`npm run build\` first`);
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-renderer-'));
  fs.cpSync(rendererDir, copy, { recursive: true });
  return copy;
}

async function main() {
  const started = Date.now();
  const renderer = rendererSnapshot();
  const server = await serveRenderer(renderer);
  try {
    for (const lang of langs) await walkIn(lang, server.url);
  } finally {
    await server.close();
    fs.rmSync(renderer, { recursive: true, force: true });
  }
  if (values.readme) {
    const readme = path.resolve(values.readme);
    fs.mkdirSync(readme, { recursive: true });
    for (const [file, screen] of Object.entries(readmePictures)) {
      fs.copyFileSync(path.join(out, `${screen}.zh.png`), path.join(readme, `${file}.png`));
    }
  }
  console.log(`screenshots in ${out} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
