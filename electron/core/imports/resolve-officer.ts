import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  OfficerAlias,
  ResolveOfficerResult,
  resolveOfficerInput,
} from '../../shared/schemas/imports';
import type { Visitdesk } from '../app/visitdesk';
import type { Sqlite } from '../db/sqlite';
import { createStaff } from '../staff/staff';
import { loadOfficerDirectory, officerKey, resolveOfficerCell } from './officers';

interface StaffFacts {
  id: number;
  staff_no: string;
  name: string;
  role: string;
  active: number;
}

function assignableStaff(db: Sqlite, staffId: number): StaffFacts {
  const staff = db
    .prepare('SELECT id, staff_no, name, role, active FROM staff WHERE id = ?')
    .get(staffId) as StaffFacts | undefined;
  if (!staff || staff.active !== 1 || (staff.role !== 'officer' && staff.role !== 'manager')) {
    throw new AppFailure('VALIDATION', 'cases go only to an active officer or manager', {
      fields: { staffId: 'v.import.officerNotAssignable' },
    });
  }
  return staff;
}

/**
 * A manager answers an officer name nobody on the staff list had: adds the officer, or says
 * which staff member it means. In one transaction, audited:
 * - the name is remembered as meaning them (unless it is their own name or staff number,
 *   which resolve anyway), so later files naming it assign the case;
 * - the cases imported without an officer under that name are assigned to them, except those
 *   someone has reassigned since the import (their assignment is not the one the import
 *   left): a person's later decision is not overwritten by an old file.
 */
export function resolveOfficerName(
  app: Visitdesk,
  input: z.output<typeof resolveOfficerInput>,
): ResolveOfficerResult {
  const db = app.db;
  return db.transaction(() => {
    const key = officerKey(input.name);
    const staff =
      input.action === 'create'
        ? assignableStaff(db, createStaff(app, { ...input.staff, active: true }).id)
        : assignableStaff(db, input.staffId);
    const now = app.now().toISOString();
    const ownKey = officerKey(staff.name) === key || officerKey(staff.staff_no) === key;
    const previous = db
      .prepare('SELECT staff_id FROM staff_name_aliases WHERE name_key = ?')
      .pluck()
      .get(key) as number | undefined;
    if (ownKey) {
      // Their own name resolves by itself; an old mapping to someone else would shadow it.
      db.prepare('DELETE FROM staff_name_aliases WHERE name_key = ?').run(key);
    } else {
      db.prepare(
        `INSERT INTO staff_name_aliases (name_key, name, staff_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, staff_id = excluded.staff_id,
           created_by = excluded.created_by, created_at = excluded.created_at`,
      ).run(key, input.name, staff.id, app.session?.staffId ?? null, now);
    }

    const { assigned, kept } = assignWaitingCases(db, key, staff.id, now);

    app.audit({
      action: 'imports.resolveOfficer',
      entity: 'staff',
      entityId: staff.id,
      before: previous === undefined ? undefined : { aliasOf: previous },
      after: {
        name: input.name,
        how: input.action === 'create' ? 'created' : 'mapped',
        staffId: staff.id,
        staffNo: staff.staff_no,
        alias: !ownKey,
        assignedBorrowers: assigned,
        keptBorrowers: kept,
      },
    });
    return {
      staffId: staff.id,
      staffNo: staff.staff_no,
      staffName: staff.name,
      aliased: !ownKey,
      assigned: assigned.length,
      kept: kept.length,
    };
  })();
}

/**
 * Gives the cases waiting under a name (its key) to `staffId`, except those whose assignment
 * changed since the import left them; the name no longer waits. Returns the borrower ids.
 */
function assignWaitingCases(
  db: Sqlite,
  key: string,
  staffId: number,
  now: string,
): { assigned: number[]; kept: number[] } {
  const waiting = db
    .prepare(
      `SELECT p.borrower_id AS id, p.officer_before AS before, b.assigned_officer_id AS current
       FROM import_officer_names p JOIN borrowers b ON b.id = p.borrower_id
       WHERE p.name_key = ? ORDER BY p.borrower_id`,
    )
    .all(key) as { id: number; before: number | null; current: number | null }[];
  const assign = db.prepare(
    'UPDATE borrowers SET assigned_officer_id = ?, updated_at = ? WHERE id = ?',
  );
  const assigned: number[] = [];
  const kept: number[] = [];
  for (const w of waiting) {
    if (w.current !== w.before) {
      kept.push(w.id);
      continue;
    }
    if (w.current !== staffId) assign.run(staffId, now, w.id);
    assigned.push(w.id);
  }
  db.prepare('DELETE FROM import_officer_names WHERE name_key = ?').run(key);
  return { assigned, kept };
}

/**
 * After the staff list changed (a staff-list import), the waiting names that now resolve (a
 * new staff member's name or number, unique among active staff) get their cases, as if a
 * manager had mapped each; one audit row per name. Call inside the change's transaction.
 */
export function settleWaitingNames(app: Visitdesk): { names: number; assigned: number } {
  const db = app.db;
  const names = db
    .prepare(
      `SELECT name_key AS key, max(name) AS name FROM import_officer_names GROUP BY name_key
       ORDER BY name_key`,
    )
    .all() as { key: string; name: string }[];
  if (names.length === 0) return { names: 0, assigned: 0 };
  const directory = loadOfficerDirectory(db);
  const staffOf = db.prepare('SELECT id, role FROM staff WHERE staff_no = ?');
  const now = app.now().toISOString();
  let settled = 0;
  let total = 0;
  for (const { key, name } of names) {
    const cell = resolveOfficerCell(directory, name);
    if (cell.kind !== 'staff') continue;
    const { id: staffId, role } = staffOf.get(cell.staffNo) as { id: number; role: string };
    // Cases go to officers and managers only; a clerk of that name is left to the manager.
    if (role !== 'officer' && role !== 'manager') continue;
    const { assigned, kept } = assignWaitingCases(db, key, staffId, now);
    app.audit({
      action: 'imports.resolveOfficer',
      entity: 'staff',
      entityId: staffId,
      after: {
        name,
        how: 'staffList',
        staffId,
        staffNo: cell.staffNo,
        alias: false,
        assignedBorrowers: assigned,
        keptBorrowers: kept,
      },
    });
    settled++;
    total += assigned.length;
  }
  return { names: settled, assigned: total };
}

/** The names managers have mapped, by name. */
export function officerAliases(db: Sqlite): OfficerAlias[] {
  return db
    .prepare(
      `SELECT a.name, s.id AS staffId, s.staff_no AS staffNo, s.name AS staffName,
         a.created_at AS createdAt
       FROM staff_name_aliases a JOIN staff s ON s.id = a.staff_id ORDER BY a.name`,
    )
    .all() as OfficerAlias[];
}
