import { addDays } from '../../shared/dates';
import { maskResidentId } from '../../shared/mask';
import { AppFailure } from '../../shared/result';
import type {
  DocumentRequest,
  LoanOnDocument,
  RouteStopOnDocument,
  StaffOnDocument,
} from '../../shared/schemas/notices';
import {
  countingStatuses,
  openStatuses,
  type VisitPlace,
  type VisitPurpose,
} from '../../shared/schemas/planning';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { purposeWords } from '../planning/purpose-words';
import { loadRules } from '../planning/rules';
import { inRouteOrder } from '../planning/visit-read';
import {
  borrowerOnDocument,
  documentCommon,
  loanColumns,
  loanOnDocument,
  repaymentChannelsFor,
  type Assembled,
  type AssembleContext,
} from './assemble-common';
import { assemblePaymentReceipt, assemblePlanAgreement } from './assemble-records';

export type { Assembled, AssembleContext } from './assemble-common';

/**
 * Builds the facts of each document from the case-file (002) and planning (003) tables, and
 * (assemble-records.ts) receipts and plans from the visit records (004). Reads only; numbering,
 * hashing and logging happen in print.ts.
 */

const purposeText: Record<VisitPurpose, { zh: string; en: string }> = {
  reminder: { zh: '提醒按期还款', en: 'Repayment reminder' },
  negotiation: { zh: '协商还款安排', en: 'Agree a repayment arrangement' },
  situation_check: {
    zh: '了解家庭和经营情况',
    en: 'Understand your household and economic situation',
  },
  repayment_plan: { zh: '商定还款计划', en: 'Agree a repayment plan' },
  payment_receipt: { zh: '上门收款并出具收据', en: 'Collect a payment and give a receipt' },
};

/** Where the visit happens, as the notice tells the borrower (the place's note after it). */
function placeText(place: VisitPlace, note: string, lang: 'zh' | 'en'): string {
  const words = {
    home: { zh: '您的住所', en: 'your home' },
    workplace: { zh: '您的工作单位', en: 'your workplace' },
    other: { zh: '约定地点', en: 'the agreed place' },
  }[place][lang];
  const trimmed = note.trim();
  if (!trimmed) return words;
  if (place === 'other') return trimmed;
  return lang === 'zh' ? `${words}（${trimmed}）` : `${words} (${trimmed})`;
}

/**
 * The purpose as the day-route screen names it, for the route sheet the officers carry (the
 * notice speaks to the borrower: purposeText).
 */
function purposeLabel(purpose: VisitPurpose, lang: 'zh' | 'en'): string {
  return purposeWords.find((w) => w.purpose === purpose)?.[lang] ?? purpose;
}

// A notice may still be printed for an open visit; the route sheet also lists finished ones.

/**
 * The loans a document names: those the visit is about, else the borrower's open overdue
 * loans. Overdue = overdue principal + interest + contractual penalty interest.
 */
async function loansOnDocument(
  db: Kysely<DB>,
  borrowerId: number,
  issueDate: string,
  visitId: number | null,
): Promise<LoanOnDocument[]> {
  let query = db
    .selectFrom('loans as l')
    .select(loanColumns)
    .where('l.borrower_id', '=', borrowerId)
    .orderBy('l.overdue_since', (ob) => ob.asc().nullsFirst())
    .orderBy('l.loan_no');
  const forVisit =
    visitId !== null &&
    (await db
      .selectFrom('visit_loans')
      .select('loan_id')
      .where('visit_id', '=', visitId)
      .executeTakeFirst());
  query = forVisit
    ? query.innerJoin('visit_loans as vl', 'vl.loan_id', 'l.id').where('vl.visit_id', '=', visitId)
    : query.where('l.status', '=', 'active').where('l.overdue_since', 'is not', null);
  const loans = (await query.execute()).map((row) => loanOnDocument(row, issueDate));
  if (!loans.length) {
    throw new AppFailure('CONFLICT', `borrower ${borrowerId} has no overdue loan to write about`);
  }
  return loans;
}

/**
 * The staff on a visit with the certificate numbers the rules require, valid on the visit's
 * date (newest first), so the notice lets the borrower check who is coming.
 */
