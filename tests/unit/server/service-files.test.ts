import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../../../electron/cli/commands/foundation';
import { serve } from '../../../electron/cli/commands/server';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../support/core';

/**
 * The service definitions a branch installs the server with (resources/server, issue 20): the
 * systemd unit and the WinSW definition must start the `serve` command as `npm run server`
 * does, with options the command takes, so that neither drifts from the command line.
 */

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** `[Section]` → key → values (a key may repeat), comments and blank lines left out. */
function unitSections(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`not a unit line: ${line}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

/** A command line split into words; double quotes group a word and are removed. */
const words = (line: string) =>
  [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).filter((w) => w !== '');

/** The options a command documents in its usage line. */
const optionsIn = (usage: string) => new Set([...usage.matchAll(/--([a-z-]+)/g)].map((m) => m[1]!));
const usageOptions = optionsIn(serve.usage);

/** `--name value` pairs after the command's name (every option of `serve` takes a value). */
function optionsOf(args: string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!;
    expect(name).toMatch(/^--[a-z-]+$/);
    expect(args[i + 1]).toBeDefined();
    expect(args[i + 1]).not.toMatch(/^--/);
    options.set(name.slice(2), args[i + 1]!);
  }
  return options;
}

/** The words of package.json's `server` script: what `npm run server` runs. */
const serverScript = words(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.server!,
);

/** The command line's own parser takes these arguments (exit 0 with --help, 2 if not). */
async function parsedByCli(args: string[]): Promise<number> {
  return runCli([...args, '--help'], { out: () => {}, err: () => {}, env: {}, isTTY: false });
}

/** A unit file's text, its [Service] section, and the one value of a key there. */
function unitFile(file: string) {
  const text = read(file);
  const service = unitSections(text).get('Service')!;
  const one = (key: string) => {
    const values = service.get(key);
    expect(values, key).toHaveLength(1);
    return values![0]!;
  };
  return { text, service, one };
}

/** systemd-analyze verify on copies of `files` in a temp folder: its stderr and exit code. */
function verify(files: Record<string, string>) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const run = spawnSync(
    'systemd-analyze',
    ['verify', ...Object.keys(files).map((name) => path.join(dir, name))],
    { encoding: 'utf8' },
  );
  return { stderr: run.stderr, status: run.status };
}

const hasSystemdAnalyze =
  spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the systemd unit', () => {
  const { text, service, one } = unitFile('resources/server/visitdesk-server.service');

  it('starts what npm run server starts, with options serve takes', async () => {
    const exec = words(one('ExecStart'));
    expect(path.isAbsolute(exec[0]!)).toBe(true);
    expect(path.basename(exec[0]!)).toBe('node');
    expect(serverScript[0]).toBe('node');
    expect(exec.slice(1, serverScript.length)).toEqual(serverScript.slice(1));
    expect(serverScript.at(-1)).toBe(serve.name);

    const args = exec.slice(serverScript.length);
    const options = optionsOf(args);
    for (const name of options.keys()) expect(usageOptions, name).toContain(name);
    for (const name of Object.keys(serve.options)) expect(usageOptions).toContain(name);
    // A service names its data and its manager: the defaults are a desk user's folder and admin.
    expect(options.get('db')).toBe('/var/lib/visitdesk/visitdesk.db');
    expect(options.get('user')).toBe('${VISITDESK_SERVER_USER}');
    expect(options.get('host')).toBe('0.0.0.0');
    expect(options.get('port')).toBe('8443');
    expect(await parsedByCli([serve.name, ...args])).toBe(0);
    expect(await parsedByCli([serve.name, ...args, '--bogus', 'x'])).toBe(2);
  });

  it('runs as its own user, writing only beside the database, with the passphrase from a 0600 file', () => {
    expect(one('User')).toBe('visitdesk');
    expect(one('WorkingDirectory')).toBe('/opt/visitdesk');
    const db = optionsOf(words(one('ExecStart')).slice(serverScript.length)).get('db')!;
    expect(one('ReadWritePaths')).toBe(path.posix.dirname(db));
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('Restart')).toBe('on-failure');
    expect(one('UMask')).toBe('0077');
    // V8's JIT writes code it then runs: this option would stop node at start.
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);

    // Every variable ExecStart uses, and the passphrase the command reads, come from the file.
    expect(one('EnvironmentFile')).toBe('/etc/visitdesk/server.env');
    const example = read('resources/server/server.env.example');
    const defined = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!));
    expect(defined).toContain('VISITDESK_PASSPHRASE');
    for (const used of one('ExecStart').matchAll(/\$\{([A-Z_]+)\}/g)) {
      expect(defined).toContain(used[1]);
    }
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify without a warning', () => {
    // verify checks that ExecStart's program exists: this machine's node stands in for
    // /usr/bin/node where that is elsewhere. Unknown keys and bad values are warnings on
    // stderr with exit code 0, so stderr must be empty.
    const here = text.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `);
    expect(verify({ 'visitdesk-server.service': here })).toEqual({ stderr: '', status: 0 });
    // The same check sees a value systemd would ignore.
    const wrong = here.replace('ProtectSystem=strict', 'ProtectSystem=very');
    expect(verify({ 'visitdesk-server.service': wrong }).stderr).toMatch(
      /:\d+: Failed to parse protect system value, ignoring: very/,
    );
  });
});

