import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import { caseListInput, type CaseListQuery } from '../../../electron/shared/schemas/cases';
import { registerComplaintInput } from '../../../electron/shared/schemas/complaints';
import { recordVisitInput } from '../../../electron/shared/schemas/records';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { verifyChain } from '../../../electron/core/audit/chain';
import { listCases } from '../../../electron/core/cases/list';
import {
  indexBorrowerPostgres,
  type SearchTokensDatabase,
} from '../../../electron/core/cases/search-postgres';
import { registerComplaint } from '../../../electron/core/complaints/service';
import type { Engine } from '../../../electron/core/db/engine';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { postgresEngine, type PostgresEngine } from '../../../electron/core/db/postgres/connect';
import { copySqliteToPostgres } from '../../../electron/core/db/postgres/copy-from-sqlite';
import type { DB } from '../../../electron/core/db/schema';
import { engineImportDesk } from '../../../electron/core/imports/desk';
import { importSourceFor } from '../../../electron/core/imports/prepare';
import { importCasesOn } from '../../../electron/core/imports/service';
import { nodeDriver } from '../../../electron/core/node';
import { recordVisitOutcome } from '../../../electron/core/records/record';
import { liveMonthFigures } from '../../../electron/core/reports/live-figures';
import { tempDir } from '../support/core';
import { openTestEngine, type EngineUnderTest } from '../support/engines';
import { caseRow, csvText, utf8 } from '../imports/fixtures';
import { branch, desk, NOW, plan } from '../planning/engine-desk';
import { eveningDesk, outcomeOf } from '../records/engine-records';

/**
 * Two branches in one PostgreSQL database, each a desk of the app's own login (no superuser,
 * no BYPASSRLS) with its own `visitdesk.branch_id` (issue 19): the same actions through the
 * real services on each (visits planned, outcomes recorded with a payment and its receipt,
 * complaints registered, a head-office file imported), and then every read of a branch shows its own rows only, its
 * receipts and audit chain are numbered on their own, and a write naming the other branch's
 * row is refused as not found. Branch 1 made the schema (`init`); branch 2 joined the database
 * by copying its (new, empty) SQLite database into it, as a branch moves onto PostgreSQL.
 * The visits are planned on Monday 2 March 2026 for Tuesday 10 March, recorded that evening.
 */

const AT = NOW.toISOString();
const MARCH = '2026-03';

let under: EngineUnderTest;
let one: Engine;
let two: PostgresEngine;

beforeAll(async () => {
  under = await openTestEngine('postgres');
  one = under.engine;
  two = await postgresEngine({ url: under.url!, branchId: 2 });
  const empty = openEncrypted(path.join(tempDir(), 'branch2.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  try {
    migrate(empty);
    await copySqliteToPostgres(empty, two);
  } finally {
    empty.close();
  }
});

afterAll(async () => {
  await two?.close();
  await under?.close();
});

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return error.code;
    throw error;
  }
  return 'accepted';
}

/**
 * A branch row, two officers, `borrowers` borrowers (the same names, ID numbers and phones in
 * both branches: keys are per branch) indexed for search, a loan each (¥30,000 outstanding,
 * ¥3,000 overdue) and a visit each on 10 March, an hour apart from 08:00.
 */
