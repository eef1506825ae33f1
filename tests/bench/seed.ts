import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Visitdesk } from '../../electron/core/app/visitdesk';
import { migrations, migrate } from '../../electron/core/db/migrations';
import type { Sqlite } from '../../electron/core/db/sqlite';
import { createNodeCore } from '../../electron/core/node';
import type { TypedInvoke } from '../../electron/core/ipc/dispatch';
import type { Result } from '../../electron/shared/result';
import type { SetupInput } from '../../electron/shared/schemas/foundation';
import { closeCleanly, copyRows, openPlain } from './plain';
import { SEED_AS_OF, type Scale } from './scale';
import { seedRows, type SeedSamples } from './seed-rows';
import { tableNames, TwinWriter } from './twin';

/**
 * The synthetic branch every case reads: an encrypted database set up through the real core
 * ('auth:setup', low scrypt cost as in the unit tests) and a plain baseline database with the
 * same rows. Seeding the full scale takes minutes, so the pair is cached under
 * $VISITDESK_BENCH_CACHE (default <tmp>/visitdesk-bench-cache/<scale>-<hash>/). The hash covers
 * the scale, every registered migration's SQL and the seeding code (including the cases
 * feature's index and totals functions), so a schema change reseeds by itself; `--fresh-seed`
 * forces it. Each run works on a copy of the cached files in its own temp folder, so write
 * cases and an interrupted run never alter the cache.
 */

export const BENCH_KDF = { N: 2 ** 12, r: 8, p: 1 };
export const BENCH_MANAGER = { username: 'admin', passphrase: 'bench passphrase 2026' };

/** The manager every bench branch is set up with (auth:setup), who signs in as BENCH_MANAGER. */
export const benchManagerSetup: SetupInput['manager'] = {
  name: '王建国',
  staffNo: 'M001',
  username: BENCH_MANAGER.username,
  passphrase: BENCH_MANAGER.passphrase,
  confirm: BENCH_MANAGER.passphrase,
};
const DB_NAME = 'visitdesk.db';
const KEYS_NAME = 'visitdesk.keys.json';
const PLAIN_NAME = 'plain.db';

const setupInput: SetupInput = {
  branch: {
    name: '长兴农商银行泗安支行',
    code: 'QS001',
    address: '浙江省湖州市长兴县泗安镇人民路 8 号',
    phone: '0572-6660000',
    complaintHotline: '0572-6669999',
    timeZone: 'Asia/Shanghai',
  },
  manager: benchManagerSetup,
};

export interface SeedManifest {
  cacheKey: string;
  scale: Scale;
  asOf: string;
  seededAt: string;
  seedMs: number;
  stepMs: Record<string, number>;
  counts: Record<string, number>;
  samples: SeedSamples;
}

export interface SeededBranch {
  scale: Scale;
  asOf: string;
  /** This run's working folder (a copy of the cache). */
  dir: string;
  dbFile: string;
  plainFile: string;
  app: Visitdesk;
  invoke: TypedInvoke;
  /** The raw database key, for cases that open their own connection. */
  key: Buffer;
  plain: Sqlite;
  tables: Set<string>;
  manifest: SeedManifest;
  fromCache: boolean;
  close(): Promise<void>;
}

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/**
 * The branch's clock: the seed's as-of date at 10:00 in Shanghai, advancing in real time, so
 * "today" (days past due, the worklist, the calendar) is the same on every run.
 */
export function benchClock(asOf = SEED_AS_OF): () => Date {
  const base = Date.parse(`${asOf}T10:00:00+08:00`);
  const start = Date.now();
  return () => new Date(base + (Date.now() - start));
}

export function benchCore(dbFile: string) {
  return createNodeCore(dbFile, { kdfCost: BENCH_KDF, dailyBackup: false, now: benchClock() });
}

const sourceFiles = [
  path.join(__dirname, 'seed.ts'),
  path.join(__dirname, 'seed-rows.ts'),
  path.join(__dirname, 'seed-history.ts'),
  path.join(__dirname, 'seed-visits.ts'),
  path.join(__dirname, 'seed-cash.ts'),
  path.join(__dirname, 'twin.ts'),
  path.join(__dirname, 'synth.ts'),
  path.join(__dirname, 'scale.ts'),
  path.join(__dirname, 'plain.ts'),
  path.join(__dirname, '../../electron/core/cases/search.ts'),
  path.join(__dirname, '../../electron/core/cases/repo.ts'),
];

