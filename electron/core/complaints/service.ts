import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  closeComplaintInput,
  ComplaintView,
  RegisterComplaint,
  updateComplaintInput,
} from '../../shared/schemas/complaints';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadBorrower } from '../cases/service';
import {
  loadComplaintRow,
  loadComplaintStaffIds,
  loadComplaintView,
  loadExistingStaffIds,
  loadVisit,
  loadVisitStaffIds,
  type ComplaintRow,
} from './repo';
import { loadBranchToday } from '../settings/branch-clock';

/**
 * The complaints register's actions. Each is one `app.write`: its rules checked, its rows
 * written and its audit row (entity 'complaint', about the borrower) appended on the write's
 * `tx`.
 */

const invalid = (field: string, key: string, message: string) =>
  new AppFailure('VALIDATION', message, { fields: { [field]: key } });

async function view(tx: Kysely<DB>, id: number): Promise<ComplaintView> {
  const found = await loadComplaintView(tx, id);
  if (!found) throw new AppFailure('NOT_FOUND', `no complaint ${id}`);
  return found;
}

/** The staff a complaint concerns: those named, else the staff of the visit it names. */
async function concernedStaff(tx: Kysely<DB>, input: RegisterComplaint): Promise<number[]> {
  if (input.visitId !== null) {
    const visit = await loadVisit(tx, input.visitId);
    if (!visit || visit.borrower_id !== input.borrowerId) {
      throw invalid('visitId', 'v.complaint.visit', 'the visit belongs to another borrower');
    }
    if (input.receivedOn < visit.date) {
      throw invalid('receivedOn', 'v.complaint.visitLater', 'received before the visit');
    }
    if (input.staffIds.length === 0) return loadVisitStaffIds(tx, visit.id);
  }
  const known = await loadExistingStaffIds(tx, input.staffIds);
  if (input.staffIds.some((id) => !known.has(id))) {
    throw invalid('staffIds', 'v.complaint.staff', 'no such staff member');
  }
  return [...input.staffIds].sort((a, b) => a - b);
}

export function registerComplaint(
  app: Visitdesk,
  input: RegisterComplaint,
): Promise<ComplaintView> {
  return app.write(async (tx) => {
    await loadBorrower(tx, input.borrowerId);
    if (input.receivedOn > (await loadBranchToday(tx, app.now()))) {
      throw invalid('receivedOn', 'v.complaint.received', 'received after today');
    }
    const staffIds = await concernedStaff(tx, input);
    const at = app.now().toISOString();
    const { id } = await tx
      .insertInto('complaints')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (staffIds.length > 0) {
      await tx
        .insertInto('complaint_staff')
        .values(staffIds.map((staffId) => ({ complaint_id: id, staff_id: staffId })))
        .execute();
    }
    await app.record(tx, {
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
    return view(tx, id);
  });
}

async function requireOpen(tx: Kysely<DB>, id: number): Promise<ComplaintRow> {
  const row = await loadComplaintRow(tx, id);
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
): Promise<ComplaintView> {
  return app.write(async (tx) => {
    const row = await requireOpen(tx, input.id);
    const session = app.session;
    if (
      session &&
      session.role !== 'manager' &&
      (await loadComplaintStaffIds(tx, row.id)).includes(session.staffId)
    ) {
      throw new AppFailure('FORBIDDEN', 'the complaint names the signed-in staff member', {
        fields: { actionTaken: 'e.complaint.ownComplaint' },
      });
    }
    await tx
      .updateTable('complaints')
      .set({ action_taken: input.actionTaken, updated_at: app.now().toISOString() })
      .where('id', '=', row.id)
      .execute();
    await app.record(tx, {
      action: 'complaint.update',
      entity: 'complaint',
      entityId: row.id,
      subject: row.borrower_id,
      before: { actionTaken: row.action_taken },
      after: { actionTaken: input.actionTaken },
    });
    return view(tx, row.id);
  });
}

/** The manager closes a complaint: the day (received ≤ closed ≤ today), outcome, action. */
export function closeComplaint(
  app: Visitdesk,
  input: z.output<typeof closeComplaintInput>,
): Promise<ComplaintView> {
  return app.write(async (tx) => {
    const row = await requireOpen(tx, input.id);
    const today = await loadBranchToday(tx, app.now());
    if (input.closedOn < row.received_on || input.closedOn > today) {
      throw invalid('closedOn', 'v.complaint.closedOn', 'closed outside received..today');
    }
    await tx
      .updateTable('complaints')
      .set({
        closed_on: input.closedOn,
        outcome: input.outcome,
        action_taken: input.actionTaken,
        outcome_note: input.outcomeNote,
        closed_by: app.session?.staffId ?? null,
        updated_at: app.now().toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    await app.record(tx, {
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
    return view(tx, row.id);
  });
}