async function setUp(engine: Engine, code: string, borrowers: number) {
  const db = engine.db;
  await db
    .insertInto('branch')
    .values({
      id: 1,
      name: `${code}支行`,
      code,
      address: '青山镇人民路1号',
      phone: '0571-12345678',
      complaint_hotline: '0571-12345679',
      time_zone: 'Asia/Shanghai',
      updated_at: AT,
    })
    .execute();
  const { staffIds, borrowerIds } = await branch(engine, borrowers);
  const loanIds: number[] = [];
  for (const [i, borrowerId] of borrowerIds.entries()) {
    await indexBorrowerPostgres(db as unknown as Kysely<SearchTokensDatabase>, borrowerId, {
      name: `借款人${i}`,
      township: '城关镇',
      village: '东村',
      idNumber: `33010219800101${String(i).padStart(4, '0')}`,
      phones: [`1380000${String(i).padStart(4, '0')}`],
      loanNos: [`L-${i + 1}`],
    });
    const { id } = await db
      .insertInto('loans')
      .values({
        loan_no: `L-${i + 1}`,
        borrower_id: borrowerId,
        principal_fen: 5_000_000,
        disbursed_on: '2025-01-01',
        outstanding_principal_fen: 3_000_000,
        overdue_principal_fen: 300_000,
        overdue_interest_fen: 20_000,
        overdue_since: '2026-02-01',
        as_of: '2026-03-01',
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    loanIds.push(id);
  }
  const planner = desk(engine, staffIds[0]!, 'officer');
  const visitIds: number[] = [];
  for (const [i, borrowerId] of borrowerIds.entries()) {
    const hour = String(8 + i).padStart(2, '0');
    visitIds.push((await plan(planner, borrowerId, staffIds, `${hour}:00`, `${hour}:45`)).id);
  }
  return { staffIds, borrowerIds, loanIds, visitIds };
}

type Branch = Awaited<ReturnType<typeof setUp>>;

/**
 * Head office's file of 1 March with the template's rows `numbers` (borrower n: mobile
 * 138000001nn, loan L0001nn, no officer), imported as imports:run does.
 */
async function imported(engine: Engine, b: Branch, numbers: number[]) {
  const fileName = '三月清单.csv';
  const source = await importSourceFor(
    fileName,
    utf8(csvText(numbers.map((n) => caseRow(n)))),
    'auto',
  );
  return importCasesOn(engineImportDesk(engine, null), {
    fileName,
    source,
    mode: 'valid-only',
    asOf: '2026-03-01',
    today: '2026-03-01',
    now: '2026-03-01T02:00:00.000Z',
    staffId: b.staffIds[0]!,
  });
}

/** The visit at `index` recorded that evening with a cash payment of `amountFen`. */
function paid(engine: Engine, b: Branch, index: number, amountFen: number) {
  const hour = String(8 + index).padStart(2, '0');
  return recordVisitOutcome(
    eveningDesk(engine, b.staffIds[0]!, 'officer'),
    recordVisitInput.parse(
      outcomeOf(b.visitIds[index]!, hour, b.staffIds, {
        outcome: 'partial_payment',
        payment: { loanId: b.loanIds[index]!, amountFen, method: 'cash' },
      }),
    ),
  );
}

function complaint(engine: Engine, b: Branch, borrowerId: number) {
  return registerComplaint(
    desk(engine, b.staffIds[0]!, 'officer'),
    registerComplaintInput.parse({
      borrowerId,
      receivedOn: '2026-03-02',
      complainant: 'borrower',
      channel: 'phone',
      summary: '上门时间太早',
    }),
  );
}

const listOf = (engine: Engine, q: Partial<CaseListQuery>) =>
  listCases(
    { engine, db: null } as unknown as Pick<Visitdesk, 'engine' | 'db'>,
    caseListInput.parse({ pageSize: 100, ...q }),
    '2026-03-10',
  );

const receiptsOf = (db: Kysely<DB>) =>
  db
    .selectFrom('receipts')
    .innerJoin('payments', 'payments.id', 'receipts.payment_id')
    .select(['receipts.receipt_no', 'receipts.branch_code', 'receipts.seq', 'payments.amount_fen'])
    .orderBy('receipts.seq')
    .execute();

const actionsOf = (db: Kysely<DB>) =>
  db.selectFrom('audit_log').select(['id', 'action']).orderBy('id').execute();

describe('two branches in one PostgreSQL database, each as the app’s own login', () => {
  let first: Branch;
  let second: Branch;
  let firstFile: Awaited<ReturnType<typeof imported>>;
  let secondFile: Awaited<ReturnType<typeof imported>>;

  beforeAll(async () => {
    // Branch 1: two borrowers, the first visit paid ¥200, one complaint, a file of two
    // borrowers (101, 102).
    first = await setUp(one, 'QS001', 2);
    firstFile = await imported(one, first, [101, 102]);
    await paid(one, first, 0, 20_000);
    await complaint(one, first, first.borrowerIds[0]!);
    // Branch 2: three borrowers, the first two visits paid ¥350 and ¥150, two complaints, the
    // same file with a third borrower (103): borrowers 101 and 102 are new to this branch too.
    second = await setUp(two, 'QS002', 3);
    secondFile = await imported(two, second, [101, 102, 103]);
    await paid(two, second, 0, 35_000);
    await paid(two, second, 1, 15_000);
    await complaint(two, second, second.borrowerIds[0]!);
    await complaint(two, second, second.borrowerIds[2]!);
  });

  it('imports each branch’s file into its own cases', () => {
    expect(firstFile).toMatchObject({ total: 2, inserted: 2, updated: 0, rejected: 0 });
    expect(secondFile).toMatchObject({ total: 3, inserted: 3, updated: 0, rejected: 0 });
  });

  it('lists and searches each branch’s own cases only', async () => {
    const ownIds = async (engine: Engine, q: Partial<CaseListQuery>) =>
      (await listOf(engine, q)).rows.map((r) => r.id).sort((a, b) => a - b);
    const byMobile = async (engine: Engine, mobile: string) =>
      (
        await engine.db
          .selectFrom('borrowers')
          .select('id')
          .where('mobile', '=', mobile)
          .executeTakeFirstOrThrow()
      ).id;
    const firstImported = [await byMobile(one, '13800000101'), await byMobile(one, '13800000102')];
    const secondImported = [
      await byMobile(two, '13800000101'),
      await byMobile(two, '13800000102'),
      await byMobile(two, '13800000103'),
    ];
    expect(await ownIds(one, {})).toEqual([...first.borrowerIds, ...firstImported]);
    expect(await ownIds(two, {})).toEqual([...second.borrowerIds, ...secondImported]);
    expect((await listOf(one, {})).total).toBe(4);
    expect((await listOf(two, {})).total).toBe(6);
    // The file's borrowers, searched by their loan number, in each branch.
    expect(await ownIds(one, { search: 'L000101' })).toEqual([firstImported[0]]);
    expect(await ownIds(two, { search: 'L000101' })).toEqual([secondImported[0]]);
    expect(await ownIds(one, { search: 'L000103' })).toEqual([]);
    expect(await ownIds(two, { search: 'L000103' })).toEqual([secondImported[2]]);
    // The same mobile is on file in both branches; each search finds its own borrower.
    expect(await ownIds(one, { search: '13800000000' })).toEqual([first.borrowerIds[0]]);
    expect(await ownIds(two, { search: '13800000000' })).toEqual([second.borrowerIds[0]]);
    // Branch 2's third borrower has no namesake in branch 1.
    expect(await ownIds(one, { search: '13800000002' })).toEqual([]);
    expect(await ownIds(two, { search: '13800000002' })).toEqual([second.borrowerIds[2]]);
  });

  it('numbers each branch’s receipts in its own series', async () => {
    expect(await receiptsOf(one.db)).toEqual([
      { receipt_no: 'QS001-SJ-2026-000001', branch_code: 'QS001', seq: 1, amount_fen: 20_000 },
    ]);
    expect(await receiptsOf(two.db)).toEqual([
      { receipt_no: 'QS002-SJ-2026-000001', branch_code: 'QS002', seq: 1, amount_fen: 35_000 },
      { receipt_no: 'QS002-SJ-2026-000002', branch_code: 'QS002', seq: 2, amount_fen: 15_000 },
    ]);
    const sequences = (db: Kysely<DB>) =>
      db.selectFrom('receipt_sequences').select(['branch_code', 'year', 'last_seq']).execute();
    expect(await sequences(one.db)).toEqual([{ branch_code: 'QS001', year: 2026, last_seq: 1 }]);
    expect(await sequences(two.db)).toEqual([{ branch_code: 'QS002', year: 2026, last_seq: 2 }]);
  });

  it('gives each branch the month’s figures of its own rows', async () => {
    const figures = async (engine: Engine) =>
      (await liveMonthFigures({ kind: 'postgres', db: engine.db }, MARCH)).branch;
    expect(await figures(one)).toMatchObject({
      visitsPlanned: 2,
      visitsDone: 1,
      complaintsReceived: 1,
      cashCollectedFen: 20_000,
    });
    expect(await figures(two)).toMatchObject({
      visitsPlanned: 3,
      visitsDone: 2,
      complaintsReceived: 2,
      cashCollectedFen: 50_000,
    });
  });

  it('keeps one audit chain per branch, each numbered from 1 and verifying alone', async () => {
    // A recorded visit writes its assessment, its contact event and the record itself.
    const recorded = ['case.addAssessment', 'case.addContactEvent', 'visit.record'];
    const numbered = (actions: string[]) => actions.map((action, i) => ({ id: i + 1, action }));
    const firstChain = numbered([
      ...Array<string>(2).fill('visit.plan'),
      'cases.import',
      ...recorded,
      'complaint.register',
    ]);
    const secondChain = numbered([
      ...Array<string>(3).fill('visit.plan'),
      'cases.import',
      ...recorded,
      ...recorded,
      ...Array<string>(2).fill('complaint.register'),
    ]);
    expect(await actionsOf(one.db)).toEqual(firstChain);
    expect(await actionsOf(two.db)).toEqual(secondChain);
    expect(await verifyChain(one.db, 'postgres')).toMatchObject({ ok: true, rows: 7 });
    expect(await verifyChain(two.db, 'postgres')).toMatchObject({ ok: true, rows: 12 });
    // Each head names its own chain's last row; neither sees the other's.
    const heads = (db: Kysely<DB>) => db.selectFrom('audit_head').select('last_id').execute();
    expect(await heads(one.db)).toEqual([{ last_id: 7 }]);
    expect(await heads(two.db)).toEqual([{ last_id: 12 }]);
  });

  it('refuses a write naming the other branch’s row as not found, and writes nothing', async () => {
    const before = await actionsOf(one.db);
    const planner = desk(one, first.staffIds[0]!, 'officer');
    const theirs = second.borrowerIds[2]!;
    expect(await failure(plan(planner, theirs, first.staffIds, '14:00', '14:45'))).toBe(
      'NOT_FOUND',
    );
    expect(await failure(complaint(one, first, theirs))).toBe('NOT_FOUND');
    // Branch 2's third visit, not recorded yet, recorded from branch 1 with branch 1's loan.
    const hour = '10';
    expect(
      await failure(
        recordVisitOutcome(
          eveningDesk(one, first.staffIds[0]!, 'officer'),
          recordVisitInput.parse(
            outcomeOf(second.visitIds[2]!, hour, first.staffIds, { outcome: 'refused' }),
          ),
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await actionsOf(one.db)).toEqual(before);
    expect(await listOf(two, {})).toMatchObject({ total: 6 });
  });
});