async function visitStaff(
  db: Kysely<DB>,
  visitId: number,
  onDate: string,
): Promise<StaffOnDocument[]> {
  const staff = await db
    .selectFrom('visit_staff as vs')
    .innerJoin('staff as s', 's.id', 'vs.staff_id')
    .select(['s.id', 's.name', 's.staff_no'])
    .where('vs.visit_id', '=', visitId)
    .orderBy('s.staff_no')
    .execute();
  if (!staff.length) return [];
  const kinds = (await loadRules(db)).certificateKinds;
  const certificates = await db
    .selectFrom('staff_certificates')
    .select(['staff_id', 'number'])
    .where(
      'staff_id',
      'in',
      staff.map((s) => s.id),
    )
    .where('kind', 'in', [...kinds])
    .where('expires_on', '>=', onDate)
    .where((eb) => eb.or([eb('issued_on', 'is', null), eb('issued_on', '<=', onDate)]))
    .orderBy('expires_on', 'desc')
    .orderBy('number')
    .execute();
  return staff.map((row) => {
    const numbers = [
      ...new Set(certificates.filter((c) => c.staff_id === row.id).map((c) => c.number)),
    ].slice(0, 4);
    return {
      name: row.name,
      staffNo: row.staff_no,
      ...(numbers.length ? { certificateNos: numbers } : {}),
    };
  });
}

async function visitRow(db: Kysely<DB>, visitId: number) {
  const visit = await db
    .selectFrom('visits')
    .select([
      'id',
      'borrower_id',
      'date',
      'start_time',
      'end_time',
      'purpose',
      'status',
      'place',
      'place_note',
    ])
    .where('id', '=', visitId)
    .executeTakeFirst();
  if (!visit) throw new AppFailure('NOT_FOUND', `no visit ${visitId}`);
  return visit;
}

export async function assembleVisitNotice(
  ctx: AssembleContext,
  visitId: number,
): Promise<Assembled> {
  const visit = await visitRow(ctx.db, visitId);
  if (!(openStatuses as readonly string[]).includes(visit.status)) {
    throw new AppFailure('CONFLICT', `visit ${visitId} is ${visit.status}; no notice for it`, {
      details: { visitId, status: visit.status },
    });
  }
  return {
    doc: {
      kind: 'visitNotice',
      ...(await documentCommon(ctx, 'visitNotice')),
      borrower: await borrowerOnDocument(ctx.db, visit.borrower_id),
      loans: await loansOnDocument(ctx.db, visit.borrower_id, ctx.issueDate, visitId),
      repaymentChannels: repaymentChannelsFor(ctx),
      visit: {
        date: visit.date,
        windowStart: visit.start_time,
        windowEnd: visit.end_time,
        staff: await visitStaff(ctx.db, visitId, visit.date),
        purpose: purposeText[visit.purpose][ctx.lang],
        place: placeText(visit.place, visit.place_note, ctx.lang),
      },
      reschedulePhone: ctx.branch.letterhead.phone,
    },
    subject: `visit:${visitId}`,
    borrowerId: visit.borrower_id,
    visitId,
  };
}

/**
 * How often the record shows the branch reminded the borrower before today: outbound calls,
 * texts, visits and letters in the contact history, and reminder or demand letters printed
 * (originals, not copies). A demand letter says "despite our reminders" only when there were.
 */
async function priorReminders(db: Kysely<DB>, borrowerId: number, before: Date): Promise<number> {
  const contacts = await db
    .selectFrom('contact_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('borrower_id', '=', borrowerId)
    .where('direction', '=', 'outbound')
    .where('at', '<=', before.toISOString())
    .executeTakeFirst();
  const letters = await db
    .selectFrom('print_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('borrower_id', '=', borrowerId)
    .where('kind', 'in', ['reminderLetter', 'demandLetter'])
    .where('is_copy', '=', 0)
    .executeTakeFirst();
  return Number(contacts?.n ?? 0) + Number(letters?.n ?? 0);
}

export async function assembleLetter(
  ctx: AssembleContext,
  kind: 'reminderLetter' | 'demandLetter',
  borrowerId: number,
  payBy: string | undefined,
): Promise<Assembled> {
  const common = {
    ...(await documentCommon(ctx, kind)),
    borrower: await borrowerOnDocument(ctx.db, borrowerId),
    loans: await loansOnDocument(ctx.db, borrowerId, ctx.issueDate, null),
    repaymentChannels: repaymentChannelsFor(ctx),
  };
  return {
    doc:
      kind === 'reminderLetter'
        ? {
            kind,
            ...common,
            payBy: payBy ?? addDays(ctx.issueDate, ctx.settings.reminderPayDays),
          }
        : {
            kind,
            ...common,
            payBy: payBy ?? addDays(ctx.issueDate, ctx.settings.demandPayDays),
            priorReminders: await priorReminders(ctx.db, borrowerId, ctx.now),
          },
    subject: `borrower:${borrowerId}`,
    borrowerId,
    visitId: null,
  };
}

/** The day's visits in the day-route screen's order (inRouteOrder), optionally one officer's. */
async function dayVisitIds(
  db: Kysely<DB>,
  date: string,
  staffId: number | undefined,
  statuses: readonly string[],
): Promise<number[]> {
  let query = db
    .selectFrom('visits as v')
    .select(['v.id', 'v.start_time', 'v.route_order', 'v.township', 'v.village'])
    .where('v.date', '=', date)
    .where('v.status', 'in', statuses as never);
  if (staffId !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('visit_staff as vs')
          .select('vs.visit_id')
          .whereRef('vs.visit_id', '=', 'v.id')
          .where('vs.staff_id', '=', staffId),
      ),
    );
  }
  const visits = (await query.execute()).map((row) => ({
    id: row.id,
    start: row.start_time,
    routeOrder: row.route_order,
    township: row.township,
    village: row.village,
  }));
  return inRouteOrder(visits).map((visit) => visit.id);
}

