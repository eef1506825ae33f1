import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { Session } from '../../shared/schemas/foundation';
import type { WaiverProposeInput, WaiverRow } from '../../shared/schemas/waivers';
import type { Visitdesk } from '../app/visitdesk';
import { loadExitInForce } from '../cases/exits';
import { loadBorrower } from '../cases/service';
import type { DB } from '../db/schema';
import { loadBranchToday } from '../settings/branch-clock';
import { loadWaiverRow, type Viewer } from './read';
import { approvalRefusal, mayDecide } from './rules';
import { loadWaiverSettings } from './settings';

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

const loanOwedQuery = (db: Kysely<DB>, loanId: number) =>
  db
    .selectFrom('loans')
    .select([
      'id',
      'borrower_id',
      'status',
      'outstanding_principal_fen',
      'overdue_interest_fen',
      'penalty_fen',
    ])
    .where('id', '=', loanId);

async function refuseExited(tx: Kysely<DB>, borrowerId: number, closed: boolean): Promise<void> {
  if (closed || (await loadExitInForce(tx, borrowerId))) {
    throw new AppFailure('CONFLICT', `borrower ${borrowerId} left doorstep collection`, {
      fields: { _: 'v.waiver.caseExited' },
    });
  }
}

export function proposeWaiver(app: Visitdesk, input: WaiverProposeInput): Promise<WaiverRow> {
  return app.write(async (tx) => {
    const me = viewerOf(app);
    const borrower = await loadBorrower(tx, input.borrowerId);
    await refuseExited(tx, input.borrowerId, borrower.status === 'closed');
    const loan = await loanOwedQuery(tx, input.loanId).executeTakeFirst();
    if (!loan || loan.borrower_id !== input.borrowerId || loan.status !== 'active') {
      throw invalid(
        'loanId',
        'v.waiver.loan',
        `loan ${input.loanId} is not an active loan of the borrower`,
      );
    }
    if (input.visitRecordId !== null) {
      const record = await tx
        .selectFrom('visit_records')
        .select('borrower_id')
        .where('id', '=', input.visitRecordId)
        .executeTakeFirst();
      if (!record || record.borrower_id !== input.borrowerId) {
        throw invalid('visitRecordId', 'v.invalid', 'the visit record is not this borrower’s');
      }
    }
    const open = await tx
      .selectFrom('waivers')
      .select('id')
      .where('loan_id', '=', loan.id)
      .where('status', 'in', ['proposed', 'first_approved'])
      .executeTakeFirst();
    if (open) {
      throw new AppFailure('CONFLICT', `loan ${loan.id} has an undecided waiver`, {
        fields: { loanId: 'v.waiver.openExists' },
      });
    }
    const now = app.now();
    const today = await loadBranchToday(tx, now);
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
    const { id } = await tx
      .insertInto('waivers')
      .values({
        borrower_id: input.borrowerId,
        loan_id: loan.id,
        visit_record_id: input.visitRecordId,
        kind: input.kind,
        principal_owed_fen: loan.outstanding_principal_fen,
        interest_owed_fen: loan.overdue_interest_fen,
        penalty_owed_fen: loan.penalty_fen,
        waived_fen: waivedFen,
        settle_pay_fen: settlement ? input.settlePayFen : null,
        pay_by: settlement ? input.payBy : null,
        reason: input.reason,
        status: 'proposed',
        proposed_by: me.staffId,
        proposed_at: now.toISOString(),
        proposed_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = await loadWaiverRow(tx, id, me);
    await app.record(tx, {
      action: 'waiver.propose',
      entity: 'waiver',
      entityId: id,
      subject: input.borrowerId,
      after: auditView(after),
    });
    return after;
  });
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

async function requireOpen(
  tx: Kysely<DB>,
  id: number,
  viewer: NonNullable<Viewer>,
): Promise<WaiverRow> {
  const row = await loadWaiverRow(tx, id, viewer);
  if (row.status !== 'proposed' && row.status !== 'first_approved') {
    throw new AppFailure('CONFLICT', `waiver ${id} is ${row.status}`, {
      fields: { _: 'e.waiver.notOpen' },
    });
  }
  return row;
}

export function approveWaiver(
  app: Visitdesk,
  input: { id: number; note: string },
): Promise<WaiverRow> {
  return app.write(async (tx) => {
    const me = viewerOf(app);
    const before = await requireOpen(tx, input.id, me);
    if (await loadExitInForce(tx, before.borrowerId)) {
      throw new AppFailure('CONFLICT', 'the case left doorstep collection', {
        fields: { _: 'v.waiver.caseExited' },
      });
    }
    const now = app.now();
    const today = await loadBranchToday(tx, now);
    // A settlement whose pay-by day has gone is renegotiated, not approved.
    if (before.payBy !== null && before.payBy < today) {
      throw new AppFailure('CONFLICT', `the pay-by date ${before.payBy} has passed`, {
        fields: { _: 'v.waiver.payByPast' },
      });
    }
    const secondRole = (await loadWaiverSettings(tx)).secondApproverRole;
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
    const at = now.toISOString();
    const approval =
      before.approvals.length === 0
        ? tx.updateTable('waivers').set({
            status: 'first_approved',
            approval1_by: me.staffId,
            approval1_role: role,
            approval1_at: at,
            approval1_note: input.note,
          })
        : tx.updateTable('waivers').set({
            status: 'approved',
            approval2_by: me.staffId,
            approval2_role: role,
            approval2_at: at,
            approval2_note: input.note,
            approved_on: today,
          });
    await approval.where('id', '=', input.id).execute();
    const after = await loadWaiverRow(tx, input.id, me);
    await app.record(tx, {
      action: after.status === 'approved' ? 'waiver.approve' : 'waiver.approveFirst',
      entity: 'waiver',
      entityId: input.id,
      subject: before.borrowerId,
      before: auditView(before),
      after: { ...auditView(after), note: input.note },
    });
    return after;
  });
}

function close(
  app: Visitdesk,
  input: { id: number; reason: string },
  status: 'rejected' | 'withdrawn',
): Promise<WaiverRow> {
  return app.write(async (tx) => {
    const me = viewerOf(app);
    const before = await requireOpen(tx, input.id, me);
    if (status === 'rejected') {
      const secondRole = (await loadWaiverSettings(tx)).secondApproverRole;
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
    await tx
      .updateTable('waivers')
      .set({
        status,
        closed_by: me.staffId,
        closed_at: app.now().toISOString(),
        close_reason: input.reason,
      })
      .where('id', '=', input.id)
      .execute();
    const after = await loadWaiverRow(tx, input.id, me);
    await app.record(tx, {
      action: status === 'rejected' ? 'waiver.reject' : 'waiver.withdraw',
      entity: 'waiver',
      entityId: input.id,
      subject: before.borrowerId,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export const rejectWaiver = (app: Visitdesk, input: { id: number; reason: string }) =>
  close(app, input, 'rejected');

export const withdrawWaiver = (app: Visitdesk, input: { id: number; reason: string }) =>
  close(app, input, 'withdrawn');

/**
 * Approved settlements past their pay-by date (before `today`) and what was paid on the loan
 * from the day of the proposal to the pay-by date. The sum is cast back to an integer:
 * PostgreSQL's sum of bigint is numeric.
 */
const settlementsDueQuery = (db: Kysely<DB>, today: string) =>
  db
    .selectFrom('waivers as w')
    .select((eb) => [
      'w.id',
      'w.borrower_id',
      'w.settle_pay_fen',
      'w.pay_by',
      eb
        .cast<number>(
          eb.fn.coalesce(
            eb
              .selectFrom('payments as p')
              .select((pb) => pb.fn.sum<number>('p.amount_fen').as('paid'))
              .whereRef('p.loan_id', '=', 'w.loan_id')
              .whereRef('p.paid_on', '>=', 'w.proposed_on')
              .whereRef('p.paid_on', '<=', 'w.pay_by'),
            eb.lit(0),
          ),
          'bigint',
        )
        .as('paid_fen'),
    ])
    .where('w.kind', '=', 'settlement')
    .where('w.status', '=', 'approved')
    .where('w.pay_by', '<', today)
    .orderBy('w.id');

async function settlementsLapsing(db: Kysely<DB>, today: string) {
  const due = await settlementsDueQuery(db, today).execute();
  return due.flatMap((w) =>
    w.settle_pay_fen !== null && w.pay_by !== null && w.paid_fen < w.settle_pay_fen
      ? [{ ...w, settle_pay_fen: w.settle_pay_fen, pay_by: w.pay_by }]
      : [],
  );
}

/**
 * Approved settlements whose pay-by date has passed without the agreed money on the loan
 * (payments dated from the day of the proposal to the pay-by date) lapse: the waiver does not
 * happen. Runs before proposals are listed: looked for on the engine, and only when some are
 * due, found again and lapsed in one write, one audit row each (so two desks listing at once
 * lapse each settlement once).
 */
export async function lapseSettlements(app: Visitdesk): Promise<number> {
  const now = app.now();
  const today = await loadBranchToday(app.engine.db, now);
  if ((await settlementsLapsing(app.engine.db, today)).length === 0) return 0;
  return app.write(async (tx) => {
    const lapsing = await settlementsLapsing(tx, today);
    const at = now.toISOString();
    for (const w of lapsing) {
      await tx
        .updateTable('waivers')
        .set({
          status: 'lapsed',
          closed_at: at,
          close_reason: `paid ${w.paid_fen} of ${w.settle_pay_fen} by ${w.pay_by}`,
        })
        .where('id', '=', w.id)
        .execute();
      await app.record(tx, {
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
    return lapsing.length;
  });
}
