import type { PostgresBranch } from './postgres';
import type { Scale } from './scale';
import type { SeededBranch } from './seed';
import { summarise } from './stats';

/**
 * The benchmark harness. A case times one user-visible operation through the app's own code
 * (`run`) and the floor under it (`baseline`: the same rows or the same SQL as bare prepared
 * statements on the plain, unencrypted copy of the branch). Both are measured in the same run,
 * interleaved run by run, so a busy machine slows both alike; the ratio is app / baseline.
 */

export interface BenchContext {
  branch: SeededBranch;
  scale: Scale;
  quick: boolean;
  /** The branch copied to PostgreSQL, when the run includes that engine (`--engine`). */
  postgres?: PostgresBranch;
}

export type EngineName = 'sqlite' | 'postgres';

/** Issue 9's target for the case, at full scale. */
export type Target =
  | { figure: 'median' | 'p95'; maxMs: number }
  /** Work units per second of the app at least this share of the baseline's (import). */
  | { throughputShareMin: number }
  /** The app's median at most this many times its baseline's (PostgreSQL's read paths). */
  | { figure: 'median'; maxRatio: number };

export interface BenchCase<S = unknown> {
  name: string;
  /** One line: what is measured, and what the baseline is. */
  about: string;
  /** Tables the case reads; it is skipped (with the reason) until their migration lands. */
  needs?: readonly string[];
  /**
   * Why the case cannot run on this machine (e.g. no Chromium, no built renderer), or null.
   * Checked before `setup`; the case is then reported as skipped with this reason.
   */
  skip?: (ctx: BenchContext) => string | null;
  target?: Target;
  /** Work units one run handles (e.g. imported rows), for a units-per-second figure. */
  units?: { label: string; perRun: (ctx: BenchContext) => number };
  iterations: number;
  warmup: number;
  /** Fewer runs at the quick scale (default: at most 10 runs and 2 warm-ups). */
  quick?: { iterations?: number; warmup?: number };
  setup?: (ctx: BenchContext) => S | Promise<S>;
  /** Untimed preparation before each app run (e.g. a fresh database to import into). */
  beforeRun?: (state: S, i: number) => unknown;
  /** The timed operation; `i` lets a case cycle through sample inputs. */
  run: (state: S, i: number) => unknown;
  /** Untimed check and clean-up after each app run; receives what `run` returned. */
  afterRun?: (state: S, result: unknown, i: number) => unknown;
  beforeBaseline?: (state: S, i: number) => unknown;
  baseline: (state: S, i: number) => unknown;
  afterBaseline?: (state: S, result: unknown, i: number) => unknown;
  teardown?: (state: S) => unknown;
  /**
   * The same operation on PostgreSQL (`--engine postgres`), with a baseline measured there;
   * reported under the same name. Cases without one run on SQLite only.
   */
  postgres?: BenchCase;
}

/** Keeps a case's state type inside its file while the registry holds cases of any state. */
export function defineCase<S>(c: BenchCase<S>): BenchCase {
  return c as unknown as BenchCase;
}

