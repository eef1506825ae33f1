/**
 * Summary statistics of a benchmark's timings. Kept apart from the harness so the unit test can
 * check them on known arrays without starting a benchmark.
 */

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no measurements to summarise');
  if (values.some((v) => !Number.isFinite(v))) throw new Error('a measurement is not finite');
  return [...values].sort((a, b) => a - b);
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The nearest-rank percentile: the smallest measured value with at least p% of the runs at or
 * below it. It is always a value that was measured (never interpolated), so "p95 under 25 ms"
 * means 95% of the runs really took 25 ms or less; with 20 runs it is the 19th fastest.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const s = sorted(values);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.max(0, rank - 1)]!;
}

export function summarise(values: readonly number[]): Summary {
  const s = sorted(values);
  return {
    runs: s.length,
    median: median(s),
    p95: percentile(s, 95),
    min: s[0]!,
    max: s[s.length - 1]!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}
