import type { Result } from '../../electron/shared/result';
import { defineCase, type BenchCase, type BenchContext, type Target } from './harness';
import { recordStatements, Replay } from './replay';
import { expectOk } from './seed';

/**
 * A read case in a few lines: the app side calls a channel through the same dispatcher as
 * Electron IPC (schema parse, role check, handler, result envelope), cycling through sample
 * inputs; the baseline replays the statements that call ran, bare, on the plain copy.
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
  });
}
