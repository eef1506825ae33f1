import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordVisitInput } from '../../../electron/shared/schemas/records';
import type { ImportMode } from '../../../electron/shared/schemas/imports';
import { verifyChain } from '../../../electron/core/audit/chain';
import { loadSearchBorrowerIds, matchExpression } from '../../../electron/core/cases/search';
import {
  searchBorrowerIdsPostgres,
  type SearchTokensDatabase,
} from '../../../electron/core/cases/search-postgres';
import type { Engine } from '../../../electron/core/db/engine';
import { engineImportDesk } from '../../../electron/core/imports/desk';
import { loadMappings, resolveMapping, saveMapping } from '../../../electron/core/imports/mappings';
import { loadWaitingOfficerNames } from '../../../electron/core/imports/officers';
import { importSourceFor } from '../../../electron/core/imports/prepare';
import { importCasesOn, previewCasesOn } from '../../../electron/core/imports/service';
import { recordVisitOutcome } from '../../../electron/core/records/record';
import { engineKinds, type EngineKind, type EngineUnderTest } from '../support/engines';
import { branch, desk, plan, testEngines } from '../planning/engine-desk';
import { eveningDesk, outcomeOf } from '../records/engine-records';
import { caseRow, csvText, idFor, utf8, wrongCheck, type CaseCells } from './fixtures';

/**
 * The case import on both engines (issue 19): SQLite writes a file row by row with its prepared
 * statements, PostgreSQL a batch at a time in multi-row statements (imports/write-*.ts); the
 * same files must leave the same borrowers, loans, snapshots, payments, confirmations of visit
 * cash, assignments, waiting officer names, search tokens, promise judgements and audit rows.
 *
 * The branch: two certified officers (O001, O002) and 借款人0 from planning's test branch. A
 * first file (1 March 2026) brings 借款人1–4; 借款人1 then pays ¥500 cash on a visit on 10 March
 * and 借款人2 promises ¥1,000 by 20 March; the manager moves 借款人3 from O001 to O002 by hand.
 * The next file (31 March) shows 借款人1's principal down ¥1,000 (¥500 of it the visit cash),
 * 借款人2's down ¥1,200 paid on 15 March (the promise kept), a second loan for 借款人2, 借款人3
 * still under O001 with a new mobile and village (the manager's choice kept, the difference
 * reported), 借款人4 settled, a new borrower on two rows (her second changes phone and village)
 * with an officer nobody has, another by an officer's name with a tier, and a row with a wrong
 * ID check character in the middle.
 */

const engineOn = testEngines();
const FIXTURE = path.resolve(__dirname, '../../fixtures/imports/head-office-gbk-bad-rows.csv');
const MARCH_1 = '2026-03-01T02:00:00.000Z';
const MARCH_31 = '2026-03-31T02:00:00.000Z';

interface FileRun {
  fileName: string;
  bytes: Uint8Array;
  asOf: string;
  now: string;
  mode?: ImportMode;
}

/** What imports:run does once it has the bytes: read the source, then import on the engine. */
async function importOn(under: EngineUnderTest, file: FileRun) {
  const source = await importSourceFor(file.fileName, file.bytes, 'auto');
  return importCasesOn(engineImportDesk(under.engine, under.connection), {
    fileName: file.fileName,
    source,
    mode: file.mode ?? 'valid-only',
    asOf: file.asOf,
    today: file.asOf,
    now: file.now,
    staffId: 1,
  });
}

const firstFile: CaseCells[] = [
  caseRow(1, { officer: 'O001' }),
  caseRow(2, { officer: 'O001' }),
  caseRow(3, { officer: 'O001', mobile: '13700000003' }),
  caseRow(4, { officer: '', classification: '关注' }),
];

const marchFile: CaseCells[] = [
  caseRow(1, { outstanding_principal: '29,000.00', officer: 'O001' }),
  caseRow(2, { outstanding_principal: '28,800', last_paid_on: '2026-03-15' }),
  caseRow(2, { loan_no: 'L200002', principal: '8000', outstanding_principal: '8000' }),
  caseRow(3, {
    officer: 'O001',
    mobile: '13700000033',
    township: '泗安镇',
    village: '管埭村',
  }),
  caseRow(9, { id_number: wrongCheck(idFor(9)) }),
  caseRow(4, {
    outstanding_principal: '0',
    overdue_principal: '0',
    overdue_interest: '0',
    penalty: '0',
    overdue_since: '',
  }),
  caseRow(5, { name: '欧阳娜娜', mobile: '13600000005', officer: '钱多多' }),
  caseRow(5, {
    name: '欧阳娜娜',
    mobile: '13600000055',
    village: '新川村',
    loan_no: 'L500005',
    officer: '钱多多',
  }),
  caseRow(6, { name: '单田芳', officer: '员工O002', classification: '次级' }),
];

