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
import type { Selectable } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, qb, run } from '../db/query';
import { addDays, datesFromTo } from '../../shared/dates';
import { readRules } from '../planning/rules';
import { branchToday } from '../settings/branch-clock';
import { readFlag, writeFlag } from '../db/columns';
import type { StaffTable } from '../db/schema';

/** Staff records, their certificates and leave: the people the rules need to know. */

const EXPIRY_WARNING_DAYS = 30;

const staffColumns = ['id', 'staff_no', 'name', 'role', 'phone', 'active', 'username'] as const;

type StaffBase = Pick<Selectable<StaffTable>, (typeof staffColumns)[number]>;

function toRows(app: Visitdesk, staff: StaffBase[]): StaffRow[] {
  if (staff.length === 0) return [];
  const ids = staff.map((s) => s.id);
  const today = branchToday(app.db, app.now());
  const soon = addDays(today, EXPIRY_WARNING_DAYS);
  const kinds = readRules(app.db).certificateKinds;
  const certificates = all(
    app.db,
    qb
      .selectFrom('staff_certificates')
      .select(['id', 'staff_id', 'kind', 'number', 'issued_on', 'expires_on'])
      .where('staff_id', 'in', ids)
      .orderBy('expires_on', 'desc'),
  );
  const leave = all(
    app.db,
    qb
      .selectFrom('staff_leave')
      .select(['staff_id', 'date', 'reason'])
      .where('staff_id', 'in', ids)
      .where('date', '>=', today)
      .orderBy('date'),
  );
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

export function listStaff(app: Visitdesk, includeInactive = false): StaffRow[] {
  let query = qb.selectFrom('staff').select(staffColumns).orderBy('staff_no');
  if (!includeInactive) query = query.where('active', '=', writeFlag(true));
  return toRows(app, all(app.db, query));
}

export function getStaff(app: Visitdesk, staffId: number): StaffRow {
  const row = first(app.db, qb.selectFrom('staff').select(staffColumns).where('id', '=', staffId));
  if (!row) {
    throw new AppFailure('NOT_FOUND', `no staff record ${staffId}`, {
      fields: { staffId: 'e.NOT_FOUND' },
    });
  }
  return toRows(app, [row])[0] as StaffRow;
}

function assertStaffNoFree(app: Visitdesk, staffNo: string, except?: number) {
  let query = qb.selectFrom('staff').select('id').where('staff_no', '=', staffNo);
  if (except !== undefined) query = query.where('id', '!=', except);
  if (first(app.db, query)) {
    throw new AppFailure('CONFLICT', `staff number ${staffNo} is taken`, {
      fields: { staffNo: 'e.CONFLICT' },
    });
  }
}

/** Inserts a staff record; the caller holds the transaction and writes the audit row. */
export function insertStaff(app: Visitdesk, input: z.output<typeof staffCreateInput>): number {
  assertStaffNoFree(app, input.staffNo);
  const at = app.now().toISOString();
  return run(
    app.db,
    qb.insertInto('staff').values({
      staff_no: input.staffNo,
      name: input.name,
      role: input.role,
      phone: input.phone,
      active: writeFlag(input.active),
      username: null,
      created_at: at,
      updated_at: at,
    }),
  ).lastInsertRowid;
}

export function createStaff(app: Visitdesk, input: z.output<typeof staffCreateInput>): StaffRow {
  return app.db.transaction(() => {
    const id = insertStaff(app, input);
    const after = getStaff(app, id);
    app.audit({ action: 'staff.create', entity: 'staff', entityId: id, after });
    return after;
  })();
}

export function updateStaff(app: Visitdesk, input: z.output<typeof staffUpdateInput>): StaffRow {
  return app.db.transaction(() => {
    const before = getStaff(app, input.id);
    if (input.staffNo !== undefined) assertStaffNoFree(app, input.staffNo, input.id);
    // The manager cannot take away their own role or switch themselves off by accident.
    if (
      input.id === app.session?.staffId &&
      (input.active === false || (input.role && input.role !== before.role))
    ) {
      throw new AppFailure('CONFLICT', 'you cannot deactivate yourself or change your own role');
    }
    const set: Record<string, string | number> = { updated_at: app.now().toISOString() };
    if (input.staffNo !== undefined) set.staff_no = input.staffNo;
    if (input.name !== undefined) set.name = input.name;
    if (input.role !== undefined) set.role = input.role;
    if (input.phone !== undefined) set.phone = input.phone;
    if (input.active !== undefined) set.active = writeFlag(input.active);
    run(app.db, qb.updateTable('staff').set(set).where('id', '=', input.id));
    const after = getStaff(app, input.id);
    app.audit({ action: 'staff.update', entity: 'staff', entityId: input.id, before, after });
    return after;
  })();
}

/** Adds a certificate, or renews it when the same number is entered again with new dates. */
export function saveCertificate(app: Visitdesk, input: z.output<typeof certificateInput>): void {
  getStaff(app, input.staffId);
  const existing = first(
    app.db,
    qb
      .selectFrom('staff_certificates')
      .select(['id', 'issued_on', 'expires_on'])
      .where('staff_id', '=', input.staffId)
      .where('kind', '=', input.kind)
      .where('number', '=', input.number),
  );
  if (existing) {
    run(
      app.db,
      qb
        .updateTable('staff_certificates')
        .set({ issued_on: input.issuedOn, expires_on: input.expiresOn })
        .where('id', '=', existing.id),
    );
  } else {
    run(
      app.db,
      qb.insertInto('staff_certificates').values({
        staff_id: input.staffId,
        kind: input.kind,
        number: input.number,
        issued_on: input.issuedOn,
        expires_on: input.expiresOn,
        created_at: app.now().toISOString(),
      }),
    );
  }
  app.audit({
    action: existing ? 'staff.certificate.renew' : 'staff.certificate.add',
    entity: 'staff',
    entityId: input.staffId,
    before: existing ?? undefined,
    after: input,
  });
}

export function addCertificate(app: Visitdesk, input: z.output<typeof certificateInput>): StaffRow {
  return app.db.transaction(() => {
    saveCertificate(app, input);
    return getStaff(app, input.staffId);
  })();
}

/**
 * Records leave for a day or a period. Visits already planned on those days stay (the
 * manager decides what to move); their ids come back so the screen can say which.
 */
export function addLeave(app: Visitdesk, input: z.output<typeof leaveInput>) {
  return app.db.transaction(() => {
    getStaff(app, input.staffId);
    // leaveInput allows at most 366 days; more is a bug, and datesFromTo throws rather than walk it.
    const to = input.to ?? input.from;
    const days = datesFromTo(input.from, to, 367);
    const at = app.now().toISOString();
    for (const date of days) {
      run(
        app.db,
        qb
          .insertInto('staff_leave')
          .values({ staff_id: input.staffId, date, reason: input.reason, created_at: at })
          .onConflict((oc) =>
            oc.columns(['staff_id', 'date']).doUpdateSet({ reason: input.reason }),
          ),
      );
    }
    const conflicts = all(
      app.db,
      qb
        .selectFrom('visit_staff')
        .innerJoin('visits', 'visits.id', 'visit_staff.visit_id')
        .select('visits.id')
        .where('visit_staff.staff_id', '=', input.staffId)
        .where('visits.date', '>=', input.from)
        .where('visits.date', '<=', to)
        .where('visits.status', 'in', openStatuses)
        .orderBy('visits.date'),
    ).map((r) => r.id);
    app.audit({
      action: 'staff.leave.add',
      entity: 'staff',
      entityId: input.staffId,
      after: { from: input.from, to, reason: input.reason },
    });
    return { staff: getStaff(app, input.staffId), conflictingVisitIds: conflicts };
  })();
}

export function removeLeave(app: Visitdesk, input: { staffId: number; date: string }): StaffRow {
  return app.db.transaction(() => {
    const removed = run(
      app.db,
      qb
        .deleteFrom('staff_leave')
        .where('staff_id', '=', input.staffId)
        .where('date', '=', input.date),
    );
    if (removed.changes === 0) throw new AppFailure('NOT_FOUND', `no leave on ${input.date}`);
    app.audit({
      action: 'staff.leave.remove',
      entity: 'staff',
      entityId: input.staffId,
      before: input,
    });
    return getStaff(app, input.staffId);
  })();
}
