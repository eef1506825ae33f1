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
import { first, qb, run, statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { zonedInstant } from '../../shared/dates';
import { branchTimeZone, branchToday } from '../settings/branch-clock';

/** The pieces a record writes besides itself: checks, assessment, contact, follow-up. */

export function requireStaffId(app: Visitdesk): number {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return staffId;
}

type RecordBody = Omit<RecordVisit, 'visitId'>;

/**
 * Checks that need the database: the visit lies in the past, the staff exist and are active,
 * the recorder went (a manager may record for others), the loans are the borrower's.
 */
export function checkAgainstFacts(app: Visitdesk, body: RecordBody, borrowerId: number): void {
  const fields: Record<string, string> = {};
  if (body.date > branchToday(app.db, app.now())) fields.date = 'v.notFuture';
  else if (zonedInstant(body.date, body.start, branchTimeZone(app.db)) > app.now()) {
    fields.start = 'v.notFuture';
  }
  const placeholders = body.staffIds.map(() => '?').join(', ');
  const active = statement(
    app.db,
    `SELECT count(*) AS n FROM staff WHERE active = 1 AND id IN (${placeholders})`,
  ).get(...body.staffIds) as { n: number };
  if (active.n !== body.staffIds.length) fields.staffIds = 'v.staffInactive';
  else if (app.session?.role !== 'manager' && !body.staffIds.includes(requireStaffId(app))) {
    fields.staffIds = 'v.recorderWent';
  }
  const loans: [string, number | null | undefined][] = [
    ['promise.loanId', body.promise?.loanId],
    ['payment.loanId', body.payment?.loanId],
    ['plan.loanId', body.plan?.loanId],
  ];
  for (const [field, loanId] of loans) {
    if (loanId === null || loanId === undefined) continue;
    const loan = statement(app.db, 'SELECT borrower_id FROM loans WHERE id = ?').get(loanId) as
      { borrower_id: number } | undefined;
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
      staff_cards_shown: body.checklist.staffCardsShown ? 1 : 0,
      rights_explained: body.checklist.rightsExplained ? 1 : 0,
      no_third_party_disclosure: body.checklist.noThirdPartyDisclosure ? 1 : 0,
      recorded_on_media: body.checklist.recorded ? 1 : 0,
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
