import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthRangeIn, weekStarts } from '../../../electron/core/reports/month';
import { expectError, expectOk, signedInCore } from '../support/core';

const NOW = () => new Date('2026-04-03T02:00:00.000Z');
const root = path.resolve(__dirname, '../../..');

/**
 * A month past 9999 once made the week list loop forever and froze the main process. The
 * summary's loops are synchronous, so a vitest timeout cannot interrupt one: the refusals must
 * come back at all, and quickly; the loop itself is run in a child process with a kill timer.
 */
describe('a month outside 2000-01 … 2099-12', () => {
  it.each([
    ['9999-12', 'v.monthRange'],
    ['2100-01', 'v.monthRange'],
    ['1999-12', 'v.monthRange'],
    ['2026-13', 'v.month'],
    ['2026-00', 'v.month'],
  ])(
    'reports:summary refuses %s with VALIDATION on the month (%s)',
    async (month, key) => {
      const core = await signedInCore({ now: NOW });
      const started = Date.now();
      const error = expectError(await core.invoke('reports:summary', { month }), 'VALIDATION');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(error.fields).toEqual({ month: key });
    },
    8000,
  );

  it('refuses the far month in every report channel that takes one', async () => {
    const core = await signedInCore({ now: NOW });
    for (const [channel, payload] of [
      ['reports:drilldown', { month: '9999-12', figure: 'visitsPlanned' }],
      ['reports:close', { month: '9999-12' }],
      ['reports:exportCsv', { month: '9999-12', purpose: '报送总行月度报表' }],
      ['reports:exportXlsx', { month: '9999-12', purpose: '报送总行月度报表' }],
    ] as const) {
      const error = expectError(await core.invoke(channel, payload), 'VALIDATION');
      expect(error.fields?.month).toBe('v.monthRange');
    }
  }, 8000);
});

describe('the first and last months of the range', () => {
  it('summarises 2099-12 as an empty month with its five Monday-start weeks', async () => {
    const core = await signedInCore({ now: NOW });
    const summary = expectOk(await core.invoke('reports:summary', { month: '2099-12' }));
    expect(summary.frozen).toBe(false);
    expect(summary.close).toBeNull();
    expect(summary.history).toEqual([]);
    expect(summary.previous).toBeNull();
    expect(summary.lastYear).toBeNull();
    expect(summary.figures.month).toBe('2099-12');
    expect(summary.figures.from).toBe('2099-12-01');
    expect(summary.figures.to).toBe('2099-12-31');
    // 2099-12-01 is a Tuesday; the Mondays are the 7th, 14th, 21st and 28th.
    expect(summary.figures.weeks).toEqual(
      ['2099-12-01', '2099-12-07', '2099-12-14', '2099-12-21', '2099-12-28'].map((weekStart) => ({
        weekStart,
        planned: 0,
        done: 0,
      })),
    );
    expect(summary.figures.branch.visitsPlanned).toBe(0);
    expect(summary.figures.branch.visitsDone).toBe(0);
    expect(summary.figures.officers).toEqual([]);
  }, 8000);

  it('summarises 2000-01, comparing with 1999-12 and 1999-01 without refusing them', async () => {
    const core = await signedInCore({ now: NOW });
    const summary = expectOk(await core.invoke('reports:summary', { month: '2000-01' }));
    expect(summary.figures.from).toBe('2000-01-01');
    expect(summary.figures.to).toBe('2000-01-31');
    expect(summary.previous).toBeNull();
    expect(summary.lastYear).toBeNull();
    // 2000-01-01 is a Saturday: its own short week, then the Mondays 3, 10, 17, 24 and 31.
    expect(summary.figures.weeks.map((w) => w.weekStart)).toEqual([
      '2000-01-01',
      '2000-01-03',
      '2000-01-10',
      '2000-01-17',
      '2000-01-24',
      '2000-01-31',
    ]);
  }, 8000);
});

describe('the week list itself', () => {
  it('ends for December 9999, the month whose next day has a five-digit year', () => {
    const script = `
      const m = await import('./electron/core/reports/month.ts');
      const { weekStarts } = m.weekStarts ? m : m.default;
      const range = { month: '9999-12', from: '9999-12-01', to: '9999-12-31', next: '', fromInstant: '', nextInstant: '' };
      console.log(JSON.stringify(weekStarts(range)));
    `;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' },
    );
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    // 9999-12-01 is a Wednesday; the Mondays are the 6th, 13th, 20th and 27th.
    expect(JSON.parse(child.stdout)).toEqual([
      '9999-12-01',
      '9999-12-06',
      '9999-12-13',
      '9999-12-20',
      '9999-12-27',
    ]);
  }, 30_000);

  it('throws an internal error for a range longer than a month instead of walking it', () => {
    const range = { ...monthRangeIn('2026-03', 'Asia/Shanghai'), to: '2099-12-31' };
    expect(() => weekStarts(range)).toThrow(/more than 31/);
  });

  it('refuses to build a range for a month whose next month has five digits', () => {
    expect(() => monthRangeIn('9999-12', 'Asia/Shanghai')).toThrow(/not a month/);
    expect(monthRangeIn('2099-12', 'Asia/Shanghai')).toMatchObject({
      from: '2099-12-01',
      to: '2099-12-31',
      next: '2100-01-01',
      fromInstant: '2099-11-30T16:00:00.000Z',
      nextInstant: '2099-12-31T16:00:00.000Z',
    });
  });
});
