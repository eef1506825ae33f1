import { AppFailure } from '../../shared/result';
import type { Session } from '../../shared/schemas/foundation';
import type { WaiverProposeInput, WaiverRow } from '../../shared/schemas/waivers';
import type { Visitdesk } from '../app/visitdesk';
import { exitInForce } from '../cases/exits';
import { requireBorrower } from '../cases/service';
import { statement } from '../db/query';
import { branchToday } from '../settings/branch-clock';
import { waiverRow, type Viewer } from './read';
import { approvalRefusal, mayDecide } from './rules';
import { readWaiverSettings } from './settings';

/**
 * Waivers and settlements (DOMAIN: "Waivers (减免) and settlements need two approvers"). Each
 * user action is one transaction with its audit row; the amounts owed are the loan's on file
 * when the proposal is made, and stay with it.
 */

const invalid = (field: string, key: string, message: string) =>
  new AppFailure('VALIDATION', message, { fields: { [field]: key } });

function viewerOf(app: Visitdesk): NonNullable<Viewer> & Pick<Session, 'name'> {
  const session = app.session;
  if (!session) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return session;
}

interface LoanOwed {
  id: number;
  borrower_id: number;
  status: string;
  outstanding_principal_fen: number;
  overdue_interest_fen: number;
  penalty_fen: number;
}

export function proposeWaiver(app: Visitdesk, input: WaiverProposeInput): WaiverRow {
  return app.db.transaction(() => {
    const me = viewerOf(app);
    const borrower = requireBorrower(app.db, input.borrowerId);
    if (exitInForce(app.db, input.borrowerId) || borrower.status === 'closed') {
      throw new AppFailure('CONFLICT', `borrower ${input.borrowerId} left doorstep collection`, {
        fields: { _: 'v.waiver.caseExited' },
      });
    }
    const loan = statement(
      app.db,
      `SELECT id, borrower_id, status, outstanding_principal_fen, overdue_interest_fen,
         penalty_fen FROM loans WHERE id = ?`,
    ).get(input.loanId) as LoanOwed | undefined;
    if (!loan || loan.borrower_id !== input.borrowerId || loan.status !== 'active') {
      throw invalid(
        'loanId',
        'v.waiver.loan',
        `loan ${input.loanId} is not an active loan of the borrower`,
      );
    }
    if (input.visitRecordId !== null) {
      const record = statement(app.db, 'SELECT borrower_id FROM visit_records WHERE id = ?').get(
        input.visitRecordId,
      ) as { borrower_id: number } | undefined;
      if (!record || record.borrower_id !== input.borrowerId) {
        throw invalid('visitRecordId', 'v.invalid', 'the visit record is not this borrower’s');
      }
    }
    const open = statement(
      app.db,
      `SELECT id FROM waivers WHERE loan_id = ? AND status IN ('proposed', 'first_approved')`,
    ).get(loan.id);
    if (open) {
      throw new AppFailure('CONFLICT', `loan ${loan.id} has an undecided waiver`, {
        fields: { loanId: 'v.waiver.openExists' },
      });
    }
    const now = app.now();
    const today = branchToday(app.db, now);
    const owed = loan.outstanding_principal_fen + loan.overdue_interest_fen + loan.penalty_fen;
    let waivedFen: number;
    if (input.kind === 'settlement') {
      const pay = input.settlePayFen!;
      if (pay >= owed) {
        throw invalid('settlePayFen', 'v.waiver.payNotLess', 'a settlement pays less than owed');
      }
      if (input.payBy! < today) {
        throw invalid('payBy', 'v.waiver.payByPast', 'the pay-by date is in the past');
      }
      waivedFen = owed - pay;
    } else {
      waivedFen = input.waivedFen!;
      const limit = input.kind === 'penalty' ? loan.penalty_fen : loan.overdue_interest_fen;
      if (waivedFen > limit) {
        throw new AppFailure('VALIDATION', 'the amount waived exceeds what is owed', {
          fields: { waivedFen: 'v.waiver.overOwed' },
          details: { owedFen: limit },
        });
      }
    }
    const settlement = input.kind === 'settlement';
    const id = Number(
      statement(
        app.db,
        `INSERT INTO waivers (borrower_id, loan_id, visit_record_id, kind, principal_owed_fen,
           interest_owed_fen, penalty_owed_fen, waived_fen, settle_pay_fen, pay_by, reason,
           status, proposed_by, proposed_at, proposed_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?)`,
      ).run(
        input.borrowerId,
        loan.id,
        input.visitRecordId,
        input.kind,
        loan.outstanding_principal_fen,
        loan.overdue_interest_fen,
        loan.penalty_fen,
        waivedFen,
        settlement ? input.settlePayFen : null,
        settlement ? input.payBy : null,
        input.reason,
        me.staffId,
        now.toISOString(),
        today,
      ).lastInsertRowid,
    );
    const after = waiverRow(app.db, id, me);
    app.audit({
      action: 'waiver.propose',
      entity: 'waiver',
      entityId: id,
      subject: input.borrowerId,
      after: auditView(after),
    });
    return after;
  })();
}

