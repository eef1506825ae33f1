import { describe, expect, it } from 'vitest';
import { expectOk, signedInCore } from '../support/core';
import { AT, heldWrite, insertBorrower, microtasks, OFFSETS } from './beside-a-write';

/**
 * The embedded SQLite engine has one connection. The case list, the calendar and the month's
 * figures read it directly (their measured fast paths), the rest through Kysely, whose queries
 * wait while another caller's transaction holds the connection. A SQLite write never gives the
 * event loop a turn (app/write-guard.ts), but its awaits resolve as microtasks, and so do the
 * awaits of calls in flight beside it (two desks' calls at the branch server, a view's reads
 * queued behind a write). A direct read run between the write's awaits would see its rows
 * before they commit, and rows that never commit. These reads must take the connection as
 * every other read does, and see only what was committed.
 *
 * Each case starts a write (a borrower and a done visit, then many microtask turns, then a
 * rollback or a commit) and the three reads, one 0 to 400 microtask turns after the other, in
 * both orders, so that the reads' steps fall before, inside and after the write.
 */

const MONTH = '2026-03';
const DAY = '2026-03-10';

type Core = Awaited<ReturnType<typeof signedInCore>>;

const reads = (core: Core) => ({
  list: core.invoke('cases:list', { asOf: DAY, search: '' }),
  calendar: core.invoke('planning:calendar', { from: '2026-03-09', to: '2026-03-15' }),
  summary: core.invoke('reports:summary', { month: MONTH }),
});

async function answers(core: Core) {
  const pending = reads(core);
  const [list, calendar, summary] = await Promise.all([
    pending.list,
    pending.calendar,
    pending.summary,
  ]);
  return { list: expectOk(list), calendar: expectOk(calendar), summary: expectOk(summary) };
}

/**
 * A write that adds an officer, a borrower and a visit done on DAY (`n` tells this write's rows
 * from earlier ones), then commits or rolls back.
 */
function write(core: Core, outcome: 'commit' | 'rollback', n: number) {
  return heldWrite(core.app, outcome, async (tx) => {
    const staff = await tx
      .insertInto('staff')
      .values({
        staff_no: `O${100 + n}`,
        name: `员工${n}`,
        role: 'officer',
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const borrowerId = await insertBorrower(
      tx,
      n,
      `33010219800101${String(1000 + n)}`,
      `1380000${String(1000 + n)}`,
    );
    const visit = await tx
      .insertInto('visits')
      .values({
        borrower_id: borrowerId,
        date: DAY,
        start_time: '09:00',
        end_time: '10:00',
        purpose: 'negotiation',
        township: '城关镇',
        village: '东村',
        status: 'done',
        planned_by: staff.id,
        planned_at: AT,
        updated_at: '2026-03-10T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('visit_staff').values({ visit_id: visit.id, staff_id: staff.id }).execute();
  });
}

/**
 * The write and the three reads, one begun `offset` microtask turns after the other: the reads
 * after the write ('write first'), or the write after the reads ('reads first').
 */
async function readsBeside(
  core: Core,
  outcome: 'commit' | 'rollback',
  first: 'write first' | 'reads first',
  offset: number,
  n: number,
) {
  let written: Promise<string>;
  let pending: ReturnType<typeof reads>;
  if (first === 'write first') {
    written = write(core, outcome, n);
    await microtasks(offset);
    pending = reads(core);
  } else {
    pending = reads(core);
    await microtasks(offset);
    written = write(core, outcome, n);
  }
  const [outcomeSeen, list, calendar, summary] = await Promise.all([
    written,
    pending.list,
    pending.calendar,
    pending.summary,
  ]);
  return {
    outcome: outcomeSeen,
    list: expectOk(list),
    calendar: expectOk(calendar),
    summary: expectOk(summary),
  };
}

const orders = ['write first', 'reads first'] as const;

describe('direct reads on the embedded connection beside an open write', () => {
  it('never see the rows of a write that rolls back, wherever they fall', async () => {
    const core = await signedInCore();
    const before = await answers(core);
    expect(before.list.total).toBe(0);
    expect(before.calendar.visits).toEqual([]);

    for (const first of orders) {
      for (const offset of OFFSETS) {
        const seen = await readsBeside(core, 'rollback', first, offset, 0);
        expect(seen.outcome).toBe('rolled back on purpose');
        for (const read of ['list', 'calendar', 'summary'] as const) {
          expect(seen[read], `${read}, ${first} by ${offset} turns`).toEqual(before[read]);
        }
      }
    }
  });

  it('see a committed write whole or not at all, wherever they fall', async () => {
    const core = await signedInCore();
    const runs = orders.flatMap((o) => OFFSETS.map((offset) => [o, offset] as const));
    for (const [n, [first, offset]] of runs.entries()) {
      const before = await answers(core);
      const seen = await readsBeside(core, 'commit', first, offset, n);
      expect(seen.outcome).toBe('committed');
      const after = await answers(core);
      // Each write adds one case and one visit done in the month.
      expect(after.list.total).toBe(n + 1);
      expect(after.calendar.visits.map((v) => [v.date, v.status, v.borrowerName])).toEqual(
        Array.from({ length: n + 1 }, (_, i) => [DAY, 'done', `借款人${i}`]),
      );
      // The visit done counts in the month's figures: a read inside the write would differ.
      expect(after.summary).not.toEqual(before.summary);
      for (const read of ['list', 'calendar', 'summary'] as const) {
        expect([before[read], after[read]], `${read}, ${first} by ${offset} turns`).toContainEqual(
          seen[read],
        );
      }
    }
  });
});
