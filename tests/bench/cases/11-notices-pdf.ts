import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { bridgePage } from '../../e2e/support/bridge';
import { chromiumProblem, contextOptions, startBrowserBench, type BrowserBench } from '../browser';
import { defineCase, type BenchContext } from '../harness';
import { expectOk } from '../seed';
import { pdfPages, pdfPageTexts, printedPagesHtml } from '../static-pages';

/**
 * A batch of visit notices to PDF, the way the notices screen does it: `notices:print` for a
 * list of planned visits (assembled from the database, numbered, logged with their hashes,
 * visits marked notified, audited, in one transaction), `print:stage`, then `print:savePdf`,
 * whose host side (the e2e bridge's, as Electron's hidden window) opens the print route
 * `#/print/<jobId>` in Chromium, waits for React to lay out every notice and prints it with
 * page.pdf(). Each run prints notices for visits no earlier run printed, so every one is an
 * original with a new number. The page count is checked with pdfinfo once.
 *
 * Baseline: the same Chromium printing a static HTML page of the same number of A4 pages
 * carrying the same text (each page's text taken from the app's PDF of the same run with
 * pdftotext), no React and no app: the floor of laying out and printing that much text.
 */
const batchSize = (ctx: BenchContext) => (ctx.quick ? 20 : 200);

interface State {
  bench: BrowserBench;
  app: BrowserContext;
  plain: BrowserContext;
  count: number;
  dir: string;
  lastVisitId: number;
  visitIds: number[];
  baselineHtml: string;
  checked: { app: boolean; baseline: boolean };
}

function popplerProblem(): string | null {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'no pdfinfo/pdftotext (apt-get install -y --no-install-recommends poppler-utils)';
  }
}

export default defineCase<State>({
  name: '200 notices to PDF',
  about:
    'notices:print of 200 visit notices (20 at --quick) + print:stage + print:savePdf (print route in Chromium, page.pdf); baseline: Chromium printing a static page of the same A4 pages of text',
  needs: ['visits', 'print_log'],
  skip: () => chromiumProblem() ?? popplerProblem(),
  target: { figure: 'median', maxMs: 30_000 },
  units: { label: 'notices', perRun: batchSize },
  iterations: 5,
  warmup: 1,
  quick: { iterations: 3, warmup: 1 },
  async setup(ctx) {
    const bench = await startBrowserBench(ctx);
    const app = await bench.browser.newContext(contextOptions);
    const page = await app.newPage();
    await bridgePage(app, page, bench.core);
    // The print route's URL is taken from the open window, as the app's main window.
    await page.goto(bench.url);
    await page.getByRole('navigation').waitFor();
    const plain = await bench.browser.newContext(contextOptions);
    return {
      bench,
      app,
      plain,
      count: batchSize(ctx),
      dir: bench.core.dir,
      lastVisitId: 0,
      visitIds: [],
      baselineHtml: path.join(bench.core.dir, 'baseline.html'),
      checked: { app: false, baseline: false },
    };
  },
  beforeRun(s) {
    const rows = s.bench.core.app.db
      .prepare(
        `SELECT v.id FROM visits v
          WHERE v.id > ? AND v.status IN ('planned', 'notified')
            AND EXISTS (SELECT 1 FROM visit_loans l WHERE l.visit_id = v.id)
          ORDER BY v.id LIMIT ?`,
      )
      .all(s.lastVisitId, s.count) as { id: number }[];
    if (rows.length < s.count) throw new Error(`only ${rows.length} planned visits left`);
    s.visitIds = rows.map((r) => r.id);
    s.lastVisitId = s.visitIds[s.visitIds.length - 1]!;
  },
  async run(s, i) {
    const { core } = s.bench;
    const printed = expectOk(
      await core.invoke('notices:print', {
        lang: 'zh',
        documents: s.visitIds.map((visitId) => ({ kind: 'visitNotice', visitId })),
      }),
    );
    const { jobId } = expectOk(await core.invoke('print:stage', { documents: printed.documents }));
    const saved = expectOk(await core.invoke('print:savePdf', { jobId, fileName: `notices-${i}` }));
    return { ...saved, copies: printed.documents.filter((d) => d.isCopy).length };
  },
  afterRun(s, result) {
    const saved = result as { file: string | null; pages: number; copies: number };
    if (!saved.file) throw new Error('print:savePdf saved no file');
    if (saved.pages !== s.count || saved.copies !== 0) {
      throw new Error(`the print route laid out ${saved.pages} notices, ${saved.copies} copies`);
    }
    const texts = pdfPageTexts(saved.file);
    if (!s.checked.app) {
      const pages = pdfPages(saved.file);
      if (pages !== s.count) throw new Error(`the PDF has ${pages} pages for ${s.count} notices`);
      s.checked.app = true;
    }
    fs.writeFileSync(s.baselineHtml, printedPagesHtml(texts));
    fs.rmSync(saved.file);
  },
  async baseline(s, i) {
    const page = await s.plain.newPage();
    await page.goto(pathToFileURL(s.baselineHtml).href);
    const file = path.join(s.dir, `baseline-${i}.pdf`);
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.close();
    return file;
  },
  afterBaseline(s, result) {
    const file = result as string;
    if (!s.checked.baseline) {
      const pages = pdfPages(file);
      if (pages !== s.count) throw new Error(`the baseline PDF has ${pages} pages`);
      s.checked.baseline = true;
    }
    fs.rmSync(file);
  },
  async teardown(s) {
    await s.bench.close();
  },
});
