import type { Insertable } from 'kysely';
import { checkResidentId } from '../../shared/idcard';
import { maskNullablePhone, maskResidentId } from '../../shared/mask';
import { AppFailure } from '../../shared/result';
import type {
  CreateBorrower,
  UpdateBorrower,
  addAssessmentInput,
  addContactEventInput,
  addContactInput,
  revealInput,
} from '../../shared/schemas/cases';
import type { z } from 'zod';
import type { Visitdesk } from '../app/visitdesk';
import { first, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import {
  borrowerIdByResidentId,
  borrowerRow,
  contactOf,
  insertBorrower,
  staffMember,
  updateBorrowerRow,
  type BorrowerRow,
} from './repo';
import { nameSortKey, reindexBorrower } from './search';
import type { BorrowersTable } from './tables';

/**
 * Case-file actions: each checks its rules, writes in one transaction and appends its audit
 * row in the same transaction. Audit snapshots carry masked ID and phone numbers: the audit log
 * is exported as CSV, and full values there would defeat the masking everywhere else.
 */

/** The branch's calendar date for `now` (ISO), in the branch's time zone. */
export function branchToday(app: Visitdesk): string {
  const row = first(app.db, qb.selectFrom('branch').select('time_zone'));
  const zone = row?.time_zone ?? 'Asia/Shanghai';
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(app.now());
}

function notFound(what: string, field: string): AppFailure {
  return new AppFailure('NOT_FOUND', `no ${what}`, { fields: { [field]: 'e.NOT_FOUND' } });
}

export function requireBorrower(db: Sqlite, borrowerId: number): NonNullable<BorrowerRow> {
  const row = borrowerRow(db, borrowerId);
  if (!row) throw notFound(`borrower ${borrowerId}`, 'borrowerId');
  return row;
}

/** What the audit log keeps of a borrower: the facts, with ID and phones masked. */
export function auditView(row: NonNullable<BorrowerRow>) {
  return {
    name: row.name,
    idNumber: maskResidentId(row.id_number),
    mobile: maskNullablePhone(row.mobile),
    otherPhones: (JSON.parse(row.other_phones) as string[]).map((p) => maskNullablePhone(p)),
    address: [row.province, row.city, row.county, row.township, row.village, row.address_detail]
      .filter(Boolean)
      .join(' '),
    occupation: row.occupation,
    householdSize: row.household_size,
    dependents: row.dependents,
    vulnerable: {
      elderly: row.vulnerable_elderly === 1,
      ill: row.vulnerable_ill === 1,
      disabled: row.vulnerable_disabled === 1,
      disaster: row.vulnerable_disaster === 1,
    },
    officerId: row.assigned_officer_id,
    status: row.status,
  };
}

function checkOfficer(db: Sqlite, officerId: number | null): void {
  if (officerId === null) return;
  const staff = staffMember(db, officerId);
  if (!staff || staff.active !== 1 || (staff.role !== 'officer' && staff.role !== 'manager')) {
    throw new AppFailure('VALIDATION', 'no such active officer', {
      fields: { officerId: 'v.case.officer' },
    });
  }
}

/** A resident ID that is valid today (no birth date in the future) and not taken by another. */
function checkResidentIdFree(app: Visitdesk, idNumber: string, self: number | null) {
  const checked = checkResidentId(idNumber, branchToday(app));
  if (!checked.ok) {
    throw new AppFailure('VALIDATION', 'invalid resident ID', {
      fields: { idNumber: 'v.idNumber' },
    });
  }
  const existingId = borrowerIdByResidentId(app.db, checked.facts.idNumber);
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
    household_members: JSON.stringify(input.householdMembers),
    preferred_contact_times: input.preferredContactTimes,
    vulnerable_elderly: input.vulnerable.elderly ? 1 : 0,
    vulnerable_ill: input.vulnerable.ill ? 1 : 0,
    vulnerable_disabled: input.vulnerable.disabled ? 1 : 0,
    vulnerable_disaster: input.vulnerable.disaster ? 1 : 0,
    vulnerability_notes: input.vulnerabilityNotes,
    assigned_officer_id: input.officerId,
    status: input.status,
  };
}

