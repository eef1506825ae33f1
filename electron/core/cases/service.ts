import type { Insertable, Kysely } from 'kysely';
import { checkResidentId } from '../../shared/idcard';
import { maskNullablePhone, maskResidentId } from '../../shared/mask';
import { AppFailure } from '../../shared/result';
import type { CreateBorrower, UpdateBorrower } from '../../shared/schemas/cases';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import {
  insertBorrower,
  loadBorrowerIdByResidentId,
  loadBorrowerRow,
  loadStaffMember,
  reindexBorrowerOn,
  updateBorrowerRow,
  type BorrowerRow,
} from './repo';
import { nameSortKey } from './search';
import { householdMembersColumn, otherPhonesColumn, type BorrowersTable } from './tables';
import { loadBranchToday } from '../settings/branch-clock';
import { loadExitInForce } from './exits';
import { readFlag, writeFlag } from '../db/columns';
import { recordFormAssignment } from '../assignments/service';
import { checkVersion } from '../app/versions';
import { borrowerViewOf } from './borrower-view';

/**
 * Borrower actions (create, edit) and what the other case actions share. Each is one
 * `app.write`: its rules checked, its rows written and its audit row appended through
 * `app.record` on the write's `tx` (actions on an open case are in history.ts). Audit snapshots carry masked ID and phone numbers: the
 * audit log is exported as CSV, and full values there would defeat the masking elsewhere.
 */

function notFound(what: string, field: string): AppFailure {
  return new AppFailure('NOT_FOUND', `no ${what}`, { fields: { [field]: 'e.NOT_FOUND' } });
}

/** The borrower's row, on the engine (`db`, or a write's `tx`); NOT_FOUND if there is none. */
export async function loadBorrower(
  db: Kysely<DB>,
  borrowerId: number,
): Promise<NonNullable<BorrowerRow>> {
  return found(borrowerId, await loadBorrowerRow(db, borrowerId));
}

function found(borrowerId: number, row: BorrowerRow): NonNullable<BorrowerRow> {
  if (!row) throw notFound(`borrower ${borrowerId}`, 'borrowerId');
  return row;
}

/** What the audit log keeps of a borrower: the facts, with ID and phones masked. */
export function auditView(row: NonNullable<BorrowerRow>) {
  return {
    name: row.name,
    idNumber: maskResidentId(row.id_number),
    mobile: maskNullablePhone(row.mobile),
    otherPhones: otherPhonesColumn.read(row.other_phones).map((p) => maskNullablePhone(p)),
    address: [row.province, row.city, row.county, row.township, row.village, row.address_detail]
      .filter(Boolean)
      .join(' '),
    occupation: row.occupation,
    householdSize: row.household_size,
    dependents: row.dependents,
    vulnerable: {
      elderly: readFlag(row.vulnerable_elderly),
      ill: readFlag(row.vulnerable_ill),
      disabled: readFlag(row.vulnerable_disabled),
      disaster: readFlag(row.vulnerable_disaster),
    },
    officerId: row.assigned_officer_id,
    status: row.status,
  };
}

async function checkOfficer(tx: Kysely<DB>, officerId: number | null): Promise<void> {
  if (officerId === null) return;
  const staff = await loadStaffMember(tx, officerId);
  if (!staff || !readFlag(staff.active) || (staff.role !== 'officer' && staff.role !== 'manager')) {
    throw new AppFailure('VALIDATION', 'no such active officer', {
      fields: { officerId: 'v.case.officer' },
    });
  }
}

/** A resident ID that is valid today (no birth date in the future) and not taken by another. */
async function checkResidentIdFree(
  app: Visitdesk,
  tx: Kysely<DB>,
  idNumber: string,
  self: number | null,
) {
  const checked = checkResidentId(idNumber, await loadBranchToday(tx, app.now()));
  if (!checked.ok) {
    throw new AppFailure('VALIDATION', 'invalid resident ID', {
      fields: { idNumber: 'v.idNumber' },
    });
  }
  const existingId = await loadBorrowerIdByResidentId(tx, checked.facts.idNumber);
  if (existingId !== null && existingId !== self) {
    throw new AppFailure('CONFLICT', 'a case file with this resident ID exists', {
      fields: { idNumber: 'v.case.duplicateId' },
      details: { existingId },
    });
  }
  return checked.facts;
}
type BorrowerFields = Omit<CreateBorrower, 'idNumber' | 'mobile' | 'otherPhones'>;

