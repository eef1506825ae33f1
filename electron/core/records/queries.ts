import type { PromiseStatus, OutcomeCode } from '../../shared/schemas/records';
import type { PromiseRow, RecordDraft } from '../../shared/schemas/records-views';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, qb, statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { visitDetail } from '../planning/visit-read';
import { promiseRows } from './read';
import { overdueNowFen } from './schedule';

/** What the outcome form needs for a visit: its facts, the loans, the staff to choose from. */
export function recordDraft(app: Visitdesk, visitId: number): RecordDraft {
  const visit = visitDetail(app.db, visitId);
  const loans = all(
    app.db,
    qb
      .selectFrom('loans')
      .select(['id', 'loan_no'])
      .where('borrower_id', '=', visit.borrowerId)
      .where('status', '=', 'active')
      .orderBy('loan_no'),
  ).map((l) => ({
    id: l.id,
    loanNo: l.loan_no,
    overdueFen: overdueNowFen(app.db, visit.borrowerId, l.id),
  }));
  const activeStaff = all(
    app.db,
    qb
      .selectFrom('staff')
      .select(['id', 'staff_no', 'name'])
      .where('active', '=', 1)
      .where('role', 'in', ['manager', 'officer'])
      .orderBy('staff_no'),
  ).map((s) => ({ id: s.id, staffNo: s.staff_no, name: s.name }));
  const record = first(
    app.db,
    qb
      .selectFrom('visit_records')
      .select('id')
      .where('visit_id', '=', visitId)
      .where('amends', 'is', null),
  );
  return {
    visitId: visit.id,
    borrowerId: visit.borrowerId,
    borrowerName: visit.borrowerName,
    date: visit.date,
    start: visit.start,
    end: visit.end,
    status: visit.status,
    staff: visit.staff,
    loans,
    overdueFen: overdueNowFen(app.db, visit.borrowerId, null),
    activeStaff,
    recordId: record?.id ?? null,
    place: visit.place ?? 'home',
    placeNote: visit.placeNote ?? '',
  };
}

export function listPromises(
  app: Visitdesk,
  input: {
    borrowerId?: number | undefined;
    statuses?: PromiseStatus[] | undefined;
    dueFrom?: string | undefined;
    dueTo?: string | undefined;
    limit: number;
  },
): PromiseRow[] {
  let query = qb
    .selectFrom('promises')
    .select('id')
    .orderBy('due_on', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit);
  if (input.borrowerId !== undefined) query = query.where('borrower_id', '=', input.borrowerId);
  if (input.statuses?.length) query = query.where('status', 'in', input.statuses);
  if (input.dueFrom) query = query.where('due_on', '>=', input.dueFrom);
  if (input.dueTo) query = query.where('due_on', '<=', input.dueTo);
  return promiseRows(
    app.db,
    all(app.db, query).map((r) => r.id),
  );
}

/** One entry of the case timeline contributed by this feature. */
export interface RecordsTimelineEntry {
  kind: 'visit' | 'promise' | 'payment' | 'plan';
  /** ISO date (or date-time) the entry is placed at. */
  at: string;
  refId: number;
  outcome?: OutcomeCode;
  status?: string;
  amountFen?: number;
  dueOn?: string;
  receiptNo?: string;
  amended?: boolean;
}

/**
 * For the case timeline (the cases feature owns it): effective visit records, promises with
 * their verdict (a broken promise shows on its due date), visit payments with their receipt,
 * and repayment plans.
 */
export function recordsTimeline(db: Sqlite, borrowerId: number): RecordsTimelineEntry[] {
  const records = statement(
    db,
    `SELECT vr.id, vr.actual_date || 'T' || vr.actual_start AS at, vr.outcome,
            vr.amends IS NOT NULL AS amended
     FROM visit_records vr
     WHERE vr.borrower_id = ? AND NOT EXISTS (
       SELECT 1 FROM visit_records later
       WHERE coalesce(later.amends, later.id) = coalesce(vr.amends, vr.id) AND later.id > vr.id)`,
  ).all(borrowerId) as { id: number; at: string; outcome: OutcomeCode; amended: number }[];
  const promises = statement(
    db,
    `SELECT id, promised_on, due_on, amount_fen, status FROM promises
     WHERE borrower_id = ? AND status <> 'superseded'`,
  ).all(borrowerId) as {
    id: number;
    promised_on: string;
    due_on: string;
    amount_fen: number;
    status: string;
  }[];
  const receipts = statement(
    db,
    `SELECT r.id, r.paid_at, r.receipt_no, p.amount_fen FROM receipts r
     JOIN payments p ON p.id = r.payment_id WHERE p.borrower_id = ?`,
  ).all(borrowerId) as { id: number; paid_at: string; receipt_no: string; amount_fen: number }[];
  const plans = statement(
    db,
    `SELECT id, proposed_at, total_fen, status FROM repayment_plans
     WHERE borrower_id = ? AND status <> 'superseded'`,
  ).all(borrowerId) as { id: number; proposed_at: string; total_fen: number; status: string }[];
  const entries: RecordsTimelineEntry[] = [
    ...records.map((r) => ({
      kind: 'visit' as const,
      at: r.at,
      refId: r.id,
      outcome: r.outcome,
      amended: r.amended === 1,
    })),
    ...promises.map((p) => ({
      kind: 'promise' as const,
      at: p.status === 'pending' || p.status === 'kept' ? p.promised_on : p.due_on,
      refId: p.id,
      status: p.status,
      amountFen: p.amount_fen,
      dueOn: p.due_on,
    })),
    ...receipts.map((r) => ({
      kind: 'payment' as const,
      at: r.paid_at,
      refId: r.id,
      amountFen: r.amount_fen,
      receiptNo: r.receipt_no,
    })),
    ...plans.map((p) => ({
      kind: 'plan' as const,
      at: p.proposed_at,
      refId: p.id,
      status: p.status,
      amountFen: p.total_fen,
    })),
  ];
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
