import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { casesFor, enginesOf, parseArgs } from './args';
import { runCase, type CaseResult, type EngineName } from './harness';
import { preparePostgresBranch, type PostgresBranch } from './postgres';
import { loadCases } from './registry';
import { buildReport, formatTable, round1 } from './report';
import { fullScale, quickScale } from './scale';
import { prepareBranch, type SeededBranch } from './seed';

/**
 * `npm run bench [-- --quick] [--engine sqlite|postgres|both] [--out FILE] [--only NAME]…
 *   [--fresh-seed] [--list]` (args.ts)
 *
 * Every file in tests/bench/cases/ is a case (or a list of cases) as its default export, run
 * in file-name order: adding a case is adding a file.
 */

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const all = await loadCases();
  const engines = enginesOf(args);
  const marked = engines.length > 1 || engines[0] !== 'sqlite';
  const plan = engines.map((engine) => ({ engine, cases: casesFor(all, args, engine) }));
  if (args.list) {
    for (const { engine, cases } of plan) {
      for (const c of cases) {
        console.log(`${marked ? engine.padEnd(9) : ''}${c.name.padEnd(28)} ${c.about}`);
      }
    }
    return 0;
  }
  if (plan.every((p) => p.cases.length === 0)) {
    const names = (engine: EngineName) => casesFor(all, { only: [] }, engine).map((c) => c.name);
    console.error(
      `no case matches ${args.only.join(', ')} on ${engines.join(', ')}; cases: ${engines.flatMap(names).join(', ')}`,
    );
    return 2;
  }
  const scale = args.quick ? quickScale : fullScale;
  const started = performance.now();
  let branch: SeededBranch | null = null;
  let postgres: PostgresBranch | undefined;
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
  if (engines.includes('postgres')) {
    try {
      postgres = await preparePostgresBranch(branch, {
        fresh: args.freshSeed,
        log: (line) => console.log(line),
      });
    } catch (error) {
      await branch.close();
      throw error;
    }
    console.log(`PostgreSQL ${postgres.serverVersion} branch ready after ${seconds()} s`);
  }
  const results: CaseResult[] = [];
  const loadAtStart = round1(os.loadavg()[0]!);
  if (loadAtStart > os.cpus().length) {
    console.log(
      `note: load average ${loadAtStart} on ${os.cpus().length} cores; p95 figures will be noisy`,
    );
  }
  try {
    for (const { engine, cases } of plan) {
      for (const c of cases) {
        process.stdout.write(`${marked ? `${engine}: ` : ''}${c.name} … `);
        let result: CaseResult;
        try {
          result = await runCase(c, { branch, scale, quick: args.quick, postgres });
        } catch (error) {
          const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
          result = {
            name: c.name,
            about: c.about,
            error: message.split('\n').slice(0, 4).join(' / '),
          };
        }
        if (marked) result = { engine, ...result };
        results.push(result);
        console.log(
          result.skipped
            ? `skipped (${result.skipped})`
            : result.error
              ? `ERROR ${result.error}`
              : `median ${result.median_ms} ms, p95 ${result.p95_ms} ms, baseline ${result.baseline_ms} ms [${seconds()} s]`,
        );
      }
    }
    const report = buildReport(branch, args.quick, results, loadAtStart, postgres);
    fs.writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
    const m = report.machine;
    const pgNote = postgres ? `, PostgreSQL ${postgres.serverVersion}` : '';
    console.log(
      `\n${scale.name} scale (${scale.borrowers.toLocaleString('en-US')} borrowers), ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.cipher}${pgNote}, load ${m.load_average.start}→${m.load_average.end}`,
    );
    console.log(formatTable(results));
    console.log(`\nwrote ${path.resolve(args.out)} after ${seconds()} s`);
  } finally {
    await branch.close();
    await postgres?.close();
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
