import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { copySqliteToPostgres } from '../../../electron/core/db/postgres/copy-from-sqlite';
import type { DB } from '../../../electron/core/db/schema';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { closeMonth, standingClose } from '../../../electron/core/reports/close';
import { figureDefinitions } from '../../../electron/core/reports/figures';
import {
  liveBranchFigures,
  liveDrilldown,
  liveMonthFigures,
  liveMonthVisitRows,
  type FiguresSource,
} from '../../../electron/core/reports/live-figures';
import { monthRangeIn } from '../../../electron/core/reports/month';
import { AppFailure } from '../../../electron/shared/result';
import type { DrilldownOutput } from '../../../electron/shared/schemas/reports';
import { desk } from '../planning/engine-desk';
import { expectOk, signedInCore } from '../support/core';
import { openTestEngine, type EngineUnderTest } from '../support/engines';
import { seedMarch2026 } from './dataset';
import { seedEdgeCases } from './loan-histories';

/**
 * The month's live figures, the drill-downs behind them and the export's visit list, the bulk
 * reads each engine answers with its own SQL (live-figures.ts), from the same branch: built on
 * SQLite and copied to PostgreSQL (copy-to-postgres). The hand-worked figures of
 * figures.test.ts hold on PostgreSQL too, and every figure, per officer, matrix, week, outcome,
 * tier and list row is the same on both engines.
 */

const NOW = new Date('2026-11-29T02:00:00.000Z');

const sqliteOf = (db: Sqlite): FiguresSource => ({
  kind: 'sqlite',
  read: async (work) => work(db),
});
/** As the app reads them: on the pool, each read's queries on connections sharing one snapshot. */
const postgresOf = (db: Kysely<DB>): FiguresSource => ({ kind: 'postgres', db, pool: true });

/** The SQLite branch copied to a fresh PostgreSQL database, for `work`. */
async function onPostgresCopy<T>(
  connection: Sqlite,
  work: (target: EngineUnderTest) => Promise<T>,
): Promise<T> {
  const target = await openTestEngine('postgres');
  try {
    await copySqliteToPostgres(connection, target.engine);
    return await work(target);
  } finally {
    await target.close();
  }
}

const r = (num: number, den: number) => ({ num, den });

/**
 * Every figure's list, for the branch and each officer (null for a figure with no list behind
 * it), and the month's visit list.
 */
async function lists(source: FiguresSource, month: string, officers: readonly number[]) {
  const found: Record<string, unknown> = {};
  for (const { key } of figureDefinitions) {
    for (const officerId of [undefined, ...officers]) {
      const input = { month, figure: key, ...(officerId ? { officerId } : {}) };
      found[`${key} ${officerId ?? 'branch'}`] = await liveDrilldown(source, input).catch(
        (error: unknown) => {
          if (error instanceof AppFailure && error.code === 'NOT_FOUND') return null;
          throw error;
        },
      );
    }
  }
  found.visits = await liveMonthVisitRows(source, monthRangeIn(month, 'Asia/Shanghai'));
  return found;
}