export function createBorrower(app: Visitdesk, input: CreateBorrower): { id: number } {
  checkOfficer(app.db, input.officerId);
  return app.db.transaction(() => {
    const facts = checkResidentIdFree(app, input.idNumber, null);
    const at = app.now().toISOString();
    const values: Insertable<BorrowersTable> = {
      ...plainColumns(input),
      id_number: facts.idNumber,
      birth_date: facts.birthDate,
      sex: facts.sex,
      mobile: input.mobile,
      other_phones: JSON.stringify(input.otherPhones),
      closed_at: input.status === 'closed' ? at : null,
      created_at: at,
      updated_at: at,
    };
    const id = insertBorrower(app.db, values);
    reindexBorrower(app.db, id);
    app.audit({
      action: 'case.create',
      entity: 'borrower',
      entityId: id,
      after: auditView(requireBorrower(app.db, id)),
    });
    return { id };
  })();
}

export function updateBorrower(app: Visitdesk, input: UpdateBorrower): { id: number } {
  checkOfficer(app.db, input.officerId);
  app.db.transaction(() => {
    const before = requireBorrower(app.db, input.id);
    const at = app.now().toISOString();
    const identity =
      input.idNumber === undefined
        ? {}
        : (() => {
            const facts = checkResidentIdFree(app, input.idNumber, input.id);
            return { id_number: facts.idNumber, birth_date: facts.birthDate, sex: facts.sex };
          })();
    const closedAt =
      input.status === 'closed' ? (before.status === 'closed' ? before.closed_at : at) : null;
    updateBorrowerRow(app.db, input.id, {
      ...plainColumns(input),
      ...identity,
      ...(input.mobile === undefined ? {} : { mobile: input.mobile }),
      ...(input.otherPhones === undefined
        ? {}
        : { other_phones: JSON.stringify(input.otherPhones) }),
      closed_at: closedAt,
      updated_at: at,
    });
    reindexBorrower(app.db, input.id);
    const after = requireBorrower(app.db, input.id);
    app.audit({
      action: 'case.update',
      entity: 'borrower',
      entityId: input.id,
      before: auditView(before),
      after: {
        ...auditView(after),
        // Masked values can look the same after a change; say plainly that they changed.
        idNumberChanged: before.id_number !== after.id_number,
        mobileChanged: before.mobile !== after.mobile,
      },
    });
  })();
  return { id: input.id };
}

export function addContact(app: Visitdesk, input: z.output<typeof addContactInput>) {
  return app.db.transaction(() => {
    requireBorrower(app.db, input.borrowerId);
    const at = app.now().toISOString();
    const consent = input.consentToContact || input.isGuarantor;
    const id = run(
      app.db,
      qb.insertInto('contacts').values({
        borrower_id: input.borrowerId,
        name: input.name,
        relation: input.relation,
        phone: input.phone,
        is_guarantor: input.isGuarantor ? 1 : 0,
        consent_to_contact: input.consentToContact ? 1 : 0,
        consent_recorded_at: input.consentToContact ? at : null,
        note: input.note,
        created_at: at,
        updated_at: at,
      }),
    ).lastInsertRowid;
    if (input.consentToContact) {
      run(
        app.db,
        qb.insertInto('consents').values({
          borrower_id: input.borrowerId,
          contact_id: id,
          kind: 'contact_third_party',
          granted: 1,
          recorded_at: at,
          recorded_by: app.session?.staffId ?? null,
          evidence: input.consentEvidence,
        }),
      );
    }
    reindexBorrower(app.db, input.borrowerId);
    app.audit({
      action: 'case.addContact',
      entity: 'borrower',
      entityId: input.borrowerId,
      after: {
        contactId: id,
        name: input.name,
        relation: input.relation,
        phone: maskNullablePhone(input.phone),
        isGuarantor: input.isGuarantor,
        consentToContact: consent,
      },
    });
    return { id };
  })();
}

export function addNote(app: Visitdesk, input: { borrowerId: number; text: string }) {
  return app.db.transaction(() => {
    requireBorrower(app.db, input.borrowerId);
    const id = run(
      app.db,
      qb.insertInto('notes').values({
        borrower_id: input.borrowerId,
        at: app.now().toISOString(),
        staff_id: app.session?.staffId ?? null,
        text: input.text,
      }),
    ).lastInsertRowid;
    app.audit({
      action: 'case.addNote',
      entity: 'borrower',
      entityId: input.borrowerId,
      after: { noteId: id },
    });
    return { id };
  })();
}

/**
 * Records a call, text, visit or letter. Contacting anyone but the borrower is allowed only
 * for guarantors and for contacts whose consent is on record (collect only from the borrower
 * and guarantors; approach others only to re-establish contact, with consent).
 */
