// A packaging dry run that needs neither the Electron binary nor NSIS:
//   npm run build && node --import tsx tests/unit/dist/dry-run.ts
// electron-builder packs the built app for Linux x64 (`--linux dir`) into a temporary folder,
// with a stand-in Electron (a file carrying Electron's fuse wire) as `electronDist`. Then it checks
// what the installers would contain: the fuses flipped in the executable, the asar's files, the
// unpacked driver, and that every package out/main requires is inside the asar.
// Slow (minutes: electron-builder lists and copies every production dependency), so not a test.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const root = path.resolve(__dirname, '../../..');
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: run-as-node, NODE_OPTIONS, inspect and file:// privileges on, the rest off.
const defaultWire = '10110001';

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'visitdesk-dist-'));
  const electron = path.join(work, 'electron-dist');
  await mkdir(path.join(electron, 'locales'), { recursive: true });
  await writeFile(
    path.join(electron, 'electron'),
    Buffer.concat([
      Buffer.from(sentinel),
      Buffer.from([1, defaultWire.length]),
      Buffer.from(defaultWire),
    ]),
    { mode: 0o755 },
  );
  for (const locale of ['en-US', 'zh-CN', 'de', 'ja']) {
    await writeFile(path.join(electron, 'locales', `${locale}.pak`), locale);
  }
  // A snapshot of out/, so a build running beside this one cannot change files mid-copy.
  const project = path.join(work, 'project');
  await mkdir(project);
  await cp(path.join(root, 'out'), path.join(project, 'out'), { recursive: true });
  await cp(path.join(root, 'package.json'), path.join(project, 'package.json'));
  await symlink(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  await symlink(path.join(root, 'resources'), path.join(project, 'resources'));

  const output = path.join(work, 'dist');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--projectDir',
      project,
      '--linux',
      'dir',
      '--config',
      'resources/electron-builder.yml',
      `-c.electronDist=${electron}`,
      `-c.directories.output=${output}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );

  const app = path.join(output, 'linux-unpacked');
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };

  const wire = (await getCurrentFuseWire(path.join(app, 'visitdesk'))) as Record<number, number>;
  const fuse = (option: FuseV1Options) => wire[option] === 0x31; // '1', @electron/fuses' FuseState.ENABLE (not exported)
  check(!fuse(FuseV1Options.RunAsNode), 'fuse RunAsNode off');
  check(!fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable), 'fuse NODE_OPTIONS off');
  check(!fuse(FuseV1Options.EnableNodeCliInspectArguments), 'fuse inspect arguments off');
  check(fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation), 'fuse asar integrity on');
  check(fuse(FuseV1Options.OnlyLoadAppFromAsar), 'fuse only load app from asar on');
  check(fuse(FuseV1Options.EnableCookieEncryption), 'fuse cookie encryption on');

  const asar = path.join(app, 'resources/app.asar');
  const files = listPackage(asar, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  const own = files.filter((f) => !f.startsWith('/node_modules'));
  check(
    own.every((f) => f === '/package.json' || f === '/out' || f.startsWith('/out/')),
    `app files only out/ and package.json (${own.length} entries)`,
  );
  check(
    !files.some((f) => f.startsWith('/node_modules/better-sqlite3-multiple-ciphers/')),
    'the Node-ABI 12.x driver is not packed',
  );
  const unpacked = path.join(app, 'resources/app.asar.unpacked');
  const prebuilds = await readdir(
    path.join(unpacked, 'node_modules/better-sqlite3-multiple-ciphers-napi/prebuilds'),
  );
  check(prebuilds.join() === 'linux-x64.node', `unpacked prebuilds: ${prebuilds.join(', ')}`);
  check(
    (await readdir(path.join(app, 'locales'))).sort().join() === 'en-US.pak,zh-CN.pak',
    'only the zh-CN and en-US Electron locales',
  );

  const mainFiles = [...files.filter((f) => /^\/out\/main\/.*\.js$/.test(f))].map((f) =>
    path.join(project, f),
  );
  const required = new Set<string>();
  for (const file of mainFiles) {
    for (const [, name] of (await readFile(file, 'utf8')).matchAll(/require\("([^".][^"]*)"\)/g)) {
      if (name!.startsWith('node:') || name === 'electron') continue;
      const parts = name!.split('/');
      required.add(name!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  for (const name of [...required].sort()) {
    check(
      files.includes(`/node_modules/${name}/package.json`),
      `main's require("${name}") is packed`,
    );
  }
  const topLevel = new Set(
    files
      .map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(f)?.[1])
      .filter(Boolean),
  );
  const size = Number(execFileSync('du', ['-sm', asar]).toString().split('\t')[0]);
  console.log(
    `app.asar: ${size} MiB, ${files.length} entries, ${topLevel.size} top-level packages`,
  );
  console.log(`output: ${app}`);
  if (failures.length > 0) {
    console.error(`${failures.length} check(s) failed`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
