import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  approveVisitInput,
  cancelVisitInput,
  recordNoticeInput,
  VisitDetail,
} from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { first, qb, run } from '../db/query';
import type { ComplianceContext } from './compliance';
import { ownProposalFailure } from './approvers';
import { approvalGrant, decide, evaluate, overrideColumns } from './decide';
import { noticeToKeep, refuseFutureNotice } from './notice';
import { complianceContext } from './rules';
import { requireOpenVisit, visitDetail } from './visit-read';
import { auditDecision, currentStaff, plannerId } from './visits';
import { readFlag, writeFlag } from '../db/columns';

/** A visit's life after planning: cancelled, approved, announced to the borrower. */

export function cancelVisit(app: Visitdesk, input: z.output<typeof cancelVisitInput>): VisitDetail {
  return app.db.transaction(() => {
    requireOpenVisit(app.db, input.id);
    const before = visitDetail(app.db, input.id);
    run(
      app.db,
      qb
        .updateTable('visits')
        .set({
          status: 'cancelled',
          status_note: input.reason,
          updated_at: app.now().toISOString(),
        })
        .where('id', '=', input.id),
    );
    const after = visitDetail(app.db, input.id);
    app.audit({
      action: 'visit.cancel',
      entity: 'visit',
      entityId: input.id,
      subject: after.borrowerId,
      before,
      after,
    });
    return after;
  })();
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
): VisitDetail {
  return app.db.transaction(() => {
    const row = requireOpenVisit(app.db, input.id);
    if (!readFlag(row.needs_approval) || row.approved_at !== null) {
      throw new AppFailure('CONFLICT', `visit ${row.id} is not waiting for approval`);
    }
    const at = app.now().toISOString();
    const ctx: ComplianceContext = complianceContext(app);
    const proposal = {
      borrowerId: row.borrower_id,
      date: row.date,
      start: row.start_time,
      end: row.end_time,
      staffIds: currentStaff(app, row.id),
      borrowerRequested: readFlag(row.borrower_requested),
      notice: { status: row.notice_status, at: row.notice_at },
      approvedAt: at,
    };
    const { violations } = evaluate(app, ctx, proposal, [row.id]);
    const proposed =
      row.override_reason !== null && row.overridden_by === null && row.override_proposed_by
        ? { reason: row.override_reason, proposedBy: row.override_proposed_by }
        : undefined;
    const decision = decide(app, violations, input.override ?? proposed, {
      refuseOwnProposal: true,
    });
    const me = plannerId(app);
    // Nobody approves their own ask while another manager could (issue 14).
    const grant = approvalGrant(app, me, row.approval_requested_by ?? row.planned_by);
    if (grant === 'awaitsAnother') throw ownProposalFailure('approval');
    run(
      app.db,
      qb
        .updateTable('visits')
        .set({
          approval_by: me,
          approved_at: at,
          approval_self_approved: writeFlag(grant === 'self'),
          // A proposal no longer needed (the rules now pass) goes with the approval.
          ...(decision.override || proposed ? overrideColumns(decision, me) : {}),
          updated_at: at,
        })
        .where('id', '=', row.id),
    );
    const after = visitDetail(app.db, row.id);
    app.audit({
      action: 'visit.approve',
      entity: 'visit',
      entityId: row.id,
      subject: row.borrower_id,
      after: { approvedAt: at, selfApproved: grant === 'self' },
    });
    auditDecision(app, row.id, decision, violations);
    return after;
  })();
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
): VisitDetail {
  return app.db.transaction(() => {
    const row = requireOpenVisit(app.db, input.id);
    if (readFlag(row.needs_approval) && row.approved_at === null) {
      throw new AppFailure(
        'CONFLICT',
        'the manager must approve this visit before the borrower is told',
      );
    }
    const before = visitDetail(app.db, row.id);
    const given = input.at ? new Date(input.at) : app.now();
    refuseFutureNotice(app, given, 'at');
    const at = given.toISOString();
    const judged = noticeToKeep(
      app,
      { date: row.date, start: row.start_time },
      { status: row.notice_status, at: row.notice_at },
      { status: input.status, at },
    );
    if (judged.keep === 'next') {
      run(
        app.db,
        qb
          .updateTable('visits')
          .set({
            notice_status: input.status,
            notice_at: at,
            status: judged.nextProblem === null ? 'notified' : 'planned',
            updated_at: app.now().toISOString(),
          })
          .where('id', '=', row.id),
      );
    }
    const after = visitDetail(app.db, row.id);
    app.audit({
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
  })();
}

export function getVisit(app: Visitdesk, id: number): VisitDetail {
  const exists = first(app.db, qb.selectFrom('visits').select('id').where('id', '=', id));
  if (!exists) throw new AppFailure('NOT_FOUND', `no visit ${id}`);
  return visitDetail(app.db, id);
}
