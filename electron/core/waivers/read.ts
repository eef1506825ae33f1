import type { InferResult, Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { Session } from '../../shared/schemas/foundation';
import type { SecondApproverRole, WaiverApproval, WaiverRow } from '../../shared/schemas/waivers';
import { localIn } from '../../shared/dates';
import type { DB } from '../db/schema';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { approvalRefusal, mayDecide } from './rules';
import { loadWaiverSettings } from './settings';

/**
 * Waivers and settlements as the screens, the tasks page and the agreement read them, on the
 * engine (`db`, or a write's `tx`).
 */

/** A waivers row (db/schema.ts) with the names joined to it. */
const waiversQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('waivers as w')
    .innerJoin('borrowers as b', 'b.id', 'w.borrower_id')
    .innerJoin('loans as l', 'l.id', 'w.loan_id')
    .innerJoin('staff as p', 'p.id', 'w.proposed_by')
    .leftJoin('staff as a1', 'a1.id', 'w.approval1_by')
    .leftJoin('staff as a2', 'a2.id', 'w.approval2_by')
    .leftJoin('staff as c', 'c.id', 'w.closed_by')
    .selectAll('w')
    .select([
      'b.name as borrower_name',
      'l.loan_no',
      'p.name as proposer_name',
      'a1.name as a1_name',
      'a1.staff_no as a1_no',
      'a2.name as a2_name',
      'a2.staff_no as a2_no',
      'c.name as closer_name',
    ]);

type WaiverDbRow = InferResult<ReturnType<typeof waiversQuery>>[number];

/** Who is asking, for the row's may* flags: the signed-in staff member, or nobody. */
export type Viewer = Pick<Session, 'staffId' | 'role'> | null;

/** The branch's settings a row needs, read once per list. */
interface RowContext {
  zone: string;
  secondRole: SecondApproverRole;
}

async function contextOf(db: Kysely<DB>): Promise<RowContext> {
  return {
    zone: await loadBranchTimeZone(db),
    secondRole: (await loadWaiverSettings(db)).secondApproverRole,
  };
}

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

export async function loadWaiverRow(
  db: Kysely<DB>,
  id: number,
  viewer: Viewer,
): Promise<WaiverRow> {
  const row = await waiversQuery(db).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `no waiver ${id}`, { fields: { id: 'v.invalid' } });
  return toRow(row, viewer, await contextOf(db));
}

/** A case's proposals (or one visit record's), newest first. */
export async function loadWaiverRows(
  db: Kysely<DB>,
  filter: { borrowerId?: number | undefined; visitRecordId?: number | undefined },
  viewer: Viewer,
): Promise<WaiverRow[]> {
  let query = waiversQuery(db);
  if (filter.borrowerId !== undefined) query = query.where('w.borrower_id', '=', filter.borrowerId);
  if (filter.visitRecordId !== undefined) {
    query = query.where('w.visit_record_id', '=', filter.visitRecordId);
  }
  const rows = await query.orderBy('w.id', 'desc').limit(500).execute();
  const context = await contextOf(db);
  return rows.map((r) => toRow(r, viewer, context));
}

/** Undecided proposals the viewer may approve now (the tasks page). */
export async function loadWaitingFor(db: Kysely<DB>, viewer: Viewer): Promise<WaiverRow[]> {
  const rows = await waiversQuery(db)
    .where('w.status', 'in', ['proposed', 'first_approved'])
    .orderBy('w.proposed_at')
    .orderBy('w.id')
    .execute();
  const context = await contextOf(db);
  return rows.map((r) => toRow(r, viewer, context)).filter((r) => r.mayApprove);
}
