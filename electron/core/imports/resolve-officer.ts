import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  OfficerAlias,
  ResolveOfficerResult,
  resolveOfficerInput,
} from '../../shared/schemas/imports';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { addStaff } from '../staff/staff';
import { loadOfficerDirectory, officerKey, resolveOfficerCell } from './officers';
import { readFlag } from '../db/columns';

async function assignableStaff(tx: Kysely<DB>, staffId: number) {
  const staff = await tx
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name', 'role', 'active'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!staff || !readFlag(staff.active) || (staff.role !== 'officer' && staff.role !== 'manager')) {
    throw new AppFailure('VALIDATION', 'cases go only to an active officer or manager', {
      fields: { staffId: 'v.import.officerNotAssignable' },
    });
  }
  return staff;
}

/**
 * A manager answers an officer name nobody on the staff list had: adds the officer, or says
 * which staff member it means. One write, audited:
 * - the name is remembered as meaning them (unless it is their own name or staff number,
 *   which resolve anyway), so later files naming it assign the case;
 * - the cases imported without an officer under that name are assigned to them, except those
 *   someone has reassigned since the import (their assignment is not the one the import
 *   left): a person's later decision is not overwritten by an old file.
 * The name's mapping is changed by UPDATE, else INSERTed: PostgreSQL's key is the branch's and
 * the name, so ON CONFLICT (name_key) has no target there.
 */
export function resolveOfficerName(
  app: Visitdesk,
  input: z.output<typeof resolveOfficerInput>,
): Promise<ResolveOfficerResult> {
  return app.write(async (tx) => {
    const staffId =
      input.action === 'create'
        ? (await addStaff(app, tx, { ...input.staff, active: true })).id
        : input.staffId;
    const staff = await assignableStaff(tx, staffId);
    const key = officerKey(input.name);
    const now = app.now().toISOString();
    const ownKey = officerKey(staff.name) === key || officerKey(staff.staff_no) === key;
    const previous = (
      await tx
        .selectFrom('staff_name_aliases')
        .select('staff_id')
        .where('name_key', '=', key)
        .executeTakeFirst()
    )?.staff_id;
    if (ownKey) {
      // Their own name resolves by itself; an old mapping to someone else would shadow it.
      await tx.deleteFrom('staff_name_aliases').where('name_key', '=', key).execute();
    } else {
      const alias = {
        name: input.name,
        staff_id: staff.id,
        created_by: app.session?.staffId ?? null,
        created_at: now,
      };
      const updated = await tx
        .updateTable('staff_name_aliases')
        .set(alias)
        .where('name_key', '=', key)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await tx
          .insertInto('staff_name_aliases')
          .values({ name_key: key, ...alias })
          .execute();
      }
    }

    const { assigned, kept } = await assignWaitingCases(tx, key, staff.id, now);

    await app.record(tx, {
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
  });
}

/**
 * Gives the cases waiting under a name (its key) to `staffId`, except those whose assignment
 * changed since the import left them; the name no longer waits. Returns the borrower ids.
 */
async function assignWaitingCases(
  tx: Kysely<DB>,
  key: string,
  staffId: number,
  now: string,
): Promise<{ assigned: number[]; kept: number[] }> {
  const waiting = await tx
    .selectFrom('import_officer_names as p')
    .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
    .select([
      'p.borrower_id as id',
      'p.officer_before as before',
      'b.assigned_officer_id as current',
    ])
    .where('p.name_key', '=', key)
    .orderBy('p.borrower_id')
    .execute();
  const assigned: number[] = [];
  const kept: number[] = [];
  for (const w of waiting) {
    if (w.current !== w.before) {
      kept.push(w.id);
      continue;
    }
    if (w.current !== staffId) {
      await tx
        .updateTable('borrowers')
        .set({ assigned_officer_id: staffId, updated_at: now })
        .where('id', '=', w.id)
        .execute();
    }
    assigned.push(w.id);
  }
  await tx.deleteFrom('import_officer_names').where('name_key', '=', key).execute();
  return { assigned, kept };
}

/**
 * After the staff list changed (a staff-list import), the waiting names that now resolve (a
 * new staff member's name or number, unique among active staff) get their cases, as if a
 * manager had mapped each; one audit row per name. Call inside the change's write `tx`.
 */
export async function settleWaitingNames(
  app: Visitdesk,
  tx: Kysely<DB>,
): Promise<{ names: number; assigned: number }> {
  const names = await tx
    .selectFrom('import_officer_names')
    .select((eb) => ['name_key as key', eb.fn.max('name').as('name')])
    .groupBy('name_key')
    .orderBy('name_key')
    .execute();
  if (names.length === 0) return { names: 0, assigned: 0 };
  const directory = await loadOfficerDirectory(tx);
  const now = app.now().toISOString();
  let settled = 0;
  let total = 0;
  for (const { key, name } of names) {
    const cell = resolveOfficerCell(directory, name);
    if (cell.kind !== 'staff') continue;
    const { id: staffId, role } = await tx
      .selectFrom('staff')
      .select(['id', 'role'])
      .where('staff_no', '=', cell.staffNo)
      .executeTakeFirstOrThrow();
    // Cases go to officers and managers only; a clerk of that name is left to the manager.
    if (role !== 'officer' && role !== 'manager') continue;
    const { assigned, kept } = await assignWaitingCases(tx, key, staffId, now);
    await app.record(tx, {
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

/** The names managers have mapped, by name, on the engine. */
export function officerAliases(db: Kysely<DB>): Promise<OfficerAlias[]> {
  return db
    .selectFrom('staff_name_aliases as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.name',
      's.id as staffId',
      's.staff_no as staffNo',
      's.name as staffName',
      'a.created_at as createdAt',
    ])
    .orderBy('a.name')
    .execute();
}
