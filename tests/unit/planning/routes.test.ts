import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { certifiedStaff, codesOf, count, planningCore, seedBorrower } from './support';

describe('routes and calendars', () => {
  it('plans a route from several cases with slots filled in sequence', async () => {
    const core = await planningCore();
    const staff = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
    const ids = [1, 2, 3].map(() => seedBorrower(core, { village: '西村' }).borrowerId);
    const visits = expectOk(
      await core.invoke('planning:planRoute', {
        date: '2026-03-10',
        borrowerIds: ids,
        staffIds: staff,
        firstStart: '09:00',
        visitMinutes: 45,
        gapMinutes: 15,
      }),
    );
    expect(visits.map((v) => [v.borrowerId, v.start, v.end, v.routeOrder])).toEqual([
      [ids[0], '09:00', '09:45', 1],
      [ids[1], '10:00', '10:45', 2],
      [ids[2], '11:00', '11:45', 3],
    ]);
  });

  it('refuses the whole route when one case breaks a rule, saving nothing', async () => {
    const core = await planningCore();
    const staff = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
    const good = seedBorrower(core).borrowerId;
    const disputed = seedBorrower(core, { status: 'disputed' }).borrowerId;
    const result = await core.invoke('planning:planRoute', {
      date: '2026-03-10',
      borrowerIds: [good, disputed, seedBorrower(core).borrowerId],
      staffIds: staff,
      firstStart: '09:00',
    });
    expect(codesOf(result)).toEqual(['CASE_ON_HOLD']);
    const slots = result.ok
      ? []
      : (result.error.details?.slots as { borrowerId: number; start: string }[]);
    expect(slots.map((s) => [s.borrowerId, s.start])).toEqual([[disputed, '10:00']]);
    expect(count(core, 'SELECT count(*) AS n FROM visits')).toBe(0);
    expect(count(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'visit.plan'")).toBe(0);
  });

  it('refuses a route that runs past the allowed hours, naming the late slot', async () => {
    const core = await planningCore();
    const staff = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
    const ids = [1, 2].map(() => seedBorrower(core).borrowerId);
    const result = await core.invoke('planning:planRoute', {
      date: '2026-03-10',
      borrowerIds: ids,
      staffIds: staff,
      firstStart: '18:30',
      visitMinutes: 60,
      gapMinutes: 0,
    });
    expect(codesOf(result)).toEqual(['HOURS_OUTSIDE_ALLOWED']);
    expect(count(core, 'SELECT count(*) AS n FROM visits')).toBe(0);
  });

  it('lists a month compactly with filters, and the day route grouped by township and village', async () => {
    const core = await planningCore();
    const a = [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
    const b = [await certifiedStaff(core, 'C003'), await certifiedStaff(core, 'C004')];
    const plan = async (
      staffIds: number[],
      place: { township: string; village: string },
      start: string,
      end: string,
    ) =>
      expectOk(
        await core.invoke('planning:planVisit', {
          borrowerId: seedBorrower(core, place).borrowerId,
          staffIds,
          date: '2026-03-10',
          start,
          end,
          purpose: 'negotiation',
        }),
      );
    const v1 = await plan(a, { township: '石桥镇', village: '东村' }, '09:00', '10:00');
    const v2 = await plan(a, { township: '河口乡', village: '南村' }, '10:30', '11:30');
    const v3 = await plan(a, { township: '石桥镇', village: '北村' }, '14:00', '15:00');
    const v4 = await plan(a, { township: '石桥镇', village: '东村' }, '16:00', '17:00');
    const other = await plan(b, { township: '石桥镇', village: '东村' }, '09:00', '10:00');

    const month = expectOk(
      await core.invoke('planning:calendar', { from: '2026-03-01', to: '2026-03-31' }),
    );
    expect(month.visits.map((v) => v.id)).toEqual([v1.id, other.id, v2.id, v3.id, v4.id]);
    expect(month.visits[0]).toEqual({
      id: v1.id,
      date: '2026-03-10',
      start: '09:00',
      end: '10:00',
      status: 'planned',
      purpose: 'negotiation',
      borrowerId: v1.borrowerId,
      borrowerName: expect.stringMatching(/^借款人\d+$/),
      township: '石桥镇',
      village: '东村',
      staffIds: a,
      noticeStatus: expect.any(String),
      awaitingApproval: false,
      overridden: false,
    });
    const filtered = expectOk(
      await core.invoke('planning:calendar', {
        from: '2026-03-01',
        to: '2026-03-31',
        staffIds: [b[0] as number],
        township: '石桥镇',
      }),
    );
    expect(filtered.visits.map((v) => v.id)).toEqual([other.id]);

    const route = expectOk(
      await core.invoke('planning:dayRoute', { date: '2026-03-10', staffIds: a }),
    );
    expect(
      route.townships.map((t) => [
        t.township,
        t.villages.map((v) => [v.village, v.visits.map((x) => x.id)]),
      ]),
    ).toEqual([
      [
        '石桥镇',
        [
          ['东村', [v1.id, v4.id]],
          ['北村', [v3.id]],
        ],
      ],
      ['河口乡', [['南村', [v2.id]]]],
    ]);
  });

  it('refuses a calendar range longer than two months', async () => {
    const core = await planningCore();
    expectError(
      await core.invoke('planning:calendar', { from: '2026-01-01', to: '2026-06-30' }),
      'VALIDATION',
    );
  });
});