export function seedCacheKey(scale: Scale): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify(scale));
  for (const m of migrations) hash.update(`${m.version}\n${m.sql}\n${m.after?.toString() ?? ''}`);
  for (const file of sourceFiles) hash.update(fs.readFileSync(file));
  return `${scale.name}-v${migrations.length}-${hash.digest('hex').slice(0, 12)}`;
}

export function cacheRoot(): string {
  return process.env.VISITDESK_BENCH_CACHE ?? path.join(os.tmpdir(), 'visitdesk-bench-cache');
}

async function buildSeed(dir: string, scale: Scale, cacheKey: string): Promise<SeedManifest> {
  const started = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const core = benchCore(path.join(dir, DB_NAME));
  expectOk(await core.invoke('auth:setup', setupInput));
  const plain = openPlain(path.join(dir, PLAIN_NAME), { create: true });
  try {
    migrate(plain);
    for (const table of ['meta', 'branch', 'settings', 'staff'])
      copyRows(core.app.db, plain, table);
    // A big page cache while bulk-building indexes; the runs reopen with the app's own size.
    for (const db of [core.app.db, plain]) db.pragma('cache_size=-262144');
    const twin = new TwinWriter([core.app.db, plain]);
    const result = seedRows(twin, scale, SEED_AS_OF, `${SEED_AS_OF}T02:00:00.000Z`);
    const manifest: SeedManifest = {
      cacheKey,
      scale,
      asOf: SEED_AS_OF,
      seededAt: new Date().toISOString(),
      seedMs: Math.round(performance.now() - started),
      ...result,
    };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    await core.app.settle();
    core.app.lock('quit');
    closeCleanly(plain);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes this scale's caches left by older schemas or seeding code, and partial builds of
 * processes that died. Another live run's partial build is left alone: several people may
 * run the suite on one machine (each run reads its own copy, so a finished cache can go).
 */
function pruneOldSeeds(root: string, scale: Scale, keep: string): void {
  for (const name of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    if (!name.startsWith(`${scale.name}-`) || name === keep) continue;
    const partial = /\.partial-(\d+)$/.exec(name);
    if (partial && isAlive(Number(partial[1]))) continue;
    fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

export async function prepareBranch(
  scale: Scale,
  options: { fresh?: boolean; log?: (line: string) => void } = {},
): Promise<SeededBranch> {
  const log = options.log ?? (() => {});
  const root = cacheRoot();
  const cacheKey = seedCacheKey(scale);
  const cached = path.join(root, cacheKey);
  const fromCache = fs.existsSync(path.join(cached, 'manifest.json')) && !options.fresh;
  if (!fromCache) {
    pruneOldSeeds(root, scale, options.fresh ? '' : cacheKey);
    const building = `${cached}.partial-${process.pid}`;
    log(`seeding ${scale.name} scale into ${cached} (cached for later runs)…`);
    try {
      await buildSeed(building, scale, cacheKey);
      // --fresh-seed replaces the cache; a run that finished the same seed first wins.
      if (options.fresh) fs.rmSync(cached, { recursive: true, force: true });
      if (fs.existsSync(cached)) fs.rmSync(building, { recursive: true, force: true });
      else fs.renameSync(building, cached);
    } catch (error) {
      fs.rmSync(building, { recursive: true, force: true });
      throw error;
    }
  } else {
    pruneOldSeeds(root, scale, cacheKey);
  }
  const manifest = JSON.parse(
    fs.readFileSync(path.join(cached, 'manifest.json'), 'utf8'),
  ) as SeedManifest;
  if (fromCache) log(`reusing the seed in ${cached} (seeded ${manifest.seededAt})`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-bench-'));
  for (const name of [DB_NAME, KEYS_NAME, PLAIN_NAME]) {
    fs.copyFileSync(path.join(cached, name), path.join(dir, name));
  }
  const dbFile = path.join(dir, DB_NAME);
  const plainFile = path.join(dir, PLAIN_NAME);
  const core = benchCore(dbFile);
  expectOk(await core.invoke('auth:signIn', BENCH_MANAGER));
  const key = core.app.withKey((k) => Buffer.from(k));
  const plain = openPlain(plainFile);
  return {
    scale,
    asOf: manifest.asOf,
    dir,
    dbFile,
    plainFile,
    app: core.app,
    invoke: core.invoke,
    key,
    plain,
    tables: tableNames(core.app.db),
    manifest,
    fromCache,
    async close() {
      await core.app.settle();
      core.app.lock('quit');
      plain.close();
      key.fill(0);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
