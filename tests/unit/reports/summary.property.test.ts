import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { computeBranchFigures, computeMonthFigures } from '../../../electron/core/reports/figures';
import type { Bucket } from '../../../electron/shared/delinquency';
import { buckets } from '../../../electron/shared/schemas/reports';
import { signedInCore } from '../support/core';
import { snapshotHistory } from './loan-histories';
import { seeder } from './seed';

/**
 * The monthly summary (grouped SQL, one seek per loan and date) against a plain recomputation
 * written here from DOMAIN.md and the issue-15 definitions, over random months of visits,
 * records and their corrections, promises, payments, targets, plans, overrides and loan
 * snapshots: every figure of the branch and of every officer, every roll-rate cell, the weeks
 * and the outcomes, and the comparison months' branch-only path.
 *
 * The month is March 2026 in Asia/Shanghai (the test branch's zone): dates are compared as
 * text, plan decisions as instants from 2026-02-28T16:00Z (1 March 00:00 in Shanghai) to
 * 2026-03-31T16:00Z. Each example is written inside a transaction that is rolled back, so
 * visit-record rows (which triggers keep from being deleted) and audit rows do not pile up.
 */

const MONTH = '2026-03';
const FROM = '2026-03-01';
const NEXT = '2026-04-01';
const TO = '2026-03-31';
const FROM_INSTANT = '2026-02-28T16:00:00.000Z';
const NEXT_INSTANT = '2026-03-31T16:00:00.000Z';
/** 1 March 2026 is a Sunday: its own week, then the Mondays. */
const WEEKS = ['2026-03-01', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'];

type Met = 'borrower' | 'spouse' | 'family' | 'nobody';
const promiseStatuses = ['pending', 'kept', 'partly_kept', 'broken', 'superseded'] as const;
const planStatuses = ['proposed', 'approved', 'rejected', 'completed', 'broken', 'superseded'];

const inMonth = (date: string) => date >= FROM && date < NEXT;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---- random months ----------------------------------------------------------------------

const visitDates = ['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-15', '2026-03-31', NEXT];
const paymentDates = ['2026-02-28', '2026-03-01', '2026-03-15', '2026-03-31', NEXT];
const decisionInstants = [
  '2026-02-28T15:59:59.999Z',
  FROM_INSTANT,
  '2026-03-15T04:00:00.000Z',
  '2026-03-31T15:59:59.999Z',
  NEXT_INSTANT,
];

const promiseArb = fc.record({
  dueInDays: fc.nat({ max: 40 }),
  amountFen: fc.integer({ min: 1, max: 500_000 }),
  status: fc.constantFrom(...promiseStatuses),
});
const recordArb = fc.record({
  met: fc.constantFrom<Met>('borrower', 'spouse', 'family', 'nobody'),
  outcome: fc.constantFrom('promise_to_pay', 'refused', 'partial_payment', 'hardship'),
  promises: fc.array(promiseArb, { maxLength: 2 }),
  /** Rules the re-check found broken when the record was saved (records/recheck.ts). */
  violations: fc.nat({ max: 2 }),
});
const visitArb = fc.record({
  borrower: fc.nat({ max: 3 }),
  date: fc.constantFrom(...visitDates),
  staff: fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }),
  loans: fc.uniqueArray(fc.nat({ max: 5 }), { maxLength: 2 }),
  /** Original record and its corrections; none: the visit was not carried out. */
  records: fc.array(recordArb, { maxLength: 3 }),
  /** The status of a visit without a record. */
  openStatus: fc.constantFrom('planned', 'notified', 'cancelled', 'rescheduled'),
  override: fc.constantFrom('none', 'granted', 'pending'),
  selfApproved: fc.boolean(),
  overrideAudits: fc.nat({ max: 2 }),
});
/** Complaints received around the month, closed some days later or still open. */
const complaintDates = ['2026-02-15', '2026-02-28', '2026-03-01', '2026-03-15', TO, NEXT];
const complaintArb = fc.record({
  borrower: fc.nat({ max: 3 }),
  receivedOn: fc.constantFrom(...complaintDates),
  closedAfterDays: fc.option(fc.nat({ max: 40 }), { nil: null }),
  staff: fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 2 }),
});
const monthArb = fc.record({
  officers: fc.array(fc.option(fc.nat({ max: 3 }), { nil: null }), {
    minLength: 4,
    maxLength: 4,
  }),
  loans: fc.array(fc.record({ borrower: fc.nat({ max: 3 }), history: snapshotHistory }), {
    maxLength: 6,
  }),
  visits: fc.array(visitArb, { maxLength: 9 }),
  payments: fc.array(
    fc.record({
      loan: fc.nat({ max: 5 }),
      date: fc.constantFrom(...paymentDates),
      amountFen: fc.integer({ min: 1, max: 300_000 }),
    }),
    { maxLength: 8 },
  ),
  branchTarget: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  officerTargets: fc.array(fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }), {
    minLength: 4,
    maxLength: 4,
  }),
  plans: fc.array(
    fc.record({
      record: fc.nat({ max: 20 }),
      status: fc.constantFrom(...planStatuses),
      decidedAt: fc.constantFrom(...decisionInstants),
      by: fc.nat({ max: 3 }),
      selfApproved: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  complaints: fc.array(complaintArb, { maxLength: 5 }),
});
type Month = typeof monthArb extends fc.Arbitrary<infer T> ? T : never;

// ---- what was written, as plain objects ---------------------------------------------------

interface Promise_ {
  dueOn: string;
  amountFen: number;
  status: string;
}
interface Written {
  borrowerOfficer: (number | null)[];
  loans: {
    borrower: number;
    history: { asOf: string; bucket: Bucket; dpd: number; fen: number }[];
  }[];
  visits: {
    id: number;
    date: string;
    status: string;
    staff: number[];
    loans: number[];
    /** Records in the order written; the last is the effective one. */
    records: { met: Met; outcome: string; promises: Promise_[]; violations: number }[];
    overridden: boolean;
    selfApproved: boolean;
    overrideAudits: number;
  }[];
  payments: { loan: number; date: string; amountFen: number }[];
  targets: Map<number | null, number>;
  plans: { status: string; decidedAt: string; by: number; selfApproved: boolean }[];
  complaints: { receivedOn: string; closedOn: string | null; staff: number[] }[];
}

function write(db: Sqlite, staffIds: number[], m: Month): Written {
  const s = seeder(db);
  const at = '2026-01-01T00:00:00.000Z';
  const borrowerOfficer = m.officers.map((o) => (o === null ? null : staffIds[o]!));
  const borrowers = borrowerOfficer.map((o, i) => s.borrower(`借款人${i}`, o));
  const loanIds = m.loans.map((l, i) => {
    const id = s.loan(borrowers[l.borrower]!, `R${i}`);
    for (const x of l.history) s.snapshot(id, x.asOf, x.bucket, x.fen, x.dpd);
    return id;
  });
  const recordIds: number[] = [];
  const visits: Written['visits'] = m.visits.map((v) => {
    const borrowerId = borrowers[v.borrower]!;
    const last = v.records[v.records.length - 1];
    const status = last ? (last.met === 'nobody' ? 'not_done' : 'done') : v.openStatus;
    const staff = v.staff.map((i) => staffIds[i]!);
    const loans = v.loans.filter((i) => i < loanIds.length);
    const planner = staffIds[0]!;
    const id = Number(
      db
        .prepare(
          `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, status, planned_by,
             planned_at, override_reason, overridden_by, override_self_approved, updated_at)
           VALUES (?, ?, '09:00', '10:00', 'reminder', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          borrowerId,
          v.date,
          status,
          planner,
          at,
          v.override === 'none' ? null : '借款人要求',
          v.override === 'granted' ? planner : null,
          v.selfApproved ? 1 : 0,
          at,
        ).lastInsertRowid,
    );
    for (const staffId of staff)
      db.prepare('INSERT INTO visit_staff VALUES (?, ?)').run(id, staffId);
    for (const l of loans) db.prepare('INSERT INTO visit_loans VALUES (?, ?)').run(id, loanIds[l]);
    for (let n = 0; n < v.overrideAudits; n++) {
      appendAudit(db, {
        staffId: planner,
        action: 'visit.override',
        entity: 'visit',
        entityId: id,
        after: { reason: '借款人要求' },
      });
    }
    let original: number | undefined;
    const records = v.records.map((r) => {
      const recordId = s.record({
        visitId: id,
        borrowerId,
        date: v.date,
        met: r.met,
        outcome: r.met === 'nobody' ? 'not_home' : r.outcome,
        by: staff[0]!,
        ...(original === undefined ? {} : { amends: original }),
      });
      original ??= recordId;
      recordIds.push(recordId);
      for (let seq = 1; seq <= r.violations; seq++) {
        db.prepare(
          "INSERT INTO visit_record_violations (record_id, seq, code, severity) VALUES (?, ?, 'NO_NOTICE', 'block')",
        ).run(recordId, seq);
      }
      const promises = r.promises.map((p) => ({
        dueOn: addDays(v.date, p.dueInDays),
        amountFen: p.amountFen,
        status: p.status,
      }));
      for (const p of promises) {
        s.promise({ borrowerId, recordId, promisedOn: v.date, ...p });
      }
      return {
        met: r.met,
        outcome: r.met === 'nobody' ? 'not_home' : r.outcome,
        promises,
        violations: r.violations,
      };
    });
    return {
      id,
      date: v.date,
      status,
      staff,
      loans,
      records,
      overridden: v.override === 'granted',
      selfApproved: v.selfApproved,
      overrideAudits: v.overrideAudits,
    };
  });
  const payments = m.payments.filter((p) => p.loan < loanIds.length);
  for (const p of payments) {
    const loan = m.loans[p.loan]!;
    s.payment(loanIds[p.loan]!, borrowers[loan.borrower]!, p.date, p.amountFen);
  }
  const targets = new Map<number | null, number>();
  if (m.branchTarget !== null) targets.set(null, m.branchTarget);
  m.officerTargets.forEach((t, i) => {
    if (t !== null) targets.set(staffIds[i]!, t);
  });
  for (const [staffId, fen] of targets) s.target(MONTH, staffId, fen);
  const plans = m.plans
    .filter((p) => p.record < recordIds.length)
    .map((p) => ({
      record: recordIds[p.record]!,
      status: p.status,
      decidedAt: p.decidedAt,
      by: staffIds[p.by]!,
      selfApproved: p.selfApproved,
    }));
  for (const p of plans) {
    db.prepare(
      `INSERT INTO repayment_plans (borrower_id, visit_record_id, total_fen, overdue_fen, status,
         proposed_by, proposed_at, decided_by, decided_at, self_approved)
       SELECT borrower_id, id, 50000, 50000, ?, ?, ?, ?, ?, ? FROM visit_records WHERE id = ?`,
    ).run(
      p.status,
      p.by,
      at,
      p.status === 'proposed' ? null : p.by,
      p.status === 'proposed' ? null : p.decidedAt,
      p.selfApproved ? 1 : 0,
      p.record,
    );
  }
  const complaints = m.complaints.map((c) => ({
    borrowerId: borrowers[c.borrower]!,
    receivedOn: c.receivedOn,
    closedOn: c.closedAfterDays === null ? null : addDays(c.receivedOn, c.closedAfterDays),
    staff: c.staff.map((i) => staffIds[i]!),
  }));
  for (const c of complaints) {
    const id = db
      .prepare(
        `INSERT INTO complaints (borrower_id, received_on, complainant, channel, summary,
           closed_on, outcome, recorded_at, updated_at)
         VALUES (?, ?, 'borrower', 'phone', '投诉', ?, ?, ?, ?)`,
      )
      .run(
        c.borrowerId,
        c.receivedOn,
        c.closedOn,
        c.closedOn ? 'upheld' : null,
        at,
        at,
      ).lastInsertRowid;
    for (const staffId of c.staff) {
      db.prepare('INSERT INTO complaint_staff VALUES (?, ?)').run(id, staffId);
    }
  }
  return {
    borrowerOfficer,
    loans: m.loans,
    visits,
    payments,
    targets,
    plans: plans.filter((p) => p.status !== 'proposed'),
    complaints,
  };
}

// ---- the plain recomputation --------------------------------------------------------------

const ratio = (num: number, den: number) => ({ num, den });
const count = <T>(list: readonly T[], keep: (x: T) => boolean) => list.filter(keep).length;
const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);

/** The latest snapshot on or before a date. */
function snapshotOn(history: Written['loans'][number]['history'], date: string) {
  return history.filter((x) => x.asOf <= date).sort((a, b) => (a.asOf < b.asOf ? 1 : -1))[0];
}

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * A snapshot's bucket on a later date: an overdue one keeps counting days past due from its
 * overdue date (the snapshot's DPD on its own day, plus the days since), a current one stays M0.
 */
function bucketOn(x: { asOf: string; bucket: Bucket; dpd: number }, date: string): Bucket {
  if (x.bucket === 'M0') return 'M0';
  const dpd = x.dpd + days(x.asOf, date);
  return dpd <= 30 ? 'M1' : dpd <= 60 ? 'M2' : dpd <= 90 ? 'M3' : 'M4+';
}

/** Loans on file at the start of the month, with where they were on its 1st and last day. */
function loanEnds(w: Written) {
  return w.loans.flatMap((loan, index) => {
    const first = snapshotOn(loan.history, FROM);
    if (!first) return [];
    const last = snapshotOn(loan.history, TO)!;
    const start = { bucket: bucketOn(first, FROM), fen: first.fen };
    const end = { bucket: bucketOn(last, TO), fen: last.fen };
    return [{ index, officer: w.borrowerOfficer[loan.borrower]!, start, end }];
  });
}

/** One block of figures; `mine` says which visits, loans, plans and target are the scope's. */
function naiveBlock(w: Written, staffId: number | null) {
  const mine = (staff: number[]) => staffId === null || staff.includes(staffId);
  const visits = w.visits.filter((v) => inMonth(v.date) && v.status !== 'rescheduled');
  const scoped = visits.filter((v) => mine(v.staff));
  const carriedOut = scoped.filter((v) => v.records.length > 0);
  const met = (v: (typeof visits)[number]) => v.records[v.records.length - 1]!.met;
  const standing = (v: (typeof visits)[number]) =>
    v.records.flatMap((r) => r.promises).filter((p) => p.status !== 'superseded');
  const promised = carriedOut.map((v) => ({ met: met(v), promises: standing(v) }));
  const byRelatives = promised.filter((p) => p.met === 'spouse' || p.met === 'family');
  // Promises due in the month come from visits of any month (and any status).
  const due = w.visits
    .filter((v) => mine(v.staff))
    .flatMap(standing)
    .filter((p) => inMonth(p.dueOn));
  // Payments in the month on loans of the scope's done visits in the month.
  const visitedLoans = new Set(
    w.visits
      .filter((v) => inMonth(v.date) && v.status === 'done' && mine(v.staff))
      .flatMap((v) => v.loans),
  );
  const collectedFen = sum(
    w.payments.filter((p) => inMonth(p.date) && visitedLoans.has(p.loan)).map((p) => p.amountFen),
  );
  const targetFen = w.targets.has(staffId) ? w.targets.get(staffId)! : null;
  const plans = w.plans.filter(
    (p) =>
      ['approved', 'completed', 'broken'].includes(p.status) &&
      p.decidedAt >= FROM_INSTANT &&
      p.decidedAt < NEXT_INSTANT &&
      (staffId === null || p.by === staffId),
  );
  const overdue = loanEnds(w)
    .filter((l) => staffId === null || l.officer === staffId)
    .filter((l) => l.start.bucket !== 'M0');
  const cured = count(overdue, (l) => l.end.fen > 0 && l.end.bucket === 'M0');
  // Complaints count for every staff member they concern; naming nobody, for the branch only.
  const complaints = w.complaints.filter((c) => staffId === null || c.staff.includes(staffId));
  const paidOff = count(overdue, (l) => l.end.fen <= 0);

  const visitsPlanned = scoped.length;
  const visitsCancelled = count(scoped, (v) => v.status === 'cancelled');
  const visitsDue = visitsPlanned - visitsCancelled;
  const contacts = count(carriedOut, (v) => met(v) !== 'nobody');
  const rightPartyContacts = count(carriedOut, (v) => met(v) === 'borrower');
  const ptpContacts = count(promised, (p) => p.met === 'borrower' && p.promises.length > 0);
  const promisesKept = count(due, (p) => p.status === 'kept');
  return {
    visitsPlanned,
    visitsDue,
    visitsDone: count(scoped, (v) => v.status === 'done'),
    visitsNotDone: count(scoped, (v) => v.status === 'not_done'),
    visitsCancelled,
    visitsOpen: count(scoped, (v) => v.status === 'planned' || v.status === 'notified'),
    visitsOverridden: count(scoped, (v) => v.overridden),
    visitsCarriedOut: carriedOut.length,
    contacts,
    rightPartyContacts,
    promisesMade: sum(promised.map((p) => p.promises.length)),
    ptpContacts,
    relativePromises: sum(byRelatives.map((p) => p.promises.length)),
    relativePromisedFen: sum(byRelatives.flatMap((p) => p.promises.map((x) => x.amountFen))),
    promisesDue: due.length,
    promisesKept,
    promisedFen: sum(promised.flatMap((p) => p.promises.map((x) => x.amountFen))),
    collectedFen,
    targetFen,
    loansOverdueAtStart: overdue.length,
    loansCured: cured,
    loansPaidOff: paidOff,
    // Overrides decided on visits dated in the month, rescheduled originals included.
    ruleOverrides: sum(
      w.visits.filter((v) => inMonth(v.date) && mine(v.staff)).map((v) => v.overrideAudits),
    ),
    plansApproved: plans.length,
    overridesSelfApproved: count(scoped, (v) => v.selfApproved),
    plansSelfApproved: count(plans, (p) => p.selfApproved),
    complaintsReceived: count(complaints, (c) => inMonth(c.receivedOn)),
    complaintsOpen: count(
      complaints,
      (c) => c.receivedOn <= TO && (c.closedOn === null || c.closedOn > TO),
    ),
    complaintsClosed: count(complaints, (c) => c.closedOn !== null && inMonth(c.closedOn)),
    // The generated branch writes its payments without receipts, so no visit money is held or
    // handed in (tests/unit/records/cash-summary.test.ts counts receipts and hand-ins).
    cashCollectedFen: 0,
    cashHandedInLate: 0,
    cashOpenDifferences: 0,
    // No waiver or settlement in this seed (tests/unit/waivers/summary.test.ts counts them).
    waiversApproved: 0,
    waivedFen: 0,
    penaltyWaivers: 0,
    penaltyWaivedFen: 0,
    interestWaivers: 0,
    interestWaivedFen: 0,
    settlementsApproved: 0,
    settlementWaivedFen: 0,
    // The latest correction decides, as it does for whom was met.
    recordsWithViolations: count(
      carriedOut,
      (v) => v.records[v.records.length - 1]!.violations > 0,
    ),
    completionRate: ratio(carriedOut.length, visitsDue),
    contactRate: ratio(contacts, carriedOut.length),
    rightPartyRate: ratio(rightPartyContacts, carriedOut.length),
    ptpRate: ratio(ptpContacts, rightPartyContacts),
    ptpKeptRate: ratio(promisesKept, due.length),
    collectedVsTarget: ratio(collectedFen, targetFen ?? 0),
    cureRate: ratio(cured, overdue.length),
  };
}

type Block = ReturnType<typeof naiveBlock>;

/**
 * An officer appears in the summary when anything counts for them, they have a target, or their
 * borrowers have loans on file by the 1st (their roll-rate matrix).
 */
const isEmpty = (b: Block, rollRate: ReturnType<typeof naiveRollRate>) =>
  b.targetFen === null &&
  Object.values(b).every((v) => v === null || v === 0 || (typeof v === 'object' && v.num === 0)) &&
  rollRate.startLoans.every((n) => n === 0);

/** The branch's matrix, or one officer's (the loans of their borrowers). */
function naiveRollRate(w: Written, staffId: number | null = null) {
  const zeros = () => buckets.map(() => 0);
  const m = {
    buckets: [...buckets],
    startFen: zeros(),
    startLoans: zeros(),
    cellsFen: buckets.map(zeros),
    cellsLoans: buckets.map(zeros),
    paidOffFen: zeros(),
    paidOffLoans: zeros(),
  };
  for (const { start, end, officer } of loanEnds(w)) {
    if (staffId !== null && officer !== staffId) continue;
    const i = buckets.indexOf(start.bucket);
    m.startFen[i]! += start.fen;
    m.startLoans[i]! += 1;
    if (end.fen <= 0) {
      m.paidOffFen[i]! += start.fen;
      m.paidOffLoans[i]! += 1;
    } else {
      const j = buckets.indexOf(end.bucket);
      m.cellsFen[i]![j]! += end.fen;
      m.cellsLoans[i]![j]! += 1;
    }
  }
  return m;
}

function naiveWeeksAndOutcomes(w: Written) {
  const visits = w.visits.filter((v) => inMonth(v.date) && v.status !== 'rescheduled');
  const weeks = WEEKS.map((weekStart, i) => {
    const inWeek = visits.filter(
      (v) => v.date >= weekStart && (i === WEEKS.length - 1 || v.date < WEEKS[i + 1]!),
    );
    return { weekStart, planned: inWeek.length, done: count(inWeek, (v) => v.status === 'done') };
  });
  const tally = new Map<string, number>();
  for (const v of visits) {
    const last = v.records[v.records.length - 1];
    if (last) tally.set(last.outcome, (tally.get(last.outcome) ?? 0) + 1);
  }
  const outcomes = [...tally.entries()]
    .map(([outcome, n]) => ({ outcome, count: n }))
    .sort((a, b) => b.count - a.count || (a.outcome < b.outcome ? -1 : 1));
  return { weeks, outcomes };
}

// ---- the property -------------------------------------------------------------------------

describe('the monthly summary against a plain recomputation of its definitions', () => {
  it('agrees on every figure, branch and per officer, every roll-rate cell, weeks and outcomes', async () => {
    const core = await signedInCore();
    const db = core.app.db;
    const s = seeder(db);
    const staffIds = [1, s.staff('李明', 'A001'), s.staff('赵芳', 'B001'), s.staff('孙强', 'C001')];
    const people = db
      .prepare(`SELECT id, staff_no AS staffNo, name FROM staff ORDER BY staff_no`)
      .all() as { id: number; staffNo: string; name: string }[];
    let sawCapCase = false;
    let sawRelatives = false;
    let sawPaidOff = false;
    let sawComplaints = false;
    // A visit whose original broke a rule and whose correction did not: only the latest counts.
    let sawCorrectedViolation = false;
    // A loan no snapshot mentioned since before the 31st that is in another bucket by then.
    let sawAgedRoll = false;
    fc.assert(
      fc.property(monthArb, (m) => {
        db.exec('BEGIN');
        try {
          const w = write(db, staffIds, m);
          const figures = computeMonthFigures(db, MONTH);
          const branch = naiveBlock(w, null);
          expect(figures.branch).toEqual(branch);
          expect(figures.officers).toEqual(
            people
              .map((p) => ({ staffId: p.id, staffNo: p.staffNo, name: p.name }))
              .map((p) => ({
                ...p,
                figures: naiveBlock(w, p.staffId),
                rollRate: naiveRollRate(w, p.staffId),
              }))
              .filter((p) => !isEmpty(p.figures, p.rollRate)),
          );
          expect(figures.rollRate).toEqual(naiveRollRate(w));
          const { weeks, outcomes } = naiveWeeksAndOutcomes(w);
          expect(figures.weeks).toEqual(weeks);
          expect(figures.outcomes).toEqual(outcomes);
          // The comparison months' branch-only path gives the same branch figures.
          expect(computeBranchFigures(db, MONTH)).toEqual({
            branch,
            hasData: branch.visitsPlanned > 0 || loanEnds(w).length > 0,
          });
          // Never above 100%.
          for (const b of [figures.branch, ...figures.officers.map((o) => o.figures)]) {
            expect(b.ptpRate.num).toBeLessThanOrEqual(b.ptpRate.den);
            expect(b.completionRate.num).toBeLessThanOrEqual(b.completionRate.den);
          }
          // Did the random months reach the cases the definitions are about?
          const promiseRows = w.visits.filter(
            (v) =>
              inMonth(v.date) &&
              v.records.at(-1)?.met === 'borrower' &&
              v.records.flatMap((r) => r.promises).filter((p) => p.status !== 'superseded').length >
                1,
          );
          sawCapCase ||= promiseRows.length > 0;
          sawRelatives ||= branch.relativePromises > 0;
          sawPaidOff ||= figures.rollRate.paidOffLoans.some((n) => n > 0);
          sawAgedRoll ||= w.loans.some((loan) => {
            const last = snapshotOn(loan.history, TO);
            return !!last && last.fen > 0 && bucketOn(last, TO) !== last.bucket;
          });
          sawComplaints ||= figures.officers.some(
            (o) => o.figures.complaintsOpen > 0 && o.figures.complaintsClosed > 0,
          );
          sawCorrectedViolation ||=
            branch.recordsWithViolations > 0 &&
            w.visits.some(
              (v) =>
                inMonth(v.date) &&
                v.records.length > 1 &&
                v.records[0]!.violations > 0 &&
                v.records.at(-1)!.violations === 0,
            );
        } finally {
          db.exec('ROLLBACK');
        }
      }),
      { numRuns: 120 },
    );
    expect([
      sawCapCase,
      sawRelatives,
      sawPaidOff,
      sawComplaints,
      sawCorrectedViolation,
      sawAgedRoll,
    ]).toEqual([true, true, true, true, true, true]);
  }, 180_000);
});
