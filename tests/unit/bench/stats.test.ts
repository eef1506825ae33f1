import { describe, expect, it, vi } from 'vitest';
import { Measured, summariseCase, timeOnce } from '../../bench/harness';
import { median, percentile, summarise } from '../../bench/stats';

describe('benchmark statistics', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([9])).toBe(9);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('gives p95 as a measured value: the 19th of 20 sorted runs', () => {
    const runs = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1
    expect(percentile(runs, 95)).toBe(19);
    expect(percentile(runs, 100)).toBe(20);
    expect(percentile(runs, 50)).toBe(10);
  });

  it('gives p95 of 100 runs as the 95th fastest, and of few runs as the slowest', () => {
    const runs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(runs, 95)).toBe(95);
    expect(percentile([3, 1, 2], 95)).toBe(3);
  });

  it('refuses empty or non-finite measurements and impossible percentiles', () => {
    expect(() => median([])).toThrow(/no measurements/);
    expect(() => summarise([1, Number.NaN])).toThrow(/not finite/);
    expect(() => percentile([1, 2], 0)).toThrow(/percentile/);
    expect(() => percentile([1, 2], 101)).toThrow(/percentile/);
  });

  it('summarises runs without reordering the caller’s array', () => {
    const runs = [7, 1, 4, 10, 3];
    expect(summarise(runs)).toEqual({ runs: 5, median: 4, p95: 10, min: 1, max: 10, mean: 5 });
    expect(runs).toEqual([7, 1, 4, 10, 3]);
  });
});

describe('benchmark case summary', () => {
  const timed = { name: 'case list page', about: 'test' };

  it('reports the ratio of the app median to the baseline median', () => {
    const r = summariseCase(timed, { quick: false }, [10, 12, 11], [4, 5, 6], 1);
    expect(r).toMatchObject({ median_ms: 11, p95_ms: 12, baseline_ms: 5, ratio: 2.2, runs: 3 });
  });

  it('judges a latency target on the figure it names, and not at the quick scale', () => {
    const target = { ...timed, target: { figure: 'p95' as const, maxMs: 25 } };
    const runs = [10, 10, 10, 30];
    expect(summariseCase(target, { quick: false }, runs, runs, 0).target_met).toBe(false);
    const medianTarget = { ...timed, target: { figure: 'median' as const, maxMs: 25 } };
    expect(summariseCase(medianTarget, { quick: false }, runs, runs, 0).target_met).toBe(true);
    expect(summariseCase(target, { quick: true }, runs, runs, 0).target_met).toBeNull();
  });

  it('judges a throughput target as a share of the baseline rate', () => {
    const importCase = { ...timed, target: { throughputShareMin: 0.4 } };
    // 1,000 ms against a 500 ms baseline is 50% of its rate; 2,000 ms is 25%.
    expect(summariseCase(importCase, { quick: false }, [1000], [500], 0).target_met).toBe(true);
    expect(summariseCase(importCase, { quick: false }, [2000], [500], 0).target_met).toBe(false);
  });
});

describe('a run that measures itself', () => {
  it('is recorded at its own measure, and its value goes to the after-step', async () => {
    const after = vi.fn();
    const slow = () => new Promise((done) => setTimeout(() => done(new Measured(42, 'row')), 30));
    expect(await timeOnce({}, 0, undefined, slow, after)).toBe(42);
    expect(after).toHaveBeenCalledWith({}, 'row', 0);
  });

  it('is refused when its measure is no duration', async () => {
    for (const ms of [Number.NaN, -1, Infinity]) {
      await expect(timeOnce({}, 0, undefined, () => new Measured(ms), undefined)).rejects.toThrow(
        /measured itself/,
      );
    }
  });

  it('is timed by the wall clock otherwise', async () => {
    const wall = await timeOnce(
      {},
      0,
      undefined,
      () => new Promise((d) => setTimeout(d, 25)),
      undefined,
    );
    expect(wall).toBeGreaterThanOrEqual(20);
  });
});
