import { describe, expect, it } from 'vitest';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { worklist } from '../../../electron/core/planning/worklist';
import type { EngineKind } from '../support/engines';
import { branch, NOW, testEngines } from './engine-desk';

/**
 * The worklist's ranking on both engines (issue 19): the same branch answers with the same rows,
 * scores and words on SQLite and PostgreSQL, whose day counts, last contact and rounding are
 * said differently. Today is 2 March 2026 in Shanghai.
 */

const engineOn = testEngines();

const AT = NOW.toISOString();

async function rankedOn(kind: EngineKind) {
  const under = await engineOn(kind);
  const db = under.engine.db;
  const { staffIds, borrowerIds } = await branch(under.engine, 7);
  const [a, b, c, d, e, f, g] = borrowerIds as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const overdue = [
    { id: a, since: '2025-09-03', fen: 1_000_000, broken: 0, contact: '2026-02-20T02:00:00.000Z' },
    { id: b, since: '2026-01-31', fen: 6_000_000, broken: 4, contact: null },
    { id: c, since: '2025-12-02', fen: 2_000_000, broken: 1, contact: '2026-01-01T02:00:00.000Z' },
    { id: d, since: '2026-02-20', fen: 100_000, broken: 0, contact: '2026-03-01T17:00:00.000Z' },
    { id: e, since: '2025-10-01', fen: 9_000_000, broken: 0, contact: null },
    { id: f, since: '2026-01-01', fen: 500_000, broken: 0, contact: null },
    { id: g, since: '2026-03-05', fen: 300_000, broken: 0, contact: null },
  ];
  for (const o of overdue) {
    await db
      .updateTable('borrowers')
      .set({
        overdue_since: o.since,
        total_overdue_fen: o.fen,
        broken_promises: o.broken,
        last_contact_at: o.contact,
      })
      .where('id', '=', o.id)
      .execute();
  }
  // c: visited last week with a printed notice; e: a visit planned next week (off the list);
  // d: 60 by the ID's birth date, f: too, but a manager cleared it; f is disputed.
  await db
    .updateTable('borrowers')
    .set({ last_visit_at: '2026-02-25T06:00:00.000Z' })
    .where('id', '=', c)
    .execute();
  await db
    .updateTable('borrowers')
    .set({ birth_date: '1966-03-01' })
    .where('id', 'in', [d, f])
    .execute();
  await db.updateTable('borrowers').set({ status: 'disputed' }).where('id', '=', f).execute();
  await db
    .insertInto('elderly_clearances')
    .values({ borrower_id: f, reason: '仍在经营小店', cleared_by: staffIds[0]!, cleared_at: AT })
    .execute();
  const visit = {
    start_time: '09:00',
    end_time: '10:00',
    purpose: 'reminder' as const,
    planned_by: staffIds[0]!,
    planned_at: AT,
    updated_at: AT,
  };
  await db
    .insertInto('visits')
    .values([
      {
        ...visit,
        borrower_id: c,
        date: '2026-02-25',
        status: 'done',
        notice_status: 'printed',
        notice_at: '2026-02-24T02:00:00.000Z',
      },
      { ...visit, borrower_id: e, date: '2026-03-10', status: 'planned', notice_status: 'none' },
    ])
    .execute();
  const app = { engine: under.engine, now: () => new Date(NOW.getTime()) } as unknown as Visitdesk;
  return {
    all: await worklist(app, { limit: 50 }),
    village: await worklist(app, { limit: 2, village: '东村' }),
    ids: { a, b, c, d, e, f, g },
  };
}

describe('the worklist on both engines', () => {
  it('ranks the same branch alike, with the same scores and words', async () => {
    const sqlite = await rankedOn('sqlite');
    const postgres = await rankedOn('postgres');
    const { a, b, c, d, f, g } = sqlite.ids;
    // b: 30 days, the amount and promises capped, never contacted, no notice: 6.7 + 25 + 15 +
    // 15 + 5; c: 20 + 10 + 5 + 1.25 (5 days) + 0 (a notice last week) = 36.25, rounded up on
    // both; g is not yet overdue by the calendar (−3 days counts as 0); e has a visit planned.
    expect(sqlite.all.map((r) => [r.borrowerId, r.score])).toEqual([
      [b, 66.7],
      [a, 52.5],
      [c, 36.3],
      [f, 35.8],
      [g, 21.5],
      [d, 8],
    ]);
    expect(sqlite.all.find((r) => r.borrowerId === d)?.vulnerable).toEqual(['elderly']);
    expect(sqlite.all.find((r) => r.borrowerId === f)?.vulnerable).toEqual([]);
    expect(sqlite.all.find((r) => r.borrowerId === c)?.lastContactDate).toBe('2026-02-25');
    expect(postgres.all).toEqual(sqlite.all);
    expect(postgres.village).toEqual(sqlite.village);
    expect(sqlite.village).toEqual(sqlite.all.slice(0, 2));
  });
});
