import os from 'node:os';
import type { Sqlite } from '../../electron/core/db/sqlite';
import type { CaseResult } from './harness';
import type { PostgresBranch } from './postgres';
import type { Scale } from './scale';
import type { SeededBranch } from './seed';

/** The printed table and the JSON file of a run. */

export interface MachineInfo {
  cpu: string;
  cores: number;
  memory_gib: number;
  platform: string;
  node: string;
  sqlite: string;
  cipher: string;
  /** 1-minute load average at the start and end of the cases: above `cores`, figures are noisy. */
  load_average: { start: number; end: number };
}

export interface BenchReport {
  suite: 'visitdesk';
  date: string;
  quick: boolean;
  machine: MachineInfo;
  scale: Scale;
  seed: {
    cache_key: string;
    from_cache: boolean;
    seed_ms: number;
    counts: Record<string, number>;
  };
  /** When the run included PostgreSQL: the copy of the seed the cases read there. */
  postgres?: { server_version: string; from_cache: boolean; copy_ms: number };
  cases: CaseResult[];
}

export function machineInfo(db: Sqlite, loadAtStart: number): MachineInfo {
  const cpus = os.cpus();
  const versions = db
    .prepare('SELECT sqlite_version() AS sqlite, sqlite3mc_version() AS cipher')
    .get() as { sqlite: string; cipher: string };
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: versions.sqlite,
    cipher: versions.cipher,
    load_average: { start: loadAtStart, end: round1(os.loadavg()[0]!) },
  };
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export function buildReport(
  branch: SeededBranch,
  quick: boolean,
  cases: CaseResult[],
  loadAtStart: number,
  postgres?: PostgresBranch,
  date = new Date(),
): BenchReport {
  return {
    suite: 'visitdesk',
    date: date.toISOString(),
    quick,
    machine: machineInfo(branch.plain, loadAtStart),
    scale: branch.scale,
    seed: {
      cache_key: branch.manifest.cacheKey,
      from_cache: branch.fromCache,
      seed_ms: branch.manifest.seedMs,
      counts: branch.manifest.counts,
    },
    ...(postgres
      ? {
          postgres: {
            server_version: postgres.serverVersion,
            from_cache: postgres.fromCache,
            copy_ms: postgres.copyMs,
          },
        }
      : {}),
    cases,
  };
}

/** 0.0423 → "0.042", 12.345 → "12.3", 1234.5 → "1,235". */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

function status(r: CaseResult): string {
  if (r.skipped) return 'skipped';
  if (r.error) return 'ERROR';
  if (r.target_met === undefined) return '';
  if (r.target_met === null) return '(full scale)';
  return r.target_met ? 'met' : 'MISSED';
}

/**
 * A plain-text table; also valid Markdown, so it can go into README as is. An engine column
 * comes first when the run included PostgreSQL.
 */
export function formatTable(cases: readonly CaseResult[]): string {
  const engines = cases.some((r) => r.engine !== undefined);
  const header = ['case', 'median ms', 'p95 ms', 'baseline ms', 'ratio', 'target', ''];
  const rows = cases.map((r) => [
    r.name,
    formatMs(r.median_ms),
    formatMs(r.p95_ms),
    formatMs(r.baseline_ms),
    r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)}×`,
    r.target ?? '',
    status(r),
  ]);
  if (engines) {
    header.splice(1, 0, 'engine');
    cases.forEach((r, i) => rows[i]!.splice(1, 0, r.engine ?? 'sqlite'));
  }
  // The figures' columns, right-aligned.
  const first = engines ? 2 : 1;
  const numeric = (i: number) => i >= first && i <= first + 3;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const out = [
    line(header),
    `|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  ];
  for (const row of rows) out.push(line(row));
  const notes = cases.flatMap((r) => {
    const extra: string[] = [];
    const name = r.engine ? `${r.name} (${r.engine})` : r.name;
    if (r.units_per_s !== undefined) {
      extra.push(
        `${name}: ${r.units_per_s.toLocaleString('en-US')} ${r.unit}/s vs baseline ${r.baseline_units_per_s!.toLocaleString('en-US')} ${r.unit}/s (${Math.round(r.throughput_share! * 100)}% of baseline)`,
      );
    }
    if (r.skipped) extra.push(`${name}: skipped, ${r.skipped}`);
    if (r.error) extra.push(`${name}: ERROR ${r.error}`);
    return extra;
  });
  return [...out, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
