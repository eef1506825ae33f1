import { tierOf } from '../../shared/classification';
import { bucketOf, delinquency } from '../../shared/delinquency';
import { maskNullablePhone } from '../../shared/mask';
import type {
  AssessmentView,
  CasePage,
  ContactView,
  LoanView,
  PaymentView,
  TimelineEntry,
} from '../../shared/schemas/cases';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { loadElderlyStatusOn } from '../planning/elderly';
import { zonedInstant } from '../../shared/dates';
import { loadPaymentTrails } from '../records/reconcile';
import { loadComplaints } from '../complaints/repo';
import { vulnerableReasons } from './list';
import {
  loadAssessments,
  loadContactEvents,
  loadContacts,
  loadImports,
  loadLoans,
  loadNotes,
  loadPayments,
  loadStaffMember,
} from './repo';
import { loadBorrower } from './service';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { readFlag } from '../db/columns';
import { hardshipColumn } from './tables';
import { borrowerViewOf } from './borrower-view';
import { loadAssignmentHistory } from '../assignments/service';
import { loadExitInForce } from './exits';

/**
 * The case page: header facts, loans with DPD and bucket for the as-of date, contacts,
 * assessments and one timeline (contact events, payments, notes, assessments and import dates,
 * newest first). Identity numbers are masked; the page reveals them through cases:revealField.
 * Read on the engine (`db`); the independent reads are sent together (PostgreSQL's pool runs
 * them side by side, SQLite's one connection one after another).
 */

type LoanRow = Awaited<ReturnType<typeof loadLoans>>[number];
type PaymentRow = Awaited<ReturnType<typeof loadPayments>>[number];
type AssessmentRow = Awaited<ReturnType<typeof loadAssessments>>[number];

export function loanView(loan: LoanRow, asOf: string): LoanView {
  const overdueFen = loan.overdue_principal_fen + loan.overdue_interest_fen + loan.penalty_fen;
  // A loan that owes nothing overdue is current whatever date the file carried.
  const { dpd, bucket } =
    overdueFen > 0 && loan.status === 'active'
      ? delinquency(loan.overdue_since, asOf)
      : { dpd: 0, bucket: 'M0' as const };
  return {
    id: loan.id,
    loanNo: loan.loan_no,
    product: loan.product,
    principalFen: loan.principal_fen,
    disbursedOn: loan.disbursed_on,
    maturityOn: loan.maturity_on,
    outstandingPrincipalFen: loan.outstanding_principal_fen,
    overduePrincipalFen: loan.overdue_principal_fen,
    overdueInterestFen: loan.overdue_interest_fen,
    penaltyFen: loan.penalty_fen,
    overdueFen,
    overdueSince: loan.overdue_since,
    dpd,
    bucket,
    status: loan.status,
    asOf: loan.as_of,
    classification: tierOf(loan.classification),
  };
}

export async function paymentViews(db: Kysely<DB>, borrowerId: number): Promise<PaymentView[]> {
  return (await loadPayments(db, borrowerId)).map((p) => ({
    id: p.id,
    loanId: p.loan_id,
    loanNo: p.loan_no,
    paidOn: p.paid_on,
    amountFen: p.amount_fen,
    source: p.source,
    method: p.method,
    receiptNo: p.receipt_no,
    reference: p.reference,
  }));
}

