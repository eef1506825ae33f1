import { addDays } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import type {
  CashDue,
  CashHolder,
  DueReceipt,
  HandInInput,
  HandInRow,
} from '../../shared/schemas/cash-handins';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, idList, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { createHolidayCalendar, type HolidayCalendar } from '../planning/holidays';
import { branchOverrides } from '../planning/rules';
import { branchToday } from '../settings/branch-clock';

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

function branchCalendar(db: Sqlite): HolidayCalendar {
  return createHolidayCalendar(branchOverrides(db));
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
  db: Sqlite,
  where: { officerId?: number; day?: string },
): (ReceiptLine & { officer_id: number })[] {
  let query = qb
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
  return all(db, query);
}

function staffOf(db: Sqlite, id: number) {
  const row = first(db, qb.selectFrom('staff').select(['name', 'staff_no']).where('id', '=', id));
  if (!row) {
    throw new AppFailure('VALIDATION', `no staff member ${id}`, {
      fields: { officerId: 'v.invalid' },
    });
  }
  return row;
}

/** What `officerId` still holds from `day`'s visits: each receipt and the sum expected. */
export function cashDue(app: Visitdesk, input: { officerId: number; day: string }): CashDue {
  const officer = staffOf(app.db, input.officerId);
  const calendar = branchCalendar(app.db);
  const today = branchToday(app.db, app.now());
  const dueBy = handInDueBy(calendar, input.day);
  const receipts = heldReceipts(app.db, input).map((r): DueReceipt => ({
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
export function cashHolders(app: Visitdesk): CashHolder[] {
  const calendar = branchCalendar(app.db);
  const today = branchToday(app.db, app.now());
  const groups = new Map<string, CashHolder>();
  for (const r of heldReceipts(app.db, {})) {
    const day = r.paid_at.slice(0, 10);
    const key = `${day}|${r.officer_id}`;
    let group = groups.get(key);
    if (!group) {
      const officer = staffOf(app.db, r.officer_id);
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

/** Records one hand-in of named receipts, in one transaction with its audit row. */
export function handInCash(app: Visitdesk, input: HandInInput): HandInRow {
  return app.db.transaction(() => {
    const staffId = app.session?.staffId;
    if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
    staffOf(app.db, input.officerId);
    const today = branchToday(app.db, app.now());
    if (input.day > today) throw invalid('day', 'v.handIn.future', 'the day is after today');
    const held = new Map(heldReceipts(app.db, input).map((r) => [r.receipt_id, r]));
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
    const id = run(
      app.db,
      qb.insertInto('cash_handins').values({
        officer_id: input.officerId,
        day: input.day,
        expected_fen: expectedFen,
        counted_fen: input.countedFen,
        explanation: input.explanation,
        handed_in_on: today,
        recorded_by: staffId,
        recorded_at: at,
      }),
    ).lastInsertRowid;
    for (const line of lines) {
      run(
        app.db,
        qb.insertInto('cash_handin_receipts').values({
          handin_id: id,
          receipt_id: line.receipt_id,
          amount_fen: line.amount_fen,
        }),
      );
    }
    app.audit({
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
    return handInRow(app.db, id);
  })();
}

/** The manager signs off a hand-in's difference (a separate action; once). */
export function signOffHandIn(
  app: Visitdesk,
  input: { handInId: number; note: string },
): HandInRow {
  return app.db.transaction(() => {
    const staffId = app.session?.staffId;
    if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
    const before = handInRow(app.db, input.handInId);
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
    run(
      app.db,
      qb
        .updateTable('cash_handins')
        .set({ signed_off_by: staffId, signed_off_at: at, sign_off_note: input.note })
        .where('id', '=', input.handInId),
    );
    app.audit({
      action: 'cash.signOff',
      entity: 'cash_handin',
      entityId: input.handInId,
      before: { open: true, differenceFen: before.differenceFen },
      after: { open: false, differenceFen: before.differenceFen, note: input.note },
    });
    return handInRow(app.db, input.handInId);
  })();
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

function handInQuery() {
  return qb
    .selectFrom('cash_handins as h')
    .innerJoin('staff as o', 'o.id', 'h.officer_id')
    .innerJoin('staff as rb', 'rb.id', 'h.recorded_by')
    .leftJoin('staff as s', 's.id', 'h.signed_off_by')
    .select(handInColumns);
}

type HandInHead = NonNullable<ReturnType<typeof first<ReturnType<typeof handInQuery>>>>;

/** The receipts of the given hand-ins, in one query, by hand-in. */
function receiptsOf(db: Sqlite, handInIds: readonly number[]) {
  const byHandIn = new Map<number, HandInReceiptLine[]>();
  if (handInIds.length === 0) return byHandIn;
  const rows = all(
    db,
    qb
      .selectFrom('cash_handin_receipts as c')
      .innerJoin('receipts as r', 'r.id', 'c.receipt_id')
      .innerJoin('payments as p', 'p.id', 'r.payment_id')
      .innerJoin('loans as l', 'l.id', 'p.loan_id')
      .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
      .where('c.handin_id', 'in', idList(handInIds))
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
      .orderBy('r.id'),
  );
  for (const row of rows)
    byHandIn.set(row.handin_id, [...(byHandIn.get(row.handin_id) ?? []), row]);
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

export function handInRow(db: Sqlite, id: number): HandInRow {
  const head = first(db, handInQuery().where('h.id', '=', id));
  if (!head) throw new AppFailure('NOT_FOUND', `no hand-in ${id}`);
  return toRow(head, receiptsOf(db, [id]).get(id) ?? [], branchCalendar(db));
}

/** Hand-ins of receipts taken from `from` to `to`, newest day first. */
export function listHandIns(
  app: Visitdesk,
  input: { from: string; to: string; openOnly: boolean },
): HandInRow[] {
  let query = handInQuery()
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
  const calendar = branchCalendar(app.db);
  const heads = all(app.db, query);
  const receipts = receiptsOf(
    app.db,
    heads.map((h) => h.id),
  );
  return heads.map((h) => toRow(h, receipts.get(h.id) ?? [], calendar));
}
