import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { runCase, type BenchCase, type CaseResult } from './harness';
import { loadCases } from './registry';
import { buildReport, formatTable, round1 } from './report';
import { fullScale, quickScale } from './scale';
import { prepareBranch, type SeededBranch } from './seed';

/**
 * `npm run bench [-- --quick] [--out FILE] [--only NAME]… [--fresh-seed] [--list]`
 *
 * Every file in tests/bench/cases/ is a case (or a list of cases) as its default export, run
 * in file-name order: adding a case is adding a file.
 */

const usage = `usage: npm run bench -- [--quick] [--out FILE] [--only NAME] [--fresh-seed] [--list]
  --quick       small branch, few runs: checks the suite works (under a minute)
  --out FILE    where to write the JSON results (default bench-results.json)
  --only NAME   run only cases whose name contains NAME (repeatable, or comma-separated)
  --fresh-seed  rebuild the cached synthetic branch even if one matches
  --list        print the cases and exit`;

const Args = z.object({
  quick: z.boolean(),
  out: z.string().min(1),
  only: z.array(z.string().min(1)),
  freshSeed: z.boolean(),
  list: z.boolean(),
});
type Args = z.infer<typeof Args>;

function parseArgs(argv: readonly string[]): Args {
  const args = {
    quick: false,
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
    else if (arg === '--out') args.out = value();
    else if (arg.startsWith('--out=')) args.out = arg.slice(6);
    else if (arg === '--only') args.only.push(...value().split(','));
    else if (arg.startsWith('--only=')) args.only.push(...arg.slice(7).split(','));
    else if (arg === '--fresh-seed') args.freshSeed = true;
    else if (arg === '--list') args.list = true;
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  return Args.parse(args);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const all = await loadCases();
  if (args.list) {
    for (const c of all) console.log(`${c.name.padEnd(28)} ${c.about}`);
    return 0;
  }
  const wanted = (c: BenchCase) =>
    args.only.length === 0 || args.only.some((o) => c.name.toLowerCase().includes(o.toLowerCase()));
  const cases = all.filter(wanted);
  if (cases.length === 0) {
    console.error(
      `no case matches ${args.only.join(', ')}; cases: ${all.map((c) => c.name).join(', ')}`,
    );
    return 2;
  }
  const scale = args.quick ? quickScale : fullScale;
  const started = performance.now();
  let branch: SeededBranch | null = null;
  const cleanUp = () => {
    if (branch) fs.rmSync(branch.dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  branch = await prepareBranch(scale, { fresh: args.freshSeed, log: (line) => console.log(line) });
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  console.log(`branch ready after ${seconds()} s: ${JSON.stringify(branch.manifest.counts)}`);
  const results: CaseResult[] = [];
  const loadAtStart = round1(os.loadavg()[0]!);
  if (loadAtStart > os.cpus().length) {
    console.log(
      `note: load average ${loadAtStart} on ${os.cpus().length} cores; p95 figures will be noisy`,
    );
  }
  try {
    for (const c of cases) {
      process.stdout.write(`${c.name} … `);
      let result: CaseResult;
      try {
        result = await runCase(c, { branch, scale, quick: args.quick });
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        result = {
          name: c.name,
          about: c.about,
          error: message.split('\n').slice(0, 4).join(' / '),
        };
      }
      results.push(result);
      console.log(
        result.skipped
          ? `skipped (${result.skipped})`
          : result.error
            ? `ERROR ${result.error}`
            : `median ${result.median_ms} ms, p95 ${result.p95_ms} ms, baseline ${result.baseline_ms} ms [${seconds()} s]`,
      );
    }
    const report = buildReport(branch, args.quick, results, loadAtStart);
    fs.writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
    const m = report.machine;
    console.log(
      `\n${scale.name} scale (${scale.borrowers.toLocaleString('en-US')} borrowers), ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.cipher}, load ${m.load_average.start}→${m.load_average.end}`,
    );
    console.log(formatTable(results));
    console.log(`\nwrote ${path.resolve(args.out)} after ${seconds()} s`);
  } finally {
    await branch.close();
  }
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
