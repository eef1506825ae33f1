import type { Kysely } from 'kysely';
import { outcomeSection, type VisitPaymentMethod } from '../../shared/schemas/records';
import type {
  PlanRow,
  PromiseRow,
  ReceiptRow,
  RecordDetail,
  RecordHistory,
} from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import { readFlag } from '../db/columns';
import type { DB } from '../db/schema';
import { recordViolationsOf } from './recheck';
import { loadPaymentTrails } from './reconcile';

/**
 * Reading records, promises, plans and receipts into their DTOs, on the engine or inside a
 * write's `tx`.
 */

type StaffBrief = { id: number; staffNo: string; name: string };

async function staffBrief(db: Kysely<DB>, id: number): Promise<StaffBrief> {
  const row = await db
    .selectFrom('staff')
    .select(['staff_no', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  return { id, staffNo: row?.staff_no ?? '', name: row?.name ?? '' };
}

const borrowerName = async (db: Kysely<DB>, id: number): Promise<string> =>
  (await db.selectFrom('borrowers').select('name').where('id', '=', id).executeTakeFirst())?.name ??
  '';

const loanNo = async (db: Kysely<DB>, id: number | null): Promise<string | null> =>
  id === null
    ? null
    : ((await db.selectFrom('loans').select('loan_no').where('id', '=', id).executeTakeFirst())
        ?.loan_no ?? null);

const recordVisitId = async (db: Kysely<DB>, recordId: number): Promise<number> =>
  (
    await db
      .selectFrom('visit_records')
      .select('visit_id')
      .where('id', '=', recordId)
      .executeTakeFirstOrThrow()
  ).visit_id;

/** The payments each promise's latest evaluation counted for it, with their sources. */
async function promisePayments(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<Map<number, PromiseRow['paidBy']>> {
  const links = await db
    .selectFrom('promise_payments as pp')
    .innerJoin('payments as p', 'p.id', 'pp.payment_id')
    .select(['pp.promise_id', 'pp.payment_id', 'pp.amount_fen'])
    .where('pp.promise_id', 'in', [...ids])
    .orderBy('pp.promise_id')
    .orderBy('p.paid_on')
    .orderBy('p.id')
    .execute();
  const trails = await loadPaymentTrails(
    db,
    links.map((l) => l.payment_id),
  );
  const byPromise = new Map<number, PromiseRow['paidBy']>();
  for (const link of links) {
    const payment = trails.get(link.payment_id);
    if (!payment) continue;
    const list = byPromise.get(link.promise_id) ?? [];
    list.push({ countedFen: link.amount_fen, payment });
    byPromise.set(link.promise_id, list);
  }
  return byPromise;
}

export async function promiseRows(db: Kysely<DB>, ids: readonly number[]): Promise<PromiseRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('promises')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paidBy = await promisePayments(db, ids);
  const found = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const result: PromiseRow[] = [];
  for (const r of found) {
    result.push({
      id: r.id,
      borrowerId: r.borrower_id,
      borrowerName: await borrowerName(db, r.borrower_id),
      loanId: r.loan_id,
      loanNo: await loanNo(db, r.loan_id),
      visitRecordId: r.visit_record_id,
      visitId: await recordVisitId(db, r.visit_record_id),
      promisedOn: r.promised_on,
      amountFen: r.amount_fen,
      dueOn: r.due_on,
      status: r.status,
      paidFen: r.paid_fen,
      evaluatedAt: r.evaluated_at,
      paidBy: paidBy.get(r.id) ?? [],
    });
  }
  return result;
}

export async function planRows(db: Kysely<DB>, ids: readonly number[]): Promise<PlanRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('repayment_plans')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const instalments = await db
    .selectFrom('plan_instalments')
    .selectAll()
    .where('plan_id', 'in', [...ids])
    .orderBy('plan_id')
    .orderBy('seq')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const result: PlanRow[] = [];
  for (const r of found) {
    result.push({
      id: r.id,
      borrowerId: r.borrower_id,
      borrowerName: await borrowerName(db, r.borrower_id),
      loanId: r.loan_id,
      visitRecordId: r.visit_record_id,
      visitId: await recordVisitId(db, r.visit_record_id),
      totalFen: r.total_fen,
      overdueFen: r.overdue_fen,
      shortfallReason: r.shortfall_reason,
      status: r.status,
      proposedBy: await staffBrief(db, r.proposed_by),
      proposedAt: r.proposed_at,
      decidedBy: r.decided_by === null ? null : await staffBrief(db, r.decided_by),
      decidedAt: r.decided_at,
      decisionReason: r.decision_reason,
      selfApproved: readFlag(r.self_approved),
      instalments: instalments
        .filter((i) => i.plan_id === r.id)
        .map((i) => ({
          seq: i.seq,
          dueOn: i.due_on,
          amountFen: i.amount_fen,
          status: i.status,
          paidFen: i.paid_fen,
        })),
    });
  }
  return result;
}

export async function requirePlan(db: Kysely<DB>, id: number): Promise<PlanRow> {
  const [plan] = await planRows(db, [id]);
  if (!plan) throw new AppFailure('NOT_FOUND', `no repayment plan ${id}`);
  return plan;
}

async function recordStaff(db: Kysely<DB>, recordId: number): Promise<StaffBrief[]> {
  const rows = await db
    .selectFrom('visit_record_staff')
    .innerJoin('staff', 'staff.id', 'visit_record_staff.staff_id')
    .select(['staff.id', 'staff.staff_no', 'staff.name'])
    .where('visit_record_staff.record_id', '=', recordId)
    .orderBy('staff.staff_no')
    .execute();
  return rows.map((s) => ({ id: s.id, staffNo: s.staff_no, name: s.name }));
}

export async function receiptRow(
  db: Kysely<DB>,
  where: { id: number } | { receiptNo: string },
): Promise<ReceiptRow> {
  let query = db
    .selectFrom('receipts')
    .innerJoin('payments', 'payments.id', 'receipts.payment_id')
    .innerJoin('visit_records', 'visit_records.id', 'receipts.visit_record_id')
    .select([
      'receipts.id',
      'receipts.receipt_no',
      'receipts.branch_code',
      'receipts.year',
      'receipts.seq',
      'receipts.payment_id',
      'receipts.visit_record_id',
      'receipts.paid_at',
      'receipts.issued_by',
      'receipts.issued_at',
      'visit_records.visit_id',
      'payments.borrower_id',
      'payments.loan_id',
      'payments.amount_fen',
      'payments.method',
      'payments.paid_on',
    ]);
  query =
    'id' in where
      ? query.where('receipts.id', '=', where.id)
      : query.where('receipts.receipt_no', '=', where.receiptNo);
  const row = await query.executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', 'no such receipt');
  return {
    id: row.id,
    receiptNo: row.receipt_no,
    branchCode: row.branch_code,
    year: row.year,
    seq: row.seq,
    paymentId: row.payment_id,
    visitRecordId: row.visit_record_id,
    visitId: row.visit_id,
    borrowerId: row.borrower_id,
    borrowerName: await borrowerName(db, row.borrower_id),
    loanId: row.loan_id,
    loanNo: (await loanNo(db, row.loan_id)) ?? '',
    amountFen: row.amount_fen,
    method: row.method as VisitPaymentMethod,
    paidOn: row.paid_on,
    paidAt: row.paid_at,
    collectedBy: await recordStaff(db, row.visit_record_id),
    issuedBy: await staffBrief(db, row.issued_by),
    issuedAt: row.issued_at,
    trail: (await loadPaymentTrails(db, [row.payment_id])).get(row.payment_id),
  };
}

/** The ids of a record's chain: the original, then its amendments in order. */
export async function chainIds(db: Kysely<DB>, recordId: number): Promise<number[]> {
  const row = await db
    .selectFrom('visit_records')
    .select(['id', 'amends'])
    .where('id', '=', recordId)
    .executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `no visit record ${recordId}`);
  const original = row.amends ?? row.id;
  const amendments = await db
    .selectFrom('visit_records')
    .select('id')
    .where('amends', '=', original)
    .orderBy('id')
    .execute();
  return [original, ...amendments.map((r) => r.id)];
}

