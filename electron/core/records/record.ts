import type { Kysely } from 'kysely';
import type { RecordViolation } from '../../shared/compliance';
import type { AmendVisit, RecordVisit } from '../../shared/schemas/records';
import type { RecordHistory } from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadOpenVisit, loadVisitDetail } from '../planning/visit-read';
import { evaluateAfterPayments } from './evaluate';
import {
  checkAgainstFacts,
  insertAssessment,
  insertPromise,
  insertRecordRow,
  recordContact,
  sameSituation,
  setFollowUp,
  setVisitStatus,
} from './parts';
import { proposePlan, samePlan, supersedePlan } from './plans';
import { chainIds, planRows, recordHistory } from './read';
import { takeVisitPayment } from './receipts';
import { insertRecordViolations, recheckRecord } from './recheck';

/** The audit row names the rules the record broke, in both languages, first thing. */
const auditedViolations = (violations: readonly RecordViolation[]) =>
  violations.map((v) => ({
    code: v.code,
    severity: v.severity,
    zh: v.message.zh,
    en: v.message.en,
  }));

/**
 * Saving what happened on a visit, and correcting it. One write per action, in which the facts
 * are checked, the record and what it brings (promise, payment and receipt, plan, follow-up)
 * written and the borrower's promises judged again, each audited with before and after.
 */

export function recordVisitOutcome(app: Visitdesk, input: RecordVisit): Promise<RecordHistory> {
  return app.write(async (tx) => {
    const existing = await tx
      .selectFrom('visit_records')
      .select('id')
      .where('visit_id', '=', input.visitId)
      .where('amends', 'is', null)
      .executeTakeFirst();
    if (existing) {
      throw new AppFailure('CONFLICT', `visit ${input.visitId} is already recorded; amend it`, {
        details: { recordId: existing.id },
      });
    }
    const visit = await loadOpenVisit(tx, input.visitId);
    const borrowerId = visit.borrower_id;
    await checkAgainstFacts(app, tx, input, borrowerId);
    const visitBefore = await loadVisitDetail(tx, visit.id);

    const assessmentId = await insertAssessment(app, tx, input, borrowerId);
    const recordId = await insertRecordRow(
      app,
      tx,
      input,
      { visitId: visit.id, borrowerId, assessmentId },
      null,
    );
    // What the plan promised, checked against what happened; saved either way.
    const violations = await recheckRecord(tx, { visit, body: input });
    await insertRecordViolations(tx, recordId, violations);
    const at = app.now().toISOString();
    if (input.promise) {
      await insertPromise(tx, input.promise, {
        borrowerId,
        recordId,
        promisedOn: input.date,
        at,
      });
    }
    if (input.payment) {
      await takeVisitPayment(app, tx, {
        ...input.payment,
        borrowerId,
        visitRecordId: recordId,
        paidOn: input.date,
        paidTime: input.end,
      });
    }
    if (input.plan) await proposePlan(app, tx, input.plan, borrowerId, recordId);
    await setVisitStatus(app, tx, visit.id, input.met);
    await recordContact(app, tx, input, borrowerId);
    await setFollowUp(app, tx, input, borrowerId, recordId, { status: 'done' });
    // Money taken now may keep an earlier promise or instalment.
    if (input.payment) await evaluateAfterPayments(app, tx, [borrowerId]);

    const after = await recordHistory(tx, recordId);
    await app.record(tx, {
      action: 'visit.record',
      entity: 'visit_record',
      entityId: recordId,
      subject: borrowerId,
      before: { visit: visitBefore },
      after: {
        violations: auditedViolations(violations),
        record: after.effective,
        visit: await loadVisitDetail(tx, visit.id),
      },
    });
    return after;
  });
}

/** The chain's promises and plans that still stand (not replaced by an earlier amendment). */
async function standing(tx: Kysely<DB>, chain: readonly number[]) {
  const promises = await tx
    .selectFrom('promises')
    .selectAll()
    .where('visit_record_id', 'in', [...chain])
    .where('status', '<>', 'superseded')
    .execute();
  const planIds = (
    await tx
      .selectFrom('repayment_plans')
      .select('id')
      .where('visit_record_id', 'in', [...chain])
      .where('status', 'not in', ['superseded', 'rejected'])
      .execute()
  ).map((p) => p.id);
  const receipt = await tx
    .selectFrom('receipts')
    .innerJoin('payments', 'payments.id', 'receipts.payment_id')
    .select(['payments.amount_fen', 'payments.method', 'payments.loan_id'])
    .where('receipts.visit_record_id', 'in', [...chain])
    .executeTakeFirst();
  return { promises, plans: await planRows(tx, planIds), receipt };
}