const fileOf = (fileName: string, rows: CaseCells[], asOf: string, now: string): FileRun => ({
  fileName,
  bytes: utf8(csvText(rows)),
  asOf,
  now,
});

/** The branch before March's file, on `kind`, with the first file's result. */
async function branchBeforeMarch(kind: EngineKind) {
  const under = await engineOn(kind);
  const db = under.engine.db;
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
      updated_at: MARCH_1,
    })
    .execute();
  const { staffIds } = await branch(under.engine, 1);
  const first = await importOn(under, fileOf('一号清单.csv', firstFile, '2026-03-01', MARCH_1));
  const borrower = async (n: number) =>
    (await db
      .selectFrom('borrowers')
      .select('id')
      .where('id_number', '=', idFor(n))
      .executeTakeFirstOrThrow())!.id;
  const loan = async (loanNo: string) =>
    (await db
      .selectFrom('loans')
      .select('id')
      .where('loan_no', '=', loanNo)
      .executeTakeFirstOrThrow())!.id;
  const planner = desk(under.engine, staffIds[0]!, 'officer');
  const cashVisit = await plan(planner, await borrower(1), staffIds, '08:00', '08:45');
  const promiseVisit = await plan(planner, await borrower(2), staffIds, '09:00', '09:45');
  const officer = eveningDesk(under.engine, staffIds[0]!, 'officer');
  await recordVisitOutcome(
    officer,
    recordVisitInput.parse(
      outcomeOf(cashVisit.id, '08', staffIds, {
        outcome: 'partial_payment',
        payment: { loanId: await loan('L000001'), amountFen: 50_000, method: 'cash' },
      }),
    ),
  );
  await recordVisitOutcome(
    officer,
    recordVisitInput.parse(
      outcomeOf(promiseVisit.id, '09', staffIds, {
        outcome: 'promise_to_pay',
        promise: { loanId: await loan('L000002'), amountFen: 100_000, dueOn: '2026-03-20' },
      }),
    ),
  );
  // The manager moves 借款人3 from O001 to O002 by hand.
  const moved = await borrower(3);
  await db
    .insertInto('assignments')
    .values({
      borrower_id: moved,
      from_officer_id: staffIds[0]!,
      to_officer_id: staffIds[1]!,
      reason: '李明负责的村太多',
      source: 'manual',
      staff_id: 1,
      at: '2026-03-12T02:00:00.000Z',
    })
    .execute();
  await db
    .updateTable('borrowers')
    .set({ assigned_officer_id: staffIds[1]! })
    .where('id', '=', moved)
    .execute();
  return { under, first, staffIds };
}

