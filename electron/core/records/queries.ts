import type { PromiseStatus } from '../../shared/schemas/records';
import type { PromiseRow, RecordDraft } from '../../shared/schemas/records-views';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, qb } from '../db/query';
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