export async function recordDetail(db: Kysely<DB>, id: number): Promise<RecordDetail> {
  const r = await db
    .selectFrom('visit_records')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppFailure('NOT_FOUND', `no visit record ${id}`);
  const assessment =
    r.assessment_id === null
      ? undefined
      : await db
          .selectFrom('assessments')
          .selectAll()
          .where('id', '=', r.assessment_id)
          .executeTakeFirst();
  // An amendment that keeps the promise, plan or payment of the record it corrects leaves it
  // where it was; the record shows the newest one of its chain up to itself.
  const section = outcomeSection[r.outcome];
  const upToHere = (await chainIds(db, id)).filter((chainId) => chainId <= id);
  const newest = async (table: 'promises' | 'repayment_plans' | 'receipts') =>
    (
      await db
        .selectFrom(table)
        .select('id')
        .where('visit_record_id', 'in', upToHere)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()
    )?.id;
  const promise = section === 'promise' ? await newest('promises') : undefined;
  const plan = section === 'plan' ? await newest('repayment_plans') : undefined;
  const receipt = section === 'payment' ? await newest('receipts') : undefined;
  return {
    id: r.id,
    visitId: r.visit_id,
    borrowerId: r.borrower_id,
    borrowerName: await borrowerName(db, r.borrower_id),
    amends: r.amends,
    amendReason: r.amend_reason,
    date: r.actual_date,
    start: r.actual_start,
    end: r.actual_end,
    staff: await recordStaff(db, r.id),
    met: r.met,
    outcome: r.outcome,
    borrowerWords: r.borrower_words,
    assessmentId: r.assessment_id,
    situation: assessment
      ? {
          livelihood: assessment.livelihood,
          income: assessment.income,
          expenses: assessment.expenses,
          assets: assessment.assets,
          householdSize: assessment.household_size,
          monthlyIncomeFen: assessment.monthly_income_fen,
          monthlyExpensesFen: assessment.monthly_expenses_fen,
          capacityFen: assessment.capacity_fen,
        }
      : null,
    checklist: {
      staffCardsShown: readFlag(r.staff_cards_shown),
      rightsExplained: readFlag(r.rights_explained),
      noThirdPartyDisclosure: readFlag(r.no_third_party_disclosure),
      recorded: readFlag(r.recorded_on_media),
      recordingRef: r.recording_ref,
    },
    nextAction: r.next_action,
    followUpOn: r.follow_up_on,
    recordedBy: await staffBrief(db, r.recorded_by),
    recordedAt: r.recorded_at,
    promise: promise ? ((await promiseRows(db, [promise]))[0] ?? null) : null,
    receipt: receipt ? await receiptRow(db, { id: receipt }) : null,
    plan: plan ? ((await planRows(db, [plan]))[0] ?? null) : null,
    place: r.place,
    placeNote: r.place_note,
    violations: (await recordViolationsOf(db, [r.id])).get(r.id) ?? [],
  };
}

export async function recordHistory(db: Kysely<DB>, recordId: number): Promise<RecordHistory> {
  const history: RecordDetail[] = [];
  for (const id of await chainIds(db, recordId)) history.push(await recordDetail(db, id));
  return { effective: history[history.length - 1]!, history };
}

export async function recordHistoryForVisit(
  db: Kysely<DB>,
  visitId: number,
): Promise<RecordHistory> {
  const original = await db
    .selectFrom('visit_records')
    .select('id')
    .where('visit_id', '=', visitId)
    .where('amends', 'is', null)
    .executeTakeFirst();
  if (!original) throw new AppFailure('NOT_FOUND', `visit ${visitId} has no record`);
  return recordHistory(db, original.id);
}