function plainColumns(input: BorrowerFields) {
  return {
    name: input.name,
    name_sort: nameSortKey(input.name),
    province: input.province,
    province_code: input.provinceCode,
    city: input.city,
    city_code: input.cityCode,
    county: input.county,
    county_code: input.countyCode,
    township: input.township,
    township_code: input.townshipCode,
    village: input.village,
    village_code: input.villageCode,
    address_detail: input.addressDetail,
    occupation: input.occupation,
    household_size: input.householdSize,
    dependents: input.dependents,
    household_members: householdMembersColumn.write(input.householdMembers),
    preferred_contact_times: input.preferredContactTimes,
    vulnerable_elderly: writeFlag(input.vulnerable.elderly),
    vulnerable_ill: writeFlag(input.vulnerable.ill),
    vulnerable_disabled: writeFlag(input.vulnerable.disabled),
    vulnerable_disaster: writeFlag(input.vulnerable.disaster),
    vulnerability_notes: input.vulnerabilityNotes,
    assigned_officer_id: input.officerId,
    status: input.status,
  };
}

export function createBorrower(app: Visitdesk, input: CreateBorrower): Promise<{ id: number }> {
  return app.write(async (tx) => {
    await checkOfficer(tx, input.officerId);
    const facts = await checkResidentIdFree(app, tx, input.idNumber, null);
    const at = app.now().toISOString();
    const values: Insertable<BorrowersTable> = {
      ...plainColumns(input),
      id_number: facts.idNumber,
      birth_date: facts.birthDate,
      sex: facts.sex,
      mobile: input.mobile,
      other_phones: otherPhonesColumn.write(input.otherPhones),
      closed_at: input.status === 'closed' ? at : null,
      created_at: at,
      updated_at: at,
    };
    const id = await insertBorrower(tx, values);
    await reindexBorrowerOn(tx, app.engine.kind, id);
    await app.record(tx, {
      action: 'case.create',
      entity: 'borrower',
      entityId: id,
      subject: id,
      after: auditView(await loadBorrower(tx, id)),
    });
    return { id };
  });
}

export function updateBorrower(app: Visitdesk, input: UpdateBorrower): Promise<{ id: number }> {
  return app.write(async (tx) => {
    await checkOfficer(tx, input.officerId);
    const before = await loadBorrower(tx, input.id);
    // Another desk's save since this form was opened: refused, with the borrower as it now is.
    const current = borrowerViewOf(before, await loadBranchToday(tx, app.now()));
    await checkVersion(tx, input.version, {
      entity: 'borrower',
      entityId: input.id,
      actual: current.version,
      current,
    });
    // A case that left collection comes back only by undoing its exit (which keeps why).
    if (input.status !== 'closed' && (await loadExitInForce(tx, input.id))) {
      throw new AppFailure('CONFLICT', `borrower ${input.id} left collection; undo the exit`, {
        fields: { status: 'v.case.exitInForce' },
      });
    }
    const at = app.now().toISOString();
    let identity = {};
    if (input.idNumber !== undefined) {
      const facts = await checkResidentIdFree(app, tx, input.idNumber, input.id);
      identity = { id_number: facts.idNumber, birth_date: facts.birthDate, sex: facts.sex };
    }
    const closedAt =
      input.status === 'closed' ? (before.status === 'closed' ? before.closed_at : at) : null;
    await updateBorrowerRow(tx, input.id, {
      ...plainColumns(input),
      ...identity,
      ...(input.mobile === undefined ? {} : { mobile: input.mobile }),
      ...(input.otherPhones === undefined
        ? {}
        : { other_phones: otherPhonesColumn.write(input.otherPhones) }),
      closed_at: closedAt,
      updated_at: at,
    });
    await reindexBorrowerOn(tx, app.engine.kind, input.id);
    await recordFormAssignment(app, tx, input.id, before.assigned_officer_id, input.officerId);
    const after = await loadBorrower(tx, input.id);
    await app.record(tx, {
      action: 'case.update',
      entity: 'borrower',
      entityId: input.id,
      subject: input.id,
      before: auditView(before),
      after: {
        ...auditView(after),
        // Masked values can look the same after a change; say plainly that they changed.
        idNumberChanged: before.id_number !== after.id_number,
        mobileChanged: before.mobile !== after.mobile,
      },
    });
    return { id: input.id };
  });
}