describe('the daily backup (systemd, SQLite)', () => {
  const { text, one } = unitFile('resources/server/visitdesk-backup.service');
  const server = unitFile('resources/server/visitdesk-server.service');
  const timer = read('resources/server/visitdesk-backup.timer');

  /** The shell's command line, as systemd hands it over: $$ is one $, %% one %. */
  function command(): string[] {
    const exec = /^\/bin\/sh -c '(.*)'$/.exec(one('ExecStart'));
    expect(exec).not.toBeNull();
    return words(exec![1]!.replaceAll('$$', '$').replaceAll('%%', '%'));
  }

  it("runs the backup command on the server's database, as the server's user, with options backup takes", async () => {
    const line = command();
    expect(line.slice(0, 2)).toEqual(['exec', '/usr/bin/node']);
    expect(line.slice(2, serverScript.length)).toEqual(serverScript.slice(1, -1));
    expect(line[serverScript.length]).toBe(backup.name);
    const args = line.slice(serverScript.length + 1);
    const options = optionsOf(args);
    // --user is one of the options every command takes (main.ts).
    const accepted = new Set([...optionsIn(backup.usage), 'user']);
    for (const name of options.keys()) expect(accepted, name).toContain(name);
    const serverDb = optionsOf(words(server.one('ExecStart')).slice(serverScript.length)).get('db');
    expect(options.get('db')).toBe(serverDb);
    expect(options.get('user')).toBe('$VISITDESK_SERVER_USER');
    expect(options.get('out')).toBe('/var/backups/visitdesk/visitdesk-$(date +%Y%m%d-%H%M%S).db');
    expect(await parsedByCli([backup.name, ...args])).toBe(0);

    for (const key of ['User', 'Group', 'WorkingDirectory', 'EnvironmentFile', 'UMask']) {
      expect(one(key), key).toBe(server.one(key));
    }
    expect(one('ReadWritePaths').split(' ')).toEqual([
      server.one('ReadWritePaths'),
      path.posix.dirname(options.get('out')!),
    ]);
    expect(timer).toMatch(/^OnCalendar=\*-\*-\* 21:30:00$/m);
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify with its timer', () => {
    expect(verify({ 'visitdesk-backup.service': text, 'visitdesk-backup.timer': timer })).toEqual({
      stderr: '',
      status: 0,
    });
  });
});

describe('the Windows service (WinSW)', () => {
  const xml = read('resources/server/visitdesk-server.xml');
  const element = (name: string) => {
    const found = [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))];
    expect(found, name).toHaveLength(1);
    return found[0]![1]!;
  };
  const script = read('resources/server/install-windows-service.ps1');

  it('starts node with what npm run server starts, with options serve takes', async () => {
    expect(element('executable')).toBe('@@NODE_EXE@@');
    expect(element('id')).toBe('VisitdeskServer');
    const args = words(element('arguments'));
    expect(args.slice(0, serverScript.length - 1)).toEqual(serverScript.slice(1));
    const rest = args.slice(serverScript.length - 1);
    const options = optionsOf(rest);
    for (const name of options.keys()) expect(usageOptions, name).toContain(name);
    expect(options.get('db')).toBe('@@DATA_DIR@@\\visitdesk.db');
    expect(options.get('user')).toBe('@@MANAGER@@');
    expect(await parsedByCli([serve.name, ...rest])).toBe(0);
  });

  it('gives the passphrase in the variable the command reads, and the script fills every value', () => {
    expect(xml).toContain('<env name="VISITDESK_PASSPHRASE" value="@@PASSPHRASE@@"/>');
    const placeholders = new Set([...xml.matchAll(/@@([A-Z_]+)@@/g)].map((m) => m[1]!));
    expect([...placeholders].sort()).toEqual([
      'APP_DIR',
      'DATA_DIR',
      'EXTRA_ENV',
      'LOG_DIR',
      'MANAGER',
      'NODE_EXE',
      'PASSPHRASE',
    ]);
    // The script's table of values: one line per placeholder.
    for (const name of placeholders) {
      expect(script).toMatch(new RegExp(`^ *'@@${name}@@' += `, 'm'));
    }
    // WinSW finds VisitdeskServer.xml by the renamed executable's name, which is the id.
    expect(script).toContain("$Service = 'VisitdeskServer'");
  });
});
