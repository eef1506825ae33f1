import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkNapiDriver,
  locatePackages,
  nodeTooOld,
  resolveElectron,
} from '../../../electron/launch/preflight.mjs';
import { firstReason } from '../../../electron/launch/download.mjs';
import { tempDir } from '../support/core';

// What `npm install && npm start` does on a user's PC, tried here with stand-ins: this machine
// can never download Electron, which is exactly the "no binary" case, and a shell script in
// place of Electron shows what electron-vite starts it with.

const root = path.resolve(__dirname, '../../..');
const real = locatePackages(root);

/** A stand-in Electron: records its working folder and arguments, then exits 0. */
function standIn(dir: string, name = 'electron'): { exe: string; log: string } {
  const exe = path.join(dir, name);
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(
    exe,
    `#!/bin/sh\nprintf '%s\\n' "cwd=$(pwd)" "args=$*" "exec=$ELECTRON_EXEC_PATH" >> "${log}"\n`,
    { mode: 0o755 },
  );
  return { exe, log };
}

/**
 * A project folder as a fresh clone has it after `npm install` on a PC whose download failed:
 * the launcher, a package.json, Electron's package without dist/ or path.txt, and the driver.
 */
function freshProject(): string {
  const dir = tempDir('visitdesk-launch-');
  fs.mkdirSync(path.join(dir, 'electron/launch'), { recursive: true });
  for (const f of ['start.mjs', 'postinstall.mjs', 'preflight.mjs', 'download.mjs'])
    fs.copyFileSync(path.join(root, 'electron/launch', f), path.join(dir, 'electron/launch', f));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"fresh","private":true}');
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, 'electron'), { recursive: true });
  for (const f of ['package.json', 'install.js', 'index.js', 'checksums.json'])
    fs.copyFileSync(path.join(real.electronDir!, f), path.join(modules, 'electron', f));
  // Electron's installer's own dependencies, where Node finds them from the copy.
  for (const dep of ['@electron', '@electron-internal'])
    if (fs.existsSync(path.join(root, 'node_modules', dep)))
      fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(modules, dep), 'dir');
  fs.symlinkSync(real.napiDir!, path.join(modules, 'better-sqlite3-multiple-ciphers-napi'), 'dir');
  return dir;
}

