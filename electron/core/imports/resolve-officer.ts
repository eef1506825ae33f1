import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  OfficerAlias,
  ResolveOfficerResult,
  resolveOfficerInput,
} from '../../shared/schemas/imports';
import type { Visitdesk } from '../app/visitdesk';
import type { Sqlite } from '../db/sqlite';
import { createStaff } from '../planning/staff';
import { officerKey } from './officers';

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
      if (w.current !== staff.id) assign.run(staff.id, now, w.id);
      assigned.push(w.id);
    }
    db.prepare('DELETE FROM import_officer_names WHERE name_key = ?').run(key);

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
