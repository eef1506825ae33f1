import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { buckets } from '../../../electron/shared/delinquency';
import { AppFailure } from '../../../electron/shared/result';
import { caseListInput, type CaseListQuery } from '../../../electron/shared/schemas/cases';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import { loadDemoBranch } from '../../../electron/core/cases/demo';
import { listCases } from '../../../electron/core/cases/list';
import type { DB } from '../../../electron/core/db/schema';
import {
  figuresSource,
  liveBranchFigures,
  liveMonthFigures,
} from '../../../electron/core/reports/live-figures';
import type { EngineKind, EngineUnderTest } from '../support/engines';
import { testEngines } from '../planning/engine-desk';

/**
 * The demo branch loaded on each engine (issue 19): its case files written through Kysely in
 * one write and its story played through the services, on SQLite and on PostgreSQL, leave the
 * same rows in every table, the same case list, the same monthly figures (live, and frozen by
 * the two closes) and an audit chain that verifies. The clock is the cases suite's: Sunday
 * 29 November 2026, 10:00 in the branch's zone, with the demo's fixed seed.
 */

const engineOn = testEngines();
const NOW = new Date('2026-11-29T02:00:00.000Z');
const TODAY = '2026-11-29';
const AT = '2026-01-05T01:00:00.000Z';

/** The tables the demo writes or reads, counted on both engines. */
const TABLES = [
  'assessments',
  'audit_log',
  'audit_subject_keys',
  'borrowers',
  'complaint_staff',
  'complaints',
  'contact_events',
  'contacts',
  'follow_ups',
  'loan_snapshots',
  'loans',
  'month_closes',
  'monthly_targets',
  'notes',
  'payments',
  'plan_instalments',
  'print_log',
  'promise_payments',
  'promises',
  'receipts',
  'repayment_plans',
  'staff',
  'staff_certificates',
  'staff_leave',
  'visit_loans',
  'visit_record_staff',
  'visit_records',
  'visit_staff',
  'visits',
  'waivers',
] as const satisfies readonly (keyof DB)[];

/**
 * The app the loader needs, on `under`: the manager signed in at NOW, writes and audit rows on
 * the engine (no signing key, so a close writes no checkpoint), the connection under SQLite's
 * engine for the figures SQLite reads there.
 */
function managerDesk(under: EngineUnderTest, managerId: number): Visitdesk {
  const engine = under.engine;
  return {
    engine,
    db: under.connection,
    session: {
      staffId: managerId,
      role: 'manager',
      username: 'admin',
      name: '王建国',
      staffNo: 'M001',
    },
    signer: null,
    now: () => new Date(NOW.getTime()),
    write: <T>(work: (tx: Kysely<DB>) => Promise<T>) => engine.transaction(work),
    record: (tx: Kysely<DB>, entry: object) =>
      appendAuditRow(engine, tx, { staffId: managerId, ...entry } as Parameters<
        typeof appendAuditRow
      >[2]),
    log: () => undefined,
  } as unknown as Visitdesk;
}

