import type {
  ComplaintView,
  ComplaintVisitOption,
  ListComplaintsInput,
} from '../../shared/schemas/complaints';
import { all, first, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';

/** Reads of the complaints register: rows, the staff they concern, the form's visit choices. */

export function complaintRow(db: Sqlite, id: number) {
  return first(db, qb.selectFrom('complaints').selectAll().where('id', '=', id));
}
export type ComplaintRow = NonNullable<ReturnType<typeof complaintRow>>;

export function complaintStaffIds(db: Sqlite, complaintId: number): number[] {
  return all(
    db,
    qb
      .selectFrom('complaint_staff')
      .select('staff_id')
      .where('complaint_id', '=', complaintId)
      .orderBy('staff_id'),
  ).map((r) => r.staff_id);
}

export function visitOf(db: Sqlite, visitId: number) {
  return first(
    db,
    qb.selectFrom('visits').select(['id', 'borrower_id', 'date']).where('id', '=', visitId),
  );
}

export function visitStaffIds(db: Sqlite, visitId: number): number[] {
  return all(
    db,
    qb
      .selectFrom('visit_staff')
      .select('staff_id')
      .where('visit_id', '=', visitId)
      .orderBy('staff_id'),
  ).map((r) => r.staff_id);
}

export function existingStaffIds(db: Sqlite, ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  return new Set(
    all(
      db,
      qb
        .selectFrom('staff')
        .select('id')
        .where('id', 'in', [...ids]),
    ).map((r) => r.id),
  );
}

type StaffRef = { id: number; name: string; staffNo: string };

/** The staff named in each complaint (or on each visit), by id, ordered by staff number. */
function staffByOwner(
  db: Sqlite,
  table: 'complaint_staff' | 'visit_staff',
  ids: readonly number[],
): Map<number, StaffRef[]> {
  const map = new Map<number, StaffRef[]>();
  if (ids.length === 0) return map;
  const rows =
    table === 'complaint_staff'
      ? all(
          db,
          qb
            .selectFrom('complaint_staff as x')
            .innerJoin('staff as s', 's.id', 'x.staff_id')
            .select(['x.complaint_id as owner', 's.id', 's.name', 's.staff_no'])
            .where('x.complaint_id', 'in', [...ids])
            .orderBy('s.staff_no'),
        )
      : all(
          db,
          qb
            .selectFrom('visit_staff as x')
            .innerJoin('staff as s', 's.id', 'x.staff_id')
            .select(['x.visit_id as owner', 's.id', 's.name', 's.staff_no'])
            .where('x.visit_id', 'in', [...ids])
            .orderBy('s.staff_no'),
        );
  for (const r of rows) {
    const list = map.get(r.owner) ?? [];
    list.push({ id: r.id, name: r.name, staffNo: r.staff_no });
    map.set(r.owner, list);
  }
  return map;
}

/** Complaints, newest received first; one borrower's or the branch's, open, closed or all. */
export function listComplaints(
  db: Sqlite,
  filter: ListComplaintsInput & { id?: number } = {},
): ComplaintView[] {
  let query = qb
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
  const rows = all(db, query.orderBy('c.received_on', 'desc').orderBy('c.id', 'desc'));
  const staff = staffByOwner(
    db,
    'complaint_staff',
    rows.map((r) => r.id),
  );
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

export function complaintView(db: Sqlite, id: number): ComplaintView | undefined {
  return listComplaints(db, { id })[0];
}

/**
 * The borrower's visits a complaint may be about: dated on or before `today`, newest first,
 * without rescheduled originals (the visit that replaced one is the one that happened).
 */
export function complaintVisitOptions(
  db: Sqlite,
  borrowerId: number,
  today: string,
): ComplaintVisitOption[] {
  const visits = all(
    db,
    qb
      .selectFrom('visits')
      .select(['id', 'date', 'start_time', 'end_time', 'status'])
      .where('borrower_id', '=', borrowerId)
      .where('date', '<=', today)
      .where('status', '<>', 'rescheduled')
      .orderBy('date', 'desc')
      .orderBy('start_time', 'desc')
      .limit(100),
  );
  const staff = staffByOwner(
    db,
    'visit_staff',
    visits.map((v) => v.id),
  );
  return visits.map((v) => ({
    id: v.id,
    date: v.date,
    start: v.start_time,
    end: v.end_time,
    status: v.status,
    staff: staff.get(v.id) ?? [],
  }));
}