export async function assembleDayNotices(
  ctx: AssembleContext,
  date: string,
  staffId: number | undefined,
): Promise<Assembled[]> {
  const notices: Assembled[] = [];
  for (const id of await dayVisitIds(ctx.db, date, staffId, openStatuses)) {
    notices.push(await assembleVisitNotice(ctx, id));
  }
  return notices;
}

export async function assembleDayRoute(
  ctx: AssembleContext,
  date: string,
  staffId: number | undefined,
): Promise<Assembled> {
  const stops: RouteStopOnDocument[] = [];
  for (const visitId of await dayVisitIds(ctx.db, date, staffId, countingStatuses)) {
    const visit = await visitRow(ctx.db, visitId);
    const borrower = await ctx.db
      .selectFrom('borrowers')
      .select(['name', 'id_number', 'mobile', 'township', 'village', 'address_detail'])
      .where('id', '=', visit.borrower_id)
      .executeTakeFirst();
    if (!borrower) throw new AppFailure('NOT_FOUND', `no borrower ${visit.borrower_id}`);
    const loans = await loansOnDocument(ctx.db, visit.borrower_id, ctx.issueDate, visitId);
    const staff = await visitStaff(ctx.db, visitId, visit.date);
    stops.push({
      seq: stops.length + 1,
      windowStart: visit.start_time,
      windowEnd: visit.end_time,
      borrowerName: borrower.name,
      maskedId: maskResidentId(borrower.id_number),
      ...(borrower.mobile ? { phone: borrower.mobile } : {}),
      township: borrower.township,
      village: borrower.village,
      address: borrower.address_detail,
      loanNos: loans.map((loan) => loan.loanNo),
      overdueFen: loans.reduce((sum, loan) => sum + loan.overdueFen, 0),
      daysPastDue: Math.max(0, ...loans.map((loan) => loan.daysPastDue)),
      purpose: purposeLabel(visit.purpose, ctx.lang),
      staff: staff.map(({ name, staffNo }) => ({ name, staffNo })),
    });
  }
  const staff = new Map<string, StaffOnDocument>();
  if (staffId !== undefined) {
    const row = await ctx.db
      .selectFrom('staff')
      .select(['name', 'staff_no'])
      .where('id', '=', staffId)
      .executeTakeFirst();
    if (!row) throw new AppFailure('NOT_FOUND', `no staff ${staffId}`);
    staff.set(row.staff_no, { name: row.name, staffNo: row.staff_no });
  }
  for (const stop of stops) for (const member of stop.staff) staff.set(member.staffNo, member);
  return {
    doc: {
      kind: 'dayRouteSheet',
      ...(await documentCommon(ctx, 'dayRouteSheet')),
      route: {
        date,
        staff: [...staff.values()].sort((a, b) => a.staffNo.localeCompare(b.staffNo)),
        stops,
      },
    },
    subject: `route:${date}:${staffId ?? 'all'}`,
    borrowerId: null,
    visitId: null,
  };
}

/** One request's documents: a day's notices expand to one notice per visit, in route order. */
async function assembleOne(ctx: AssembleContext, request: DocumentRequest): Promise<Assembled[]> {
  switch (request.kind) {
    case 'visitNotice':
      return [await assembleVisitNotice(ctx, request.visitId)];
    case 'dayNotices':
      return assembleDayNotices(ctx, request.date, request.staffId);
    case 'reminderLetter':
    case 'demandLetter':
      return [await assembleLetter(ctx, request.kind, request.borrowerId, request.payBy)];
    case 'dayRouteSheet':
      return [await assembleDayRoute(ctx, request.date, request.staffId)];
    case 'paymentReceipt':
      return [await assemblePaymentReceipt(ctx, request.receiptId)];
    case 'repaymentPlanAgreement':
      return [await assemblePlanAgreement(ctx, request.planId)];
  }
}

/** Every request, in order. */
export async function assembleAll(
  ctx: AssembleContext,
  requests: readonly DocumentRequest[],
): Promise<Assembled[]> {
  const assembled: Assembled[] = [];
  for (const request of requests) assembled.push(...(await assembleOne(ctx, request)));
  return assembled;
}
