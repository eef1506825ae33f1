// Runs Electron's own installer (node_modules/electron/install.js: downloads the binary for this
// platform, checks it against the package's checksums, writes path.txt) and reduces whatever it
// prints to one line. It honours ELECTRON_MIRROR, ELECTRON_OVERRIDE_DIST_PATH and the rest of
// @electron/get's settings because it is that code.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The first line that says why, without a stack trace. */
export function firstReason(output) {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^[\^~]+$/.test(l));
  const reason =
    lines.find((l) => /error|fail|refused|ENOTFOUND|ECONN|timed? ?out/i.test(l)) ?? lines[0];
  return (reason ?? 'no output').slice(0, 300);
}

export function downloadElectron(electronDir, { log = () => {}, timeoutMs = 15 * 60_000 } = {}) {
  log('Downloading the Electron runtime… / 正在下载 Electron 运行时…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: process.env,
  });
  if (result.status === 0) return { ok: true };
  const reason = result.error
    ? result.error.message
    : firstReason(`${result.stderr ?? ''}\n${result.stdout ?? ''}`);
  return { ok: false, reason };
}
