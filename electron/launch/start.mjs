// `npm start`: check what Electron needs on this PC, then hand over to `electron-vite preview`
// (build, then start Electron with the built main entry). Without an Electron binary it says
// what to do in a few plain lines and exits 2, instead of electron-vite's "Electron uninstall"
// stack trace.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectron } from './download.mjs';
import {
  checkNapiDriver,
  isMusl,
  locatePackages,
  missingElectronMessage,
  napiDriverMessage,
  nodeTooOld,
  oldNodeMessage,
  resolveElectron,
} from './preflight.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const { electronDir, napiDir } = locatePackages(projectDir);

if (nodeTooOld(process.version)) console.warn(oldNodeMessage(process.version));

const driverProblem = checkNapiDriver({
  napiDir,
  platform: process.platform,
  arch: process.arch,
  musl: isMusl(),
});
if (driverProblem) {
  console.error(napiDriverMessage(driverProblem));
  process.exit(2);
}

let resolved = resolveElectron({ env, electronDir, platform: process.platform });
if (!resolved.file && resolved.source === 'node_modules' && !env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  // A failed or skipped download at install time: try once more now, as Electron itself would.
  const outcome = downloadElectron(electronDir, { log: (line) => console.log(line) });
  if (outcome.ok) resolved = resolveElectron({ env, electronDir, platform: process.platform });
  else console.error(`Download failed / 下载失败: ${outcome.reason}`);
}
if (!resolved.file) {
  console.error(
    missingElectronMessage({
      resolved,
      platform: process.platform,
      version: electronDir
        ? createRequire(import.meta.url)(path.join(electronDir, 'package.json')).version
        : '45',
    }),
  );
  process.exit(2);
}

const electronVite = path.join(
  path.dirname(
    createRequire(path.join(projectDir, 'package.json')).resolve('electron-vite/package.json'),
  ),
  'bin',
  'electron-vite.js',
);
/** `npm start` previews the built app; `npm run dev` passes --dev for the dev server. */
function command(args) {
  return args[0] === '--dev' ? ['dev', ...args.slice(1)] : ['preview', ...args];
}

const child = spawn(process.execPath, [electronVite, ...command(process.argv.slice(2))], {
  cwd: projectDir,
  stdio: 'inherit',
  env: { ...env, ELECTRON_EXEC_PATH: resolved.file },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