/** What the audit row keeps: the facts, not the viewer's flags. */
function auditView(row: WaiverRow) {
  return {
    kind: row.kind,
    loanNo: row.loanNo,
    owedFen: row.owedFen,
    principalOwedFen: row.principalOwedFen,
    interestOwedFen: row.interestOwedFen,
    penaltyOwedFen: row.penaltyOwedFen,
    waivedFen: row.waivedFen,
    settlePayFen: row.settlePayFen,
    payBy: row.payBy,
    reason: row.reason,
    status: row.status,
    visitRecordId: row.visitRecordId,
    approvals: row.approvals.map((a) => ({ staffId: a.staffId, role: a.role, at: a.at })),
    closeReason: row.closeReason,
  };
}

function requireOpen(app: Visitdesk, id: number, viewer: NonNullable<Viewer>): WaiverRow {
  const row = waiverRow(app.db, id, viewer);
  if (row.status !== 'proposed' && row.status !== 'first_approved') {
    throw new AppFailure('CONFLICT', `waiver ${id} is ${row.status}`, {
      fields: { _: 'e.waiver.notOpen' },
    });
  }
  return row;
}

export function approveWaiver(app: Visitdesk, input: { id: number; note: string }): WaiverRow {
  return app.db.transaction(() => {
    const me = viewerOf(app);
    const before = requireOpen(app, input.id, me);
    if (exitInForce(app.db, before.borrowerId)) {
      throw new AppFailure('CONFLICT', 'the case left doorstep collection', {
        fields: { _: 'v.waiver.caseExited' },
      });
    }
    // A settlement whose pay-by day has gone is renegotiated, not approved.
    if (before.payBy !== null && before.payBy < branchToday(app.db, app.now())) {
      throw new AppFailure('CONFLICT', `the pay-by date ${before.payBy} has passed`, {
        fields: { _: 'v.waiver.payByPast' },
      });
    }
    const secondRole = readWaiverSettings(app.db).secondApproverRole;
    const refusal = approvalRefusal(
      { proposedBy: before.proposedBy.id, approvals: before.approvals },
      me,
      secondRole,
    );
    if (refusal) {
      throw new AppFailure('FORBIDDEN', `approval refused: ${refusal}`, {
        fields: { _: refusal },
        details: { secondApproverRole: secondRole },
      });
    }
    // mayDecide passed: the role is the manager or the second approver's, both in the column's set.
    const role = me.role as 'manager' | 'auditor';
    const at = app.now().toISOString();
    if (before.approvals.length === 0) {
      statement(
        app.db,
        `UPDATE waivers SET status = 'first_approved', approval1_by = ?, approval1_role = ?,
           approval1_at = ?, approval1_note = ? WHERE id = ?`,
      ).run(me.staffId, role, at, input.note, input.id);
    } else {
      statement(
        app.db,
        `UPDATE waivers SET status = 'approved', approval2_by = ?, approval2_role = ?,
           approval2_at = ?, approval2_note = ?, approved_on = ? WHERE id = ?`,
      ).run(me.staffId, role, at, input.note, branchToday(app.db, app.now()), input.id);
    }
    const after = waiverRow(app.db, input.id, me);
    app.audit({
      action: after.status === 'approved' ? 'waiver.approve' : 'waiver.approveFirst',
      entity: 'waiver',
      entityId: input.id,
      subject: before.borrowerId,
      before: auditView(before),
      after: { ...auditView(after), note: input.note },
    });
    return after;
  })();
}

