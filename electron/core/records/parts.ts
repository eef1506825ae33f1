import {
  situationSeen,
  type MetWhom,
  type OutcomeCode,
  type RecordVisit,
} from '../../shared/schemas/records';
import type { ContactOutcome } from '../cases/tables';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { addAssessment, addContactEvent } from '../cases/history';
import { first, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { zonedInstant } from '../../shared/dates';
import { branchTimeZone, branchToday } from '../settings/branch-clock';
import { writeFlag } from '../db/columns';

/** The pieces a record writes besides itself: checks, assessment, contact, follow-up. */

export function requireStaffId(app: Visitdesk): number {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return staffId;
}

type RecordBody = Omit<RecordVisit, 'visitId'>;

/**
 * Checks that need the database: the visit lies in the past, the staff exist and are active,
 * the loans are the borrower's. Whoever may record keys in the outcome for the staff who went
 * (a clerk for two officers back from the villages): the record keeps both, `recorded_by`
 * beside the staff named, and the audit row names the one who entered it.
 */
export function checkAgainstFacts(app: Visitdesk, body: RecordBody, borrowerId: number): void {
  const fields: Record<string, string> = {};
  if (body.date > branchToday(app.db, app.now())) fields.date = 'v.notFuture';
  else if (zonedInstant(body.date, body.start, branchTimeZone(app.db)) > app.now()) {
    fields.start = 'v.notFuture';
  }
  const active = first(
    app.db,
    qb
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', writeFlag(true))
      .where('id', 'in', [...body.staffIds]),
  ) ?? { n: 0 };
  if (active.n !== body.staffIds.length) fields.staffIds = 'v.staffInactive';
  const loans: [string, number | null | undefined][] = [
    ['promise.loanId', body.promise?.loanId],
    ['payment.loanId', body.payment?.loanId],
    ['plan.loanId', body.plan?.loanId],
  ];
  for (const [field, loanId] of loans) {
    if (loanId === null || loanId === undefined) continue;
    const loan = first(
      app.db,
      qb.selectFrom('loans').select('borrower_id').where('id', '=', loanId),
    );
    if (loan?.borrower_id !== borrowerId) fields[field] = 'v.invalid';
  }
  if (Object.keys(fields).length > 0) {
    throw new AppFailure('VALIDATION', 'the record does not fit the facts on file', { fields });
  }
}

/** The situation seen becomes a dated row of the case's household assessments. */
export function insertAssessment(
  app: Visitdesk,
  body: RecordBody,
  borrowerId: number,
): number | null {
  const s = body.situation;
  if (!situationSeen(s)) return null;
  return addAssessment(app, {
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
  }).id;
}

export function sameSituation(a: RecordBody['situation'], b: RecordBody['situation'] | null) {
  return b !== null && JSON.stringify(a) === JSON.stringify(b);
}

export function insertRecordRow(
  app: Visitdesk,
  body: RecordBody,
  ids: { visitId: number; borrowerId: number; assessmentId: number | null },
  amendment: { amends: number; reason: string } | null,
): number {
  const recordId = run(
    app.db,
    qb.insertInto('visit_records').values({
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
    }),
  ).lastInsertRowid;
  for (const staffId of body.staffIds) {
    run(
      app.db,
      qb.insertInto('visit_record_staff').values({ record_id: recordId, staff_id: staffId }),
    );
  }
  return recordId;
}

/** Nobody met: the visit could not be held. Anyone met: it was done. */
export function visitStatusFor(met: MetWhom): 'done' | 'not_done' {
  return met === 'nobody' ? 'not_done' : 'done';
}

export function setVisitStatus(app: Visitdesk, visitId: number, met: MetWhom): void {
  run(
    app.db,
    qb
      .updateTable('visits')
      .set({ status: visitStatusFor(met), updated_at: app.now().toISOString() })
      .where('id', '=', visitId),
  );
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

/** The case's contact history and its last-contact and last-visit markers (cases service). */
export function recordContact(app: Visitdesk, body: RecordBody, borrowerId: number): void {
  addContactEvent(app, {
    borrowerId,
    at: zonedInstant(body.date, body.start, branchTimeZone(app.db)).toISOString(),
    kind: 'visit',
    direction: 'outbound',
    contactId: null,
    outcome: contactOutcome[body.outcome],
    note: body.borrowerWords.slice(0, 2000),
  });
}

/**
 * The officer's next step. A new record for the borrower settles the follow-ups that were
 * open ('done'); an amendment replaces its chain's own ('replaced').
 */
export function setFollowUp(
  app: Visitdesk,
  body: RecordBody,
  borrowerId: number,
  recordId: number,
  close: { status: 'done' | 'replaced'; recordIds?: readonly number[] },
): void {
  const at = app.now().toISOString();
  let query = qb
    .updateTable('follow_ups')
    .set({ status: close.status, closed_at: at })
    .where('borrower_id', '=', borrowerId)
    .where('status', '=', 'open');
  if (close.recordIds) query = query.where('visit_record_id', 'in', [...close.recordIds]);
  run(app.db, query);
  if (body.followUpOn === null) return;
  const officer = first(
    app.db,
    qb.selectFrom('borrowers').select('assigned_officer_id').where('id', '=', borrowerId),
  );
  run(
    app.db,
    qb.insertInto('follow_ups').values({
      borrower_id: borrowerId,
      visit_record_id: recordId,
      // The case's officer follows up; without one, whoever recorded the visit.
      staff_id: officer?.assigned_officer_id ?? requireStaffId(app),
      due_on: body.followUpOn,
      action: body.nextAction,
      created_at: at,
    }),
  );
}

export function insertPromise(
  db: Sqlite,
  promise: NonNullable<RecordBody['promise']>,
  ids: { borrowerId: number; recordId: number; promisedOn: string; at: string },
): number {
  return run(
    db,
    qb.insertInto('promises').values({
      borrower_id: ids.borrowerId,
      loan_id: promise.loanId,
      visit_record_id: ids.recordId,
      promised_on: ids.promisedOn,
      amount_fen: promise.amountFen,
      due_on: promise.dueOn,
      created_at: ids.at,
    }),
  ).lastInsertRowid;
}
