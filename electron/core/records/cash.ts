import { addDays } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import type {
  CashDue,
  CashHolder,
  DueReceipt,
  HandInInput,
  HandInRow,
} from '../../shared/schemas/cash-handins';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import { idChunks } from '../db/id-chunks';
import type { DB } from '../db/schema';
import { createHolidayCalendar, type HolidayCalendar } from '../planning/holidays';
import { loadBranchOverrides } from '../planning/rules';
import { loadBranchToday } from '../settings/branch-clock';

/**
 * Visit money handed in at the branch (缴款). Money taken on a visit is in the hands of the
 * staff who went until it reaches the branch: the same day, at the latest by the end of the next
 * working day (weekends and public holidays skipped, swap working days worked, on the branch's
 * own calendar and clock). Each hand-in covers named receipts of one officer and one day, so a
 * receipt is handed in once (UNIQUE in migration 016); a counted amount that differs from the
 * receipts needs a written explanation, and the manager signs the difference off apart.
 */

/** The day a payment made on `day` is due at the branch by: the next working day after it. */
export function handInDueBy(calendar: HolidayCalendar, day: string): string {
  let next = addDays(day, 1);
  // A run of holidays and weekends is at most a couple of weeks (Spring Festival + weekends).
  for (let i = 0; i < 60 && calendar.day(next).kind !== 'workday'; i += 1) next = addDays(next, 1);
  return next;
}

async function branchCalendar(db: Kysely<DB>): Promise<HolidayCalendar> {
  return createHolidayCalendar(await loadBranchOverrides(db));
}

interface ReceiptLine {
  receipt_id: number;
  receipt_no: string;
  paid_at: string;
  amount_fen: number;
  method: string;
  borrower_name: string;
  loan_no: string;
}

const methodOf = (method: string): DueReceipt['method'] =>
  method === 'cash' || method === 'transfer' ? method : 'other';

/**
 * Receipts not yet handed in whose visit `officerId` went on (the record that issued them
 * names its staff), taken on `day`; every officer's and day's when left out.
 */
function heldReceipts(
  db: Kysely<DB>,
  where: { officerId?: number; day?: string },
): Promise<(ReceiptLine & { officer_id: number })[]> {
  let query = db
    .selectFrom('receipts as r')
    .innerJoin('visit_record_staff as rs', 'rs.record_id', 'r.visit_record_id')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .innerJoin('loans as l', 'l.id', 'p.loan_id')
    .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
    // Not yet handed in, tested first: as a LEFT JOIN … IS NULL the planner joined payments,
    // loans, borrowers and staff for every receipt ever issued before dropping the handed-in
    // ones (the bench's full scale: 45,000 receipts, a few hundred held).
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('cash_handin_receipts as h')
            .select('h.receipt_id')
            .whereRef('h.receipt_id', '=', 'r.id'),
        ),
      ),
    )
    .select([
      'rs.staff_id as officer_id',
      'r.id as receipt_id',
      'r.receipt_no',
      'r.paid_at',
      'p.amount_fen',
      'p.method',
      'b.name as borrower_name',
      'l.loan_no',
    ])
    .orderBy('r.paid_at')
    .orderBy('r.id');
  if (where.officerId !== undefined) query = query.where('rs.staff_id', '=', where.officerId);
  if (where.day !== undefined) {
    query = query
      .where('r.paid_at', '>=', `${where.day}T`)
      .where('r.paid_at', '<', `${addDays(where.day, 1)}T`);
  }
  return query.execute();
}

