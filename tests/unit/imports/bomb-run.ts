/**
 * Child-process side of bombs.test.ts: sets up a fresh encrypted branch database in a temp
 * folder, signs in as its manager, sends one file through the `imports:run` channel (the
 * dispatcher, then the worker thread, as the app does) and prints what happened with the
 * process's peak memory. Run as
 * `node --import tsx bomb-run.ts <file> <fileName> <mode> [direct|channel]`: `direct` calls
 * importCaseFile, the function the channel's worker runs (importSourceFor, then importCases),
 * in this process; `channel` goes through the dispatcher, base64 and the worker thread (whose
 * own copy of tsx and the core adds about 75 MB that the built app's bundled worker does not).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCaseFile } from '../support/import-file';
import { createNodeCore } from '../../../electron/core/node';
import { tuneHeapForStreaming } from '../../../electron/core/runtime/heap';
import type { ImportMode } from '../../../electron/shared/schemas/imports';
import { setupPayload, TEST_KDF } from '../support/setup';

/**
 * This process's own peak resident memory (KiB). On Linux, getrusage's maxRSS survives exec:
 * a child forked from a large process (a vitest worker that has run many test files) starts
 * with the parent's peak. /proc's VmHWM belongs to this process image alone.
 */
function peakKiB(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux: getrusage's figure.
  }
  return process.resourceUsage().maxRSS;
}

async function main() {
  // As the app's main process and the CLI do first thing.
  tuneHeapForStreaming();
  const [file, fileName, mode, path_ = 'direct'] = process.argv.slice(2) as [
    string,
    string,
    ImportMode,
    'direct' | 'channel' | undefined,
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-bomb-'));
  const core = createNodeCore(path.join(dir, 'visitdesk.db'), {
    kdfCost: TEST_KDF,
    log: () => {},
    dailyBackup: false,
  });
  try {
    const setup = await core.invoke('auth:setup', setupPayload());
    if (!setup.ok) throw new Error(`setup failed: ${setup.error.code}`);
    const baselineKiB = peakKiB();
    const started = performance.now();
    const result =
      path_ === 'channel'
        ? await core.invoke('imports:run', {
            fileName,
            contentBase64: fs.readFileSync(file).toString('base64'),
            mode,
            asOf: '2026-01-15',
          })
        : {
            ok: true as const,
            data: await importCaseFile(core.app.db, {
              fileName,
              bytes: new Uint8Array(fs.readFileSync(file)),
              mode,
              asOf: '2026-01-15',
              staffId: 1,
            }),
          };
    const ms = Math.round(performance.now() - started);
    const loans = (core.app.db.prepare('SELECT count(*) AS n FROM loans').get() as { n: number }).n;
    const out = result.ok
      ? {
          ok: true as const,
          ...result.data,
          errorCount: result.data.errors.length,
          errors: result.data.errors.slice(0, 5),
          lastErrors: result.data.errors.slice(-2),
        }
      : { ok: false as const, error: result.error };
    process.stdout.write(
      `${JSON.stringify({ baselineKiB, peakKiB: peakKiB(), ms, loans, result: out })}\n`,
    );
  } finally {
    await core.app.settle();
    core.app.lock('quit');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
