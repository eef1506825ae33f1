import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  approveVisitInput,
  cancelVisitInput,
  recordNoticeInput,
  VisitDetail,
} from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { ownProposalFailure } from './approvers';
import { approvalGrant, decide, evaluate, overrideColumns } from './decide';
import { noticeJudge, noticeKept, refuseFutureNotice } from './notice';
import { complianceContext } from './rules';
import { checkVisitVersion, loadOpenVisit, loadVisitDetail } from './visit-read';
import { auditDecision, currentStaff, plannerId } from './visits';
import { readFlag, writeFlag } from '../db/columns';

/** A visit's life after planning: cancelled, approved, announced to the borrower. */

export function cancelVisit(
  app: Visitdesk,
  input: z.output<typeof cancelVisitInput>,
): Promise<VisitDetail> {
  return app.write(async (tx) => {
    const before = await checkVisitVersion(tx, input.id, input.version);
    await loadOpenVisit(tx, input.id);
    await tx
      .updateTable('visits')
      .set({
        status: 'cancelled',
        status_note: input.reason,
        updated_at: app.now().toISOString(),
      })
      .where('id', '=', input.id)
      .execute();
    const after = await loadVisitDetail(tx, input.id);
    await app.record(tx, {
      action: 'visit.cancel',
      entity: 'visit',
      entityId: input.id,
      subject: after.borrowerId,
      before,
      after,
    });
    return after;
  });
}

/**
 * The manager approves a visit to a vulnerable borrower, or one whose override another manager
 * proposed; the other rules run again too. The approver grants the stored proposal (or one of
 * their own, typed now); approving one's own proposal is refused while there is another
 * manager, and marked self-approved when there is not.
 */
export function approveVisit(
  app: Visitdesk,
  input: z.output<typeof approveVisitInput>,
): Promise<VisitDetail> {
  return app.write(async (tx) => {
    const row = await loadOpenVisit(tx, input.id);
    if (!readFlag(row.needs_approval) || row.approved_at !== null) {
      throw new AppFailure('CONFLICT', `visit ${row.id} is not waiting for approval`);
    }
    const at = app.now().toISOString();
    const ctx = await complianceContext(app, tx);
    const proposal = {
      borrowerId: row.borrower_id,
      date: row.date,
      start: row.start_time,
      end: row.end_time,
      staffIds: await currentStaff(tx, row.id),
      borrowerRequested: readFlag(row.borrower_requested),
      notice: { status: row.notice_status, at: row.notice_at },
      approvedAt: at,
    };
    const { violations } = await evaluate(tx, ctx, proposal, [row.id]);
    const proposed =
      row.override_reason !== null && row.overridden_by === null && row.override_proposed_by
        ? { reason: row.override_reason, proposedBy: row.override_proposed_by }
        : undefined;
    const decision = await decide(app, tx, violations, input.override ?? proposed, {
      refuseOwnProposal: true,
    });
    const me = plannerId(app);
    // Nobody approves their own ask while another manager could (issue 14).
    const grant = await approvalGrant(tx, me, row.approval_requested_by ?? row.planned_by);
    if (grant === 'awaitsAnother') throw ownProposalFailure('approval');
    await tx
      .updateTable('visits')
      .set({
        approval_by: me,
        approved_at: at,
        approval_self_approved: writeFlag(grant === 'self'),
        // A proposal no longer needed (the rules now pass) goes with the approval.
        ...(decision.override || proposed ? overrideColumns(decision, me) : {}),
        updated_at: at,
      })
      .where('id', '=', row.id)
      .execute();
    const after = await loadVisitDetail(tx, row.id);
    await app.record(tx, {
      action: 'visit.approve',
      entity: 'visit',
      entityId: row.id,
      subject: row.borrower_id,
      after: { approvedAt: at, selfApproved: grant === 'self' },
    });
    await auditDecision(app, tx, row.id, decision, violations);
    return after;
  });
}

/**
 * Records that the borrower was told: a notice printed or delivered, or a phone call. A visit
 * still waiting for the manager's approval cannot be announced. A time after now is refused;
 * a notice out of hours or too late is recorded (it was given) but does not count, and does not
 * replace one that does (notice.ts); the visit is 'notified' only by a notice that counts.
 */
export function recordNotice(
  app: Visitdesk,
  input: z.output<typeof recordNoticeInput>,
): Promise<VisitDetail> {
  return app.write(async (tx) => {
    const row = await loadOpenVisit(tx, input.id);
    if (readFlag(row.needs_approval) && row.approved_at === null) {
      throw new AppFailure(
        'CONFLICT',
        'the manager must approve this visit before the borrower is told',
      );
    }
    const before = await loadVisitDetail(tx, row.id);
    const given = input.at ? new Date(input.at) : app.now();
    refuseFutureNotice(app, given, 'at');
    const at = given.toISOString();
    const judged = noticeKept(
      await noticeJudge(app, tx),
      { date: row.date, start: row.start_time },
      { status: row.notice_status, at: row.notice_at },
      { status: input.status, at },
    );
    if (judged.keep === 'next') {
      await tx
        .updateTable('visits')
        .set({
          notice_status: input.status,
          notice_at: at,
          status: judged.nextProblem === null ? 'notified' : 'planned',
          updated_at: app.now().toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
    }
    const after = await loadVisitDetail(tx, row.id);
    await app.record(tx, {
      action: 'visit.notice',
      entity: 'visit',
      entityId: row.id,
      subject: row.borrower_id,
      before,
      after: {
        ...after,
        given: { status: input.status, at, counts: judged.nextProblem === null },
        ...(judged.nextProblem ? { doesNotCount: judged.nextProblem } : {}),
      },
    });
    return after;
  });
}

export function getVisit(app: Visitdesk, id: number): Promise<VisitDetail> {
  return loadVisitDetail(app.engine.db, id);
}