function close(
  app: Visitdesk,
  input: { id: number; reason: string },
  status: 'rejected' | 'withdrawn',
): WaiverRow {
  return app.db.transaction(() => {
    const me = viewerOf(app);
    const before = requireOpen(app, input.id, me);
    if (status === 'rejected') {
      const secondRole = readWaiverSettings(app.db).secondApproverRole;
      if (me.staffId === before.proposedBy.id || !mayDecide(me.role, secondRole)) {
        throw new AppFailure('FORBIDDEN', 'only an approver other than the proposer rejects', {
          fields: {
            _: me.staffId === before.proposedBy.id ? 'e.waiver.ownProposal' : 'e.waiver.role',
          },
        });
      }
    } else if (me.staffId !== before.proposedBy.id && me.role !== 'manager') {
      throw new AppFailure('FORBIDDEN', 'only the proposer or a manager withdraws a proposal');
    }
    statement(
      app.db,
      `UPDATE waivers SET status = ?, closed_by = ?, closed_at = ?, close_reason = ? WHERE id = ?`,
    ).run(status, me.staffId, app.now().toISOString(), input.reason, input.id);
    const after = waiverRow(app.db, input.id, me);
    app.audit({
      action: status === 'rejected' ? 'waiver.reject' : 'waiver.withdraw',
      entity: 'waiver',
      entityId: input.id,
      subject: before.borrowerId,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  })();
}

export const rejectWaiver = (app: Visitdesk, input: { id: number; reason: string }) =>
  close(app, input, 'rejected');

export const withdrawWaiver = (app: Visitdesk, input: { id: number; reason: string }) =>
  close(app, input, 'withdrawn');

/**
 * Approved settlements whose pay-by date has passed without the agreed money on the loan
 * (payments dated from the day of the proposal to the pay-by date) lapse: the waiver does not
 * happen. Runs before proposals are listed, in its own transaction, one audit row each.
 */
export function lapseSettlements(app: Visitdesk): number {
  const today = branchToday(app.db, app.now());
  const due = statement(
    app.db,
    `SELECT w.id, w.borrower_id, w.settle_pay_fen, w.pay_by,
       (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p
         WHERE p.loan_id = w.loan_id AND p.paid_on >= w.proposed_on AND p.paid_on <= w.pay_by)
         AS paid_fen
     FROM waivers w
     WHERE w.kind = 'settlement' AND w.status = 'approved' AND w.pay_by < ?`,
  ).all(today) as {
    id: number;
    borrower_id: number;
    settle_pay_fen: number;
    pay_by: string;
    paid_fen: number;
  }[];
  const lapsing = due.filter((w) => w.paid_fen < w.settle_pay_fen);
  if (lapsing.length === 0) return 0;
  app.db.transaction(() => {
    const at = app.now().toISOString();
    for (const w of lapsing) {
      statement(
        app.db,
        `UPDATE waivers SET status = 'lapsed', closed_at = ?, close_reason = ? WHERE id = ?`,
      ).run(at, `paid ${w.paid_fen} of ${w.settle_pay_fen} by ${w.pay_by}`, w.id);
      app.audit({
        action: 'waiver.lapse',
        entity: 'waiver',
        entityId: w.id,
        subject: w.borrower_id,
        before: { status: 'approved' },
        after: {
          status: 'lapsed',
          payBy: w.pay_by,
          paidFen: w.paid_fen,
          settlePayFen: w.settle_pay_fen,
        },
      });
    }
  })();
  return lapsing.length;
}
