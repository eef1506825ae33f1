import { AppFailure } from '../../shared/result';
import type { Session } from '../../shared/schemas/foundation';
import type { SecondApproverRole, WaiverApproval, WaiverRow } from '../../shared/schemas/waivers';
import { localIn } from '../../shared/dates';
import type { Selectable } from 'kysely';
import { statement } from '../db/query';
import type { WaiversTable } from '../db/schema';
import { branchTimeZone } from '../settings/branch-clock';
import type { Sqlite } from '../db/sqlite';
import { approvalRefusal, mayDecide } from './rules';
import { readWaiverSettings } from './settings';

/** Waivers and settlements as the screens, the tasks page and the agreement read them. */

/** A waivers row (db/schema.ts) with the names SELECT joins to it. */
type WaiverDbRow = Selectable<WaiversTable> & {
  borrower_name: string;
  loan_no: string;
  proposer_name: string;
  a1_name: string | null;
  a1_no: string | null;
  a2_name: string | null;
  a2_no: string | null;
  closer_name: string | null;
};

const SELECT = `
  SELECT w.*, b.name AS borrower_name, l.loan_no, p.name AS proposer_name,
    a1.name AS a1_name, a1.staff_no AS a1_no, a2.name AS a2_name, a2.staff_no AS a2_no,
    c.name AS closer_name
  FROM waivers w
  JOIN borrowers b ON b.id = w.borrower_id
  JOIN loans l ON l.id = w.loan_id
  JOIN staff p ON p.id = w.proposed_by
  LEFT JOIN staff a1 ON a1.id = w.approval1_by
  LEFT JOIN staff a2 ON a2.id = w.approval2_by
  LEFT JOIN staff c ON c.id = w.closed_by`;

/** Who is asking, for the row's may* flags: the signed-in staff member, or nobody. */
export type Viewer = Pick<Session, 'staffId' | 'role'> | null;

/** The branch's settings a row needs, read once per list. */
interface RowContext {
  zone: string;
  secondRole: SecondApproverRole;
}

const contextOf = (db: Sqlite): RowContext => ({
  zone: branchTimeZone(db),
  secondRole: readWaiverSettings(db).secondApproverRole,
});

function toRow(r: WaiverDbRow, viewer: Viewer, { zone, secondRole }: RowContext): WaiverRow {
  const dayOf = (at: string) => localIn(zone, new Date(at)).date;
  const approvals: WaiverApproval[] = [];
  if (r.approval1_by !== null) {
    approvals.push({
      staffId: r.approval1_by,
      name: r.a1_name ?? '',
      staffNo: r.a1_no ?? '',
      role: r.approval1_role!,
      at: r.approval1_at!,
      day: dayOf(r.approval1_at!),
      note: r.approval1_note,
    });
  }
  if (r.approval2_by !== null) {
    approvals.push({
      staffId: r.approval2_by,
      name: r.a2_name ?? '',
      staffNo: r.a2_no ?? '',
      role: r.approval2_role!,
      at: r.approval2_at!,
      day: dayOf(r.approval2_at!),
      note: r.approval2_note,
    });
  }
  const open = r.status === 'proposed' || r.status === 'first_approved';
  const proposal = { proposedBy: r.proposed_by, approvals };
  return {
    id: r.id,
    borrowerId: r.borrower_id,
    borrowerName: r.borrower_name,
    loanId: r.loan_id,
    loanNo: r.loan_no,
    visitRecordId: r.visit_record_id,
    kind: r.kind,
    principalOwedFen: r.principal_owed_fen,
    interestOwedFen: r.interest_owed_fen,
    penaltyOwedFen: r.penalty_owed_fen,
    owedFen: r.principal_owed_fen + r.interest_owed_fen + r.penalty_owed_fen,
    waivedFen: r.waived_fen,
    settlePayFen: r.settle_pay_fen,
    payBy: r.pay_by,
    reason: r.reason,
    status: r.status,
    proposedBy: { id: r.proposed_by, name: r.proposer_name },
    proposedAt: r.proposed_at,
    proposedOn: r.proposed_on,
    approvals,
    approvedOn: r.approved_on,
    closedBy: r.closer_name,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    mayApprove: open && viewer !== null && approvalRefusal(proposal, viewer, secondRole) === null,
    mayReject:
      open &&
      viewer !== null &&
      viewer.staffId !== r.proposed_by &&
      mayDecide(viewer.role, secondRole),
    mayWithdraw:
      open && viewer !== null && (viewer.staffId === r.proposed_by || viewer.role === 'manager'),
  };
}

export function waiverRow(db: Sqlite, id: number, viewer: Viewer): WaiverRow {
  const row = statement(db, `${SELECT} WHERE w.id = ?`).get(id) as WaiverDbRow | undefined;
  if (!row) throw new AppFailure('NOT_FOUND', `no waiver ${id}`, { fields: { id: 'v.invalid' } });
  return toRow(row, viewer, contextOf(db));
}

/** A case's proposals (or one visit record's), newest first. */
export function waiverRows(
  db: Sqlite,
  filter: { borrowerId?: number | undefined; visitRecordId?: number | undefined },
  viewer: Viewer,
): WaiverRow[] {
  const rows = statement(
    db,
    `${SELECT}
     WHERE (:borrower IS NULL OR w.borrower_id = :borrower)
       AND (:record IS NULL OR w.visit_record_id = :record)
     ORDER BY w.id DESC LIMIT 500`,
  ).all({
    borrower: filter.borrowerId ?? null,
    record: filter.visitRecordId ?? null,
  }) as WaiverDbRow[];
  const context = contextOf(db);
  return rows.map((r) => toRow(r, viewer, context));
}

/** Undecided proposals the viewer may approve now (the tasks page). */
export function waitingFor(db: Sqlite, viewer: Viewer): WaiverRow[] {
  const rows = statement(
    db,
    `${SELECT} WHERE w.status IN ('proposed', 'first_approved') ORDER BY w.proposed_at, w.id`,
  ).all() as WaiverDbRow[];
  const context = contextOf(db);
  return rows.map((r) => toRow(r, viewer, context)).filter((r) => r.mayApprove);
}
