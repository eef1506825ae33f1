import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { buildSync } from 'esbuild';

/** Kills per crash scenario; dozens, as SQLite's own crash tests do. */
export const KILLS = Number(process.env.VISITDESK_KILLS ?? 24);

const root = path.resolve(__dirname, '../../..');

const bundles = new Map<string, string>();

/**
 * The writer script as one CommonJS file, built once per test worker. A child that loads the
 * core through tsx spends 1.4 s on an idle machine (more on CI's loaded cores) transpiling and
 * resolving its modules before it writes anything, and the kill suites start some two hundred
 * children: bundled, a child is ready in 0.6 s. The same sources, compiled by the esbuild tsx
 * uses. The bundle sits under node_modules/.cache, named by its content (workers building the
 * same bundle write the same file, renamed into place whole), so that the SQLite drivers the
 * core loads by name at run time (native builds, not bundled) resolve from the project's
 * node_modules.
 */
export function writerScript(writer: string): string {
  let bundle = bundles.get(writer);
  if (!bundle) {
    const built = buildSync({
      entryPoints: [writer],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      write: false,
      outfile: 'bundle.cjs',
      external: [
        'better-sqlite3-multiple-ciphers',
        'better-sqlite3-multiple-ciphers-napi',
        'pg-native',
      ],
      logLevel: 'warning',
    }).outputFiles[0]!;
    const dir = path.join(root, 'node_modules', '.cache', 'visitdesk-writers');
    fs.mkdirSync(dir, { recursive: true });
    const digest = createHash('sha256').update(built.contents).digest('hex').slice(0, 16);
    bundle = path.join(dir, `${path.basename(writer, '.ts')}-${digest}.cjs`);
    if (!fs.existsSync(bundle)) {
      const partial = `${bundle}.${process.pid}-${threadId}`;
      fs.writeFileSync(partial, built.contents);
      fs.renameSync(partial, bundle);
    }
    bundles.set(writer, bundle);
  }
  return bundle;
}

/**
 * Starts a writer script (bundled: `writerScript`), waits for it to print "ready",
 * lets it work for `delayMs`, then kill -9. A writer that prints "exhausted" ran out of work
 * before the kill, so the kill would not land mid-transaction: that fails the run.
 */
export function crashOnce(writer: string, args: readonly string[], delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerScript(writer), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let exhausted = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), delayMs);
      if (d.toString().includes('exhausted')) exhausted = true;
    });
    child.on('exit', (code, signal) => {
      if (exhausted) reject(new Error(`${path.basename(writer)} ran out of work before the kill`));
      else if (signal === 'SIGKILL') resolve();
      else reject(new Error(`${path.basename(writer)} exited ${code}: ${stderr}`));
    });
  });
}

/** A fixed pseudo-random sequence of delays in [minMs, minMs + spreadMs), so a failure replays. */
export function killDelays(count: number, seed: number, minMs: number, spreadMs: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return minMs + (x % spreadMs);
  });
}