/** Timestamps as instants, flags as booleans, JSON parsed: the engines' forms made one. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => {
      if (k === 'other_phones' && typeof v === 'string') return [k, JSON.parse(v)];
      if (k === 'success') return [k, v === true || v === 1];
      if (k === 'after' && typeof v === 'string') return [k, JSON.parse(v)];
      if (/(_at|^at)$/.test(k) && typeof v === 'string') return [k, new Date(v).toISOString()];
      return [k, v];
    }),
  );
}

const TABLES = {
  borrowers: [
    'id',
    'name',
    'name_sort',
    'id_number',
    'birth_date',
    'sex',
    'mobile',
    'other_phones',
    'province',
    'city',
    'county',
    'township',
    'village',
    'address_detail',
    'assigned_officer_id',
    'overdue_since',
    'total_overdue_fen',
    'outstanding_fen',
    'classification',
    'broken_promises',
    'created_at',
    'updated_at',
  ],
  loans: [
    'id',
    'loan_no',
    'borrower_id',
    'product',
    'principal_fen',
    'disbursed_on',
    'maturity_on',
    'outstanding_principal_fen',
    'overdue_principal_fen',
    'overdue_interest_fen',
    'penalty_fen',
    'overdue_since',
    'status',
    'as_of',
    'classification',
    'created_at',
    'updated_at',
  ],
  loan_snapshots: [
    'loan_id',
    'as_of',
    'outstanding_principal_fen',
    'overdue_principal_fen',
    'overdue_interest_fen',
    'penalty_fen',
    'overdue_since',
    'dpd',
    'bucket',
    'classification',
    'created_at',
  ],
  payments: [
    'id',
    'loan_id',
    'borrower_id',
    'paid_on',
    'paid_from',
    'amount_fen',
    'source',
    'method',
    'receipt_no',
    'reference',
    'recorded_by',
    'created_at',
  ],
  file_repayments: [
    'id',
    'loan_id',
    'as_of',
    'previous_as_of',
    'reduction_fen',
    'paid_on',
    'payment_id',
    'created_at',
  ],
  payment_confirmations: ['file_repayment_id', 'visit_payment_id', 'amount_fen', 'created_at'],
  promises: ['id', 'borrower_id', 'loan_id', 'amount_fen', 'due_on', 'status', 'paid_fen'],
  promise_payments: ['promise_id', 'payment_id', 'amount_fen'],
  assignments: [
    'id',
    'borrower_id',
    'from_officer_id',
    'to_officer_id',
    'reason',
    'source',
    'staff_id',
    'at',
  ],
  import_officer_names: [
    'borrower_id',
    'name',
    'name_key',
    'officer_before',
    'file_name',
    'line',
    'as_of',
    'created_at',
  ],
} as const;

/** Every table an import writes, in key order, as both engines read it back. */
async function tablesOf(engine: Engine) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, columns] of Object.entries(TABLES)) {
    const order = columns.slice(0, table === 'loan_snapshots' ? 2 : 1).join(', ');
    const { rows } = await sql<Record<string, unknown>>`
      SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)}
      ORDER BY ${sql.raw(order)}`.execute(engine.db);
    out[table] = rows.map(plain);
  }
  return out;
}

/** The import's and the promise evaluation's audit rows, and whether the chain verifies. */
async function auditOf(engine: Engine) {
  const rows = await engine.db
    .selectFrom('audit_log')
    .select(['action', 'entity', 'entity_id', 'staff_id', 'at', 'success', 'after'])
    .where('action', 'in', ['cases.import', 'promises.evaluate'])
    .orderBy('id')
    .execute();
  return { rows: rows.map(plain), chain: (await verifyChain(engine.db, engine.kind)).ok };
}

const SEARCHES = [
  '借款人1',
  '欧阳娜娜',
  'oynn',
  'ouyang',
  '单田芳',
  'stf',
  '管埭',
  '新川村',
  '13700000003',
  '13700000033',
  '0055',
  'L200002',
  'L500005',
  idFor(5).slice(-4),
  idFor(6),
];

/** The borrowers each search finds, by name, pinyin, place, phone, loan and ID. */
async function searchesOf(engine: Engine) {
  const found: Record<string, number[] | null> = {};
  for (const text of SEARCHES) {
    if (engine.kind === 'postgres')
      found[text] = await searchBorrowerIdsPostgres(
        engine.db as unknown as Kysely<SearchTokensDatabase>,
        text,
      );
    else found[text] = await loadSearchBorrowerIds(engine.db, matchExpression(text)!);
  }
  return found;
}

async function stateOf(engine: Engine) {
  return {
    tables: await tablesOf(engine),
    audit: await auditOf(engine),
    search: await searchesOf(engine),
    waiting: await loadWaitingOfficerNames(engine.db),
  };
}

async function counts(engine: Engine) {
  const n = async (table: keyof typeof TABLES | 'audit_log') =>
    Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(engine.db))
        .rows[0]!.n,
    );
  return {
    borrowers: await n('borrowers'),
    loans: await n('loans'),
    snapshots: await n('loan_snapshots'),
    payments: await n('payments'),
    audit: await n('audit_log'),
  };
}

