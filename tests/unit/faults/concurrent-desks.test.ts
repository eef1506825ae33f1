import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import { caseExitInput } from '../../../electron/shared/schemas/case-exits';
import { addContactEventInput, caseListInput } from '../../../electron/shared/schemas/cases';
import { recordVisitInput } from '../../../electron/shared/schemas/records';
import type { MonthFigures } from '../../../electron/shared/schemas/reports';
import { waiverProposeInput } from '../../../electron/shared/schemas/waivers';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { verifyChain } from '../../../electron/core/audit/chain';
import { logContactEvent } from '../../../electron/core/cases/contact-rules';
import { exitCase } from '../../../electron/core/cases/exits';
import { listCases } from '../../../electron/core/cases/list';
import { sqliteEngine, type Engine } from '../../../electron/core/db/engine';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import type { DB } from '../../../electron/core/db/schema';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { engineImportDesk, type ImportDesk } from '../../../electron/core/imports/desk';
import { importSourceFor } from '../../../electron/core/imports/prepare';
import { importCasesOn } from '../../../electron/core/imports/service';
import { nodeDriver } from '../../../electron/core/node';
import { recordVisitOutcome } from '../../../electron/core/records/record';
import { figuresSource, liveMonthFigures } from '../../../electron/core/reports/live-figures';
import { approveWaiver, proposeWaiver } from '../../../electron/core/waivers/service';
import { saveWaiverSettings } from '../../../electron/core/waivers/settings';
import { tempDir } from '../support/core';
import { engineKinds, type EngineKind, type EngineUnderTest } from '../support/engines';
import { branch, desk, NOW, testEngines } from '../planning/engine-desk';
import { eveningDesk, outcomeOf, visitedBranch } from '../records/engine-records';
import { caseRow, csvText, utf8, type CaseCells } from '../imports/fixtures';

/**
 * Several desks writing the same thing at once, on both engines (issue 19: "an import lands
 * whole or not at all while others read; … eight concurrent writers against one database"). On
 * PostgreSQL every desk is an engine of its own (its own pool, its own connections) on the same
 * database, as eight PCs of a branch are, so their transactions truly overlap; on SQLite the
 * desks share the app's one connection and its queue of writes, and an import runs on a
 * connection of its own, as the import's worker thread does. Every action of a round is started
 * before any is awaited. After each: the audit chain verifies and holds exactly the actions that
 * landed.
 */

const engineOn = testEngines();
const AT = NOW.toISOString();

/** Engines opened for the test's desks (PostgreSQL), closed before the database is dropped. */
let deskEngines: Engine[] = [];
afterEach(async () => {
  await Promise.all(deskEngines.map((e) => e.close()));
  deskEngines = [];
});

/** `n` engines on the database under test: one each on PostgreSQL, the same one on SQLite. */
async function enginesFor(under: EngineUnderTest, n: number): Promise<Engine[]> {
  if (under.engine.kind === 'sqlite') return Array.from({ length: n }, () => under.engine);
  const opened = await Promise.all(
    Array.from({ length: n }, () => postgresEngine({ url: under.url! })),
  );
  deskEngines.push(...opened);
  return opened;
}

async function branchRow(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('branch')
    .values({
      id: 1,
      name: '青山支行',
      code: 'QS001',
      address: '青山镇人民路1号',
      phone: '0571-12345678',
      complaint_hotline: '0571-12345679',
      time_zone: 'Asia/Shanghai',
      updated_at: AT,
    })
    .execute();
}

/** What a refused action failed with: its code and field keys; 'accepted' if it landed. */
function outcomeOfSettled(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'accepted';
  const failure = result.reason as unknown;
  if (!(failure instanceof AppFailure)) throw failure;
  return `${failure.code} ${JSON.stringify(failure.fields ?? {})}`;
}

/** How many of each outcome, e.g. { accepted: 1, 'CONFLICT {...}': 7 }. */
function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key = outcomeOfSettled(result);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The audit rows' actions in chain order. */
async function auditActions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((r) => r.action);
}

/** The chain verifies and its rows, after `before` rows, are exactly `landed` (any order). */
async function expectChain(
  db: Kysely<DB>,
  kind: EngineKind,
  before: number,
  landed: string[],
): Promise<void> {
  expect((await verifyChain(db, kind)).ok).toBe(true);
  const actions = await auditActions(db);
  expect(actions.slice(before).sort()).toEqual([...landed].sort());
}

// ---------------------------------------------------------------------------------------------
// 1. An import lands whole or not at all while other desks read.
// ---------------------------------------------------------------------------------------------

