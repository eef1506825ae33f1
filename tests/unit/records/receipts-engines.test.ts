import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordVisitInput } from '../../../electron/shared/schemas/records';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { verifyChain } from '../../../electron/core/audit/chain';
import type { DB } from '../../../electron/core/db/schema';
import { recordVisitOutcome } from '../../../electron/core/records/record';
import type { EngineKind } from '../support/engines';
import { desk, NOW, plan, testEngines } from '../planning/engine-desk';
import { eveningDesk, outcomeOf, visitedBranch } from './engine-records';

/**
 * Receipt numbers from the locked sequence row (migration 020, records/receipts.ts), on both
 * engines: eight desks taking payments at once get 1 to 8 and leave the row at 8; a payment
 * whose record then fails rolls back with its number, so the next payment gets it; a payment in
 * a new year starts that year's series at 1; and a series whose receipts have no row yet (on
 * PostgreSQL, another branch's that migration 020's login did not see) continues after them.
 * The branch and its visits on 10 March 2026: engine-records.ts.
 */

const engineOn = testEngines();

/** A desk on `engine` whose clock reads `at`. */
function deskAt(engine: Visitdesk['engine'], staffId: number, at: string): Visitdesk {
  return { ...desk(engine, staffId, 'officer'), now: () => new Date(at) } as Visitdesk;
}

const sequences = (db: Kysely<DB>) =>
  db
    .selectFrom('receipt_sequences')
    .select(['branch_code', 'year', 'last_seq'])
    .orderBy('branch_code')
    .orderBy('year')
    .execute();

const receipts = (db: Kysely<DB>) =>
  db
    .selectFrom('receipts')
    .innerJoin('payments', 'payments.id', 'receipts.payment_id')
    .select([
      'receipts.receipt_no',
      'receipts.year',
      'receipts.seq',
      'receipts.visit_record_id',
      'payments.receipt_no as payment_receipt_no',
      'payments.amount_fen',
    ])
    .orderBy('receipts.year')
    .orderBy('receipts.seq')
    .execute();

const paidIn = (
  visitId: number,
  hour: string,
  staffIds: number[],
  loanId: number,
  amountFen: number,
) =>
  recordVisitInput.parse(
    outcomeOf(visitId, hour, staffIds, {
      outcome: 'partial_payment',
      payment: { loanId, amountFen, method: 'cash' },
    }),
  );

/** A visit on `date` for `borrowerId` at 09:00, planned the day before, paid into `loanId`. */
async function paidOnAnotherDay(
  engine: Visitdesk['engine'],
  ids: { staffIds: number[]; borrowerId: number; loanId: number },
  date: string,
  followUpOn: string,
) {
  const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString();
  const visit = await plan(
    deskAt(engine, ids.staffIds[0]!, dayBefore),
    ids.borrowerId,
    ids.staffIds,
    '09:00',
    '09:45',
    { date },
  );
  const recorded = await recordVisitOutcome(
    // 20:00 in Shanghai that day.
    deskAt(engine, ids.staffIds[0]!, `${date}T12:00:00Z`),
    recordVisitInput.parse({
      ...outcomeOf(visit.id, '09', ids.staffIds, {
        outcome: 'partial_payment',
        payment: { loanId: ids.loanId, amountFen: 20_000, method: 'cash' },
      }),
      date,
      followUpOn,
    }),
  );
  return recorded.effective.receipt?.receiptNo;
}

