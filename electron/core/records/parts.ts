import type { Kysely } from 'kysely';
import {
  situationSeen,
  type MetWhom,
  type OutcomeCode,
  type RecordVisit,
} from '../../shared/schemas/records';
import type { ContactOutcome } from '../cases/tables';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import {
  assessmentAudit,
  assessmentRow,
  contactEventAudit,
  contactEventRow,
  lastContactUpdate,
} from '../cases/history';
import type { DB } from '../db/schema';
import { dateIn, zonedInstant } from '../../shared/dates';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { writeFlag } from '../db/columns';

/** The pieces a record writes besides itself: checks, assessment, contact, follow-up. */

export function requireStaffId(app: Visitdesk): number {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return staffId;
}

type RecordBody = Omit<RecordVisit, 'visitId'>;

/**
 * Checks that need the database, read on the record's `tx`: the visit lies in the past, the
 * staff exist and are active, the loans are the borrower's. Whoever may record keys in the
 * outcome for the staff who went (a clerk for two officers back from the villages): the record
 * keeps both, `recorded_by` beside the staff named, and the audit row names the one who
 * entered it.
 */
export async function checkAgainstFacts(
  app: Visitdesk,
  tx: Kysely<DB>,
  body: RecordBody,
  borrowerId: number,
): Promise<void> {
  const fields: Record<string, string> = {};
  const timeZone = await loadBranchTimeZone(tx);
  if (body.date > dateIn(timeZone, app.now())) fields.date = 'v.notFuture';
  else if (zonedInstant(body.date, body.start, timeZone) > app.now()) {
    fields.start = 'v.notFuture';
  }
  const active = await tx
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active', '=', writeFlag(true))
    .where('id', 'in', [...body.staffIds])
    .executeTakeFirst();
  if (Number(active?.n ?? 0) !== body.staffIds.length) fields.staffIds = 'v.staffInactive';
  const loans: [string, number | null | undefined][] = [
    ['promise.loanId', body.promise?.loanId],
    ['payment.loanId', body.payment?.loanId],
    ['plan.loanId', body.plan?.loanId],
  ];
  for (const [field, loanId] of loans) {
    if (loanId === null || loanId === undefined) continue;
    const loan = await tx
      .selectFrom('loans')
      .select('borrower_id')
      .where('id', '=', loanId)
      .executeTakeFirst();
    if (loan?.borrower_id !== borrowerId) fields[field] = 'v.invalid';
  }
  if (Object.keys(fields).length > 0) {
    throw new AppFailure('VALIDATION', 'the record does not fit the facts on file', { fields });
  }
}

/** The situation seen becomes a dated row of the case's household assessments. */
export async function insertAssessment(
  app: Visitdesk,
  tx: Kysely<DB>,
  body: RecordBody,
  borrowerId: number,
): Promise<number | null> {
  const s = body.situation;
  if (!situationSeen(s)) return null;
  const input = {
    borrowerId,
    assessedOn: body.date,
    income: s.income,
    expenses: s.expenses,
    assets: s.assets,
    livelihood: s.livelihood,
    monthlyIncomeFen: s.monthlyIncomeFen,
    monthlyExpensesFen: s.monthlyExpensesFen,
    householdSize: s.householdSize,
    capacityFen: s.capacityFen,
    hardship: [],
    note: '',
  };
  const { id } = await tx
    .insertInto('assessments')
    .values(assessmentRow(app, input))
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.record(tx, assessmentAudit(input, id));
  return id;
}

export function sameSituation(a: RecordBody['situation'], b: RecordBody['situation'] | null) {
  return b !== null && JSON.stringify(a) === JSON.stringify(b);
}

