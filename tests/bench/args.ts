import { z } from 'zod';
import type { BenchCase, EngineName } from './harness';

/** The command line of `npm run bench`, and which cases a run takes on each engine. */

export const usage = `usage: npm run bench -- [--quick] [--engine sqlite|postgres|both] [--out FILE] [--only NAME] [--fresh-seed] [--list]
  --quick       small branch, few runs: checks the suite works (under a minute)
  --engine E    sqlite (default), postgres (the import into an empty branch, then the read
                cases on the branch copied to PostgreSQL), or both (every case on SQLite, then
                those on PostgreSQL)
  --out FILE    where to write the JSON results (default bench-results.json)
  --only NAME   run only cases whose name contains NAME (repeatable, or comma-separated)
  --fresh-seed  rebuild the cached synthetic branch (and its PostgreSQL copy) even if one matches
  --list        print the cases (of the chosen engines) and exit`;

const engineOption = z.enum(['sqlite', 'postgres', 'both']);

const Args = z.object({
  quick: z.boolean(),
  engine: engineOption,
  out: z.string().min(1),
  only: z.array(z.string().min(1)),
  freshSeed: z.boolean(),
  list: z.boolean(),
});
export type Args = z.infer<typeof Args>;

export function parseArgs(argv: readonly string[]): Args {
  const args = {
    quick: false,
    engine: 'sqlite',
    out: 'bench-results.json',
    only: [] as string[],
    freshSeed: false,
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${usage}`);
      return next;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--engine') args.engine = value();
    else if (arg.startsWith('--engine=')) args.engine = arg.slice(9);
    else if (arg === '--out') args.out = value();
    else if (arg.startsWith('--out=')) args.out = arg.slice(6);
    else if (arg === '--only') args.only.push(...value().split(','));
    else if (arg.startsWith('--only=')) args.only.push(...arg.slice(7).split(','));
    else if (arg === '--fresh-seed') args.freshSeed = true;
    else if (arg === '--list') args.list = true;
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  if (!engineOption.safeParse(args.engine).success) {
    throw new Error(`--engine takes sqlite, postgres or both, not ${args.engine}\n${usage}`);
  }
  return Args.parse(args);
}

export function enginesOf(args: Pick<Args, 'engine'>): EngineName[] {
  return args.engine === 'both' ? ['sqlite', 'postgres'] : [args.engine];
}

/**
 * The cases a run takes on `engine`, in file order: on SQLite every case, on PostgreSQL each
 * case's PostgreSQL variant (the read cases), both filtered by `--only`.
 */
export function casesFor(
  all: readonly BenchCase[],
  args: Pick<Args, 'only'>,
  engine: EngineName,
): BenchCase[] {
  const wanted = (c: BenchCase) =>
    args.only.length === 0 || args.only.some((o) => c.name.toLowerCase().includes(o.toLowerCase()));
  const onEngine =
    engine === 'sqlite' ? [...all] : all.flatMap((c) => (c.postgres ? [c.postgres] : []));
  return onEngine.filter(wanted);
}
