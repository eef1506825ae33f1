// The checks `npm start` makes before electron-vite starts Electron, and the install step that
// fetches Electron's binary. Plain Node with no dependencies: it runs right after `npm install`,
// before anything is built, on whatever Node the user has.
//
// Electron 45's package downloads nothing when it is installed: it fetches its binary the first
// time `electron` is required, or through its `install-electron` command. electron-vite only
// reads node_modules/electron/path.txt (written by that download) or ELECTRON_EXEC_PATH, and
// throws "Electron uninstall" otherwise. So the install runs Electron's own installer, and the
// start resolves the binary the way Electron does (ELECTRON_OVERRIDE_DIST_PATH included) and
// hands electron-vite its path.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The mirror of Electron's release files that users in mainland China commonly use. */
export const CHINA_MIRROR = 'https://npmmirror.com/mirrors/electron/';

/** Electron 45's package requires this Node (its own engines field). */
export const MIN_NODE = [22, 12];

/** The executable's path inside Electron's dist folder, as Electron's install.js names it. */
export function platformExecutable(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** Where the packages live: resolved from the project, or given by a test. */
export function locatePackages(projectDir) {
  const require = createRequire(path.join(projectDir, 'package.json'));
  const find = (name) => {
    try {
      return path.dirname(require.resolve(`${name}/package.json`));
    } catch {
      return null;
    }
  };
  return {
    electronDir: find('electron'),
    napiDir: find('better-sqlite3-multiple-ciphers-napi'),
  };
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readVersion(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}

/**
 * Finds the Electron executable as Electron and electron-vite would, in their order:
 * ELECTRON_EXEC_PATH (electron-vite's), then ELECTRON_OVERRIDE_DIST_PATH (Electron's) joined
 * with path.txt or the platform's executable name, then node_modules/electron/dist/<path.txt>.
 * Returns { file, source } or { file: null, source, looked } saying where it looked.
 */
export function resolveElectron({ env, electronDir, platform }) {
  if (env.ELECTRON_EXEC_PATH) {
    const file = path.resolve(env.ELECTRON_EXEC_PATH);
    return { file: isFile(file) ? file : null, source: 'ELECTRON_EXEC_PATH', looked: file };
  }
  let relative = null;
  if (electronDir && isFile(path.join(electronDir, 'path.txt'))) {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim() || null;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.resolve(
      env.ELECTRON_OVERRIDE_DIST_PATH,
      relative ?? platformExecutable(platform),
    );
    return {
      file: isFile(file) ? file : null,
      source: 'ELECTRON_OVERRIDE_DIST_PATH',
      looked: file,
    };
  }
  if (!electronDir)
    return { file: null, source: 'missing-package', looked: 'node_modules/electron' };
  const file = path.join(electronDir, 'dist', relative ?? platformExecutable(platform));
  return { file: relative && isFile(file) ? file : null, source: 'node_modules', looked: file };
}

/**
 * The app's database driver inside Electron: the Node-API build of
 * better-sqlite3-multiple-ciphers 13, installed through the npm alias, with the prebuilt binary
 * for this platform inside its package. Returns null when it is in place, or the problem.
 */
export function checkNapiDriver({ napiDir, platform, arch, musl = false }) {
  if (!napiDir) return { problem: 'missing' };
  const version = readVersion(napiDir);
  if (!version || !version.startsWith('13.')) return { problem: 'version', version };
  const target = `${platform === 'linux' && musl ? 'linuxmusl' : platform}-${arch}`;
  const prebuild = path.join(napiDir, 'prebuilds', `${target}.node`);
  if (!isFile(prebuild)) return { problem: 'prebuild', target, looked: prebuild };
  return null;
}

export function nodeTooOld(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]);
}

/** How to set an environment variable for one command, in the user's shell. */
function setVar(platform, name, value, command) {
  return platform === 'win32'
    ? `set ${name}=${value} && ${command}    (PowerShell: $env:${name}="${value}"; ${command})`
    : `${name}=${value} ${command}`;
}

