import type { Kysely } from 'kysely';
import type { PromiseStatus } from '../../shared/schemas/records';
import type { PromiseRow, RecordDraft } from '../../shared/schemas/records-views';
import { writeFlag } from '../db/columns';
import type { DB } from '../db/schema';
import { loadVisitDetail } from '../planning/visit-read';
import { promiseRows } from './read';
import { overdueNowFen } from './schedule';

/** What the outcome form needs for a visit: its facts, the loans, the staff to choose from. */
export async function recordDraft(db: Kysely<DB>, visitId: number): Promise<RecordDraft> {
  const visit = await loadVisitDetail(db, visitId);
  const loanRows = await db
    .selectFrom('loans')
    .select(['id', 'loan_no'])
    .where('borrower_id', '=', visit.borrowerId)
    .where('status', '=', 'active')
    .orderBy('loan_no')
    .execute();
  const loans = [];
  for (const l of loanRows) {
    loans.push({
      id: l.id,
      loanNo: l.loan_no,
      overdueFen: await overdueNowFen(db, visit.borrowerId, l.id),
    });
  }
  const activeStaff = (
    await db
      .selectFrom('staff')
      .select(['id', 'staff_no', 'name'])
      .where('active', '=', writeFlag(true))
      .where('role', 'in', ['manager', 'officer'])
      .orderBy('staff_no')
      .execute()
  ).map((s) => ({ id: s.id, staffNo: s.staff_no, name: s.name }));
  const record = await db
    .selectFrom('visit_records')
    .select('id')
    .where('visit_id', '=', visitId)
    .where('amends', 'is', null)
    .executeTakeFirst();
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
    overdueFen: await overdueNowFen(db, visit.borrowerId, null),
    activeStaff,
    recordId: record?.id ?? null,
    place: visit.place ?? 'home',
    placeNote: visit.placeNote ?? '',
  };
}

export async function listPromises(
  db: Kysely<DB>,
  input: {
    borrowerId?: number | undefined;
    statuses?: PromiseStatus[] | undefined;
    dueFrom?: string | undefined;
    dueTo?: string | undefined;
    limit: number;
  },
): Promise<PromiseRow[]> {
  let query = db
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
    db,
    (await query.execute()).map((r) => r.id),
  );
}
