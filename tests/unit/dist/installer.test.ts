// The installer cannot be built on this machine (no Electron binary, no NSIS), so this checks
// resources/electron-builder.yml the way electron-builder itself reads it: its own loader, its own
// schema validation, its own file matchers. The security settings are asserted one by one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Stats } from 'node:fs';
import type { Configuration } from 'app-builder-lib';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import * as fileMatchers from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const configFile = 'resources/electron-builder.yml';
const napi = 'node_modules/better-sqlite3-multiple-ciphers-napi';

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, configFile, null);
});

const validate = (candidate: Configuration) =>
  validateConfiguration(candidate, new DebugLogger(false));

/** A config with one value changed, for the schema's refusals. */
function changed(edit: (copy: Record<string, unknown>) => void): Configuration {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  edit(copy);
  return copy as Configuration;
}

type Filter = (file: string, stat: Stats) => boolean;
const asFile = { isDirectory: () => false } as Stats;

/** electron-builder's macro expansion for the two things the patterns use. */
const expanderFor = (platform: string, arch: string) => (pattern: string) =>
  pattern.replace(/\$\{platform\}/g, platform).replace(/\$\{arch\}/g, arch);

/** electron-builder's internal matchers (not in its type declarations), called as it calls them. */
const internal = fileMatchers as unknown as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: object,
    packager: object,
  ): FileMatcher;
};

/** The filter electron-builder applies to the app's own files (from the project root). */
function appFilesFilter(): Filter {
  const info = {
    projectDir: root,
    buildResourcesDir: config.directories?.buildResources,
    isPrepackedAppAsar: false,
    config,
    debugLogger: new DebugLogger(false),
  };
  const matchers = internal.getMainFileMatchers(
    root,
    '/app',
    expanderFor('win32', 'x64'),
    {},
    { info },
    path.join(root, config.directories?.output ?? 'dist'),
    false,
  );
  expect(matchers).toHaveLength(1);
  return matchers[0]!.createFilter() as Filter;
}

/** The filter electron-builder applies to production dependencies (its internal matcher). */
function nodeModulesFilter(platform: string, arch: string): Filter {
  const matcher = internal.getNodeModuleFileMatcher(
    root,
    '/app',
    expanderFor(platform, arch),
    {},
    {
      config,
      debugLogger: new DebugLogger(false),
    },
  );
  return matcher.createFilter() as Filter;
}

