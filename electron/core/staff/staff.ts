import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { openStatuses } from '../../shared/schemas/planning';
import {
  type certificateInput,
  type leaveInput,
  type StaffRow,
  type staffCreateInput,
  type staffUpdateInput,
} from '../../shared/schemas/staff';
import type { Kysely, Selectable } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import { addDays, datesFromTo } from '../../shared/dates';
import { loadRules } from '../planning/rules';
import { loadBranchToday } from '../settings/branch-clock';
import { readFlag, writeFlag } from '../db/columns';
import type { DB, StaffTable } from '../db/schema';

/**
 * Staff records, their certificates and leave: the people the rules need to know. Read on the
 * engine (`db`, or a write's `tx`); each change is one `app.write` with its audit row.
 */

const EXPIRY_WARNING_DAYS = 30;

const staffColumns = ['id', 'staff_no', 'name', 'role', 'phone', 'active', 'username'] as const;

type StaffBase = Pick<Selectable<StaffTable>, (typeof staffColumns)[number]>;

async function toRows(db: Kysely<DB>, now: Date, staff: StaffBase[]): Promise<StaffRow[]> {
  if (staff.length === 0) return [];
  const ids = staff.map((s) => s.id);
  const today = await loadBranchToday(db, now);
  const soon = addDays(today, EXPIRY_WARNING_DAYS);
  const kinds = (await loadRules(db)).certificateKinds;
  const certificates = await db
    .selectFrom('staff_certificates')
    .select(['id', 'staff_id', 'kind', 'number', 'issued_on', 'expires_on'])
    .where('staff_id', 'in', ids)
    .orderBy('expires_on', 'desc')
    .execute();
  const leave = await db
    .selectFrom('staff_leave')
    .select(['staff_id', 'date', 'reason'])
    .where('staff_id', 'in', ids)
    .where('date', '>=', today)
    .orderBy('date')
    .execute();
  return staff.map((s) => {
    const own = certificates
      .filter((c) => c.staff_id === s.id)
      .map((c) => {
        const expired = c.expires_on < today;
        return {
          id: c.id,
          kind: c.kind,
          number: c.number,
          issuedOn: c.issued_on,
          expiresOn: c.expires_on,
          expired,
          expiringSoon: !expired && c.expires_on <= soon,
        };
      });
    const current = own.filter(
      (c) => kinds.includes(c.kind) && !c.expired && (c.issuedOn === null || c.issuedOn <= today),
    );
    return {
      id: s.id,
      staffNo: s.staff_no,
      name: s.name,
      role: s.role,
      phone: s.phone,
      active: readFlag(s.active),
      hasAccount: s.username !== null,
      certificates: own,
      certified: current.length > 0,
      // Flag only when no other current certificate outlives the warning window.
      certificateExpiringSoon: current.length > 0 && current.every((c) => c.expiringSoon),
      upcomingLeave: leave
        .filter((l) => l.staff_id === s.id)
        .map((l) => ({ date: l.date, reason: l.reason })),
    };
  });
}

export async function listStaff(app: Visitdesk, includeInactive = false): Promise<StaffRow[]> {
  const db = app.engine.db;
  let query = db.selectFrom('staff').select(staffColumns).orderBy('staff_no');
  if (!includeInactive) query = query.where('active', '=', writeFlag(true));
  return toRows(db, app.now(), await query.execute());
}

/** One staff member as the staff screen shows them, read on `db` as of `now`. */
export async function loadStaff(db: Kysely<DB>, now: Date, staffId: number): Promise<StaffRow> {
  const row = await db
    .selectFrom('staff')
    .select(staffColumns)
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!row) {
    throw new AppFailure('NOT_FOUND', `no staff record ${staffId}`, {
      fields: { staffId: 'e.NOT_FOUND' },
    });
  }
  return (await toRows(db, now, [row]))[0] as StaffRow;
}

async function assertStaffNoFree(db: Kysely<DB>, staffNo: string, except?: number) {
  let query = db.selectFrom('staff').select('id').where('staff_no', '=', staffNo);
  if (except !== undefined) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst()) {
    throw new AppFailure('CONFLICT', `staff number ${staffNo} is taken`, {
      fields: { staffNo: 'e.CONFLICT' },
    });
  }
}

