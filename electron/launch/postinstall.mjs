// After `npm install`: fetch Electron's binary (Electron 45's package no longer does this at
// install time, and `npm start` needs it). A failed download is said in one line and never fails
// the install: tests, the CLI and the build do not need Electron, and `npm start` explains what
// to do.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectron } from './download.mjs';
import { locatePackages, resolveElectron } from './preflight.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { electronDir } = locatePackages(projectDir);

function main() {
  if (!electronDir) return; // a production-only install: nothing to start from here
  const version = createRequire(import.meta.url)(path.join(electronDir, 'package.json')).version;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(
      `Electron ${version}: download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set). / 已跳过 Electron 下载。`,
    );
    return;
  }
  const resolved = resolveElectron({ env: process.env, electronDir, platform: process.platform });
  if (resolved.file) {
    console.log(`Electron ${version}: ${resolved.file}`);
    return;
  }
  if (resolved.source !== 'node_modules') return; // the user points at a binary; start checks it
  const outcome = downloadElectron(electronDir);
  console.log(
    outcome.ok
      ? `Electron ${version} downloaded. / Electron ${version} 已下载。`
      : `Electron ${version} could not be downloaded (${outcome.reason}); npm start will say what to do. / Electron 未能下载，运行 npm start 时会说明解决办法。`,
  );
}

try {
  main();
} catch (error) {
  console.log(`Electron download step skipped: ${error instanceof Error ? error.message : error}`);
}