describe('the installer configuration, as electron-builder reads it', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is refused by that validation when a fuse, an NSIS option or a target is misspelt', async () => {
    await expect(
      validate(changed((c) => ((c.electronFuses as Record<string, unknown>).runAsNod = false))),
    ).rejects.toThrow(/electronFuses/);
    await expect(
      validate(changed((c) => ((c.nsis as Record<string, unknown>).perMachin = true))),
    ).rejects.toThrow(/nsis/);
    await expect(validate(changed((c) => (c.asar = 'yes please')))).rejects.toThrow(/asar/);
  });

  it('sets the Electron fuses: no run-as-node, no NODE_OPTIONS, no inspector, asar only and checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('keeps file:// privileges exactly as long as main loads the renderer from file://', async () => {
    // Vite's module scripts need them under file://; main serves the app:// scheme instead, so
    // the fuse is off, and loading from file:// again would fail here until it is turned on.
    const main = await readFile(path.join(root, 'electron/main/index.ts'), 'utf8');
    const loadsFromFile = /\.loadFile\(/.test(main);
    expect(config.electronFuses?.grantFileProtocolExtraPrivileges).toBe(loadsFromFile);
  });

  it('packs the app into an asar and lets Windows embed its hash', () => {
    expect(config.asar).toBe(true);
    // The integrity fuse needs the hash that electron-builder writes into the executable.
    expect(config.win?.signAndEditExecutable).not.toBe(false);
    expect(config.disableAsarIntegrity).not.toBe(true);
  });

  it('unpacks the Node-API driver’s binary for every target from the asar', () => {
    const unpack = new FileMatcher(root, '/app', (p) => p, config.asarUnpack ?? []);
    const filter = unpack.createFilter() as Filter;
    for (const target of ['win32-x64', 'linux-x64', 'linux-arm64']) {
      expect(filter(path.join(root, napi, 'prebuilds', `${target}.node`), asFile), target).toBe(
        true,
      );
    }
    expect(filter(path.join(root, napi, 'lib/index.js'), asFile)).toBe(false);
    expect(filter(path.join(root, 'out/main/index.js'), asFile)).toBe(false);
  });

  it('compiles nothing: the driver ships prebuilt binaries, so no rebuild against Electron', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });

  it('takes only the built app and package.json from the project', () => {
    const filter = appFilesFilter();
    const included = (file: string) => filter(path.join(root, file), asFile);
    for (const file of [
      'out/main/index.js',
      'out/main/worker.js',
      'out/preload/index.js',
      'out/renderer/index.html',
      'package.json',
    ]) {
      expect(included(file), file).toBe(true);
    }
    for (const file of [
      'electron/main/index.ts',
      'electron/core/db/open.ts',
      'renderer/index.html',
      'renderer/src/main.tsx',
      'tests/unit/dist/installer.test.ts',
      'resources/electron-builder.yml',
      'resources/icons/icon.svg',
      'README.md',
      'package-lock.json',
      'tsconfig.json',
      'electron.vite.config.ts',
    ]) {
      expect(included(file), file).toBe(false);
    }
  });

  it('ships the Node-API driver for the target only, and never the Node-ABI test driver', () => {
    const winX64 = nodeModulesFilter('win32', 'x64');
    const linuxArm64 = nodeModulesFilter('linux', 'arm64');
    const shipped = (filter: Filter, file: string) => filter(path.join(root, file), asFile);

    expect(shipped(winX64, `${napi}/prebuilds/win32-x64.node`)).toBe(true);
    expect(shipped(winX64, `${napi}/prebuilds/linux-x64.node`)).toBe(false);
    expect(shipped(winX64, `${napi}/prebuilds/win32-arm64.node`)).toBe(false);
    expect(shipped(linuxArm64, `${napi}/prebuilds/linux-arm64.node`)).toBe(true);
    expect(shipped(linuxArm64, `${napi}/prebuilds/linuxmusl-arm64.node`)).toBe(false);
    expect(shipped(linuxArm64, `${napi}/prebuilds/win32-x64.node`)).toBe(false);
    for (const filter of [winX64, linuxArm64]) {
      expect(shipped(filter, `${napi}/lib/index.js`)).toBe(true);
      expect(shipped(filter, `${napi}/package.json`)).toBe(true);
      expect(shipped(filter, `${napi}/deps/sqlite3/sqlite3.c`)).toBe(false);
      expect(shipped(filter, `${napi}/src/better_sqlite3.cpp`)).toBe(false);
      // The 12.x build is compiled for Node's ABI and used by tests and the CLI only.
      expect(shipped(filter, 'node_modules/better-sqlite3-multiple-ciphers/lib/index.js')).toBe(
        false,
      );
      expect(
        shipped(
          filter,
          'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
        ),
      ).toBe(false);
      // Packages the app needs at run time stay.
      expect(shipped(filter, 'node_modules/kysely/package.json')).toBe(true);
    }
  });

  it('makes a per-machine NSIS installer for Windows x64 that asks where to install', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
    });
    expect(config.nsis?.installerLanguages).toEqual(['zh_CN', 'en_US']);
  });

  it('never deletes the branch database on uninstall', () => {
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it('makes debs for x64 and arm64 (UOS, Kylin on Phytium and Kunpeng)', () => {
    expect(config.linux?.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
    const depends = config.deb?.depends ?? [];
    // Printing (CUPS) and GPU buffers (GBM) are linked by Electron; the default list omits them.
    expect(depends.some((d) => d.startsWith('libcups2'))).toBe(true);
    expect(depends).toContain('libgbm1');
  });

  it('publishes nothing and carries no updater, so the app checks nothing', async () => {
    expect(config.publish).toBeNull();
    for (const section of [config.win, config.nsis, config.linux, config.deb]) {
      expect(section && 'publish' in section ? section.publish : undefined).toBeUndefined();
    }
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      build?: unknown;
    };
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('electron-updater');
    // A "build" key in package.json would be a second, unchecked configuration.
    expect(pkg.build).toBeUndefined();
  });

  it('keeps the app id and an ASCII product name that matches the user-data folder', async () => {
    expect(config.appId).toBe('cn.visitdesk.desktop');
    expect(config.productName).toBe('Visitdesk');
    const main = await readFile(path.join(root, 'electron/main/index.ts'), 'utf8');
    expect(main).toContain(`app.setName('${config.productName}')`);
  });
});
