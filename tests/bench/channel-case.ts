import type { Result } from '../../electron/shared/result';
import { defineCase, type BenchCase, type BenchContext, type Target } from './harness';
import { bareQueryPool, PgReplay, recordQueries } from './postgres';
import { recordStatements, Replay } from './replay';
import { expectOk } from './seed';

/**
 * A read case in a few lines: the app side calls a channel through the same dispatcher as
 * Electron IPC (schema parse, role check, handler, result envelope), cycling through sample
 * inputs; the baseline replays the statements that call ran, bare, on the plain copy.
 *
 * On PostgreSQL (`--engine postgres`) the same channel is called through the same dispatcher
 * over a desk whose engine is PostgreSQL (postgres.ts), and the baseline replays the queries
 * that call sent, bare, with `pg` on a plain pool of the same database.
 */
export interface ChannelCaseSpec {
  name: string;
  /** What the operation is, as the user sees it; the baseline's description is added. */
  about: string;
  channel: string;
  /** Sample inputs; run i uses input i mod n (app and baseline alike). */
  inputs: (ctx: BenchContext) => readonly unknown[];
  needs?: readonly string[];
  target?: Target;
  iterations: number;
  warmup: number;
  quick?: { iterations?: number; warmup?: number };
  /** Optional sanity check of one answer (e.g. "the page has rows"). */
  check?: (data: unknown, input: unknown) => void;
  /**
   * On PostgreSQL: the target there (default: the median within 1.5× of the bare queries',
   * issue 19), or false where the channel does not run there yet.
   */
  postgres?: { target: Target } | false;
}

/** Issue 19: every read path on PostgreSQL within 1.5× of its bare baseline. */
const postgresReadTarget: Target = { figure: 'median', maxRatio: 1.5 };

interface PgState {
  ctx: BenchContext;
  inputs: readonly unknown[];
  replays: PgReplay[];
  close: () => Promise<void>;
}

function postgresChannelCase(spec: ChannelCaseSpec, target: Target): BenchCase {
  const call = (ctx: BenchContext, input: unknown) => {
    if (!ctx.postgres) throw new Error('no PostgreSQL branch in this run');
    return ctx.postgres.invoke(spec.channel, input) as Promise<Result<unknown>>;
  };
  return defineCase<PgState>({
    name: spec.name,
    about: `${spec.about}, on PostgreSQL; baseline: the same queries, bare pg on a plain pool`,
    needs: spec.needs,
    target,
    iterations: spec.iterations,
    warmup: spec.warmup,
    quick: spec.quick,
    async setup(ctx) {
      if (!ctx.postgres) throw new Error('no PostgreSQL branch in this run');
      const inputs = spec.inputs(ctx);
      if (inputs.length === 0) throw new Error(`${spec.name}: no sample inputs`);
      const pool = bareQueryPool(ctx.postgres.url);
      const replays: PgReplay[] = [];
      try {
        for (const input of inputs) {
          // Once unrecorded first, so the engine's pool holds open connections, as in the timed
          // runs: a query a service sends alongside others (Promise.all) would otherwise wait
          // for a new connection and look sequential to the recording.
          expectOk(await call(ctx, input));
          const { result, calls } = await recordQueries(() => call(ctx, input));
          spec.check?.(expectOk(result), input);
          const replay = new PgReplay(pool, calls);
          // Once untimed too: the plain pool opens its connections before the first run.
          await replay.run();
          replays.push(replay);
        }
      } catch (error) {
        await pool.end();
        throw error;
      }
      return { ctx, inputs, replays, close: () => pool.end() };
    },
    run: (s, i) => call(s.ctx, s.inputs[i % s.inputs.length]),
    afterRun: (_s, result) => expectOk(result as Result<unknown>),
    baseline: (s, i) => s.replays[i % s.replays.length]!.run(),
    teardown: (s) => s.close(),
  });
}

interface State {
  ctx: BenchContext;
  inputs: readonly unknown[];
  replays: Replay[];
}

export function channelCase(spec: ChannelCaseSpec): BenchCase {
  const call = (ctx: BenchContext, input: unknown) =>
    ctx.branch.invoke(spec.channel, input) as Promise<Result<unknown>>;
  return defineCase<State>({
    name: spec.name,
    about: `${spec.about}; baseline: the same statements, bare, on the plain copy`,
    needs: spec.needs,
    target: spec.target,
    iterations: spec.iterations,
    warmup: spec.warmup,
    quick: spec.quick,
    async setup(ctx) {
      const inputs = spec.inputs(ctx);
      if (inputs.length === 0) throw new Error(`${spec.name}: no sample inputs`);
      const replays: Replay[] = [];
      for (const input of inputs) {
        const { result, calls } = await recordStatements(ctx.branch.app.db, () => call(ctx, input));
        spec.check?.(expectOk(result), input);
        replays.push(new Replay(ctx.branch.plain, calls));
      }
      return { ctx, inputs, replays };
    },
    run: (s, i) => call(s.ctx, s.inputs[i % s.inputs.length]),
    afterRun: (_s, result) => expectOk(result as Result<unknown>),
    baseline: (s, i) => s.replays[i % s.replays.length]!.run(),
    postgres:
      spec.postgres === false
        ? undefined
        : postgresChannelCase(spec, spec.postgres?.target ?? postgresReadTarget),
  });
}
