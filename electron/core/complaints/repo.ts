import type { Kysely } from 'kysely';
import type {
  ComplaintView,
  ComplaintVisitOption,
  ListComplaintsInput,
} from '../../shared/schemas/complaints';
import type { DB } from '../db/schema';

/**
 * Reads of the complaints register: rows, the staff they concern, the form's visit choices, on
 * the engine (`db`, or a write's `tx`). The register's list is the case page's too.
 */

export function loadComplaintRow(db: Kysely<DB>, id: number) {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ComplaintRow = NonNullable<Awaited<ReturnType<typeof loadComplaintRow>>>;

export async function loadComplaintStaffIds(
  db: Kysely<DB>,
  complaintId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('complaint_staff')
    .select('staff_id')
    .where('complaint_id', '=', complaintId)
    .orderBy('staff_id')
    .execute();
  return rows.map((r) => r.staff_id);
}

export function loadVisit(db: Kysely<DB>, visitId: number) {
  return db
    .selectFrom('visits')
    .select(['id', 'borrower_id', 'date'])
    .where('id', '=', visitId)
    .executeTakeFirst();
}

export async function loadVisitStaffIds(db: Kysely<DB>, visitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('visit_staff')
    .select('staff_id')
    .where('visit_id', '=', visitId)
    .orderBy('staff_id')
    .execute();
  return rows.map((r) => r.staff_id);
}

export async function loadExistingStaffIds(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('staff')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

type StaffRef = { id: number; name: string; staffNo: string };

/** The staff named in each complaint, ordered by staff number. */
const complaintStaffQuery = (db: Kysely<DB>, ids: readonly number[]) =>
  db
    .selectFrom('complaint_staff as x')
    .innerJoin('staff as s', 's.id', 'x.staff_id')
    .select(['x.complaint_id as owner', 's.id', 's.name', 's.staff_no'])
    .where('x.complaint_id', 'in', [...ids])
    .orderBy('s.staff_no');

/** The staff of each visit, ordered by staff number. */
const visitStaffQuery = (db: Kysely<DB>, ids: readonly number[]) =>
  db
    .selectFrom('visit_staff as x')
    .innerJoin('staff as s', 's.id', 'x.staff_id')
    .select(['x.visit_id as owner', 's.id', 's.name', 's.staff_no'])
    .where('x.visit_id', 'in', [...ids])
    .orderBy('s.staff_no');

type OwnedStaff = { owner: number; id: number; name: string; staff_no: string };

function byOwner(rows: readonly OwnedStaff[]): Map<number, StaffRef[]> {
  const map = new Map<number, StaffRef[]>();
  for (const r of rows) {
    const list = map.get(r.owner) ?? [];
    list.push({ id: r.id, name: r.name, staffNo: r.staff_no });
    map.set(r.owner, list);
  }
  return map;
}

type ComplaintFilter = ListComplaintsInput & { id?: number };

/** Complaints, newest received first; one borrower's or the branch's, open, closed or all. */
function complaintsQuery(db: Kysely<DB>, filter: ComplaintFilter) {
  let query = db
    .selectFrom('complaints as c')
    .innerJoin('borrowers as b', 'b.id', 'c.borrower_id')
    .leftJoin('visits as v', 'v.id', 'c.visit_id')
    .leftJoin('staff as r', 'r.id', 'c.recorded_by')
    .leftJoin('staff as k', 'k.id', 'c.closed_by')
    .selectAll('c')
    .select([
      'b.name as borrower_name',
      'v.date as visit_date',
      'v.start_time as visit_start',
      'r.name as recorded_by_name',
      'k.name as closed_by_name',
    ]);
  if (filter.id !== undefined) query = query.where('c.id', '=', filter.id);
  if (filter.borrowerId !== undefined) query = query.where('c.borrower_id', '=', filter.borrowerId);
  if (filter.status === 'open') query = query.where('c.closed_on', 'is', null);
  if (filter.status === 'closed') query = query.where('c.closed_on', 'is not', null);
  return query.orderBy('c.received_on', 'desc').orderBy('c.id', 'desc');
}

type ComplaintListRow = Awaited<ReturnType<ReturnType<typeof complaintsQuery>['execute']>>[number];

function complaintViews(rows: ComplaintListRow[], staffRows: OwnedStaff[]): ComplaintView[] {
  const staff = byOwner(staffRows);
  return rows.map((r) => ({
    id: r.id,
    borrowerId: r.borrower_id,
    borrowerName: r.borrower_name,
    receivedOn: r.received_on,
    complainant: r.complainant,
    complainantName: r.complainant_name,
    channel: r.channel,
    visit:
      r.visit_id === null || r.visit_date === null
        ? null
        : { id: r.visit_id, date: r.visit_date, start: r.visit_start ?? '' },
    staff: staff.get(r.id) ?? [],
    summary: r.summary,
    actionTaken: r.action_taken,
    status: r.closed_on === null ? 'open' : 'closed',
    closedOn: r.closed_on,
    outcome: r.outcome,
    outcomeNote: r.outcome_note,
    recordedBy: r.recorded_by_name,
    recordedAt: r.recorded_at,
    closedBy: r.closed_by_name,
    updatedAt: r.updated_at,
  }));
}

export async function loadComplaints(
  db: Kysely<DB>,
  filter: ComplaintFilter = {},
): Promise<ComplaintView[]> {
  const rows = await complaintsQuery(db, filter).execute();
  const ids = rows.map((r) => r.id);
  const staff = ids.length === 0 ? [] : await complaintStaffQuery(db, ids).execute();
  return complaintViews(rows, staff);
}

export async function loadComplaintView(
  db: Kysely<DB>,
  id: number,
): Promise<ComplaintView | undefined> {
  return (await loadComplaints(db, { id }))[0];
}

/**
 * The borrower's visits a complaint may be about: dated on or before `today`, newest first,
 * without rescheduled originals (the visit that replaced one is the one that happened).
 */
export async function complaintVisitOptions(
  db: Kysely<DB>,
  borrowerId: number,
  today: string,
): Promise<ComplaintVisitOption[]> {
  const visits = await db
    .selectFrom('visits')
    .select(['id', 'date', 'start_time', 'end_time', 'status'])
    .where('borrower_id', '=', borrowerId)
    .where('date', '<=', today)
    .where('status', '<>', 'rescheduled')
    .orderBy('date', 'desc')
    .orderBy('start_time', 'desc')
    .limit(100)
    .execute();
  const ids = visits.map((v) => v.id);
  const staff = byOwner(ids.length === 0 ? [] : await visitStaffQuery(db, ids).execute());
  return visits.map((v) => ({
    id: v.id,
    date: v.date,
    start: v.start_time,
    end: v.end_time,
    status: v.status,
    staff: staff.get(v.id) ?? [],
  }));
}
