import fs from 'node:fs';
import { bridgePage } from '../e2e/support/bridge';
import { contextOptions, startBrowserBench } from './browser';
import { FIRST_ROW, firstRowPaintScript } from './cases/12-cold-start';
import { quickScale } from './scale';
import { prepareBranch } from './seed';

/**
 * `node --import tsx tests/bench/profile-cold.ts [runs]`: where the cold start to the case
 * list spends its time, for the built renderer the cold-start case serves (out/renderer, or
 * VISITDESK_BENCH_RENDERER). Each run is a fresh context, as in the case; it prints, in ms
 * from the navigation, when each script and stylesheet finished loading, when each channel
 * was asked and answered over the bridge, the first paint, the first grid row in the DOM and
 * when it was painted (Element Timing, as the cold-start case times it), then how
 * much of each script the first screen ran (V8 coverage). Not a benchmark: no baseline, no
 * judgement; it is what one reads before changing what the first screen loads.
 */

interface Mark {
  at: number;
  what: string;
}

declare global {
  interface Window {
    __coldMarks?: Mark[];
  }
}

const wrapBridge = `
  window.__coldMarks = [];
  const mark = (what) => window.__coldMarks.push({ at: performance.now(), what });
  const wrap = (bridge) => {
    const timed = {};
    for (const [name, fn] of Object.entries(bridge)) {
      timed[name] = name === 'on' || typeof fn !== 'function' ? fn : async (input) => {
        mark('ask ' + name);
        const answer = await fn(input);
        mark('answer ' + name);
        return answer;
      };
    }
    return Object.freeze(timed);
  };
  // When the screen's landmarks first appear (the shell, the list's loading bar, the table, its
  // first row), checked on every DOM change.
  const landmarks = {
    'shell header': 'header',
    'loading bar': '[role=progressbar]',
    'table': '[role=grid]',
    'first row': '[role=grid] tbody tr',
  };
  const seen = new Set();
  new MutationObserver(() => {
    for (const [what, selector] of Object.entries(landmarks)) {
      if (!seen.has(what) && document.querySelector(selector)) {
        seen.add(what);
        mark('dom: ' + what);
      }
    }
  }).observe(document, { childList: true, subtree: true });
  if (window.visitdesk) {
    window.visitdesk = wrap(window.visitdesk);
  } else {
    let current;
    Object.defineProperty(window, 'visitdesk', {
      configurable: true,
      get: () => current,
      set: (bridge) => { current = wrap(bridge); },
    });
  }
`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** Self time by script and the busiest functions, from a V8 CPU profile of the last run. */
function printProfile(profile: {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const script = frame.url.split('/').pop() || `(${frame.functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log('\nCPU self time by script (ms)');
  for (const [k, v] of top(byScript, 12)) console.log(`${String(Math.round(v)).padStart(7)}  ${k}`);
  console.log('\nbusiest functions (ms)');
  for (const [k, v] of top(byFunction, 25))
    console.log(`${String(Math.round(v)).padStart(7)}  ${k}`);
}

async function main() {
  const runs = Number(process.argv[2] ?? 3);
  const branch = await prepareBranch(quickScale);
  const bench = await startBrowserBench({ branch, scale: quickScale, quick: true });
  const view = encodeURIComponent(JSON.stringify({ pageSize: 50 }));
  try {
    for (let run = 0; run < runs; run++) {
      const context = await bench.browser.newContext(contextOptions);
      const page = await context.newPage();
      await bridgePage(context, page, bench.core);
      // Wrap the bridge as it is installed (whichever init script runs first) to time each call.
      // A string, not a function: tsx's name helpers do not exist in the page.
      await context.addInitScript(wrapBridge);
      await context.addInitScript(firstRowPaintScript(FIRST_ROW));
      const last = run === runs - 1;
      if (last) await page.coverage.startJSCoverage({ resetOnNavigation: false });
      const cdp = last ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const started = Date.now();
      await page.goto(`${bench.url}#/cases?view=${view}`);
      await page.locator(FIRST_ROW).first().waitFor({ state: 'visible' });
      const wall = Date.now() - started;
      const row = await page.evaluate(() => performance.now());
      const timeline = await page.evaluate(() => {
        const marks: { at: number; what: string }[] = [...(window.__coldMarks ?? [])];
        for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
          marks.push({
            at: e.responseEnd,
            what: `loaded ${e.name.split('/').pop()} (${e.encodedBodySize} B)`,
          });
        }
        const painted = (window as { __firstRowPaint?: number | null }).__firstRowPaint;
        if (painted) marks.push({ at: painted, what: 'first row painted (Element Timing)' });
        for (const e of performance.getEntriesByType('paint')) {
          marks.push({ at: e.startTime, what: e.name });
        }
        for (const e of performance.getEntriesByType('mark'))
          marks.push({ at: e.startTime, what: 'mark ' + e.name });
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        marks.push({ at: nav.domContentLoadedEventEnd, what: 'DOMContentLoaded' });
        return marks.sort((a, b) => a.at - b.at);
      });
      console.log(
        `\nrun ${run + 1}: first row after ${wall} ms (wall), ${Math.round(row)} ms page`,
      );
      for (const m of timeline) console.log(`${String(Math.round(m.at)).padStart(7)}  ${m.what}`);
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        printProfile(profile);
        // The raw profile, for Chromium's DevTools (Performance → load profile).
        if (process.env.COLD_PROFILE_OUT) {
          fs.writeFileSync(process.env.COLD_PROFILE_OUT, JSON.stringify(profile));
        }
      }
      if (last) {
        const coverage = await page.coverage.stopJSCoverage();
        console.log('\nscript                          bytes     ran');
        for (const entry of coverage) {
          const size = entry.source?.length ?? 0;
          if (!entry.url.includes('/assets/')) continue;
          // The innermost range decides: paint the widest first, the narrower over them.
          const ran = new Uint8Array(size);
          const ranges = entry.functions.flatMap((fn) => fn.ranges);
          ranges.sort((a, b) => b.endOffset - b.startOffset - (a.endOffset - a.startOffset));
          for (const r of ranges) ran.fill(r.count > 0 ? 1 : 0, r.startOffset, r.endOffset);
          const share = ran.reduce((n, b) => n + b, 0) / Math.max(size, 1);
          console.log(
            `${entry.url.split('/').pop()!.padEnd(30)} ${String(size).padStart(8)} ${String(Math.round(100 * share)).padStart(6)}%`,
          );
        }
      }
      await context.close();
    }
  } finally {
    await bench.close();
    await branch.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
