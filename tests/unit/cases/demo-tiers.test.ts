import { describe, expect, it } from 'vitest';
import { tierFilters } from '../../../electron/shared/classification';
import { expectOk } from '../support/core';
import { casesCore } from './support';

describe('the demo branch’s five-tier classification', () => {
  it('has a spread of tiers that follows the regulator’s floors, and the list filters on it', async () => {
    const core = await casesCore();
    expectOk(await core.invoke('cases:loadDemo', {}));
    const db = core.app.db;
    const counts: Record<string, number> = {};
    for (const tier of tierFilters) {
      counts[tier] = expectOk(
        await core.invoke('cases:list', { tiers: [tier], pageSize: 1 }),
      ).total;
    }
    // Every tier is there, 正常 the most common, 损失 the rarest of the classified.
    for (const tier of ['pass', 'special_mention', 'substandard', 'doubtful', 'loss']) {
      expect(counts[tier], tier).toBeGreaterThan(0);
    }
    expect(counts.pass).toBeGreaterThan(counts.substandard!);
    expect(counts.substandard).toBeGreaterThan(counts.loss!);
    // Borrowers with no active loan left (closed cases) have no tier.
    const total = expectOk(await core.invoke('cases:list', { pageSize: 1 })).total;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);

    // Floors: over 90 days past due at least 次级, over 270 可疑, over 360 损失; overdue at
    // least 关注. No snapshot breaks them.
    const broken = db
      .prepare(
        `SELECT count(*) AS n FROM loan_snapshots WHERE classification IS NULL
           OR (dpd > 360 AND classification < 5) OR (dpd > 270 AND classification < 4)
           OR (dpd > 90 AND classification < 3) OR (dpd > 0 AND classification < 2)`,
      )
      .get();
    expect(broken).toEqual({ n: 0 });
    // A case's tier is the worst of its active loans.
    const mismatched = db
      .prepare(
        `SELECT count(*) AS n FROM borrowers b WHERE b.classification IS NOT
           (SELECT max(classification) FROM loans l WHERE l.borrower_id = b.id AND l.status = 'active')`,
      )
      .get();
    expect(mismatched).toEqual({ n: 0 });
  });
});
