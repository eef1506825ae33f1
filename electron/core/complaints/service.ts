import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  closeComplaintInput,
  ComplaintView,
  RegisterComplaint,
  updateComplaintInput,
} from '../../shared/schemas/complaints';
import type { Visitdesk } from '../app/visitdesk';
import { qb, run } from '../db/query';
import { requireBorrower } from '../cases/service';
import {
  complaintRow,
  complaintStaffIds,
  complaintView,
  existingStaffIds,
  visitOf,
  visitStaffIds,
  type ComplaintRow,
} from './repo';
import { branchToday } from '../settings/branch-clock';

/**
 * The complaints register's actions. Each checks its rules, writes in one transaction and
 * appends its audit row (entity 'complaint', about the borrower) in that transaction.
 */

const invalid = (field: string, key: string, message: string) =>
  new AppFailure('VALIDATION', message, { fields: { [field]: key } });

function view(app: Visitdesk, id: number): ComplaintView {
  const found = complaintView(app.db, id);
  if (!found) throw new AppFailure('NOT_FOUND', `no complaint ${id}`);
  return found;
}

/** The staff a complaint concerns: those named, else the staff of the visit it names. */
function concernedStaff(app: Visitdesk, input: RegisterComplaint): number[] {
  if (input.visitId !== null) {
    const visit = visitOf(app.db, input.visitId);
    if (!visit || visit.borrower_id !== input.borrowerId) {
      throw invalid('visitId', 'v.complaint.visit', 'the visit belongs to another borrower');
    }
    if (input.receivedOn < visit.date) {
      throw invalid('receivedOn', 'v.complaint.visitLater', 'received before the visit');
    }
    if (input.staffIds.length === 0) return visitStaffIds(app.db, visit.id);
  }
  const known = existingStaffIds(app.db, input.staffIds);
  if (input.staffIds.some((id) => !known.has(id))) {
    throw invalid('staffIds', 'v.complaint.staff', 'no such staff member');
  }
  return [...input.staffIds].sort((a, b) => a - b);
}

export function registerComplaint(app: Visitdesk, input: RegisterComplaint): ComplaintView {
  return app.db.transaction(() => {
    requireBorrower(app.db, input.borrowerId);
    if (input.receivedOn > branchToday(app.db, app.now())) {
      throw invalid('receivedOn', 'v.complaint.received', 'received after today');
    }
    const staffIds = concernedStaff(app, input);
    const at = app.now().toISOString();
    const id = run(
      app.db,
      qb.insertInto('complaints').values({
        borrower_id: input.borrowerId,
        received_on: input.receivedOn,
        complainant: input.complainant,
        complainant_name: input.complainantName,
        channel: input.channel,
        visit_id: input.visitId,
        summary: input.summary,
        action_taken: input.actionTaken,
        recorded_by: app.session?.staffId ?? null,
        recorded_at: at,
        updated_at: at,
      }),
    ).lastInsertRowid;
    for (const staffId of staffIds) {
      run(app.db, qb.insertInto('complaint_staff').values({ complaint_id: id, staff_id: staffId }));
    }
    app.audit({
      action: 'complaint.register',
      entity: 'complaint',
      entityId: id,
      subject: input.borrowerId,
      after: {
        receivedOn: input.receivedOn,
        complainant: input.complainant,
        complainantName: input.complainantName,
        channel: input.channel,
        visitId: input.visitId,
        staffIds,
        summary: input.summary,
        actionTaken: input.actionTaken,
      },
    });
    return view(app, id);
  })();
}

function requireOpen(app: Visitdesk, id: number): ComplaintRow {
  const row = complaintRow(app.db, id);
  if (!row) throw new AppFailure('NOT_FOUND', `no complaint ${id}`);
  if (row.closed_on !== null) {
    throw new AppFailure('CONFLICT', 'the complaint is closed', {
      fields: { actionTaken: 'e.complaint.closed' },
    });
  }
  return row;
}

/**
 * What was done on an open complaint. A complaint about an officer or clerk is handled by
 * someone else: the staff it names may register it, not write how it was dealt with.
 */
export function recordComplaintAction(
  app: Visitdesk,
  input: z.output<typeof updateComplaintInput>,
): ComplaintView {
  return app.db.transaction(() => {
    const row = requireOpen(app, input.id);
    const session = app.session;
    if (
      session &&
      session.role !== 'manager' &&
      complaintStaffIds(app.db, row.id).includes(session.staffId)
    ) {
      throw new AppFailure('FORBIDDEN', 'the complaint names the signed-in staff member', {
        fields: { actionTaken: 'e.complaint.ownComplaint' },
      });
    }
    run(
      app.db,
      qb
        .updateTable('complaints')
        .set({ action_taken: input.actionTaken, updated_at: app.now().toISOString() })
        .where('id', '=', row.id),
    );
    app.audit({
      action: 'complaint.update',
      entity: 'complaint',
      entityId: row.id,
      subject: row.borrower_id,
      before: { actionTaken: row.action_taken },
      after: { actionTaken: input.actionTaken },
    });
    return view(app, row.id);
  })();
}

/** The manager closes a complaint: the day (received ≤ closed ≤ today), outcome, action. */
export function closeComplaint(
  app: Visitdesk,
  input: z.output<typeof closeComplaintInput>,
): ComplaintView {
  return app.db.transaction(() => {
    const row = requireOpen(app, input.id);
    if (input.closedOn < row.received_on || input.closedOn > branchToday(app.db, app.now())) {
      throw invalid('closedOn', 'v.complaint.closedOn', 'closed outside received..today');
    }
    run(
      app.db,
      qb
        .updateTable('complaints')
        .set({
          closed_on: input.closedOn,
          outcome: input.outcome,
          action_taken: input.actionTaken,
          outcome_note: input.outcomeNote,
          closed_by: app.session?.staffId ?? null,
          updated_at: app.now().toISOString(),
        })
        .where('id', '=', row.id),
    );
    app.audit({
      action: 'complaint.close',
      entity: 'complaint',
      entityId: row.id,
      subject: row.borrower_id,
      before: { status: 'open', actionTaken: row.action_taken },
      after: {
        status: 'closed',
        closedOn: input.closedOn,
        outcome: input.outcome,
        actionTaken: input.actionTaken,
        outcomeNote: input.outcomeNote,
      },
    });
    return view(app, row.id);
  })();
}