async function receiptStory(kind: EngineKind) {
  const { under, staffIds, borrowerIds, loanIds, visitIds } = await visitedBranch(
    engineOn,
    kind,
    9,
  );
  const engine = under.engine;
  const db = engine.db;

  // Eight desks at once, ¥100 to ¥800.
  const eight = await Promise.allSettled(
    visitIds
      .slice(0, 8)
      .map((visitId, i) =>
        recordVisitOutcome(
          eveningDesk(engine, staffIds[i % 2]!, 'officer'),
          paidIn(visitId, String(8 + i).padStart(2, '0'), staffIds, loanIds[i]!, 10_000 * (i + 1)),
        ),
      ),
  );
  const answered = eight.map((r) =>
    r.status === 'fulfilled' ? r.value.effective.receipt?.receiptNo : r.reason,
  );
  const issued = await receipts(db);
  const byRecord = new Map(issued.map((r) => [r.visit_record_id, r.receipt_no]));
  const afterEight = {
    // Which desk got which number depends on who got in first; the rest may not.
    receipts: issued.map(({ receipt_no, year, seq, payment_receipt_no }) => ({
      receipt_no,
      year,
      seq,
      payment_receipt_no,
    })),
    amountsFen: issued.map((r) => r.amount_fen).sort((a, b) => a - b),
    eachAsAnswered: eight.every(
      (r) =>
        r.status === 'fulfilled' &&
        byRecord.get(r.value.effective.id) === r.value.effective.receipt?.receiptNo,
    ),
    sequences: await sequences(db),
  };

  // The ninth payment's record fails at its last step, its audit row: all of it rolls back.
  const officer = eveningDesk(engine, staffIds[0]!, 'officer');
  const failing = {
    ...officer,
    record: (tx, entry) =>
      entry.action === 'visit.record'
        ? Promise.reject(new Error('the audit row could not be written'))
        : officer.record(tx, entry),
  } as Visitdesk;
  const ninth = paidIn(visitIds[8]!, '16', staffIds, loanIds[8]!, 90_000);
  const refused = await recordVisitOutcome(failing, ninth).then(
    () => 'saved',
    (error: Error) => error.message,
  );
  const afterRollback = {
    receipts: (await receipts(db)).length,
    sequences: await sequences(db),
    visit: await db
      .selectFrom('visits')
      .select('status')
      .where('id', '=', visitIds[8]!)
      .executeTakeFirstOrThrow(),
  };
  const saved = await recordVisitOutcome(officer, ninth);

  // A new year's first payment, on Tuesday 5 January 2027.
  const newYear = await paidOnAnotherDay(
    engine,
    { staffIds, borrowerId: borrowerIds[0]!, loanId: loanIds[0]! },
    '2027-01-05',
    '2027-01-19',
  );

  // 2025's series has two receipts and no row, as a branch's series has when migration 020's
  // login could not see its receipts; its next payment continues after them.
  const at = NOW.toISOString();
  for (const [seq, receiptNo] of [
    [1, 'QS001-2025-000001'],
    [2, 'QS001-SJ-2025-000002'],
  ] as const) {
    const { id } = await db
      .insertInto('payments')
      .values({
        loan_id: loanIds[1]!,
        borrower_id: borrowerIds[1]!,
        paid_on: `2025-11-0${seq}`,
        amount_fen: 5_000,
        source: 'visit',
        method: 'cash',
        receipt_no: receiptNo,
        recorded_by: staffIds[0]!,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('receipts')
      .values({
        receipt_no: receiptNo,
        branch_code: 'QS001',
        year: 2025,
        seq,
        payment_id: id,
        visit_record_id: saved.effective.id,
        paid_at: `2025-11-0${seq}T10:00`,
        issued_by: staffIds[0]!,
        issued_at: at,
      })
      .execute();
  }
  const rowless = await paidOnAnotherDay(
    engine,
    { staffIds, borrowerId: borrowerIds[1]!, loanId: loanIds[1]! },
    '2025-12-30',
    '2026-01-13',
  );

  return {
    answered: [...answered].sort(),
    afterEight,
    refused,
    afterRollback,
    ninth: saved.effective.receipt?.receiptNo,
    newYear,
    rowless,
    receipts: (await receipts(db)).map((r) => r.receipt_no),
    sequences: await sequences(db),
    chain: (await verifyChain(db, kind)).ok,
  };
}

const no = (year: number, seq: number) => `QS001-SJ-${year}-${String(seq).padStart(6, '0')}`;

describe('receipt numbers from the locked sequence row', () => {
  it('are gapless under eight desks at once and a rolled-back payment, and restart each year, alike on both engines', async () => {
    const sqlite = await receiptStory('sqlite');
    const postgres = await receiptStory('postgres');

    const first8 = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(sqlite.answered).toEqual(first8.map((seq) => no(2026, seq)));
    expect(sqlite.afterEight.receipts.map((r) => r.seq)).toEqual(first8);
    expect(sqlite.afterEight.receipts.map((r) => r.receipt_no)).toEqual(
      first8.map((seq) => no(2026, seq)),
    );
    expect(sqlite.afterEight.receipts.every((r) => r.payment_receipt_no === r.receipt_no)).toBe(
      true,
    );
    // ¥100, ¥200, … ¥800, one receipt each, each the number its record answered with.
    expect(sqlite.afterEight.amountsFen).toEqual(first8.map((i) => 10_000 * i));
    expect(sqlite.afterEight.eachAsAnswered).toBe(true);
    expect(sqlite.afterEight.sequences).toEqual([
      { branch_code: 'QS001', year: 2026, last_seq: 8 },
    ]);

    expect(sqlite.refused).toBe('the audit row could not be written');
    expect(sqlite.afterRollback).toEqual({
      receipts: 8,
      sequences: [{ branch_code: 'QS001', year: 2026, last_seq: 8 }],
      visit: { status: 'planned' },
    });
    expect(sqlite.ninth).toBe(no(2026, 9));
    expect(sqlite.newYear).toBe(no(2027, 1));
    expect(sqlite.rowless).toBe(no(2025, 3));

    expect(sqlite.receipts).toEqual([
      'QS001-2025-000001',
      no(2025, 2),
      no(2025, 3),
      ...[...first8, 9].map((seq) => no(2026, seq)),
      no(2027, 1),
    ]);
    expect(sqlite.sequences).toEqual([
      { branch_code: 'QS001', year: 2025, last_seq: 3 },
      { branch_code: 'QS001', year: 2026, last_seq: 9 },
      { branch_code: 'QS001', year: 2027, last_seq: 1 },
    ]);
    expect(sqlite.chain).toBe(true);

    expect(postgres).toEqual(sqlite);
  });
});
