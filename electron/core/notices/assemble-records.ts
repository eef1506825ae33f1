import { AppFailure } from '../../shared/result';
import {
  paymentMethods,
  type DocumentLang,
  type LoanOnDocument,
  type StaffOnDocument,
} from '../../shared/schemas/notices';
import type { PlanStatus } from '../../shared/schemas/records';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import {
  borrowerOnDocument,
  documentCommon,
  loanColumns,
  loanOnDocument,
  repaymentChannelsFor,
  type Assembled,
  type AssembleContext,
} from './assemble-common';

/**
 * Receipts and repayment plan agreements, from the visit-records tables (migration 004): a
 * receipt from `receipts` and the payment it was issued for, an agreement from
 * `repayment_plans` and `plan_instalments`. Reads only, like assemble.ts.
 */

/** The staff who went on the visit the record describes, by staff number. */
async function recordStaff(db: Kysely<DB>, visitRecordId: number): Promise<StaffOnDocument[]> {
  const rows = await db
    .selectFrom('visit_record_staff as rs')
    .innerJoin('staff as s', 's.id', 'rs.staff_id')
    .select(['s.name', 's.staff_no'])
    .where('rs.record_id', '=', visitRecordId)
    .orderBy('s.staff_no')
    .execute();
  return rows.map((row) => ({ name: row.name, staffNo: row.staff_no }));
}

