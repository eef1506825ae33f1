import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { engineKinds, type EngineKind } from '../support/engines';
import { outcomeOn, recordsCoreOn } from './desk-records';
import { TODAY } from './support';

/**
 * The branch-wide list of visits waiting for their outcome (records:awaiting). The clock is
 * 2026-05-20 10:00 in Beijing unless moved; the expected rows are worked out from the visits
 * planned below, not from the code. On both engines (issue 19): desk-records.ts's desk, the visits
 * written and changed through the app's engine.
 */
async function branch(kind: EngineKind) {
  const core = await recordsCoreOn(kind);
  const db = core.app.engine.db;
  const v1 = await core.visit('2026-05-18', [core.officer.staffId, core.partner.staffId]);
  const v2 = await core.visit('2026-05-20', [core.partner.staffId, core.managerId]);
  await db
    .updateTable('visits')
    .set({ village: '西村', start_time: '14:00', end_time: '15:00' })
    .where('id', '=', v2)
    .execute();
  const future = await core.visit('2026-05-21');
  const cancelled = await core.visit('2026-05-19');
  await db.updateTable('visits').set({ status: 'cancelled' }).where('id', '=', cancelled).execute();
  const done = await core.visit('2026-05-19');
  await db.updateTable('visits').set({ status: 'done' }).where('id', '=', done).execute();
  return { core, v1, v2, future };
}

describe.each(engineKinds)('visits awaiting results across the branch on %s', (kind) => {
  it('lists open visits up to the branch’s today, oldest first, with everyone who went', async () => {
    const { core, v1, v2 } = await branch(kind);
    const out = expectOk(await core.invoke('records:awaiting', {}));
    expect(out.asOf).toBe('2026-05-20');
    expect(out.total).toBe(2);
    expect(out.rows.map((r) => r.visitId)).toEqual([v1, v2]);
    expect(out.rows[0]).toMatchObject({
      date: '2026-05-18',
      start: '09:00',
      end: '10:00',
      township: '石桥镇',
      village: '东村',
    });
    expect(out.rows[1]!.staff.map((s) => s.id).sort()).toEqual(
      [core.partner.staffId, core.managerId].sort(),
    );
    expect(out.villages).toEqual(['东村', '西村']);
  });

  it('narrows by day, officer and village, and counts beyond the limit', async () => {
    const { core, v1, v2 } = await branch(kind);
    const ids = async (input: object) =>
      expectOk(await core.invoke('records:awaiting', input)).rows.map((r) => r.visitId);
    expect(await ids({ date: '2026-05-18' })).toEqual([v1]);
    expect(await ids({ staffId: core.managerId })).toEqual([v2]);
    expect(await ids({ staffId: core.officer.staffId })).toEqual([v1]);
    expect(await ids({ village: '西村' })).toEqual([v2]);
    const limited = expectOk(await core.invoke('records:awaiting', { limit: 1 }));
    expect(limited.rows.map((r) => r.visitId)).toEqual([v1]);
    expect(limited.total).toBe(2);
    expectError(await core.invoke('records:awaiting', { date: '2026-5-18' }), 'VALIDATION');
  });

  it('takes the day from the branch’s zone: 00:30 in Beijing is already tomorrow', async () => {
    const { core, future } = await branch(kind);
    core.clock.now = new Date('2026-05-20T16:30:00.000Z');
    core.app.touch();
    const out = expectOk(await core.invoke('records:awaiting', {}));
    expect(out.asOf).toBe('2026-05-21');
    expect(out.rows.map((r) => r.visitId)).toContain(future);
  });

  it('a clerk sees the list and takes a visit off it by recording it for the officers', async () => {
    const { core, v1, v2 } = await branch(kind);
    await core.signInAs(core.clerk);
    expectOk(await core.invoke('records:record', outcomeOn(core, v1, { date: '2026-05-18' })));
    const out = expectOk(await core.invoke('records:awaiting', {}));
    expect(out.rows.map((r) => r.visitId)).toEqual([v2]);
  });
});

describe.each(engineKinds)(
  'the awaiting list against a plain filter of what was planned on %s',
  (kind) => {
    it('gives, for random visits and filters, exactly the open visits up to today in date and time order', async () => {
      const core = await recordsCoreOn(kind);
      const db = core.app.engine.db;
      const staffPool = [core.officer.staffId, core.partner.staffId, core.managerId];
      const visitArb = fc.record({
        day: fc.integer({ min: 15, max: 25 }),
        hour: fc.integer({ min: 8, max: 18 }),
        status: fc.constantFrom(
          'planned',
          'notified',
          'done',
          'not_done',
          'cancelled',
          'rescheduled',
        ),
        staff: fc.subarray(staffPool, { minLength: 1 }),
        village: fc.constantFrom('东村', '西村'),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(visitArb, { maxLength: 12 }),
          fc.option(fc.constantFrom(...staffPool), { nil: undefined }),
          fc.option(fc.constantFrom('东村', '西村'), { nil: undefined }),
          async (visits, staffId, village) => {
            await db.deleteFrom('visit_loans').execute();
            await db.deleteFrom('visit_staff').execute();
            await db.deleteFrom('visits').execute();
            const planned = [];
            for (const v of visits) {
              const date = `2026-05-${String(v.day).padStart(2, '0')}`;
              const start = `${String(v.hour).padStart(2, '0')}:00`;
              const id = await core.visit(date, v.staff);
              await db
                .updateTable('visits')
                .set({
                  status: v.status,
                  village: v.village,
                  start_time: start,
                  end_time: `${String(v.hour).padStart(2, '0')}:30`,
                })
                .where('id', '=', id)
                .execute();
              planned.push({ id, date, start, ...v });
            }
            // The plain answer: open, on or before 2026-05-20 (the clock's day in Beijing), narrowed.
            const expected = planned
              .filter((v) => (v.status === 'planned' || v.status === 'notified') && v.date <= TODAY)
              .filter((v) => staffId === undefined || v.staff.includes(staffId))
              .filter((v) => village === undefined || v.village === village)
              .sort(
                (a, b) =>
                  a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.id - b.id,
              )
              .map((v) => v.id);
            const out = expectOk(
              await core.invoke('records:awaiting', {
                ...(staffId === undefined ? {} : { staffId }),
                ...(village === undefined ? {} : { village }),
              }),
            );
            expect(out.rows.map((r) => r.visitId)).toEqual(expected);
            expect(out.total).toBe(expected.length);
          },
        ),
        { numRuns: 25 },
      );
    });
  },
);