async function staffOf(db: Kysely<DB>, id: number) {
  const row = await db
    .selectFrom('staff')
    .select(['name', 'staff_no'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) {
    throw new AppFailure('VALIDATION', `no staff member ${id}`, {
      fields: { officerId: 'v.invalid' },
    });
  }
  return row;
}

/** What `officerId` still holds from `day`'s visits: each receipt and the sum expected. */
export async function cashDue(
  app: Visitdesk,
  input: { officerId: number; day: string },
): Promise<CashDue> {
  const db = app.engine.db;
  const officer = await staffOf(db, input.officerId);
  const calendar = await branchCalendar(db);
  const today = await loadBranchToday(db, app.now());
  const dueBy = handInDueBy(calendar, input.day);
  const receipts = (await heldReceipts(db, input)).map((r): DueReceipt => ({
    receiptId: r.receipt_id,
    receiptNo: r.receipt_no,
    paidAt: r.paid_at,
    amountFen: r.amount_fen,
    method: methodOf(r.method),
    borrowerName: r.borrower_name,
    loanNo: r.loan_no,
    dueBy,
    late: today > dueBy,
  }));
  return {
    officerId: input.officerId,
    officerName: officer.name,
    staffNo: officer.staff_no,
    day: input.day,
    receipts,
    expectedFen: receipts.reduce((sum, r) => sum + r.amountFen, 0),
  };
}

/**
 * Every officer and day with visit money not yet handed in, oldest first; `late` once the
 * branch's today is past the day it was due by (the manager's to-do).
 */
export async function cashHolders(app: Visitdesk): Promise<CashHolder[]> {
  const db = app.engine.db;
  const calendar = await branchCalendar(db);
  const today = await loadBranchToday(db, app.now());
  const groups = new Map<string, CashHolder>();
  for (const r of await heldReceipts(db, {})) {
    const day = r.paid_at.slice(0, 10);
    const key = `${day}|${r.officer_id}`;
    let group = groups.get(key);
    if (!group) {
      const officer = await staffOf(db, r.officer_id);
      const dueBy = handInDueBy(calendar, day);
      group = {
        officerId: r.officer_id,
        officerName: officer.name,
        staffNo: officer.staff_no,
        day,
        receiptCount: 0,
        amountFen: 0,
        dueBy,
        late: today > dueBy,
      };
      groups.set(key, group);
    }
    group.receiptCount += 1;
    group.amountFen += r.amount_fen;
  }
  return [...groups.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.staffNo.localeCompare(b.staffNo),
  );
}

const invalid = (field: string, key: string, message: string) =>
  new AppFailure('VALIDATION', message, { fields: { [field]: key } });

/**
 * Records one hand-in of named receipts, one write with its audit row: the receipts still held
 * are read on its tx, so a receipt is not handed in twice by desks at once.
 */
export function handInCash(app: Visitdesk, input: HandInInput): Promise<HandInRow> {
  return app.write(async (tx) => {
    const staffId = app.session?.staffId;
    if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
    await staffOf(tx, input.officerId);
    const today = await loadBranchToday(tx, app.now());
    if (input.day > today) throw invalid('day', 'v.handIn.future', 'the day is after today');
    const held = new Map((await heldReceipts(tx, input)).map((r) => [r.receipt_id, r]));
    const covered = input.receiptIds.map((id) => held.get(id));
    if (covered.some((r) => r === undefined)) {
      throw invalid('receiptIds', 'v.handIn.receiptNotDue', 'a receipt is not due from them');
    }
    const lines = covered as ReceiptLine[];
    const expectedFen = lines.reduce((sum, r) => sum + r.amount_fen, 0);
    if (input.countedFen !== expectedFen && input.explanation.length === 0) {
      throw invalid('explanation', 'v.handIn.explanation', 'a difference needs an explanation');
    }
    const at = app.now().toISOString();
    const { id } = await tx
      .insertInto('cash_handins')
      .values({
        officer_id: input.officerId,
        day: input.day,
        expected_fen: expectedFen,
        counted_fen: input.countedFen,
        explanation: input.explanation,
        handed_in_on: today,
        recorded_by: staffId,
        recorded_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const line of lines) {
      await tx
        .insertInto('cash_handin_receipts')
        .values({ handin_id: id, receipt_id: line.receipt_id, amount_fen: line.amount_fen })
        .execute();
    }
    await app.record(tx, {
      action: 'cash.handIn',
      entity: 'cash_handin',
      entityId: id,
      after: {
        officerId: input.officerId,
        day: input.day,
        receipts: lines.map((r) => r.receipt_no),
        expectedFen,
        countedFen: input.countedFen,
        differenceFen: input.countedFen - expectedFen,
        explanation: input.explanation,
        handedInOn: today,
      },
    });
    return handInRow(tx, id);
  });
}

/** The manager signs off a hand-in's difference (a separate action; once). */
export function signOffHandIn(
  app: Visitdesk,
  input: { handInId: number; note: string },
): Promise<HandInRow> {
  return app.write(async (tx) => {
    const staffId = app.session?.staffId;
    if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
    const before = await handInRow(tx, input.handInId);
    if (before.differenceFen === 0) {
      throw new AppFailure('CONFLICT', 'no difference to sign off', {
        fields: { handInId: 'e.handIn.noDifference' },
      });
    }
    if (before.signedOffAt !== null) {
      throw new AppFailure('CONFLICT', 'already signed off', {
        fields: { handInId: 'e.handIn.signedOff' },
      });
    }
    const at = app.now().toISOString();
    await tx
      .updateTable('cash_handins')
      .set({ signed_off_by: staffId, signed_off_at: at, sign_off_note: input.note })
      .where('id', '=', input.handInId)
      .execute();
    await app.record(tx, {
      action: 'cash.signOff',
      entity: 'cash_handin',
      entityId: input.handInId,
      before: { open: true, differenceFen: before.differenceFen },
      after: { open: false, differenceFen: before.differenceFen, note: input.note },
    });
    return handInRow(tx, input.handInId);
  });
}

const handInColumns = [
  'h.id',
  'h.officer_id',
  'h.day',
  'h.expected_fen',
  'h.counted_fen',
  'h.explanation',
  'h.handed_in_on',
  'h.recorded_at',
  'h.signed_off_at',
  'h.sign_off_note',
  'o.name as officer_name',
  'o.staff_no',
  'rb.name as recorded_by_name',
  's.name as signed_off_by_name',
] as const;

function handInQuery(db: Kysely<DB>) {
  return db
    .selectFrom('cash_handins as h')
    .innerJoin('staff as o', 'o.id', 'h.officer_id')
    .innerJoin('staff as rb', 'rb.id', 'h.recorded_by')
    .leftJoin('staff as s', 's.id', 'h.signed_off_by')
    .select(handInColumns);
}

type HandInHead = Awaited<ReturnType<ReturnType<typeof handInQuery>['executeTakeFirstOrThrow']>>;

/** The receipts of the given hand-ins, a thousand hand-ins a query, by hand-in. */
async function receiptsOf(db: Kysely<DB>, handInIds: readonly number[]) {
  const byHandIn = new Map<number, HandInReceiptLine[]>();
  for (const ids of idChunks(handInIds)) {
    const rows = await db
      .selectFrom('cash_handin_receipts as c')
      .innerJoin('receipts as r', 'r.id', 'c.receipt_id')
      .innerJoin('payments as p', 'p.id', 'r.payment_id')
      .innerJoin('loans as l', 'l.id', 'p.loan_id')
      .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
      .where('c.handin_id', 'in', ids)
      .select([
        'c.handin_id',
        'r.id as receipt_id',
        'r.receipt_no',
        'r.paid_at',
        'c.amount_fen',
        'p.method',
        'b.name as borrower_name',
        'l.loan_no',
      ])
      .orderBy('r.paid_at')
      .orderBy('r.id')
      .execute();
    for (const row of rows) {
      byHandIn.set(row.handin_id, [...(byHandIn.get(row.handin_id) ?? []), row]);
    }
  }
  return byHandIn;
}

type HandInReceiptLine = ReceiptLine & { handin_id: number };

function toRow(
  h: HandInHead,
  receipts: readonly HandInReceiptLine[],
  calendar: HolidayCalendar,
): HandInRow {
  const dueBy = handInDueBy(calendar, h.day);
  const differenceFen = h.counted_fen - h.expected_fen;
  return {
    id: h.id,
    officerId: h.officer_id,
    officerName: h.officer_name,
    staffNo: h.staff_no,
    day: h.day,
    expectedFen: h.expected_fen,
    countedFen: h.counted_fen,
    differenceFen,
    explanation: h.explanation,
    handedInOn: h.handed_in_on,
    recordedBy: h.recorded_by_name,
    recordedAt: h.recorded_at,
    signedOffBy: h.signed_off_by_name,
    signedOffAt: h.signed_off_at,
    signOffNote: h.sign_off_note,
    open: differenceFen !== 0 && h.signed_off_at === null,
    receipts: receipts.map((r) => ({
      receiptId: r.receipt_id,
      receiptNo: r.receipt_no,
      paidAt: r.paid_at,
      amountFen: r.amount_fen,
      method: methodOf(r.method),
      borrowerName: r.borrower_name,
      loanNo: r.loan_no,
      dueBy,
      late: h.handed_in_on > dueBy,
    })),
  };
}

/** A hand-in with its receipts, on the engine or a write's `tx`. */
export async function handInRow(db: Kysely<DB>, id: number): Promise<HandInRow> {
  const head = await handInQuery(db).where('h.id', '=', id).executeTakeFirst();
  if (!head) throw new AppFailure('NOT_FOUND', `no hand-in ${id}`);
  const receipts = (await receiptsOf(db, [id])).get(id) ?? [];
  return toRow(head, receipts, await branchCalendar(db));
}

/** Hand-ins of receipts taken from `from` to `to`, newest day first. */
export async function listHandIns(
  app: Visitdesk,
  input: { from: string; to: string; openOnly: boolean },
): Promise<HandInRow[]> {
  const db = app.engine.db;
  let query = handInQuery(db)
    .where('h.day', '>=', input.from)
    .where('h.day', '<=', input.to)
    .orderBy('h.day', 'desc')
    .orderBy('h.id', 'desc')
    .limit(500);
  if (input.openOnly) {
    query = query
      .where('h.signed_off_at', 'is', null)
      .whereRef('h.counted_fen', '<>', 'h.expected_fen');
  }
  const calendar = await branchCalendar(db);
  const heads = await query.execute();
  const receipts = await receiptsOf(
    db,
    heads.map((h) => h.id),
  );
  return heads.map((h) => toRow(h, receipts.get(h.id) ?? [], calendar));
}