/** A branch as set-up leaves it (the branch row, its manager M001), then the demo loaded. */
async function demoOn(kind: EngineKind) {
  const under = await engineOn(kind);
  const db = under.engine.db;
  await db
    .insertInto('branch')
    .values({
      id: 1,
      name: '青山农商银行石桥支行',
      code: 'QS001',
      address: '浙江省青山县石桥镇人民路 8 号',
      phone: '0571-88886666',
      complaint_hotline: '0571-88889999',
      time_zone: 'Asia/Shanghai',
      updated_at: AT,
    })
    .execute();
  const { id: managerId } = await db
    .insertInto('staff')
    .values({
      staff_no: 'M001',
      name: '王建国',
      role: 'manager',
      username: 'admin',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const app = managerDesk(under, managerId);
  const counts = await loadDemoBranch(app);
  return { under, app, counts };
}

const query = (q: Partial<CaseListQuery>): CaseListQuery =>
  caseListInput.parse({ pageSize: 20, ...q });

/** What is compared between the engines: rows per table, lists, figures, closes, the chain. */
async function readBranch(under: EngineUnderTest, app: Visitdesk, kind: EngineKind) {
  const db = under.engine.db;
  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table as 'visits')
      .select((e) => e.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    rows[table] = Number(row.n);
  }
  const list = async (q: Partial<CaseListQuery>) => {
    const page = await listCases(app, query(q), TODAY);
    return {
      total: page.total,
      ids: page.rows.map((r) => r.id),
      overdue: page.rows.map((r) => r.totalOverdueFen),
    };
  };
  const byBucket: Record<string, Awaited<ReturnType<typeof list>>> = {};
  for (const b of buckets) byBucket[b] = await list({ buckets: [b] });
  const lists = {
    all: await list({}),
    byBucket,
    vulnerable: await list({ vulnerable: true }),
    disputed: await list({ statuses: ['disputed'] }),
    brokenPromise: await list({ brokenPromise: true }),
    searched: await list({ search: '石' }),
    // The first borrowers written, found by name and by the tail of their ID number.
    found: await Promise.all(
      (
        await db
          .selectFrom('borrowers')
          .select(['name', 'id_number'])
          .orderBy('id')
          .limit(3)
          .execute()
      ).flatMap((b) => [list({ search: b.name }), list({ search: b.id_number.slice(-6) })]),
    ),
  };
  const source = figuresSource(app);
  const months = ['2026-09', '2026-10', '2026-11'];
  const figures = [];
  for (const month of months) {
    figures.push({
      month: await liveMonthFigures(source, month),
      branch: await liveBranchFigures(source, month),
    });
  }
  const closes = await db
    .selectFrom('month_closes')
    .select(['month', 'figures_json', 'figures_sha256'])
    .orderBy('month')
    .execute();
  const waivers = await db
    .selectFrom('waivers as w')
    .leftJoin('staff as a1', 'a1.id', 'w.approval1_by')
    .leftJoin('staff as a2', 'a2.id', 'w.approval2_by')
    .select(['w.kind', 'w.status', 'a1.staff_no as first', 'a2.staff_no as second'])
    .orderBy('w.kind')
    .execute();
  const visitCash = await db
    .selectFrom('payments as p')
    .leftJoin('receipts as r', 'r.payment_id', 'p.id')
    .select((e) => [
      e.fn.count<number | string>('p.id').as('n'),
      e.fn.count<number | string>('r.id').as('receipts'),
    ])
    .where('p.source', '=', 'visit')
    .executeTakeFirstOrThrow();
  const chain = await verifyChain(db, kind);
  return {
    rows,
    lists,
    figures,
    closes,
    waivers,
    visitCash: { n: Number(visitCash.n), receipts: Number(visitCash.receipts) },
    chain,
  };
}

describe('the demo branch on both engines', () => {
  it('loads alike on SQLite and PostgreSQL, once, with a chain that verifies', async () => {
    const onEngine = async (kind: EngineKind) => {
      const { under, app, counts } = await demoOn(kind);
      const read = await readBranch(under, app, kind);
      // Loading it again is refused and changes nothing.
      const again = await loadDemoBranch(app).then(
        () => 'accepted',
        (error: unknown) =>
          error instanceof AppFailure ? { code: error.code, fields: error.fields } : error,
      );
      return { counts, read, again, after: (await readBranch(under, app, kind)).rows };
    };
    const sqlite = await onEngine('sqlite');
    const postgres = await onEngine('postgres');

    // What the loader reports is what the tables hold: 400 borrowers, the seven demo staff
    // (with the manager, eight on the staff), two closed months, three waivers.
    expect(sqlite.counts).toMatchObject({ borrowers: 400, staff: 7, closedMonths: 2, waivers: 3 });
    expect(sqlite.read.rows.borrowers).toBe(400);
    expect(sqlite.read.rows.staff).toBe(8);
    expect(sqlite.read.rows.loans).toBe(sqlite.counts.loans);
    expect(sqlite.read.rows.visits).toBe(sqlite.counts.visits);
    expect(sqlite.read.rows.payments).toBe(sqlite.counts.payments);
    expect(sqlite.read.rows.waivers).toBe(3);
    for (const table of TABLES) expect(sqlite.read.rows[table], table).toBeGreaterThan(0);
    // A penalty waiver approved by the manager and the auditor, an interest waiver rejected,
    // a settlement awaiting the auditor.
    expect(sqlite.read.waivers).toEqual([
      { kind: 'interest', status: 'rejected', first: null, second: null },
      { kind: 'penalty', status: 'approved', first: 'M001', second: 'D207' },
      { kind: 'settlement', status: 'first_approved', first: 'M001', second: null },
    ]);
    expect(sqlite.read.lists.all.total).toBe(sqlite.read.rows.borrowers);
    for (const b of buckets) expect(sqlite.read.lists.byBucket[b]!.total, b).toBeGreaterThan(10);
    for (const found of sqlite.read.lists.found) expect(found.total).toBeGreaterThan(0);
    // Money taken on visits is booked by the visit records, each with its receipt: a paid-in-
    // full and a part payment in each closed month and the paid-in-full visit this month.
    expect(sqlite.read.visitCash).toEqual({ n: 5, receipts: 5 });
    expect(sqlite.read.closes.map((c) => c.month)).toEqual(['2026-09', '2026-10']);
    for (const { month } of sqlite.read.figures) {
      expect(month.branch.visitsDone, month.month).toBeGreaterThan(0);
    }
    expect(sqlite.read.chain).toMatchObject({ ok: true, firstBadId: null });
    expect(sqlite.read.chain.rows).toBe(sqlite.read.rows.audit_log);
    expect(sqlite.again).toEqual({ code: 'CONFLICT', fields: { _: 'e.case.demoExists' } });
    expect(sqlite.after).toEqual(sqlite.read.rows);

    // PostgreSQL: the same rows, lists, figures, closes and audit rows; its own chain whole.
    expect(postgres.counts).toEqual(sqlite.counts);
    expect(postgres.read.rows).toEqual(sqlite.read.rows);
    expect(postgres.read.lists).toEqual(sqlite.read.lists);
    expect(postgres.read.figures).toEqual(sqlite.read.figures);
    expect(postgres.read.closes).toEqual(sqlite.read.closes);
    expect(postgres.read.waivers).toEqual(sqlite.read.waivers);
    expect(postgres.read.visitCash).toEqual(sqlite.read.visitCash);
    expect(postgres.read.chain).toMatchObject({ ok: true, firstBadId: null });
    expect(postgres.read.chain.rows).toBe(sqlite.read.chain.rows);
    expect(postgres.again).toEqual(sqlite.again);
    expect(postgres.after).toEqual(postgres.read.rows);
  }, 300_000);
});