/** Inserts a staff record in the write `tx`; the caller writes the audit row. */
export async function insertStaff(
  tx: Kysely<DB>,
  now: Date,
  input: z.output<typeof staffCreateInput>,
): Promise<number> {
  await assertStaffNoFree(tx, input.staffNo);
  const at = now.toISOString();
  const { id } = await tx
    .insertInto('staff')
    .values({
      staff_no: input.staffNo,
      name: input.name,
      role: input.role,
      phone: input.phone,
      active: writeFlag(input.active),
      username: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Adds a staff member in the write `tx`, audited; for a change that adds one on the way. */
export async function addStaff(
  app: Visitdesk,
  tx: Kysely<DB>,
  input: z.output<typeof staffCreateInput>,
): Promise<StaffRow> {
  const id = await insertStaff(tx, app.now(), input);
  const after = await loadStaff(tx, app.now(), id);
  await app.record(tx, { action: 'staff.create', entity: 'staff', entityId: id, after });
  return after;
}

export function createStaff(
  app: Visitdesk,
  input: z.output<typeof staffCreateInput>,
): Promise<StaffRow> {
  return app.write((tx) => addStaff(app, tx, input));
}

export function updateStaff(
  app: Visitdesk,
  input: z.output<typeof staffUpdateInput>,
): Promise<StaffRow> {
  return app.write(async (tx) => {
    const before = await loadStaff(tx, app.now(), input.id);
    if (input.staffNo !== undefined) await assertStaffNoFree(tx, input.staffNo, input.id);
    // The manager cannot take away their own role or switch themselves off by accident.
    if (
      input.id === app.session?.staffId &&
      (input.active === false || (input.role && input.role !== before.role))
    ) {
      throw new AppFailure('CONFLICT', 'you cannot deactivate yourself or change your own role');
    }
    await tx
      .updateTable('staff')
      .set({
        updated_at: app.now().toISOString(),
        ...(input.staffNo !== undefined ? { staff_no: input.staffNo } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.active !== undefined ? { active: writeFlag(input.active) } : {}),
      })
      .where('id', '=', input.id)
      .execute();
    const after = await loadStaff(tx, app.now(), input.id);
    await app.record(tx, {
      action: 'staff.update',
      entity: 'staff',
      entityId: input.id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Adds a certificate in the write `tx`, or renews it when the same number is entered again
 * with new dates; audited.
 */
export async function saveCertificate(
  app: Visitdesk,
  tx: Kysely<DB>,
  input: z.output<typeof certificateInput>,
): Promise<void> {
  await loadStaff(tx, app.now(), input.staffId);
  const existing = await tx
    .selectFrom('staff_certificates')
    .select(['id', 'issued_on', 'expires_on'])
    .where('staff_id', '=', input.staffId)
    .where('kind', '=', input.kind)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (existing) {
    await tx
      .updateTable('staff_certificates')
      .set({ issued_on: input.issuedOn, expires_on: input.expiresOn })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await tx
      .insertInto('staff_certificates')
      .values({
        staff_id: input.staffId,
        kind: input.kind,
        number: input.number,
        issued_on: input.issuedOn,
        expires_on: input.expiresOn,
        created_at: app.now().toISOString(),
      })
      .execute();
  }
  await app.record(tx, {
    action: existing ? 'staff.certificate.renew' : 'staff.certificate.add',
    entity: 'staff',
    entityId: input.staffId,
    before: existing ?? undefined,
    after: input,
  });
}

export function addCertificate(
  app: Visitdesk,
  input: z.output<typeof certificateInput>,
): Promise<StaffRow> {
  return app.write(async (tx) => {
    await saveCertificate(app, tx, input);
    return loadStaff(tx, app.now(), input.staffId);
  });
}

/**
 * Records leave for a day or a period. Visits already planned on those days stay (the
 * manager decides what to move); their ids come back so the screen can say which. A day
 * already on leave gets the new reason: UPDATE, else INSERT (PostgreSQL's key is the branch's,
 * the staff member and the day, so ON CONFLICT (staff_id, date) has no target there).
 */
export function addLeave(app: Visitdesk, input: z.output<typeof leaveInput>) {
  return app.write(async (tx) => {
    await loadStaff(tx, app.now(), input.staffId);
    // leaveInput allows at most 366 days; more is a bug, and datesFromTo throws rather than walk it.
    const to = input.to ?? input.from;
    const days = datesFromTo(input.from, to, 367);
    const at = app.now().toISOString();
    for (const date of days) {
      const updated = await tx
        .updateTable('staff_leave')
        .set({ reason: input.reason })
        .where('staff_id', '=', input.staffId)
        .where('date', '=', date)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await tx
          .insertInto('staff_leave')
          .values({ staff_id: input.staffId, date, reason: input.reason, created_at: at })
          .execute();
      }
    }
    const conflicts = await tx
      .selectFrom('visit_staff')
      .innerJoin('visits', 'visits.id', 'visit_staff.visit_id')
      .select('visits.id')
      .where('visit_staff.staff_id', '=', input.staffId)
      .where('visits.date', '>=', input.from)
      .where('visits.date', '<=', to)
      .where('visits.status', 'in', openStatuses)
      .orderBy('visits.date')
      .execute();
    await app.record(tx, {
      action: 'staff.leave.add',
      entity: 'staff',
      entityId: input.staffId,
      after: { from: input.from, to, reason: input.reason },
    });
    return {
      staff: await loadStaff(tx, app.now(), input.staffId),
      conflictingVisitIds: conflicts.map((r) => r.id),
    };
  });
}

export function removeLeave(
  app: Visitdesk,
  input: { staffId: number; date: string },
): Promise<StaffRow> {
  return app.write(async (tx) => {
    const removed = await tx
      .deleteFrom('staff_leave')
      .where('staff_id', '=', input.staffId)
      .where('date', '=', input.date)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) {
      throw new AppFailure('NOT_FOUND', `no leave on ${input.date}`);
    }
    await app.record(tx, {
      action: 'staff.leave.remove',
      entity: 'staff',
      entityId: input.staffId,
      before: input,
    });
    return loadStaff(tx, app.now(), input.staffId);
  });
}