describe('the case import on both engines', () => {
  it('the same files leave the same rows, payments, judgements, search and audit rows', async () => {
    const results: Record<string, unknown> = {};
    const states: Record<string, Awaited<ReturnType<typeof stateOf>>> = {};
    for (const kind of engineKinds) {
      const { under, first } = await branchBeforeMarch(kind);
      const preview = await previewCasesOn(
        { engine: under.engine, connection: under.connection },
        {
          fileName: '三月清单.csv',
          source: await importSourceFor('三月清单.csv', utf8(csvText(marchFile)), 'auto'),
          rows: 3,
          today: '2026-03-31',
        },
      );
      const march = await importOn(
        under,
        fileOf('三月清单.csv', marchFile, '2026-03-31', MARCH_31),
      );
      results[kind] = { first, preview, march };
      states[kind] = await stateOf(under.engine);
    }
    expect(results.postgres).toEqual(results.sqlite);
    expect(states.postgres).toEqual(states.sqlite);

    // Not vacuous: what the files did, worked out by hand.
    const { march, preview } = results.sqlite as {
      march: Awaited<ReturnType<typeof importOn>>;
      preview: Awaited<ReturnType<typeof previewCasesOn>>;
    };
    expect(march).toMatchObject({
      written: true,
      total: 9,
      rejected: 1,
      inserted: 4,
      updated: 4,
      unchanged: 0,
      // ¥1,000 fell on L000001, ¥500 of it the visit cash; ¥1,200 on L000002; ¥30,000 on
      // L000004, settled.
      paymentsFoundFen: 50_000 + 120_000 + 3_000_000,
      paymentsFoundLoans: 3,
      visitCashConfirmedFen: 50_000,
      visitCashConfirmedLoans: 1,
      officerConflictsTotal: 1,
    });
    expect(march.errors).toEqual([{ line: 6, column: '身份证号', reason: 'v.idNumber' }]);
    expect(march.officerConflicts).toEqual([
      expect.objectContaining({
        line: 5,
        borrowerName: '借款人3',
        currentOfficer: '员工O002',
        fileOfficer: '员工O001',
        kept: 'branch',
      }),
    ]);
    expect(preview.officerConflicts).toEqual(march.officerConflicts);
    const { tables, audit, search } = states.sqlite!;
    const byNo = (loanNo: string) => tables.loans!.find((l) => l.loan_no === loanNo)!;
    const importPayments = tables.payments!.filter((p) => p.source === 'import');
    expect(importPayments.map((p) => [p.loan_id, p.amount_fen, p.paid_on, p.paid_from])).toEqual([
      [byNo('L000001').id, 50_000, '2026-03-31', '2026-03-02'],
      [byNo('L000002').id, 120_000, '2026-03-15', null],
      [byNo('L000004').id, 3_000_000, '2026-03-31', '2026-03-02'],
    ]);
    expect(tables.promises!.map((p) => [p.status, p.paid_fen])).toEqual([['kept', 100_000]]);
    expect(tables.promise_payments).toEqual([
      {
        promise_id: tables.promises![0]!.id,
        payment_id: importPayments[1]!.id,
        amount_fen: 100_000,
      },
    ]);
    const borrower = (n: number) => tables.borrowers!.find((b) => b.id_number === idFor(n))!;
    expect(borrower(3)).toMatchObject({
      mobile: '13700000033',
      other_phones: ['13700000003'],
      village: '管埭村',
      assigned_officer_id: 2,
    });
    expect(borrower(4)).toMatchObject({ total_overdue_fen: 0, outstanding_fen: 0 });
    expect(borrower(5)).toMatchObject({
      mobile: '13600000055',
      other_phones: ['13600000005'],
      village: '新川村',
      assigned_officer_id: null,
    });
    expect(borrower(6)).toMatchObject({ assigned_officer_id: 2, classification: 3 });
    expect(tables.import_officer_names).toEqual([
      expect.objectContaining({ borrower_id: borrower(5).id, name: '钱多多', line: 9 }),
    ]);
    expect(states.sqlite!.waiting).toEqual([
      {
        name: '钱多多',
        key: '钱多多',
        cases: 1,
        unassigned: 1,
        fileName: '三月清单.csv',
        asOf: '2026-03-31',
      },
    ]);
    expect(search['oynn']).toEqual([borrower(5).id]);
    expect(search['13700000003']).toEqual([borrower(3).id]);
    expect(search['管埭']).toEqual([borrower(3).id]);
    expect(search['L200002']).toEqual([borrower(2).id]);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'cases.import',
      'promises.evaluate',
      'cases.import',
    ]);
    expect(audit.rows[2]!.after).toMatchObject({
      rows: 9,
      rejected: 1,
      inserted: 4,
      updated: 4,
      borrowersInserted: 2,
      paymentsFen: 3_170_000,
      officerConflicts: 1,
      officerRule: 'branch',
    });
    expect(audit.chain).toBe(true);
  });

  it('the shipped GBK file: its good rows, or nothing at all when the file must be whole', async () => {
    const bytes = new Uint8Array(fs.readFileSync(FIXTURE));
    const found: Record<string, unknown> = {};
    for (const kind of engineKinds) {
      const under = await engineOn(kind);
      const before = await counts(under.engine);
      const run = (mode: ImportMode) =>
        importOn(under, {
          fileName: 'head-office-gbk-bad-rows.csv',
          bytes,
          asOf: '2026-01-15',
          now: '2026-01-15T02:00:00.000Z',
          mode,
        });
      const whole = await run('all-or-nothing');
      const untouched = await counts(under.engine);
      const good = await run('valid-only');
      found[kind] = {
        whole,
        untouched,
        good,
        tables: await tablesOf(under.engine),
        search: await searchesOf(under.engine),
        names: await under.engine.db.selectFrom('borrowers').select('name').orderBy('id').execute(),
      };
      expect(untouched).toEqual(before);
    }
    expect(found.postgres).toEqual(found.sqlite);
    expect(found.sqlite).toMatchObject({
      whole: { written: false, total: 9, rejected: 4, inserted: 0 },
      good: { written: true, total: 9, rejected: 4, inserted: 5 },
      untouched: { borrowers: 0, loans: 0, snapshots: 0, audit: 0 },
      names: ['张三丰', '李秀英', '王芳', '吴刚', '郑小梅'].map((name) => ({ name })),
    });
  });

  it('a row the database refuses half-way leaves nothing of the file, on both', async () => {
    const found: Record<string, unknown> = {};
    for (const kind of engineKinds) {
      const { under } = await branchBeforeMarch(kind);
      const before = await stateOf(under.engine);
      // The fifth new loan of the file is refused by the database itself, after rows before it.
      if (kind === 'sqlite') {
        await sql`CREATE TRIGGER refuse_loan BEFORE INSERT ON loans WHEN NEW.loan_no = 'L500005'
          BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(under.engine.db);
      } else {
        await sql`CREATE FUNCTION refuse_loan() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.loan_no = 'L500005' THEN RAISE EXCEPTION 'refused by the test'; END IF;
            RETURN NEW;
          END $$`.execute(under.engine.db);
        await sql`CREATE TRIGGER refuse_loan BEFORE INSERT ON loans
          FOR EACH ROW EXECUTE FUNCTION refuse_loan()`.execute(under.engine.db);
      }
      await expect(
        importOn(under, fileOf('三月清单.csv', marchFile, '2026-03-31', MARCH_31)),
      ).rejects.toThrow(/refused by the test/);
      found[kind] = await stateOf(under.engine);
      expect(found[kind]).toEqual(before);
    }
    expect(found.postgres).toEqual(found.sqlite);
  });

  it('importing the same file again changes nothing but its audit row', async () => {
    // Without the row whose mobile the next row changes: read again, it would change it back.
    const steady = marchFile.filter((r) => r.mobile !== '13600000005');
    const found: Record<string, unknown> = {};
    for (const kind of engineKinds) {
      const { under } = await branchBeforeMarch(kind);
      const march = fileOf('三月清单.csv', steady, '2026-03-31', MARCH_31);
      await importOn(under, march);
      const once = await stateOf(under.engine);
      const again = await importOn(under, march);
      const twice = await stateOf(under.engine);
      expect(twice.tables).toEqual(once.tables);
      expect(twice.search).toEqual(once.search);
      expect(twice.audit.rows.slice(0, -1)).toEqual(once.audit.rows);
      expect(twice.audit.chain).toBe(true);
      found[kind] = { again, audit: twice.audit.rows.at(-1) };
    }
    expect(found.postgres).toEqual(found.sqlite);
    expect(found.sqlite).toMatchObject({
      // Same-date rows update their loans in place: no money found, no new borrower.
      again: { written: true, inserted: 0, updated: 7, paymentsFoundFen: 0 },
      audit: { action: 'cases.import', after: { inserted: 0, updated: 7, paymentsFen: 0 } },
    });
  });

  it('a file longer than a batch: borrowers whose rows fall in two batches come out alike', async () => {
    // PostgreSQL writes 1,000 rows a batch. Borrowers 11–1010 come first (a third with O001,
    // a third with a name nobody has); then second loans for 1000–1099, so 1000–1010 are read
    // back from the first batch and 1011–1099 are new in the second, some twice.
    const big = [
      ...Array.from({ length: 1000 }, (_, i) =>
        caseRow(11 + i, { officer: ['O001', '钱多多', ''][i % 3]! }),
      ),
      ...Array.from({ length: 100 }, (_, i) =>
        caseRow(1000 + i, {
          loan_no: `M${1000 + i}`,
          mobile: `139${String(1000 + i).padStart(8, '0')}`,
          officer: i % 2 ? 'O002' : '',
        }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        caseRow(1050 + i, { loan_no: `N${1050 + i}`, village: '新川村', officer: 'O001' }),
      ),
    ];
    const fell = big.map((row, i) => ({
      ...row,
      outstanding_principal: i % 2 ? '29000' : '30000',
    }));
    const found: Record<string, unknown> = {};
    for (const kind of engineKinds) {
      const { under } = await branchBeforeMarch(kind);
      const first = await importOn(under, fileOf('大清单.csv', big, '2026-03-15', MARCH_1));
      const second = await importOn(under, fileOf('大清单2.csv', fell, '2026-03-31', MARCH_31));
      found[kind] = { first, second, ...(await stateOf(under.engine)) };
    }
    expect(found.postgres).toEqual(found.sqlite);
    expect(found.sqlite).toMatchObject({
      first: { written: true, total: 1120, inserted: 1120, rejected: 0 },
      // Every other row's principal fell ¥1,000.
      second: {
        written: true,
        updated: 1120,
        paymentsFoundLoans: 560,
        paymentsFoundFen: 56_000_000,
      },
    });
    const { tables } = found.sqlite as Awaited<ReturnType<typeof stateOf>>;
    expect(tables.borrowers).toHaveLength(5 + 1089);
    expect(tables.import_officer_names!.length).toBeGreaterThan(300);
  });

  it('saved column mappings read back alike, sorted by name, one replacing another', async () => {
    const found: Record<string, unknown> = {};
    for (const kind of engineKinds) {
      const { engine } = await engineOn(kind);
      await engine.transaction(async (tx) => {
        await saveMapping(tx, '总行格式', { 客户姓名: 'name', 证件号码: 'id_number' });
        await saveMapping(tx, '农商行', { 户名: 'name' });
        await saveMapping(tx, '总行格式', { 客户姓名: 'name' });
      });
      found[kind] = {
        saved: await loadMappings(engine.db),
        resolved: await resolveMapping(engine.db, { mappingName: '总行格式' }),
      };
    }
    expect(found.postgres).toEqual(found.sqlite);
    expect(found.sqlite).toEqual({
      saved: [
        { name: '农商行', mapping: { 户名: 'name' } },
        { name: '总行格式', mapping: { 客户姓名: 'name' } },
      ],
      resolved: { 客户姓名: 'name' },
    });
  });

  it('an older file only adds its snapshots, with the tier that date had', async () => {
    const found: Record<string, unknown> = {};
    for (const kind of engineKinds) {
      const { under } = await branchBeforeMarch(kind);
      await importOn(under, fileOf('三月清单.csv', marchFile, '2026-03-31', MARCH_31));
      const older = await importOn(
        under,
        fileOf(
          '二月清单.csv',
          [caseRow(4, { outstanding_principal: '31000' }), caseRow(1, { classification: '可疑' })],
          '2026-02-15',
          '2026-04-01T02:00:00.000Z',
        ),
      );
      const snapshots = await under.engine.db
        .selectFrom('loan_snapshots as s')
        .innerJoin('loans as l', 'l.id', 's.loan_id')
        .select(['l.loan_no', 's.as_of', 's.outstanding_principal_fen', 's.classification'])
        .where('l.loan_no', 'in', ['L000001', 'L000004'])
        .orderBy('l.loan_no')
        .orderBy('s.as_of')
        .execute();
      found[kind] = { older, snapshots, tables: (await stateOf(under.engine)).tables };
    }
    expect(found.postgres).toEqual(found.sqlite);
    expect(found.sqlite).toMatchObject({
      older: { written: true, unchanged: 2, updated: 0, inserted: 0 },
      snapshots: [
        {
          loan_no: 'L000001',
          as_of: '2026-02-15',
          outstanding_principal_fen: 3_000_000,
          classification: 4,
        },
        { loan_no: 'L000001', as_of: '2026-03-01', classification: null },
        { loan_no: 'L000001', as_of: '2026-03-31', classification: null },
        // L000004's tier on 15 February is the first file's (1 March is later): none.
        {
          loan_no: 'L000004',
          as_of: '2026-02-15',
          outstanding_principal_fen: 3_100_000,
          classification: null,
        },
        { loan_no: 'L000004', as_of: '2026-03-01', classification: 2 },
        { loan_no: 'L000004', as_of: '2026-03-31', classification: 2 },
      ],
    });
  });
});