/** The environment of a user's shell: none of our own test switches, no cached download. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (/^(ELECTRON_|electron_|npm_config_electron|VITEST|NODE_OPTIONS)/.test(k)) delete env[k];
  // Nothing can be downloaded here; point the download at a closed local port so it fails at
  // once, and at an empty cache so no earlier download is reused.
  return {
    ...env,
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: tempDir('electron-cache-'),
    ...extra,
  };
}

function run(script: string, cwd: string, env: NodeJS.ProcessEnv, args: string[] = []) {
  return spawnSync(process.execPath, [script, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const STACK_FRAME = /^\s+at .+[(:]\d+/m;

describe('npm start without an Electron binary', () => {
  it('tries the download once, then says what to do in both languages and exits 2, with no stack trace', () => {
    const project = freshProject();
    const out = run(path.join(project, 'electron/launch/start.mjs'), project, userEnv({}));
    const text = `${out.stdout}\n${out.stderr}`;
    expect(out.status).toBe(2);
    expect(text).toContain('Downloading the Electron runtime');
    expect(text).toContain('Visitdesk cannot start: the Electron 45.5.0 runtime has not been');
    expect(text).toContain('本机尚未下载 Electron 45.5.0 运行时');
    expect(text).toContain('npx install-electron');
    expect(text).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/');
    expect(text).toContain('ELECTRON_OVERRIDE_DIST_PATH=');
    expect(text).toContain('ELECTRON_EXEC_PATH=');
    expect(text).not.toMatch(STACK_FRAME);
    expect(text).not.toContain('Electron uninstall');
  });

  it('names the variable when it points at nothing, without trying a download', () => {
    const project = freshProject();
    const empty = tempDir('no-electron-');
    for (const variable of ['ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_EXEC_PATH']) {
      const target = variable === 'ELECTRON_EXEC_PATH' ? path.join(empty, 'electron') : empty;
      const out = run(
        path.join(project, 'electron/launch/start.mjs'),
        project,
        userEnv({ [variable]: target }),
      );
      const text = `${out.stdout}\n${out.stderr}`;
      expect(out.status).toBe(2);
      expect(text).toContain(`${variable} points at ${path.join(empty, 'electron')}`);
      expect(text).toContain('没有 Electron 可执行文件');
      expect(text).not.toContain('Downloading');
      expect(text).not.toMatch(STACK_FRAME);
    }
  });

  it('says in one sentence when the app’s database driver has no prebuild for this PC', () => {
    const project = freshProject();
    const driver = path.join(project, 'node_modules/better-sqlite3-multiple-ciphers-napi');
    fs.unlinkSync(driver);
    fs.mkdirSync(path.join(driver, 'prebuilds'), { recursive: true });
    fs.writeFileSync(path.join(driver, 'package.json'), '{"version":"13.0.3"}');
    const out = run(path.join(project, 'electron/launch/start.mjs'), project, userEnv({}));
    expect(out.status).toBe(2);
    const lines = out.stderr.split('\n').filter((l) => l.includes('better-sqlite3'));
    expect(lines).toHaveLength(2); // English, then Chinese
    expect(lines[0]).toMatch(
      /^Visitdesk cannot start: .* prebuilt binary for linux-x64 is missing/,
    );
    expect(lines[0]).toContain('Run npm install again');
    expect(out.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('npm install fetches Electron, and never fails for it', () => {
  it('runs Electron’s own installer and reports a failed download in one line, exit 0', () => {
    const project = freshProject();
    const out = run(path.join(project, 'electron/launch/postinstall.mjs'), project, userEnv({}));
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Electron 45\.5\.0 could not be downloaded \(.+\); npm start will say what to do\./,
    );
    expect(out.stderr.trim()).toBe('');
  });

  it('says the download was skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const project = freshProject();
    const out = run(
      path.join(project, 'electron/launch/postinstall.mjs'),
      project,
      userEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }),
    );
    expect(out.status).toBe(0);
    expect(out.stdout.trim()).toBe(
      'Electron 45.5.0: download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set). / 已跳过 Electron 下载。',
    );
  });

  it('is the install hook of this package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.postinstall).toBe('node electron/launch/postinstall.mjs');
    expect(pkg.scripts.start).toBe('node electron/launch/start.mjs');
  });
});

describe('npm start with an Electron on disk (a stand-in)', () => {
  it('builds, then starts the executable from ELECTRON_EXEC_PATH on the built main entry', () => {
    const dir = tempDir('standin-');
    const { exe, log } = standIn(dir);
    // File times, not Date.now(): CI runs this suite with the process clock moved (faketime).
    const marker = path.join(dir, 'before-build');
    fs.writeFileSync(marker, '');
    const started = fs.statSync(marker).mtimeMs;
    const out = run('electron/launch/start.mjs', root, userEnv({ ELECTRON_EXEC_PATH: exe }));
    expect(out.stderr).not.toMatch(STACK_FRAME);
    expect(out.status).toBe(0);
    // Electron is given the project folder: it loads package.json's main, which the build wrote.
    expect(fs.readFileSync(log, 'utf8').split('\n')).toEqual([
      `cwd=${root}`,
      'args=.',
      `exec=${exe}`,
      '',
    ]);
    const main = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).main;
    expect(main).toBe('out/main/index.js');
    for (const built of [
      main,
      'out/main/worker.js',
      'out/preload/index.js',
      'out/renderer/index.html',
    ])
      expect(fs.statSync(path.join(root, built)).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
  });

  it('finds the executable in ELECTRON_OVERRIDE_DIST_PATH and passes extra arguments on', () => {
    const dir = tempDir('standin-dist-');
    const { exe, log } = standIn(dir);
    // --skipBuild: the previous test built; this one checks the lookup and the arguments.
    const out = run(
      'electron/launch/start.mjs',
      root,
      userEnv({ ELECTRON_OVERRIDE_DIST_PATH: dir }),
      ['--skipBuild'],
    );
    expect(out.status).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toBe(`cwd=${root}\nargs=.\nexec=${exe}\n`);
  });
});

describe('the pre-flight checks themselves', () => {
  it('resolves the executable in Electron’s and electron-vite’s order', () => {
    const pkg = tempDir('electron-pkg-');
    const env = {};
    expect(resolveElectron({ env, electronDir: pkg, platform: 'linux' })).toMatchObject({
      file: null,
      source: 'node_modules',
    });
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.writeFileSync(path.join(pkg, 'dist/electron.exe'), '');
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron.exe');
    expect(resolveElectron({ env, electronDir: pkg, platform: 'win32' }).file).toBe(
      path.join(pkg, 'dist/electron.exe'),
    );
    const other = tempDir('electron-dist-');
    fs.writeFileSync(path.join(other, 'electron.exe'), '');
    // Electron's override reuses path.txt's name inside the given folder.
    expect(
      resolveElectron({
        env: { ELECTRON_OVERRIDE_DIST_PATH: other },
        electronDir: pkg,
        platform: 'win32',
      }).file,
    ).toBe(path.join(other, 'electron.exe'));
    // electron-vite's own variable wins over both.
    expect(
      resolveElectron({
        env: {
          ELECTRON_EXEC_PATH: path.join(other, 'electron.exe'),
          ELECTRON_OVERRIDE_DIST_PATH: pkg,
        },
        electronDir: pkg,
        platform: 'win32',
      }),
    ).toMatchObject({ file: path.join(other, 'electron.exe'), source: 'ELECTRON_EXEC_PATH' });
    expect(resolveElectron({ env, electronDir: null, platform: 'linux' }).source).toBe(
      'missing-package',
    );
  });

  it('accepts the installed driver and names each way it can be unusable', () => {
    expect(checkNapiDriver({ napiDir: real.napiDir, platform: 'linux', arch: 'x64' })).toBeNull();
    expect(checkNapiDriver({ napiDir: real.napiDir, platform: 'win32', arch: 'x64' })).toBeNull();
    expect(
      checkNapiDriver({ napiDir: real.napiDir, platform: 'linux', arch: 'ia32' }),
    ).toMatchObject({ problem: 'prebuild', target: 'linux-ia32' });
    expect(checkNapiDriver({ napiDir: null, platform: 'linux', arch: 'x64' })).toEqual({
      problem: 'missing',
    });
    const old = tempDir('old-driver-');
    fs.writeFileSync(path.join(old, 'package.json'), '{"version":"12.11.1"}');
    expect(checkNapiDriver({ napiDir: old, platform: 'linux', arch: 'x64' })).toEqual({
      problem: 'version',
      version: '12.11.1',
    });
  });

  it('knows the Node that Electron 45 requires', () => {
    expect(nodeTooOld('v20.20.2')).toBe(true);
    expect(nodeTooOld('v22.11.0')).toBe(true);
    expect(nodeTooOld('v22.12.0')).toBe(false);
    expect(nodeTooOld('v24.22.3')).toBe(false);
    expect(nodeTooOld('v26.10.0')).toBe(false);
  });

  it('reduces an installer’s stack trace to the line that says why', () => {
    const trace = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:13510:13',
      '    at async downloadArtifact (/x/node_modules/@electron/get/dist/index.js:1:1)',
    ].join('\n');
    expect(firstReason(trace)).toBe('TypeError: fetch failed');
    expect(firstReason('')).toBe('no output');
  });
});