export interface CaseResult {
  name: string;
  /** Set when the run includes PostgreSQL (`--engine postgres|both`). */
  engine?: EngineName;
  about: string;
  runs?: number;
  warmup?: number;
  median_ms?: number;
  p95_ms?: number;
  min_ms?: number;
  max_ms?: number;
  baseline_ms?: number;
  baseline_p95_ms?: number;
  ratio?: number;
  unit?: string;
  units_per_run?: number;
  units_per_s?: number;
  baseline_units_per_s?: number;
  /** App throughput as a share of the baseline's (baseline median / app median). */
  throughput_share?: number;
  target?: string;
  /** null at the quick scale: the targets are for the full scale. */
  target_met?: boolean | null;
  skipped?: string;
  error?: string;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

async function settle(value: unknown): Promise<unknown> {
  return isThenable(value) ? await value : value;
}

/**
 * What a run (or baseline) returns when the time that matters is measured where the work
 * happens rather than around the call: e.g. when Chromium painted a row, by the page's own
 * clock, which a poll from outside can only see some milliseconds later. The harness records
 * `ms`, and hands `value` to the run's after-step.
 */
export class Measured {
  constructor(
    readonly ms: number,
    readonly value?: unknown,
  ) {}
}

/** The duration of one run: the work's own measure when it gives one, else its wall time. */
export async function timeOnce<S>(
  state: S,
  i: number,
  before: ((state: S, i: number) => unknown) | undefined,
  work: (state: S, i: number) => unknown,
  after: ((state: S, result: unknown, i: number) => unknown) | undefined,
): Promise<number> {
  if (before) await settle(before(state, i));
  const start = performance.now();
  let result = work(state, i);
  // Synchronous work is timed without a microtask hop; asynchronous work until it settles.
  if (isThenable(result)) result = await result;
  const wall = performance.now() - start;
  if (result instanceof Measured) {
    if (!Number.isFinite(result.ms) || result.ms < 0)
      throw new Error(`a run measured itself as ${result.ms} ms`);
    if (after) await settle(after(state, result.value, i));
    return result.ms;
  }
  if (after) await settle(after(state, result, i));
  return wall;
}

export function describeTarget(target: Target): string {
  if ('maxMs' in target) return `${target.figure} < ${target.maxMs} ms`;
  if ('maxRatio' in target) return `ratio ≤ ${target.maxRatio}×`;
  return `≥ ${Math.round(target.throughputShareMin * 100)}% of baseline`;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** Runs one case: setup, interleaved warm-up and measured runs, teardown. */
export async function runCase(c: BenchCase, ctx: BenchContext): Promise<CaseResult> {
  const missing = (c.needs ?? []).filter((t) => !ctx.branch.tables.has(t));
  if (missing.length) {
    return {
      name: c.name,
      about: c.about,
      skipped: `needs table ${missing.join(', ')} (its migration is not registered yet)`,
    };
  }
  const unavailable = c.skip?.(ctx) ?? null;
  if (unavailable) return { name: c.name, about: c.about, skipped: unavailable };
  const iterations = ctx.quick ? (c.quick?.iterations ?? Math.min(c.iterations, 10)) : c.iterations;
  const warmup = ctx.quick ? (c.quick?.warmup ?? Math.min(c.warmup, 2)) : c.warmup;
  const state = await settle(c.setup ? c.setup(ctx) : undefined);
  const app: number[] = [];
  const base: number[] = [];
  try {
    for (let i = 0; i < warmup + iterations; i++) {
      const a = await timeOnce(state, i, c.beforeRun, c.run, c.afterRun);
      const b = await timeOnce(state, i, c.beforeBaseline, c.baseline, c.afterBaseline);
      if (i >= warmup) {
        app.push(a);
        base.push(b);
      }
    }
  } finally {
    if (c.teardown) await settle(c.teardown(state));
  }
  return summariseCase(c, ctx, app, base, warmup);
}

export function summariseCase(
  c: Pick<BenchCase, 'name' | 'about' | 'target' | 'units'>,
  ctx: Pick<BenchContext, 'quick'> & Partial<BenchContext>,
  app: readonly number[],
  base: readonly number[],
  warmup: number,
): CaseResult {
  const a = summarise(app);
  const b = summarise(base);
  const result: CaseResult = {
    name: c.name,
    about: c.about,
    runs: a.runs,
    warmup,
    median_ms: round(a.median),
    p95_ms: round(a.p95),
    min_ms: round(a.min),
    max_ms: round(a.max),
    baseline_ms: round(b.median),
    baseline_p95_ms: round(b.p95),
    ratio: round(a.median / b.median, 2),
  };
  if (c.units && ctx.branch) {
    const units = c.units.perRun(ctx as BenchContext);
    result.unit = c.units.label;
    result.units_per_run = units;
    result.units_per_s = Math.round((units * 1000) / a.median);
    result.baseline_units_per_s = Math.round((units * 1000) / b.median);
    result.throughput_share = round(b.median / a.median, 3);
  }
  if (c.target) {
    result.target = describeTarget(c.target);
    let met: boolean;
    if ('maxMs' in c.target) {
      met = (c.target.figure === 'median' ? a.median : a.p95) < c.target.maxMs;
    } else if ('maxRatio' in c.target) {
      met = a.median / b.median <= c.target.maxRatio;
    } else {
      met = b.median / a.median >= c.target.throughputShareMin;
    }
    result.target_met = ctx.quick ? null : met;
  }
  return result;
}
