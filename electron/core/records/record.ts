import type { RecordViolation } from '../../shared/compliance';
import type { AmendVisit, RecordVisit } from '../../shared/schemas/records';
import type { RecordHistory } from '../../shared/schemas/records-views';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, qb, run } from '../db/query';
import { requireOpenVisit, visitDetail } from '../planning/visit-read';
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
 * Saving what happened on a visit, and correcting it. One transaction per action, each
 * audited with before and after.
 */

export function recordVisitOutcome(app: Visitdesk, input: RecordVisit): RecordHistory {
  return app.db.transaction(() => {
    const existing = first(
      app.db,
      qb
        .selectFrom('visit_records')
        .select('id')
        .where('visit_id', '=', input.visitId)
        .where('amends', 'is', null),
    );
    if (existing) {
      throw new AppFailure('CONFLICT', `visit ${input.visitId} is already recorded; amend it`, {
        details: { recordId: existing.id },
      });
    }
    const visit = requireOpenVisit(app.db, input.visitId);
    const borrowerId = visit.borrower_id;
    checkAgainstFacts(app, input, borrowerId);
    const visitBefore = visitDetail(app.db, visit.id);

    const assessmentId = insertAssessment(app, input, borrowerId);
    const recordId = insertRecordRow(
      app,
      input,
      { visitId: visit.id, borrowerId, assessmentId },
      null,
    );
    // What the plan promised, checked against what happened; saved either way.
    const violations = recheckRecord(app, { visit, body: input });
    insertRecordViolations(app.db, recordId, violations);
    const at = app.now().toISOString();
    if (input.promise) {
      insertPromise(app.db, input.promise, {
        borrowerId,
        recordId,
        promisedOn: input.date,
        at,
      });
    }
    if (input.payment) {
      takeVisitPayment(app, {
        ...input.payment,
        borrowerId,
        visitRecordId: recordId,
        paidOn: input.date,
        paidTime: input.end,
      });
    }
    if (input.plan) proposePlan(app, input.plan, borrowerId, recordId);
    setVisitStatus(app, visit.id, input.met);
    recordContact(app, input, borrowerId);
    setFollowUp(app, input, borrowerId, recordId, { status: 'done' });
    // Money taken now may keep an earlier promise or instalment.
    if (input.payment) evaluateAfterPayments(app, [borrowerId]);

    const after = recordHistory(app.db, recordId);
    app.audit({
      action: 'visit.record',
      entity: 'visit_record',
      entityId: recordId,
      subject: borrowerId,
      before: { visit: visitBefore },
      after: {
        violations: auditedViolations(violations),
        record: after.effective,
        visit: visitDetail(app.db, visit.id),
      },
    });
    return after;
  })();
}

/** The chain's promises and plans that still stand (not replaced by an earlier amendment). */
function standing(app: Visitdesk, chain: readonly number[]) {
  const promises = all(
    app.db,
    qb
      .selectFrom('promises')
      .selectAll()
      .where('visit_record_id', 'in', [...chain])
      .where('status', '<>', 'superseded'),
  );
  const planIds = all(
    app.db,
    qb
      .selectFrom('repayment_plans')
      .select('id')
      .where('visit_record_id', 'in', [...chain])
      .where('status', 'not in', ['superseded', 'rejected']),
  ).map((p) => p.id);
  const receipt = first(
    app.db,
    qb
      .selectFrom('receipts')
      .innerJoin('payments', 'payments.id', 'receipts.payment_id')
      .select(['payments.amount_fen', 'payments.method', 'payments.loan_id'])
      .where('receipts.visit_record_id', 'in', [...chain]),
  );
  return { promises, plans: planRows(app.db, planIds), receipt };
}

/**
 * A correction: a new record pointing at the original, which stays as it was. What the
 * correction changes follows from it: a changed promise or undecided plan is superseded and
 * the new one written; a payment with a receipt cannot be undone here (the receipt is out in
 * the borrower's hands), nor can a plan the manager has already decided.
 */
export function amendVisitRecord(app: Visitdesk, input: AmendVisit): RecordHistory {
  return app.db.transaction(() => {
    const chain = chainIds(app.db, input.recordId);
    const before = recordHistory(app.db, chain[0]!);
    const original = before.history[0]!;
    const borrowerId = original.borrowerId;
    checkAgainstFacts(app, input, borrowerId);
    const { promises, plans, receipt } = standing(app, chain);

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
        : insertAssessment(app, input, borrowerId);
    const recordId = insertRecordRow(
      app,
      input,
      { visitId: original.visitId, borrowerId, assessmentId },
      { amends: original.id, reason: input.reason },
    );
    // A correction is judged afresh: it may put right the times or the staff, or not.
    const visit = first(
      app.db,
      qb.selectFrom('visits').selectAll().where('id', '=', original.visitId),
    );
    const violations = visit ? recheckRecord(app, { visit, body: input }) : [];
    insertRecordViolations(app.db, recordId, violations);
    const at = app.now().toISOString();

    const kept = promises.find(
      (p) =>
        input.promise !== null &&
        p.amount_fen === input.promise.amountFen &&
        p.due_on === input.promise.dueOn &&
        p.loan_id === input.promise.loanId,
    );
    for (const p of promises.filter((p) => p !== kept)) {
      run(app.db, qb.updateTable('promises').set({ status: 'superseded' }).where('id', '=', p.id));
    }
    if (input.promise && !kept) {
      insertPromise(app.db, input.promise, { borrowerId, recordId, promisedOn: input.date, at });
    }

    const keptPlan = plans.find((p) => input.plan !== null && samePlan(p, input.plan));
    for (const p of plans.filter((p) => p !== keptPlan)) supersedePlan(app, p.id);
    if (input.plan && !keptPlan) proposePlan(app, input.plan, borrowerId, recordId);

    if (input.payment && !receipt) {
      takeVisitPayment(app, {
        ...input.payment,
        borrowerId,
        visitRecordId: recordId,
        paidOn: input.date,
        paidTime: input.end,
      });
    }
    setVisitStatus(app, original.visitId, input.met);
    setFollowUp(app, input, borrowerId, recordId, { status: 'replaced', recordIds: chain });
    // Superseded promises no longer count; the borrower's marker follows.
    evaluateAfterPayments(app, [borrowerId]);

    const after = recordHistory(app.db, recordId);
    app.audit({
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
  })();
}
