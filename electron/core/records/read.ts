import { outcomeSection, type VisitPaymentMethod } from '../../shared/schemas/records';
import type {
  PlanRow,
  PromiseRow,
  ReceiptRow,
  RecordDetail,
  RecordHistory,
} from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import { all, first, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { recordViolationsOf } from './recheck';
import { paymentTrails } from './reconcile';
import { readFlag } from '../db/columns';

/** Reading records, promises, plans and receipts into their DTOs. */

type StaffBrief = { id: number; staffNo: string; name: string };

function staffBrief(db: Sqlite, id: number): StaffBrief {
  const row = first(db, qb.selectFrom('staff').select(['staff_no', 'name']).where('id', '=', id));
  return { id, staffNo: row?.staff_no ?? '', name: row?.name ?? '' };
}

const borrowerName = (db: Sqlite, id: number): string =>
  first(db, qb.selectFrom('borrowers').select('name').where('id', '=', id))?.name ?? '';

const loanNo = (db: Sqlite, id: number | null): string | null =>
  id === null
    ? null
    : (first(db, qb.selectFrom('loans').select('loan_no').where('id', '=', id))?.loan_no ?? null);

const recordVisitId = (db: Sqlite, recordId: number): number =>
  first(db, qb.selectFrom('visit_records').select('visit_id').where('id', '=', recordId))!.visit_id;

/** The payments each promise's latest evaluation counted for it, with their sources. */
function promisePayments(db: Sqlite, ids: readonly number[]): Map<number, PromiseRow['paidBy']> {
  const links = all(
    db,
    qb
      .selectFrom('promise_payments as pp')
      .innerJoin('payments as p', 'p.id', 'pp.payment_id')
      .select(['pp.promise_id', 'pp.payment_id', 'pp.amount_fen'])
      .where('pp.promise_id', 'in', [...ids])
      .orderBy('pp.promise_id')
      .orderBy('p.paid_on')
      .orderBy('p.id'),
  );
  const trails = paymentTrails(
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

export function promiseRows(db: Sqlite, ids: readonly number[]): PromiseRow[] {
  if (ids.length === 0) return [];
  const rows = all(
    db,
    qb
      .selectFrom('promises')
      .selectAll()
      .where('id', 'in', [...ids]),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paidBy = promisePayments(db, ids);
  return ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({
      id: r.id,
      borrowerId: r.borrower_id,
      borrowerName: borrowerName(db, r.borrower_id),
      loanId: r.loan_id,
      loanNo: loanNo(db, r.loan_id),
      visitRecordId: r.visit_record_id,
      visitId: recordVisitId(db, r.visit_record_id),
      promisedOn: r.promised_on,
      amountFen: r.amount_fen,
      dueOn: r.due_on,
      status: r.status,
      paidFen: r.paid_fen,
      evaluatedAt: r.evaluated_at,
      paidBy: paidBy.get(r.id) ?? [],
    }));
}

export function planRows(db: Sqlite, ids: readonly number[]): PlanRow[] {
  if (ids.length === 0) return [];
  const rows = all(
    db,
    qb
      .selectFrom('repayment_plans')
      .selectAll()
      .where('id', 'in', [...ids]),
  );
  const instalments = all(
    db,
    qb
      .selectFrom('plan_instalments')
      .selectAll()
      .where('plan_id', 'in', [...ids])
      .orderBy('plan_id')
      .orderBy('seq'),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({
      id: r.id,
      borrowerId: r.borrower_id,
      borrowerName: borrowerName(db, r.borrower_id),
      loanId: r.loan_id,
      visitRecordId: r.visit_record_id,
      visitId: recordVisitId(db, r.visit_record_id),
      totalFen: r.total_fen,
      overdueFen: r.overdue_fen,
      shortfallReason: r.shortfall_reason,
      status: r.status,
      proposedBy: staffBrief(db, r.proposed_by),
      proposedAt: r.proposed_at,
      decidedBy: r.decided_by === null ? null : staffBrief(db, r.decided_by),
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
    }));
}

export function requirePlan(db: Sqlite, id: number): PlanRow {
  const [plan] = planRows(db, [id]);
  if (!plan) throw new AppFailure('NOT_FOUND', `no repayment plan ${id}`);
  return plan;
}

function recordStaff(db: Sqlite, recordId: number): StaffBrief[] {
  return all(
    db,
    qb
      .selectFrom('visit_record_staff')
      .innerJoin('staff', 'staff.id', 'visit_record_staff.staff_id')
      .select(['staff.id', 'staff.staff_no', 'staff.name'])
      .where('visit_record_staff.record_id', '=', recordId)
      .orderBy('staff.staff_no'),
  ).map((s) => ({ id: s.id, staffNo: s.staff_no, name: s.name }));
}

export function receiptRow(db: Sqlite, where: { id: number } | { receiptNo: string }): ReceiptRow {
  let query = qb
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
  const row = first(db, query);
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
    borrowerName: borrowerName(db, row.borrower_id),
    loanId: row.loan_id,
    loanNo: loanNo(db, row.loan_id) ?? '',
    amountFen: row.amount_fen,
    method: row.method as VisitPaymentMethod,
    paidOn: row.paid_on,
    paidAt: row.paid_at,
    collectedBy: recordStaff(db, row.visit_record_id),
    issuedBy: staffBrief(db, row.issued_by),
    issuedAt: row.issued_at,
    trail: paymentTrails(db, [row.payment_id]).get(row.payment_id),
  };
}

/** The ids of a record's chain: the original, then its amendments in order. */
export function chainIds(db: Sqlite, recordId: number): number[] {
  const row = first(
    db,
    qb.selectFrom('visit_records').select(['id', 'amends']).where('id', '=', recordId),
  );
  if (!row) throw new AppFailure('NOT_FOUND', `no visit record ${recordId}`);
  const original = row.amends ?? row.id;
  const amendments = all(
    db,
    qb.selectFrom('visit_records').select('id').where('amends', '=', original).orderBy('id'),
  ).map((r) => r.id);
  return [original, ...amendments];
}

export function recordDetail(db: Sqlite, id: number): RecordDetail {
  const r = first(db, qb.selectFrom('visit_records').selectAll().where('id', '=', id));
  if (!r) throw new AppFailure('NOT_FOUND', `no visit record ${id}`);
  const assessment =
    r.assessment_id === null
      ? undefined
      : first(db, qb.selectFrom('assessments').selectAll().where('id', '=', r.assessment_id));
  // An amendment that keeps the promise, plan or payment of the record it corrects leaves it
  // where it was; the record shows the newest one of its chain up to itself.
  const section = outcomeSection[r.outcome];
  const upToHere = chainIds(db, id).filter((chainId) => chainId <= id);
  const newest = (table: 'promises' | 'repayment_plans' | 'receipts') =>
    first(
      db,
      qb
        .selectFrom(table)
        .select('id')
        .where('visit_record_id', 'in', upToHere)
        .orderBy('id', 'desc')
        .limit(1),
    )?.id;
  const promise = section === 'promise' ? newest('promises') : undefined;
  const plan = section === 'plan' ? newest('repayment_plans') : undefined;
  const receipt = section === 'payment' ? newest('receipts') : undefined;
  return {
    id: r.id,
    visitId: r.visit_id,
    borrowerId: r.borrower_id,
    borrowerName: borrowerName(db, r.borrower_id),
    amends: r.amends,
    amendReason: r.amend_reason,
    date: r.actual_date,
    start: r.actual_start,
    end: r.actual_end,
    staff: recordStaff(db, r.id),
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
    recordedBy: staffBrief(db, r.recorded_by),
    recordedAt: r.recorded_at,
    promise: promise ? (promiseRows(db, [promise])[0] ?? null) : null,
    receipt: receipt ? receiptRow(db, { id: receipt }) : null,
    plan: plan ? (planRows(db, [plan])[0] ?? null) : null,
    place: r.place,
    placeNote: r.place_note,
    violations: recordViolationsOf(db, [r.id]).get(r.id) ?? [],
  };
}

export function recordHistory(db: Sqlite, recordId: number): RecordHistory {
  const history = chainIds(db, recordId).map((id) => recordDetail(db, id));
  return { effective: history[history.length - 1]!, history };
}

export function recordHistoryForVisit(db: Sqlite, visitId: number): RecordHistory {
  const original = first(
    db,
    qb
      .selectFrom('visit_records')
      .select('id')
      .where('visit_id', '=', visitId)
      .where('amends', 'is', null),
  );
  if (!original) throw new AppFailure('NOT_FOUND', `visit ${visitId} has no record`);
  return recordHistory(db, original.id);
}