async function staffMember(db: Kysely<DB>, staffId: number): Promise<StaffOnDocument[]> {
  const row = await db
    .selectFrom('staff')
    .select(['name', 'staff_no'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row ? [{ name: row.name, staffNo: row.staff_no }] : [];
}

const receiptNote: Record<DocumentLang, string> = {
  zh: '上门走访现场收取',
  en: 'Taken during a home visit',
};

const isPaymentMethod = (method: string): method is (typeof paymentMethods)[number] =>
  (paymentMethods as readonly string[]).includes(method);

/**
 * 收据 for money taken on a visit: the receipt number from the branch's receipt series
 * (QS001-SJ-2026-000001, records/receipts.ts), the payer, the loan, the amount (the layout
 * writes it in figures and in capitals), the time of payment and the staff who took it with
 * their staff numbers. It is dated the day the money was taken (paid_at is the branch's wall
 * clock), whenever it is printed; its document reference comes from the print log as for any
 * document.
 */
export async function assemblePaymentReceipt(
  ctx: AssembleContext,
  receiptId: number,
): Promise<Assembled> {
  const row = await ctx.db
    .selectFrom('receipts as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .innerJoin('visit_records as vr', 'vr.id', 'r.visit_record_id')
    .innerJoin('loans as l', 'l.id', 'p.loan_id')
    .select([
      'r.receipt_no',
      'r.paid_at',
      'r.issued_by',
      'r.visit_record_id',
      'vr.visit_id',
      'p.borrower_id',
      'p.amount_fen',
      'p.method',
      'l.loan_no',
    ])
    .where('r.id', '=', receiptId)
    .executeTakeFirst();
  if (!row) {
    throw new AppFailure('NOT_FOUND', `no receipt ${receiptId}`, {
      details: { kind: 'paymentReceipt', receiptId },
    });
  }
  const staff = await recordStaff(ctx.db, row.visit_record_id);
  return {
    doc: {
      kind: 'paymentReceipt',
      ...(await documentCommon(ctx, 'paymentReceipt')),
      issueDate: row.paid_at.slice(0, 10),
      receiptNo: row.receipt_no,
      borrower: await borrowerOnDocument(ctx.db, row.borrower_id),
      loanNo: row.loan_no,
      amountFen: row.amount_fen,
      paidAt: row.paid_at,
      method: isPaymentMethod(row.method) ? row.method : 'other',
      // A record always names its staff; the issuer stands in should one ever not.
      collectedBy: staff.length ? staff : await staffMember(ctx.db, row.issued_by),
      note: receiptNote[ctx.lang],
    },
    subject: `receipt:${receiptId}`,
    borrowerId: row.borrower_id,
    visitId: row.visit_id,
    oncePerSubject: true,
  };
}

/** Plans the manager approved; completed and broken plans were approved too, and stay agreed. */
const agreedStatuses: readonly PlanStatus[] = ['approved', 'completed', 'broken'];

const notAgreedReason: Record<Exclude<PlanStatus, 'approved' | 'completed' | 'broken'>, string> = {
  proposed: 'e.planNotApproved',
  rejected: 'e.planRejected',
  superseded: 'e.planSuperseded',
};

/**
 * The loans an agreement is about: the plan's loan, else the borrower's open overdue loans;
 * when a plan has cured them all (a completed plan printed later), the borrower's open loans.
 */
async function planLoans(
  db: Kysely<DB>,
  plan: { borrower_id: number; loan_id: number | null },
  issueDate: string,
): Promise<LoanOnDocument[]> {
  const base = db
    .selectFrom('loans as l')
    .select(loanColumns)
    .where('l.borrower_id', '=', plan.borrower_id)
    .orderBy('l.overdue_since', (ob) => ob.asc().nullsFirst())
    .orderBy('l.loan_no')
    .limit(20);
  const candidates =
    plan.loan_id !== null
      ? [base.where('l.id', '=', plan.loan_id)]
      : [
          base.where('l.status', '=', 'active').where('l.overdue_since', 'is not', null),
          base.where('l.status', '=', 'active'),
        ];
  for (const query of candidates) {
    const loans = (await query.execute()).map((row) => loanOnDocument(row, issueDate));
    if (loans.length) return loans;
  }
  throw new AppFailure('CONFLICT', `the plan's borrower ${plan.borrower_id} has no loan to name`);
}

/**
 * 还款计划协议 for an approved plan: the loans, the instalments as approved, and the staff who
 * agreed it on the visit. A plan still waiting for approval, rejected or replaced has no
 * agreement: CONFLICT, with `details.reason` saying which in both languages.
 */
export async function assemblePlanAgreement(
  ctx: AssembleContext,
  planId: number,
): Promise<Assembled> {
  const plan = await ctx.db
    .selectFrom('repayment_plans as rp')
    .innerJoin('visit_records as vr', 'vr.id', 'rp.visit_record_id')
    .select([
      'rp.borrower_id',
      'rp.loan_id',
      'rp.status',
      'rp.visit_record_id',
      'rp.proposed_by',
      'vr.visit_id',
    ])
    .where('rp.id', '=', planId)
    .executeTakeFirst();
  if (!plan) {
    throw new AppFailure('NOT_FOUND', `no repayment plan ${planId}`, {
      details: { kind: 'repaymentPlanAgreement', planId },
    });
  }
  if (!agreedStatuses.includes(plan.status)) {
    const status = plan.status as keyof typeof notAgreedReason;
    throw new AppFailure(
      'CONFLICT',
      `plan ${planId} is ${status}; only an approved plan has an agreement to print`,
      { details: { planId, status, reason: notAgreedReason[status] } },
    );
  }
  const instalments = (
    await ctx.db
      .selectFrom('plan_instalments')
      .select(['seq', 'due_on', 'amount_fen'])
      .where('plan_id', '=', planId)
      .orderBy('seq')
      .execute()
  ).map((row) => ({ seq: row.seq, dueDate: row.due_on, amountFen: row.amount_fen }));
  const staff = await recordStaff(ctx.db, plan.visit_record_id);
  return {
    doc: {
      kind: 'repaymentPlanAgreement',
      ...(await documentCommon(ctx, 'repaymentPlanAgreement')),
      borrower: await borrowerOnDocument(ctx.db, plan.borrower_id),
      loans: await planLoans(ctx.db, plan, ctx.issueDate),
      repaymentChannels: repaymentChannelsFor(ctx),
      instalments,
      staff: staff.length ? staff : await staffMember(ctx.db, plan.proposed_by),
    },
    subject: `plan:${planId}`,
    borrowerId: plan.borrower_id,
    visitId: plan.visit_id,
    oncePerSubject: true,
  };
}