describe('monthly figures on both engines', () => {
  it('gives the hand-worked March figures on PostgreSQL, and the same as SQLite', async () => {
    const core = await signedInCore();
    const { a, b } = seedMarch2026(core.app.db);
    // The sign-in's promise evaluation judges the seeded promises first, on SQLite, before both
    // engines read the branch as it then stands.
    await core.app.settle();
    const officers = [a, b, 1];
    const read = async (source: FiguresSource) => ({
      figures: await liveMonthFigures(source, '2026-03'),
      lists: await lists(source, '2026-03', officers),
    });
    const sqliteRead = await read(sqliteOf(core.app.db));
    const postgresRead = await onPostgresCopy(core.app.db, (target) =>
      read(postgresOf(target.engine.db)),
    );
    const [onSqlite, onPostgres] = [sqliteRead.figures, postgresRead.figures];
    // Hand-worked in figures.test.ts, not computed here.
    expect(onPostgres.branch).toMatchObject({
      visitsPlanned: 6,
      visitsDue: 5,
      visitsDone: 3,
      visitsNotDone: 1,
      visitsCancelled: 1,
      visitsOpen: 1,
      visitsOverridden: 1,
      visitsCarriedOut: 4,
      contacts: 3,
      rightPartyContacts: 2,
      promisesMade: 2,
      ptpContacts: 2,
      promisesDue: 3,
      promisesKept: 2,
      promisedFen: 300000,
      collectedFen: 125000,
      targetFen: 500000,
      loansOverdueAtStart: 4,
      loansCured: 1,
      loansPaidOff: 1,
      ruleOverrides: 2,
      plansApproved: 1,
      completionRate: r(4, 5),
      ptpKeptRate: r(2, 3),
      cureRate: r(1, 4),
    });
    expect(onPostgres.rollRate.startFen).toEqual([80000, 150000, 300000, 400000, 0]);
    expect(onPostgres.rollRate.paidOffFen).toEqual([0, 50000, 0, 0, 0]);
    expect(onPostgres.officers.map((o) => o.staffNo)).toEqual(['A001', 'B001', 'M001']);
    expect(onPostgres.officers.find((o) => o.staffId === a)!.figures.visitsPlanned).toBe(3);
    expect(onPostgres.officers.find((o) => o.staffId === b)!.figures.visitsDue).toBe(4);
    expect(onPostgres).toEqual(onSqlite);
    // The lists behind them, hand-worked too: six visits, L1 cured, L4 paid off.
    const list = (key: string) => postgresRead.lists[key] as DrilldownOutput;
    expect(postgresRead.lists.visits).toHaveLength(6);
    expect(list('visitsPlanned branch').total).toBe(6);
    expect(list('loansCured branch').rows.map((row) => row.loanNo)).toEqual(['L1']);
    expect(list('loansPaidOff branch').rows.map((row) => row.loanNo)).toEqual(['L4']);
    expect(list('promisesDue branch').total).toBe(3);
    expect(list('promisesKept branch').total).toBe(2);
    expect(list(`visitsPlanned ${a}`).total).toBe(3);
    expect(postgresRead.lists).toEqual(sqliteRead.lists);
  });

  it('walks the loans’ snapshot histories alike, in the branch’s split buckets too', async () => {
    const core = await signedInCore();
    const { a, b } = seedEdgeCases(core.app.db);
    await core.app.settle();
    expectOk(await core.invoke('settings:setReportBuckets', { extra: 'M6_M12' }));
    const months = ['2026-02', '2026-03', '2026-04'];
    const read = async (source: FiguresSource) => ({
      months: await Promise.all(months.map((m) => liveMonthFigures(source, m))),
      branch: await Promise.all(months.map((m) => liveBranchFigures(source, m))),
      lists: await lists(source, '2026-03', [a, b]),
    });
    const onSqlite = await read(sqliteOf(core.app.db));
    expect(onSqlite.months[1]!.rollRate.buckets).toHaveLength(7);
    expect(onSqlite.months[1]!.rollRate.startLoans.some((n) => n > 0)).toBe(true);
    const onPostgres = await onPostgresCopy(core.app.db, (target) =>
      read(postgresOf(target.engine.db)),
    );
    expect(onPostgres).toEqual(onSqlite);
  });

  it('gives the demo branch’s every month alike, and a close freezes them on PostgreSQL', async () => {
    const core = await signedInCore({ now: () => NOW });
    expectOk(await core.invoke('cases:loadDemo', {}));
    await core.app.settle();
    const months = (
      core.app.db
        .prepare(
          `SELECT DISTINCT substr(date, 1, 7) AS month FROM visits
           UNION SELECT DISTINCT substr(as_of, 1, 7) FROM loan_snapshots ORDER BY month`,
        )
        .all() as { month: string }[]
    ).map((row) => row.month);
    expect(months.length).toBeGreaterThan(2);
    const read = async (source: FiguresSource) => ({
      months: await Promise.all(months.map((m) => liveMonthFigures(source, m))),
      branch: await Promise.all(months.map((m) => liveBranchFigures(source, m))),
    });
    const onSqlite = await read(sqliteOf(core.app.db));
    // The demo gives every kind of query rows to compare: visits, promises, payments,
    // complaints, receipts, waivers and cures.
    const totals = onSqlite.months.map((f) => f.branch);
    for (const key of [
      'visitsDone',
      'promisesMade',
      'collectedFen',
      'complaintsReceived',
      'cashCollectedFen',
      'waiversApproved',
      'loansCured',
    ] as const) {
      expect(
        totals.some((f) => f[key] > 0),
        key,
      ).toBe(true);
    }
    const closed = new Set(
      (core.app.db.prepare('SELECT month FROM month_closes').all() as { month: string }[]).map(
        (row) => row.month,
      ),
    );
    const month = months.find(
      (m, i) => !closed.has(m) && m <= '2026-11' && onSqlite.months[i]!.branch.visitsDone > 0,
    )!;
    expect(month).toBeDefined();

    const officers = onSqlite.months[months.indexOf(month)]!.officers.map((o) => o.staffId);
    const sqliteLists = await lists(sqliteOf(core.app.db), month, officers);

    await onPostgresCopy(core.app.db, async (target) => {
      expect(await read(postgresOf(target.engine.db))).toEqual(onSqlite);
      expect(await lists(postgresOf(target.engine.db), month, officers)).toEqual(sqliteLists);
      // A close on PostgreSQL reads its figures on its own transaction: the same as SQLite's.
      const db = target.engine.db;
      const manager = { ...desk(target.engine, 1, 'manager'), now: () => NOW, signer: null };
      await closeMonth(manager as Parameters<typeof closeMonth>[0], month);
      const frozen = await standingClose(db, month);
      expect(frozen?.figures).toEqual(onSqlite.months[months.indexOf(month)]);
    });
  });
});
