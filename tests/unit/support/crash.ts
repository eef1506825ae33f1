import { spawn } from 'node:child_process';
import path from 'node:path';

/** Kills per crash scenario; dozens, as SQLite's own crash tests do. */
export const KILLS = Number(process.env.VISITDESK_KILLS ?? 24);

const root = path.resolve(__dirname, '../../..');

/**
 * Starts a writer script (`node --import tsx <writer> ...args`), waits for it to print "ready",
 * lets it work for `delayMs`, then kill -9. A writer that prints "exhausted" ran out of work
 * before the kill, so the kill would not land mid-transaction: that fails the run.
 */
export function crashOnce(writer: string, args: readonly string[], delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, ...args], {
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
