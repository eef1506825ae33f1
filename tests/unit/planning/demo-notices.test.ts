import { describe, expect, it } from 'vitest';
import { expectOk, signedInCore } from '../support/core';

/**
 * The demo branch loaded early in the morning (Wednesday 16 December 2026, 07:30 in Shanghai)
 * announces the coming weeks' visits the evening before, at 21:45, not at 07:15 when nobody
 * may be contacted: every notice it gives counts.
 */
describe('the demo branch tells borrowers by day', () => {
  it('loaded at 07:30, its notices for the coming weeks are dated 21:45 the evening before and count', async () => {
    const core = await signedInCore({ now: () => new Date('2026-12-15T23:30:00.000Z') });
    expectOk(await core.invoke('cases:loadDemo', {}));
    const coming = core.app.db
      .prepare(
        `SELECT id, notice_at FROM visits
         WHERE date >= '2026-12-16' AND notice_status <> 'none' ORDER BY id`,
      )
      .all() as { id: number; notice_at: string }[];
    expect(coming.length).toBeGreaterThan(0);
    // 21:45 on 15 December in Shanghai is 13:45Z.
    expect(new Set(coming.map((v) => v.notice_at))).toEqual(new Set(['2026-12-15T13:45:00.000Z']));
    for (const v of coming) {
      const visit = expectOk(await core.invoke('planning:visit', { id: v.id }));
      expect(visit.noticeProblem, `visit ${v.id}`).toBeNull();
    }
  });
});
