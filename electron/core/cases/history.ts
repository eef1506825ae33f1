import type { z } from 'zod';
import { maskNullablePhone } from '../../shared/mask';
import { AppFailure } from '../../shared/result';
import type {
  addAssessmentInput,
  addContactEventInput,
  addContactInput,
  revealInput,
} from '../../shared/schemas/cases';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadContact, reindexBorrowerOn } from './repo';
import { loadBorrower } from './service';
import { readFlag, writeFlag } from '../db/columns';
import { hardshipColumn, otherPhonesColumn } from './tables';

/**
 * What happens on a case after it is opened: contacts and their consent, notes, calls, texts,
 * visits and letters, household assessments, and reveals of masked numbers. Each is one
 * `app.write` with its audit row appended through `app.record` on the write's `tx`.
 */

function notFound(what: string, field: string): AppFailure {
  return new AppFailure('NOT_FOUND', `no ${what}`, { fields: { [field]: 'e.NOT_FOUND' } });
}

export function addContact(
  app: Visitdesk,
  input: z.output<typeof addContactInput>,
): Promise<{ id: number }> {
  return app.write(async (tx) => {
    await loadBorrower(tx, input.borrowerId);
    const at = app.now().toISOString();
    const consent = input.consentToContact || input.isGuarantor;
    const { id } = await tx
      .insertInto('contacts')
      .values({
        borrower_id: input.borrowerId,
        name: input.name,
        relation: input.relation,
        phone: input.phone,
        is_guarantor: writeFlag(input.isGuarantor),
        consent_to_contact: writeFlag(input.consentToContact),
        consent_recorded_at: input.consentToContact ? at : null,
        note: input.note,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.consentToContact) {
      await tx
        .insertInto('consents')
        .values({
          borrower_id: input.borrowerId,
          contact_id: id,
          kind: 'contact_third_party',
          granted: writeFlag(true),
          recorded_at: at,
          recorded_by: app.session?.staffId ?? null,
          evidence: input.consentEvidence,
        })
        .execute();
    }
    await reindexBorrowerOn(tx, app.engine.kind, input.borrowerId);
    await app.record(tx, {
      action: 'case.addContact',
      entity: 'borrower',
      entityId: input.borrowerId,
      subject: input.borrowerId,
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
  });
}

export function addNote(
  app: Visitdesk,
  input: { borrowerId: number; text: string },
): Promise<{ id: number }> {
  return app.write(async (tx) => {
    await loadBorrower(tx, input.borrowerId);
    const { id } = await tx
      .insertInto('notes')
      .values({
        borrower_id: input.borrowerId,
        at: app.now().toISOString(),
        staff_id: app.session?.staffId ?? null,
        text: input.text,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.record(tx, {
      action: 'case.addNote',
      entity: 'borrower',
      entityId: input.borrowerId,
      subject: input.borrowerId,
      after: { noteId: id },
    });
    return { id };
  });
}

/**
 * Records a call, text, visit or letter in its own write (the case page's form goes through the
 * contact rules first, contact-rules.ts).
 */
export async function addContactEvent(
  app: Visitdesk,
  input: z.output<typeof addContactEventInput>,
): Promise<{ id: number }> {
  if (Date.parse(input.at) > app.now().getTime() + 5 * 60_000) {
    throw new AppFailure('VALIDATION', 'contact in the future', {
      fields: { at: 'v.case.future' },
    });
  }
  return app.write((tx) => insertContactEvent(app, tx, input));
}

/**
 * Writes a contact event on the write's `tx`. Contacting anyone but the borrower is allowed
 * only for guarantors and for contacts whose consent is on record (collect only from the
 * borrower and guarantors; approach others only to re-establish contact, with consent).
 */
export async function insertContactEvent(
  app: Visitdesk,
  tx: Kysely<DB>,
  input: z.output<typeof addContactEventInput>,
  /** What the audit row adds (a borrower-initiated contact's exemptions, contact-rules.ts). */
  marks: Record<string, unknown> = {},
): Promise<{ id: number }> {
  const at = new Date(input.at).toISOString();
  await loadBorrower(tx, input.borrowerId);
  if (input.contactId !== null) {
    const contact = await loadContact(tx, input.contactId);
    if (!contact || contact.borrower_id !== input.borrowerId) {
      throw new AppFailure('VALIDATION', 'contact of another borrower', {
        fields: { contactId: 'v.case.contact' },
      });
    }
    if (
      input.direction === 'outbound' &&
      !readFlag(contact.is_guarantor) &&
      !readFlag(contact.consent_to_contact)
    ) {
      throw new AppFailure('RULE_VIOLATION', 'no recorded consent to contact', {
        fields: { contactId: 'v.case.noConsent' },
      });
    }
  }
  const { id } = await tx
    .insertInto('contact_events')
    .values(contactEventRow(app, input, at))
    .returning('id')
    .executeTakeFirstOrThrow();
  await lastContactUpdate(tx, input.borrowerId, at, input.kind === 'visit').execute();
  await app.record(tx, contactEventAudit(input, id, at, marks));
  return { id };
}

/**
 * A contact event's row and its audit entry, said once for the case page's form and a visit's
 * record (records/parts.ts, on the engine); `at` is the event's instant.
 */
export function contactEventRow(
  app: Visitdesk,
  input: z.output<typeof addContactEventInput>,
  at: string,
) {
  return {
    borrower_id: input.borrowerId,
    at,
    kind: input.kind,
    direction: input.direction,
    staff_id: app.session?.staffId ?? null,
    contact_id: input.contactId,
    outcome: input.outcome,
    note: input.note,
    created_at: app.now().toISOString(),
  };
}

export function contactEventAudit(
  input: z.output<typeof addContactEventInput>,
  id: number,
  at: string,
  marks: Record<string, unknown> = {},
) {
  return {
    action: 'case.addContactEvent',
    entity: 'borrower',
    entityId: input.borrowerId,
    subject: input.borrowerId,
    after: {
      eventId: id,
      kind: input.kind,
      direction: input.direction,
      outcome: input.outcome,
      at,
      ...marks,
    },
  };
}

/**
 * Keeps the list's "last contact" and "last visit" columns (never moves them backwards): a
 * CASE rather than SQLite's two-argument max, which PostgreSQL does not have.
 */
export function lastContactUpdate(db: Kysely<DB>, borrowerId: number, at: string, visit: boolean) {
  return db
    .updateTable('borrowers')
    .set((eb) => {
      const later = (column: 'last_contact_at' | 'last_visit_at') =>
        eb
          .case()
          .when(eb.or([eb(column, 'is', null), eb(column, '<', at)]))
          .then(at)
          .else(eb.ref(column))
          .end();
      return {
        last_contact_at: later('last_contact_at'),
        ...(visit ? { last_visit_at: later('last_visit_at') } : {}),
      };
    })
    .where('id', '=', borrowerId);
}

export function addAssessment(
  app: Visitdesk,
  input: z.output<typeof addAssessmentInput>,
): Promise<{ id: number }> {
  return app.write(async (tx) => {
    await loadBorrower(tx, input.borrowerId);
    const { id } = await tx
      .insertInto('assessments')
      .values(assessmentRow(app, input))
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.record(tx, assessmentAudit(input, id));
    return { id };
  });
}

/** An assessment's row and its audit entry, said once for the case page and a visit's record. */
export function assessmentRow(app: Visitdesk, input: z.output<typeof addAssessmentInput>) {
  return {
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
    hardship: hardshipColumn.write(input.hardship),
    note: input.note,
    created_at: app.now().toISOString(),
  };
}

export function assessmentAudit(input: z.output<typeof addAssessmentInput>, id: number) {
  return {
    action: 'case.addAssessment',
    entity: 'borrower',
    entityId: input.borrowerId,
    subject: input.borrowerId,
    after: { assessmentId: id, assessedOn: input.assessedOn },
  };
}

/**
 * The full value of a masked field, for a role allowed to see it (the channel checks
 * 'cases.reveal'). Every reveal is audited with the field, never the value.
 */
export async function revealField(
  app: Visitdesk,
  input: z.output<typeof revealInput>,
): Promise<{ value: string | null }> {
  // Officers see their own cases in full and others' masked (need to know); the refused
  // attempt is audited too.
  const session = app.session;
  const owner = (await loadBorrower(app.engine.db, input.borrowerId)).assigned_officer_id;
  if (session?.role === 'officer' && owner !== session.staffId) {
    await app.write((tx) =>
      app.record(tx, {
        action: 'case.reveal',
        entity: 'borrower',
        entityId: input.borrowerId,
        subject: input.borrowerId,
        success: false,
        after: { field: input.field, reason: 'not the assigned officer' },
      }),
    );
    throw new AppFailure('FORBIDDEN', 'only the assigned officer sees this case in full');
  }
  return app.write(async (tx) => {
    const row = await loadBorrower(tx, input.borrowerId);
    let value: string | null;
    if (input.field === 'idNumber') value = row.id_number;
    else if (input.field === 'mobile') value = row.mobile;
    else if (input.field === 'otherPhones') {
      const phones = otherPhonesColumn.read(row.other_phones);
      value = phones.length ? phones.join(', ') : null;
    } else {
      const contact = await loadContact(tx, input.contactId!);
      if (!contact || contact.borrower_id !== input.borrowerId)
        throw notFound('contact', 'contactId');
      value = contact.phone;
    }
    await app.record(tx, {
      action: 'case.reveal',
      entity: 'borrower',
      entityId: input.borrowerId,
      subject: input.borrowerId,
      after: { field: input.field, ...(input.contactId ? { contactId: input.contactId } : {}) },
    });
    return { value };
  });
}