/** 1,200 new borrowers: more than PostgreSQL's batch of 1,000, so its write takes two. */
const BIG = 1_200;
/** The first file's three borrowers, 借款人1–3. */
const FIRST = 3;
const AS_OF = '2026-03-31';
const MARCH_31 = '2026-03-31T02:00:00.000Z';

/** The file of borrowers `from`…`from + n - 1`, each with one loan, none with an officer. */
function fileOf(from: number, n: number): CaseCells[] {
  return Array.from({ length: n }, (_, i) => caseRow(from + i));
}

/**
 * March's file: 借款人1–3 again, each ¥1,000 down (¥30,000 → ¥29,000, paid on 15 March: the
 * import finds ¥3,000 paid), then 1,200 new borrowers 借款人1001–2200 at ¥30,000 each.
 */
const marchFile = (): CaseCells[] => [
  ...fileOf(1, FIRST).map((row) => ({
    ...row,
    outstanding_principal: '29,000.00',
    last_paid_on: '2026-03-15',
  })),
  ...fileOf(1001, BIG),
];

interface ImportBranch {
  /** Where the test reads and sets up (the app's connection on SQLite). */
  db: Kysely<DB>;
  importer: ImportDesk;
  /** The reading desks: each its own engine on PostgreSQL; the app's connection on SQLite. */
  readers: Pick<Visitdesk, 'engine' | 'db'>[];
  /** Makes the database itself refuse the loan numbered `loanNo`. */
  refuseLoan(loanNo: string): Promise<void>;
}

/**
 * The branch, a manager (staff 1) and a first file of 借款人1–3 as of 1 March. On SQLite the import runs on a
 * second connection to the same file, as the app's import worker does, and the readers on the
 * app's connection; on PostgreSQL the importer and each of three readers are engines of their own.
 */
