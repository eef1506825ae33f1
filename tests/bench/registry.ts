import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchCase } from './harness';

/**
 * The registry of cases: every file in tests/bench/cases/ is a case (or a list of cases) as
 * its default export, run in file-name order, so adding a case is adding a file. Names must be
 * unique: `--only` and the results file go by name.
 */
export const casesDir = path.join(__dirname, 'cases');

export async function loadCases(): Promise<BenchCase[]> {
  const files = fs
    .readdirSync(casesDir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const cases: BenchCase[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(casesDir, file)).href)) as {
      default?: BenchCase | BenchCase[];
    };
    if (!module.default) throw new Error(`${file} has no default export`);
    cases.push(...(Array.isArray(module.default) ? module.default : [module.default]));
  }
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`two cases are named "${c.name}"`);
    names.add(c.name);
  }
  return cases;
}