export async function insertRecordRow(
  app: Visitdesk,
  tx: Kysely<DB>,
  body: RecordBody,
  ids: { visitId: number; borrowerId: number; assessmentId: number | null },
  amendment: { amends: number; reason: string } | null,
): Promise<number> {
  const { id: recordId } = await tx
    .insertInto('visit_records')
    .values({
      visit_id: ids.visitId,
      borrower_id: ids.borrowerId,
      amends: amendment?.amends ?? null,
      amend_reason: amendment?.reason ?? null,
      actual_date: body.date,
      actual_start: body.start,
      actual_end: body.end,
      met: body.met,
      outcome: body.outcome,
      borrower_words: body.borrowerWords,
      assessment_id: ids.assessmentId,
      staff_cards_shown: writeFlag(body.checklist.staffCardsShown),
      rights_explained: writeFlag(body.checklist.rightsExplained),
      no_third_party_disclosure: writeFlag(body.checklist.noThirdPartyDisclosure),
      recorded_on_media: writeFlag(body.checklist.recorded),
      recording_ref: body.checklist.recordingRef,
      next_action: body.nextAction,
      follow_up_on: body.followUpOn,
      recorded_by: requireStaffId(app),
      recorded_at: app.now().toISOString(),
      place: body.place,
      place_note: body.placeNote,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const staffId of body.staffIds) {
    await tx
      .insertInto('visit_record_staff')
      .values({ record_id: recordId, staff_id: staffId })
      .execute();
  }
  return recordId;
}

/** Nobody met: the visit could not be held. Anyone met: it was done. */
export function visitStatusFor(met: MetWhom): 'done' | 'not_done' {
  return met === 'nobody' ? 'not_done' : 'done';
}

export async function setVisitStatus(
  app: Visitdesk,
  tx: Kysely<DB>,
  visitId: number,
  met: MetWhom,
): Promise<void> {
  await tx
    .updateTable('visits')
    .set({ status: visitStatusFor(met), updated_at: app.now().toISOString() })
    .where('id', '=', visitId)
    .execute();
}

const contactOutcome: Record<OutcomeCode, ContactOutcome> = {
  paid_full: 'paid',
  partial_payment: 'paid',
  promise_to_pay: 'promised',
  plan_proposed: 'reached',
  refused: 'refused',
  hardship: 'reached',
  not_home: 'no_answer',
  moved: 'other',
  disputes: 'disputed',
  deceased: 'other',
};

/** The case's contact history and its last-contact and last-visit markers (cases/history.ts). */
export async function recordContact(
  app: Visitdesk,
  tx: Kysely<DB>,
  body: RecordBody,
  borrowerId: number,
): Promise<void> {
  const at = zonedInstant(body.date, body.start, await loadBranchTimeZone(tx)).toISOString();
  const input = {
    borrowerId,
    at,
    kind: 'visit' as const,
    direction: 'outbound' as const,
    contactId: null,
    outcome: contactOutcome[body.outcome],
    note: body.borrowerWords.slice(0, 2000),
  };
  const { id } = await tx
    .insertInto('contact_events')
    .values(contactEventRow(app, input, at))
    .returning('id')
    .executeTakeFirstOrThrow();
  await lastContactUpdate(tx, borrowerId, at, true).execute();
  await app.record(tx, contactEventAudit(input, id, at));
}

/**
 * The officer's next step. A new record for the borrower settles the follow-ups that were
 * open ('done'); an amendment replaces its chain's own ('replaced').
 */
export async function setFollowUp(
  app: Visitdesk,
  tx: Kysely<DB>,
  body: RecordBody,
  borrowerId: number,
  recordId: number,
  close: { status: 'done' | 'replaced'; recordIds?: readonly number[] },
): Promise<void> {
  const at = app.now().toISOString();
  let query = tx
    .updateTable('follow_ups')
    .set({ status: close.status, closed_at: at })
    .where('borrower_id', '=', borrowerId)
    .where('status', '=', 'open');
  if (close.recordIds) query = query.where('visit_record_id', 'in', [...close.recordIds]);
  await query.execute();
  if (body.followUpOn === null) return;
  const officer = await tx
    .selectFrom('borrowers')
    .select('assigned_officer_id')
    .where('id', '=', borrowerId)
    .executeTakeFirst();
  await tx
    .insertInto('follow_ups')
    .values({
      borrower_id: borrowerId,
      visit_record_id: recordId,
      // The case's officer follows up; without one, whoever recorded the visit.
      staff_id: officer?.assigned_officer_id ?? requireStaffId(app),
      due_on: body.followUpOn,
      action: body.nextAction,
      created_at: at,
    })
    .execute();
}

export async function insertPromise(
  tx: Kysely<DB>,
  promise: NonNullable<RecordBody['promise']>,
  ids: { borrowerId: number; recordId: number; promisedOn: string; at: string },
): Promise<number> {
  const { id } = await tx
    .insertInto('promises')
    .values({
      borrower_id: ids.borrowerId,
      loan_id: promise.loanId,
      visit_record_id: ids.recordId,
      promised_on: ids.promisedOn,
      amount_fen: promise.amountFen,
      due_on: promise.dueOn,
      created_at: ids.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
