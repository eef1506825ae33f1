import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { planningCore } from './support';

/**
 * The targets' month without one asked: the month it is where the branch is, on the core's
 * clock. 2026-12-03T16:30Z is already 00:30 on 4 December in Beijing (UTC+8), so the month is
 * December whatever the zone the test runs in; the last minute of November in Beijing
 * (2026-11-30T15:59Z) is still November.
 */
// The support's afterEach closes every core it opened.
describe('planning:targets without a month', () => {
  it('answers for this month on the branch clock (Asia/Shanghai)', async () => {
    const core = await planningCore('2026-12-03T16:30:00Z');
    expectOk(
      await core.invoke('planning:setTargets', {
        month: '2026-12',
        staffId: null,
        visitsTarget: 30,
        amountTargetFen: 500_000,
      }),
    );
    const now = expectOk(await core.invoke('planning:targets', {}));
    expect(now.month).toBe('2026-12');
    expect(now.branch?.visitsTarget).toBe(30);

    core.clock.now = new Date('2026-11-30T15:59:00Z');
    const before = expectOk(await core.invoke('planning:targets', {}));
    expect(before.month).toBe('2026-11');
    expect(before.branch).toBeNull();

    // An asked month is answered as asked.
    expect(expectOk(await core.invoke('planning:targets', { month: '2027-01' })).month).toBe(
      '2027-01',
    );
  });
});