async function importBranch(kind: EngineKind): Promise<ImportBranch> {
  let setup: Engine;
  let importer: ImportDesk;
  let readers: Pick<Visitdesk, 'engine' | 'db'>[];
  if (kind === 'sqlite') {
    const file = path.join(tempDir(), 'branch.db');
    const key = newDatabaseKey();
    const app = openEncrypted(file, key, { driver: nodeDriver, create: true });
    migrate(app);
    const worker = openEncrypted(file, key, { driver: nodeDriver });
    setup = sqliteEngine(app);
    const workerEngine = sqliteEngine(worker);
    const appEngine = setup;
    deskEngines.push({
      ...workerEngine,
      close: async () => {
        await workerEngine.close();
        worker.close();
        await appEngine.close();
        app.close();
      },
    });
    importer = engineImportDesk(workerEngine, worker);
    readers = [{ engine: setup, db: app }];
  } else {
    const under = await engineOn(kind);
    setup = under.engine;
    const [importEngine, ...readEngines] = await enginesFor(under, 4);
    importer = engineImportDesk(importEngine!, null);
    readers = readEngines.map((engine) => ({ engine, db: null as unknown as Sqlite }));
  }
  const db = setup.db;
  await branchRow(db);
  await db
    .insertInto('staff')
    .values({ staff_no: 'M001', name: '王经理', role: 'manager', created_at: AT, updated_at: AT })
    .execute();
  await importFile(importer, '一号清单.csv', fileOf(1, FIRST), true);
  return {
    db,
    importer,
    readers,
    refuseLoan: async (loanNo) => {
      if (kind === 'sqlite') {
        await sql`CREATE TRIGGER refuse_loan BEFORE INSERT ON loans
          WHEN NEW.loan_no = ${sql.lit(loanNo)}
          BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(db);
        return;
      }
      await sql`CREATE FUNCTION refuse_loan() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.loan_no = ${sql.lit(loanNo)} THEN RAISE EXCEPTION 'refused by the test'; END IF;
          RETURN NEW;
        END $$`.execute(db);
      await sql`CREATE TRIGGER refuse_loan BEFORE INSERT ON loans
        FOR EACH ROW EXECUTE FUNCTION refuse_loan()`.execute(db);
    },
  };
}

/** A file of `rows` as on 31 March, or as of 1 March for the branch's first file. */
async function importFile(
  importer: ImportDesk,
  fileName: string,
  rows: CaseCells[],
  first = false,
) {
  const source = await importSourceFor(fileName, utf8(csvText(rows)), 'auto');
  return importCasesOn(importer, {
    fileName,
    source,
    mode: 'valid-only',
    asOf: first ? '2026-03-01' : AS_OF,
    today: first ? '2026-03-01' : AS_OF,
    now: first ? '2026-03-01T02:00:00.000Z' : MARCH_31,
    staffId: 1,
  });
}

interface Seen {
  /** The case list's total, unfiltered. */
  total: number;
  /** The total of a search for 借款人, which every imported name holds. */
  searched: number;
  /** The month's figures, as JSON. */
  figures: string;
}

async function readOnce(reader: Pick<Visitdesk, 'engine' | 'db'>): Promise<Seen> {
  const list = await listCases(reader, caseListInput.parse({}), AS_OF);
  const search = await listCases(reader, caseListInput.parse({ search: '借款人' }), AS_OF);
  const figures = await liveMonthFigures(figuresSource(reader), '2026-03');
  return { total: list.total, searched: search.total, figures: JSON.stringify(figures) };
}

/**
 * Runs `write` while every reader reads over and over (each read started before the write is
 * awaited), until the write has settled; returns the write's outcome and every read.
 */
async function readWhile<T>(
  readers: Pick<Visitdesk, 'engine' | 'db'>[],
  write: () => Promise<T>,
): Promise<{ written: PromiseSettledResult<T>; seen: Seen[] }> {
  let settled = false;
  const seen: Seen[] = [];
  const reading = readers.map(async (reader) => {
    // At least one read each, then until the write is done.
    do seen.push(await readOnce(reader));
    while (!settled);
  });
  const [written] = await Promise.allSettled([
    write().finally(() => {
      settled = true;
    }),
  ]);
  await Promise.all(reading);
  // One read more, after the write: what every desk sees from now on.
  for (const reader of readers) seen.push(await readOnce(reader));
  return { written: written!, seen };
}

describe.each(engineKinds)('an import and its readers at once, on %s', (kind) => {
  it('readers see the 3 cases before or the 1,203 after, never a part; the figures likewise', async () => {
    const b = await importBranch(kind);
    const before = await readOnce(b.readers[0]!);
    expect([before.total, before.searched]).toEqual([FIRST, FIRST]);
    const auditBefore = (await auditActions(b.db)).length;

    const { written, seen } = await readWhile(b.readers, () =>
      importFile(b.importer, '三月清单.csv', marchFile()),
    );
    expect(written.status).toBe('fulfilled');
    expect(written.status === 'fulfilled' && written.value).toMatchObject({
      written: true,
      total: 1_203,
      inserted: BIG,
      updated: FIRST,
      paymentsFoundFen: 300_000,
    });
    const after = await readOnce(b.readers[0]!);
    // 3 + 1,200.
    expect([after.total, after.searched]).toEqual([1_203, 1_203]);
    // Two parts of the figures, read by different queries, move with the file. The roll rate:
    // 借款人1–3's loans, overdue since 1 December, were 90 days late on 1 March (M3, 3 ×
    // ¥30,000) and are 120 on 31 March (M4+), now at 3 × ¥29,000 by March's file. The
    // loans without a tier: 3 at ¥30,000 before; after, 3 at ¥29,000 and 1,200 at ¥30,000.
    const figures = (seen: Seen) => {
      const parsed = JSON.parse(seen.figures) as MonthFigures;
      return {
        startFen: parsed.rollRate.startFen,
        fromM3Fen: parsed.rollRate.cellsFen[3],
        untiered: parsed.tiers?.find((t) => t.tier === 'none'),
      };
    };
    expect(figures(before)).toEqual({
      startFen: [0, 0, 0, 9_000_000, 0],
      // Aged to M4+ by the month's end with the balances 1 March's file gave.
      fromM3Fen: [0, 0, 0, 0, 9_000_000],
      untiered: { tier: 'none', loans: 3, balanceFen: 9_000_000 },
    });
    expect(figures(after)).toEqual({
      startFen: [0, 0, 0, 9_000_000, 0],
      fromM3Fen: [0, 0, 0, 0, 8_700_000],
      untiered: { tier: 'none', loans: 1_203, balanceFen: 3_608_700_000 },
    });
    // Each read on its own: the list's total, the search's and the figures are each before or
    // after (a desk's three reads may fall either side of the commit).
    for (const read of seen) {
      expect([before.total, after.total]).toContain(read.total);
      expect([before.searched, after.searched]).toContain(read.searched);
      expect([before.figures, after.figures]).toContain(read.figures);
    }
    // The readers' last reads, after the import, all see it.
    expect(seen.slice(-b.readers.length)).toEqual(b.readers.map(() => after));
    await expectChain(b.db, kind, auditBefore, ['cases.import']);
  });

  it('an import refused at its 1,100th row leaves the 3 cases, and readers never see more', async () => {
    const b = await importBranch(kind);
    const before = await readOnce(b.readers[0]!);
    const auditBefore = (await auditActions(b.db)).length;
    // Borrower 2100 is the file's 1,100th row: on PostgreSQL in its second batch, after the
    // first 1,000 borrowers were written inside the transaction.
    await b.refuseLoan('L002100');
    const { written, seen } = await readWhile(b.readers, () =>
      importFile(b.importer, '三月清单.csv', marchFile()),
    );
    expect(written.status).toBe('rejected');
    expect(written.status === 'rejected' && String(written.reason)).toMatch(/refused by the test/);
    expect([before.total, before.searched]).toEqual([FIRST, FIRST]);
    for (const read of seen) expect(read).toEqual(before);
    const counts = await b.db
      .selectFrom('loans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(FIRST);
    await expectChain(b.db, kind, auditBefore, []);
  });
});

// ---------------------------------------------------------------------------------------------
// 2–4. Desks deciding, logging, exiting and recording the same thing at once.
// ---------------------------------------------------------------------------------------------

describe.each(engineKinds)('eight desks on the same case at once, on %s', (kind) => {
  it('eight managers approving one waiver: one first approval, one second, six refused', async () => {
    const under = await engineOn(kind);
    const db = under.engine.db;
    await branchRow(db);
    const { staffIds, borrowerIds } = await branch(under.engine, 1);
    const { id: loanId } = await db
      .insertInto('loans')
      .values({
        loan_no: 'L-1',
        borrower_id: borrowerIds[0]!,
        principal_fen: 5_000_000,
        disbursed_on: '2025-01-01',
        outstanding_principal_fen: 3_000_000,
        overdue_principal_fen: 300_000,
        overdue_interest_fen: 20_000,
        penalty_fen: 15_000,
        overdue_since: '2026-01-15',
        as_of: '2026-03-01',
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const managers = await db
      .insertInto('staff')
      .values(
        Array.from({ length: 8 }, (_, i) => ({
          staff_no: `M00${i + 1}`,
          name: `经理${i + 1}`,
          role: 'manager' as Role,
          created_at: AT,
          updated_at: AT,
        })),
      )
      .returning('id')
      .execute();
    const managerIds = managers.map((m) => m.id);
    // Two different managers approve, the branch's rule.
    await saveWaiverSettings(desk(under.engine, managerIds[0]!, 'manager'), {
      secondApproverRole: 'manager',
    });
    const proposed = await proposeWaiver(
      desk(under.engine, staffIds[0]!, 'officer'),
      waiverProposeInput.parse({
        borrowerId: borrowerIds[0]!,
        loanId,
        kind: 'penalty',
        waivedFen: 15_000,
        reason: '借款人因病住院，罚息全免',
      }),
    );
    const auditBefore = (await auditActions(db)).length;

    const engines = await enginesFor(under, 8);
    const results = await Promise.allSettled(
      managerIds.map((managerId, i) =>
        approveWaiver(desk(engines[i]!, managerId, 'manager'), { id: proposed.id, note: '同意' }),
      ),
    );
    expect(tally(results)).toEqual({
      accepted: 2,
      'CONFLICT {"_":"e.waiver.notOpen"}': 6,
    });
    const statuses = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.status] : []));
    expect(statuses.sort()).toEqual(['approved', 'first_approved']);
    const row = await db
      .selectFrom('waivers')
      .select(['status', 'approval1_by', 'approval2_by', 'approved_on'])
      .where('id', '=', proposed.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
    expect(row.approved_on).toBe('2026-03-02');
    // Two different managers of the eight.
    expect(managerIds).toContain(row.approval1_by);
    expect(managerIds).toContain(row.approval2_by);
    expect(row.approval2_by).not.toBe(row.approval1_by);
    await expectChain(db, kind, auditBefore, ['waiver.approveFirst', 'waiver.approve']);
  });

  it('eight desks calling one borrower at once: the day’s three calls land, five are refused', async () => {
    const under = await engineOn(kind);
    const db = under.engine.db;
    await branchRow(db);
    const { staffIds, borrowerIds } = await branch(under.engine, 1);
    const borrowerId = borrowerIds[0]!;
    const auditBefore = (await auditActions(db)).length;
    const engines = await enginesFor(under, 8);
    // 14:00 in Shanghai; the calls at 10:00…10:07 that morning, each by its own desk.
    const results = await Promise.allSettled(
      engines.map((engine, i) =>
        logContactEvent(
          {
            ...desk(engine, staffIds[i % 2]!, 'officer'),
            now: () => new Date('2026-03-02T06:00:00.000Z'),
          } as Visitdesk,
          addContactEventInput.parse({
            borrowerId,
            kind: 'call',
            outcome: 'no_answer',
            at: `2026-03-02T02:0${i}:00.000Z`,
          }),
        ),
      ),
    );
    expect(tally(results)).toEqual({
      accepted: 3,
      'RULE_VIOLATION {"at":"v.contact.dailyLimit"}': 5,
    });
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      expect((result.reason as AppFailure).details).toMatchObject({
        violations: [
          {
            code: 'CONTACT_DAILY_LIMIT',
            params: { date: '2026-03-02', count: 3, max: 3 },
          },
        ],
      });
    }
    const events = await db
      .selectFrom('contact_events')
      .select('id')
      .where('borrower_id', '=', borrowerId)
      .execute();
    expect(events).toHaveLength(3);
    const landed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    expect(landed.sort((x, y) => x - y)).toEqual(events.map((e) => e.id).sort((x, y) => x - y));
    await expectChain(db, kind, auditBefore, [
      'case.addContactEvent',
      'case.addContactEvent',
      'case.addContactEvent',
    ]);
  });

  it('eight desks exiting one case at once: one exit, seven refused as already closed', async () => {
    const under = await engineOn(kind);
    const db = under.engine.db;
    await branchRow(db);
    const { staffIds, borrowerIds } = await branch(under.engine, 1);
    const borrowerId = borrowerIds[0]!;
    const auditBefore = (await auditActions(db)).length;
    const engines = await enginesFor(under, 8);
    const results = await Promise.allSettled(
      engines.map((engine, i) =>
        exitCase(
          desk(engine, staffIds[i % 2]!, 'manager'),
          caseExitInput.parse({
            borrowerId,
            kind: 'written_off',
            exitOn: '2026-03-02',
            reference: `HX-2026-00${i + 1}`,
          }),
        ),
      ),
    );
    expect(tally(results)).toEqual({
      accepted: 1,
      'CONFLICT {"kind":"v.case.alreadyClosed"}': 7,
    });
    const exits = await db
      .selectFrom('case_exits')
      .select(['reference', 'previous_status'])
      .where('borrower_id', '=', borrowerId)
      .execute();
    expect(exits).toHaveLength(1);
    // The landed exit's own reference, and the status it closed was active, not closed.
    const landed = results.findIndex((r) => r.status === 'fulfilled');
    expect(exits[0]).toEqual({ reference: `HX-2026-00${landed + 1}`, previous_status: 'active' });
    const borrower = await db
      .selectFrom('borrowers')
      .select('status')
      .where('id', '=', borrowerId)
      .executeTakeFirstOrThrow();
    expect(borrower.status).toBe('closed');
    await expectChain(db, kind, auditBefore, ['case.exit']);
  });

  it('eight desks recording one visit’s cash at once: one record, one receipt, seven refused', async () => {
    const { under, staffIds, loanIds, visitIds } = await visitedBranch(engineOn, kind, 1);
    const db = under.engine.db;
    const auditBefore = (await auditActions(db)).length;
    const engines = await enginesFor(under, 8);
    const results = await Promise.allSettled(
      engines.map((engine, i) =>
        recordVisitOutcome(
          eveningDesk(engine, staffIds[i % 2]!, 'officer'),
          recordVisitInput.parse(
            outcomeOf(visitIds[0]!, '08', staffIds, {
              outcome: 'partial_payment',
              payment: { loanId: loanIds[0]!, amountFen: 10_000 * (i + 1), method: 'cash' },
            }),
          ),
        ),
      ),
    );
    expect(tally(results)).toEqual({ accepted: 1, 'CONFLICT {}': 7 });
    const landed = results.findIndex((r) => r.status === 'fulfilled');
    const records = await db.selectFrom('visit_records').select('id').execute();
    expect(records).toHaveLength(1);
    const paid = await db
      .selectFrom('payments')
      .innerJoin('receipts', 'receipts.payment_id', 'payments.id')
      .select(['payments.amount_fen', 'receipts.receipt_no'])
      .execute();
    // The landed desk's amount, and the branch's first receipt of 2026.
    expect(paid).toEqual([
      { amount_fen: 10_000 * (landed + 1), receipt_no: 'QS001-SJ-2026-000001' },
    ]);
    const sequence = await db
      .selectFrom('receipt_sequences')
      .select('last_seq')
      .executeTakeFirstOrThrow();
    expect(sequence.last_seq).toBe(1);
    // One record: its assessment, its contact event and itself, each audited.
    await expectChain(db, kind, auditBefore, [
      'case.addAssessment',
      'case.addContactEvent',
      'visit.record',
    ]);
  });
});