export function addContactEvent(app: Visitdesk, input: z.output<typeof addContactEventInput>) {
  const now = app.now();
  if (Date.parse(input.at) > now.getTime() + 5 * 60_000) {
    throw new AppFailure('VALIDATION', 'contact in the future', {
      fields: { at: 'v.case.future' },
    });
  }
  const at = new Date(input.at).toISOString();
  return app.db.transaction(() => {
    requireBorrower(app.db, input.borrowerId);
    if (input.contactId !== null) {
      const contact = contactOf(app.db, input.contactId);
      if (!contact || contact.borrower_id !== input.borrowerId) {
        throw new AppFailure('VALIDATION', 'contact of another borrower', {
          fields: { contactId: 'v.case.contact' },
        });
      }
      if (input.direction === 'outbound' && !contact.is_guarantor && !contact.consent_to_contact) {
        throw new AppFailure('RULE_VIOLATION', 'no recorded consent to contact', {
          fields: { contactId: 'v.case.noConsent' },
        });
      }
    }
    const id = run(
      app.db,
      qb.insertInto('contact_events').values({
        borrower_id: input.borrowerId,
        at,
        kind: input.kind,
        direction: input.direction,
        staff_id: app.session?.staffId ?? null,
        contact_id: input.contactId,
        outcome: input.outcome,
        note: input.note,
        created_at: now.toISOString(),
      }),
    ).lastInsertRowid;
    touchLastContact(app.db, input.borrowerId, at, input.kind === 'visit');
    app.audit({
      action: 'case.addContactEvent',
      entity: 'borrower',
      entityId: input.borrowerId,
      after: { eventId: id, kind: input.kind, outcome: input.outcome, at },
    });
    return { id };
  })();
}

/** Keeps the list's "last contact" and "last visit" columns (never moves them backwards). */
export function touchLastContact(db: Sqlite, borrowerId: number, at: string, visit: boolean) {
  run(
    db,
    qb
      .updateTable('borrowers')
      .set((eb) => ({
        last_contact_at: eb.fn('max', [eb.fn.coalesce('last_contact_at', eb.val('')), eb.val(at)]),
        ...(visit
          ? {
              last_visit_at: eb.fn('max', [
                eb.fn.coalesce('last_visit_at', eb.val('')),
                eb.val(at),
              ]),
            }
          : {}),
      }))
      .where('id', '=', borrowerId),
  );
}

export function addAssessment(app: Visitdesk, input: z.output<typeof addAssessmentInput>) {
  return app.db.transaction(() => {
    requireBorrower(app.db, input.borrowerId);
    const id = run(
      app.db,
      qb.insertInto('assessments').values({
        borrower_id: input.borrowerId,
        assessed_on: input.assessedOn,
        staff_id: app.session?.staffId ?? null,
        income: input.income,
        expenses: input.expenses,
        assets: input.assets,
        livelihood: input.livelihood,
        monthly_income_fen: input.monthlyIncomeFen,
        monthly_expenses_fen: input.monthlyExpensesFen,
        household_size: input.householdSize,
        capacity_fen: input.capacityFen,
        hardship: JSON.stringify(input.hardship),
        note: input.note,
        created_at: app.now().toISOString(),
      }),
    ).lastInsertRowid;
    app.audit({
      action: 'case.addAssessment',
      entity: 'borrower',
      entityId: input.borrowerId,
      after: { assessmentId: id, assessedOn: input.assessedOn },
    });
    return { id };
  })();
}

/**
 * The full value of a masked field, for a role allowed to see it (the channel checks
 * 'cases.reveal'). Every reveal is audited with the field, never the value.
 */
export function revealField(app: Visitdesk, input: z.output<typeof revealInput>) {
  return app.db.transaction(() => {
    const row = requireBorrower(app.db, input.borrowerId);
    let value: string | null;
    if (input.field === 'idNumber') value = row.id_number;
    else if (input.field === 'mobile') value = row.mobile;
    else if (input.field === 'otherPhones') {
      const phones = JSON.parse(row.other_phones) as string[];
      value = phones.length ? phones.join(', ') : null;
    } else {
      const contact = contactOf(app.db, input.contactId!);
      if (!contact || contact.borrower_id !== input.borrowerId)
        throw notFound('contact', 'contactId');
      value = contact.phone;
    }
    app.audit({
      action: 'case.reveal',
      entity: 'borrower',
      entityId: input.borrowerId,
      after: { field: input.field, ...(input.contactId ? { contactId: input.contactId } : {}) },
    });
    return { value };
  })();
}