async function timeline(
  db: Kysely<DB>,
  borrowerId: number,
  zone: string,
  payments: PaymentRow[],
  assessments: AssessmentRow[],
): Promise<TimelineEntry[]> {
  const [events, trails, notes, complaints, assignments, imports] = await Promise.all([
    loadContactEvents(db, borrowerId),
    loadPaymentTrails(
      db,
      payments.map((p) => p.id),
    ),
    loadNotes(db, borrowerId),
    loadComplaints(db, { borrowerId }),
    loadAssignmentHistory(db, borrowerId),
    loadImports(db, borrowerId),
  ]);
  const entries: TimelineEntry[] = [];
  for (const e of events) {
    entries.push({
      type: 'contact',
      id: e.id,
      at: e.at,
      staffName: e.staff_name,
      kind: e.kind,
      direction: e.direction,
      outcome: e.outcome,
      contactName: e.contact_name,
      note: e.note,
    });
  }
  for (const p of payments) {
    entries.push({
      type: 'payment',
      id: p.id,
      at: p.paid_on,
      staffName: p.staff_name,
      loanNo: p.loan_no,
      amountFen: p.amount_fen,
      source: p.source,
      receiptNo: p.receipt_no,
      receipt:
        p.receipt_id === null || p.visit_id === null
          ? null
          : { id: p.receipt_id, receiptNo: p.receipt_no ?? '', visitId: p.visit_id },
      trail: trails.get(p.id)!,
    });
  }
  for (const n of notes) {
    entries.push({ type: 'note', id: n.id, at: n.at, staffName: n.staff_name, text: n.text });
  }
  for (const a of assessments) {
    entries.push({
      type: 'assessment',
      id: a.id,
      at: a.assessed_on,
      staffName: a.staff_name,
      livelihood: a.livelihood,
      capacityFen: a.capacity_fen,
    });
  }
  for (const c of complaints) {
    const facts = {
      type: 'complaint' as const,
      id: c.id,
      complainant: c.complainant,
      complainantName: c.complainantName,
      channel: c.channel,
      summary: c.summary,
      actionTaken: c.actionTaken,
      outcome: c.outcome,
      concerns: c.staff.map((s) => s.name),
    };
    // Closed first: on a day it came in and was closed, the sort keeps this order (newest first).
    if (c.closedOn !== null) {
      entries.push({ ...facts, event: 'closed', at: c.closedOn, staffName: c.closedBy });
    }
    entries.push({ ...facts, event: 'received', at: c.receivedOn, staffName: c.recordedBy });
  }
  for (const a of assignments) {
    entries.push({
      type: 'assignment',
      id: a.id,
      at: a.at,
      staffName: a.byName,
      fromOfficer: a.fromOfficer,
      toOfficer: a.toOfficer,
      reason: a.reason,
      source: a.source,
    });
  }
  for (const i of imports) {
    const maxDpd = Number(i.max_dpd ?? 0);
    entries.push({
      type: 'import',
      at: i.as_of,
      staffName: null,
      loans: Number(i.loans),
      overdueFen: Number(i.overdue_fen ?? 0),
      maxDpd,
      bucket: bucketOf(maxDpd),
    });
  }
  // A date-only entry ("2026-10-03": a file's as-of date, a payment day) is a day in the
  // branch's time zone, so it sorts at the instant that day begins there, before that day's
  // timed entries, which suits "newest first" reading. Compared as text, "2026-12-04" would sort
  // after 06:00 on the 4th in Beijing (22:00 UTC on the 3rd) and put the file above a call made
  // that morning.
  const key = (at: string) =>
    at.length === 10 ? zonedInstant(at, '00:00', zone).toISOString() : new Date(at).toISOString();
  const keys = new Map(entries.map((e) => [e, key(e.at)]));
  const order = {
    contact: 0,
    payment: 1,
    note: 2,
    assessment: 3,
    complaint: 4,
    assignment: 5,
    import: 6,
  } as const;
  return entries.sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka === kb ? order[a.type] - order[b.type] : ka < kb ? 1 : -1;
  });
}

export async function getCasePage(
  db: Kysely<DB>,
  borrowerId: number,
  asOf: string,
): Promise<CasePage> {
  const row = await loadBorrower(db, borrowerId);
  const [zone, elderly, loanRows, officer, contactRows, assessmentRows, payments, exit] =
    await Promise.all([
      loadBranchTimeZone(db),
      loadElderlyStatusOn(db, borrowerId, asOf),
      loadLoans(db, borrowerId),
      row.assigned_officer_id === null ? undefined : loadStaffMember(db, row.assigned_officer_id),
      loadContacts(db, borrowerId),
      loadAssessments(db, borrowerId),
      loadPayments(db, borrowerId),
      row.status === 'closed' ? loadExitInForce(db, borrowerId) : null,
    ]);
  const loans = loanRows.map((l) => loanView(l, asOf));
  const header = delinquency(row.total_overdue_fen > 0 ? row.overdue_since : null, asOf);
  const contacts: ContactView[] = contactRows.map((c) => ({
    id: c.id,
    name: c.name,
    relation: c.relation,
    phoneMasked: maskNullablePhone(c.phone),
    isGuarantor: readFlag(c.is_guarantor),
    consentToContact: readFlag(c.consent_to_contact),
    consentRecordedAt: c.consent_recorded_at,
    note: c.note,
  }));
  const assessments: AssessmentView[] = assessmentRows.map((a) => ({
    id: a.id,
    assessedOn: a.assessed_on,
    staffId: a.staff_id,
    staffName: a.staff_name,
    income: a.income,
    expenses: a.expenses,
    assets: a.assets,
    livelihood: a.livelihood,
    monthlyIncomeFen: a.monthly_income_fen,
    monthlyExpensesFen: a.monthly_expenses_fen,
    householdSize: a.household_size,
    capacityFen: a.capacity_fen,
    hardship: hardshipColumn.read(a.hardship),
    note: a.note,
  }));
  return {
    asOf,
    borrower: borrowerViewOf(row, asOf),
    header: {
      totalOverdueFen: row.total_overdue_fen,
      outstandingFen: row.outstanding_fen,
      maxDpd: header.dpd,
      bucket: header.bucket,
      overdueSince: row.overdue_since,
      officer: officer ? { id: officer.id, name: officer.name, staffNo: officer.staff_no } : null,
      lastContactAt: row.last_contact_at,
      lastVisitAt: row.last_visit_at,
      // Elderly by the ID on this date unless cleared: the planning rule (as the list shows).
      vulnerable: vulnerableReasons(row, elderly.byBirthDate && elderly.cleared === null),
      disputed: row.status === 'disputed',
      onHold: row.status === 'on_hold',
      closed: row.status === 'closed',
      brokenPromises: row.broken_promises,
      exit,
      classification: tierOf(row.classification),
    },
    loans,
    contacts,
    assessments,
    timeline: await timeline(db, borrowerId, zone, payments, assessmentRows),
  };
}