/** What to do when there is no Electron binary: a few plain lines, in Chinese and English. */
export function missingElectronMessage({ resolved, platform, version }) {
  const lines = [];
  if (
    resolved.source === 'ELECTRON_EXEC_PATH' ||
    resolved.source === 'ELECTRON_OVERRIDE_DIST_PATH'
  ) {
    lines.push(
      `Visitdesk cannot start: ${resolved.source} points at ${resolved.looked}, and there is no Electron executable there.`,
      `Visitdesk 无法启动：${resolved.source} 指向的 ${resolved.looked} 处没有 Electron 可执行文件。`,
      `Point it at an Electron ${version} executable (or its folder), or unset it to use the one npm downloads.`,
      `请把它指向 Electron ${version} 的可执行文件（或其所在文件夹），或取消该设置以使用 npm 下载的版本。`,
    );
    return lines.join('\n');
  }
  if (resolved.source === 'missing-package') {
    lines.push(
      'Visitdesk cannot start: the electron package is not installed. Run npm install first.',
      'Visitdesk 无法启动：尚未安装 electron 软件包。请先运行 npm install。',
    );
    return lines.join('\n');
  }
  lines.push(
    `Visitdesk cannot start: the Electron ${version} runtime has not been downloaded to this PC yet.`,
    `Visitdesk 无法启动：本机尚未下载 Electron ${version} 运行时。`,
    'Do one of these, then run npm start again / 任选一种方式，然后再次运行 npm start：',
    '  1. With internet access / 联网后下载：',
    '       npx install-electron',
    '  2. From the mirror commonly used in mainland China / 使用国内常用镜像下载：',
    `       ${setVar(platform, 'ELECTRON_MIRROR', CHINA_MIRROR, 'npx install-electron')}`,
    '  3. Use an Electron already on this disk / 使用本机已有的 Electron：',
    `       ${setVar(platform, 'ELECTRON_OVERRIDE_DIST_PATH', '<folder with the electron executable / 可执行文件所在文件夹>', 'npm start')}`,
    `       ${setVar(platform, 'ELECTRON_EXEC_PATH', '<path to the executable / 可执行文件路径>', 'npm start')}`,
  );
  return lines.join('\n');
}

export function napiDriverMessage(problem) {
  const what =
    problem.problem === 'prebuild'
      ? [
          `its prebuilt binary for ${problem.target} is missing (${problem.looked})`,
          `缺少适用于 ${problem.target} 的预编译文件（${problem.looked}）`,
        ]
      : problem.problem === 'version'
        ? [
            `version 13 is expected, found ${problem.version ?? 'an unreadable package'}`,
            `应为 13 版，实际为 ${problem.version ?? '无法读取的软件包'}`,
          ]
        : ['it is not installed', '尚未安装'];
  return [
    `Visitdesk cannot start: the app's database driver (better-sqlite3-multiple-ciphers-napi) is not usable: ${what[0]}. Run npm install again (npm ci for a clean copy).`,
    `Visitdesk 无法启动：应用的数据库驱动（better-sqlite3-multiple-ciphers-napi）不可用：${what[1]}。请重新运行 npm install（或 npm ci 重新安装）。`,
  ].join('\n');
}

/** True on a musl Linux (Alpine), where the driver's linuxmusl prebuild applies. */
export function isMusl() {
  if (process.platform !== 'linux') return false;
  const header = process.report?.getReport?.().header;
  return !header?.glibcVersionRuntime;
}

export function oldNodeMessage(version) {
  return [
    `Note: this is Node ${version}; Electron 45 and its installer need Node ${MIN_NODE.join('.')} or newer. Install the current LTS (Node 26, or 24) if the download or start fails.`,
    `提示：当前为 Node ${version}；Electron 45 的工具需要 Node ${MIN_NODE.join('.')} 或更高版本。若下载或启动失败，请安装当前的长期支持版（Node 26 或 24）。`,
  ].join('\n');
}