/**
 * A correction: a new record pointing at the original, which stays as it was. What the
 * correction changes follows from it: a changed promise or undecided plan is superseded and
 * the new one written; a payment with a receipt cannot be undone here (the receipt is out in
 * the borrower's hands), nor can a plan the manager has already decided.
 */
export function amendVisitRecord(app: Visitdesk, input: AmendVisit): Promise<RecordHistory> {
  return app.write(async (tx) => {
    const chain = await chainIds(tx, input.recordId);
    const before = await recordHistory(tx, chain[0]!);
    const original = before.history[0]!;
    const borrowerId = original.borrowerId;
    await checkAgainstFacts(app, tx, input, borrowerId);
    const { promises, plans, receipt } = await standing(tx, chain);

    if (receipt) {
      const same =
        input.payment !== null &&
        input.payment.amountFen === receipt.amount_fen &&
        input.payment.method === receipt.method &&
        input.payment.loanId === receipt.loan_id;
      if (!same) {
        throw new AppFailure('CONFLICT', 'a receipt was issued; the payment cannot be amended', {
          fields: { 'payment.amountFen': 'v.receiptIssued' },
        });
      }
    }
    const effective = before.effective;
    const assessmentId =
      effective.assessmentId !== null && sameSituation(input.situation, effective.situation)
        ? effective.assessmentId
        : await insertAssessment(app, tx, input, borrowerId);
    const recordId = await insertRecordRow(
      app,
      tx,
      input,
      { visitId: original.visitId, borrowerId, assessmentId },
      { amends: original.id, reason: input.reason },
    );
    // A correction is judged afresh: it may put right the times or the staff, or not.
    const visit = await tx
      .selectFrom('visits')
      .selectAll()
      .where('id', '=', original.visitId)
      .executeTakeFirst();
    const violations = visit ? await recheckRecord(tx, { visit, body: input }) : [];
    await insertRecordViolations(tx, recordId, violations);
    const at = app.now().toISOString();

    const kept = promises.find(
      (p) =>
        input.promise !== null &&
        p.amount_fen === input.promise.amountFen &&
        p.due_on === input.promise.dueOn &&
        p.loan_id === input.promise.loanId,
    );
    for (const p of promises.filter((p) => p !== kept)) {
      await tx
        .updateTable('promises')
        .set({ status: 'superseded' })
        .where('id', '=', p.id)
        .execute();
    }
    if (input.promise && !kept) {
      await insertPromise(tx, input.promise, { borrowerId, recordId, promisedOn: input.date, at });
    }

    const keptPlan = plans.find((p) => input.plan !== null && samePlan(p, input.plan));
    for (const p of plans.filter((p) => p !== keptPlan)) await supersedePlan(tx, p.id);
    if (input.plan && !keptPlan) await proposePlan(app, tx, input.plan, borrowerId, recordId);

    if (input.payment && !receipt) {
      await takeVisitPayment(app, tx, {
        ...input.payment,
        borrowerId,
        visitRecordId: recordId,
        paidOn: input.date,
        paidTime: input.end,
      });
    }
    await setVisitStatus(app, tx, original.visitId, input.met);
    await setFollowUp(app, tx, input, borrowerId, recordId, {
      status: 'replaced',
      recordIds: chain,
    });
    // Superseded promises no longer count; the borrower's marker follows.
    await evaluateAfterPayments(app, tx, [borrowerId]);

    const after = await recordHistory(tx, recordId);
    await app.record(tx, {
      action: 'visit.amend',
      entity: 'visit_record',
      entityId: recordId,
      subject: borrowerId,
      before: { record: effective },
      after: {
        violations: auditedViolations(violations),
        record: after.effective,
        amends: original.id,
        reason: input.reason,
      },
    });
    return after;
  });
}
