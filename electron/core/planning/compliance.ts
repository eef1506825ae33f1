import {
  LEGAL_EARLIEST,
  LEGAL_LATEST,
  LEGAL_MIN_STAFF,
  violation,
  vulnerableReasonLabels,
  type CertificateKind,
  type PlanningRules,
  type VulnerableReason,
  type Violation,
} from '../../shared/compliance';
import { daysBetween, minutesOf, monthOf, zonedInstant } from './dates';
import type { HolidayCalendar } from './holidays';

/**
 * The compliance engine: pure functions from the facts of a proposed visit, the branch's rule
 * settings and the holiday calendar to the list of rules it breaks. No database, no clock:
 * the caller gathers the facts (facts.ts) and passes `now`, so every rule is testable at its
 * boundaries and the screen, the route planner and the roster import judge alike.
 */

export interface ProposedVisit {
  date: string;
  start: string;
  end: string;
  staffIds: readonly number[];
  /** The borrower asked for this day (allows a public holiday or rest day). */
  borrowerRequested: boolean;
  notice: { status: 'none' | 'printed' | 'phoned' | 'delivered'; at: string | null };
  /** When the manager approved a visit to a vulnerable borrower, if they did. */
  approvedAt: string | null;
}

export interface BorrowerFacts {
  vulnerable: readonly VulnerableReason[];
  /** The case is disputed or put on hold (no visits until resolved), or closed. */
  hold: 'disputed' | 'on_hold' | 'closed' | null;
  /** The borrower's other visits that count for the caps (not cancelled or rescheduled). */
  visits: readonly { visitId: number; date: string }[];
}

export interface StaffFacts {
  id: number;
  label: string;
  active: boolean;
  certificates: readonly { kind: CertificateKind; issuedOn: string | null; expiresOn: string }[];
  onLeave: boolean;
  /** The staff member's other visits on the same day that still count. */
  sameDayVisits: readonly { visitId: number; start: string; end: string }[];
}

export interface ComplianceContext {
  rules: PlanningRules;
  calendar: HolidayCalendar;
  timeZone: string;
  now: Date;
}

export interface VisitFacts {
  borrower: BorrowerFacts;
  staff: readonly StaffFacts[];
}

type Check = (visit: ProposedVisit, facts: VisitFacts, ctx: ComplianceContext) => Violation[];

const withinHours: Check = (visit, _facts, { rules }) => {
  const start = minutesOf(visit.start);
  const end = minutesOf(visit.end);
  const times = { start: visit.start, end: visit.end };
  if (start < minutesOf(LEGAL_EARLIEST) || end > minutesOf(LEGAL_LATEST)) {
    return [violation('HOURS_OUTSIDE_LEGAL', 'legal', times)];
  }
  if (start < minutesOf(rules.allowedStart) || end > minutesOf(rules.allowedEnd)) {
    return [
      violation('HOURS_OUTSIDE_ALLOWED', 'block', {
        ...times,
        allowedStart: rules.allowedStart,
        allowedEnd: rules.allowedEnd,
      }),
    ];
  }
  return [];
};

const notInPast: Check = (visit, _facts, { timeZone, now }) =>
  zonedInstant(visit.date, visit.start, timeZone).getTime() < now.getTime()
    ? [violation('IN_THE_PAST', 'block', { date: visit.date, start: visit.start })]
    : [];

const holidays: Check = (visit, _facts, { rules, calendar }) => {
  if (visit.borrowerRequested) return [];
  const day = calendar.day(visit.date);
  if (day.kind === 'holiday' && rules.avoidPublicHolidays) {
    return [
      violation('PUBLIC_HOLIDAY', 'block', {
        date: visit.date,
        holiday: day.name?.zh ?? '',
        holidayEn: day.name?.en ?? '',
      }),
    ];
  }
  if (day.kind === 'rest' && rules.avoidRestDays) {
    return [violation('REST_DAY', 'block', { date: visit.date })];
  }
  return [];
};

const enoughStaff: Check = (visit, _facts, { rules }) => {
  const count = new Set(visit.staffIds).size;
  if (count >= rules.minStaff) return [];
  // Below two people is the law's floor; between two and the branch's own minimum, a setting.
  const severity = count < LEGAL_MIN_STAFF ? 'legal' : 'block';
  return [violation('TOO_FEW_STAFF', severity, { min: rules.minStaff, count })];
};

function certified(staff: StaffFacts, date: string, kinds: readonly CertificateKind[]): boolean {
  return staff.certificates.some(
    (c) =>
      kinds.includes(c.kind) && c.expiresOn >= date && (c.issuedOn === null || c.issuedOn <= date),
  );
}

const staffFit: Check = (visit, facts, { rules }) => {
  const found: Violation[] = [];
  const start = minutesOf(visit.start);
  const end = minutesOf(visit.end);
  for (const staff of facts.staff) {
    const who = { staff: staff.label, date: visit.date };
    if (!staff.active) found.push(violation('STAFF_INACTIVE', 'block', who));
    // Untrained staff at a borrower's door is what the guideline forbids outright.
    if (!certified(staff, visit.date, rules.certificateKinds)) {
      found.push(violation('STAFF_NOT_CERTIFIED', 'legal', who));
    }
    if (staff.onLeave) found.push(violation('STAFF_ON_LEAVE', 'block', who));
    const clash = staff.sameDayVisits.find(
      (other) => minutesOf(other.start) < end && start < minutesOf(other.end),
    );
    if (clash) {
      found.push(
        violation('STAFF_DOUBLE_BOOKED', 'block', {
          ...who,
          otherStart: clash.start,
          otherEnd: clash.end,
          otherVisitId: clash.visitId,
        }),
      );
    }
  }
  return found;
};

const frequency: Check = (visit, { borrower }, { rules }) => {
  const found: Violation[] = [];
  const tooClose = borrower.visits
    .filter((other) => Math.abs(daysBetween(other.date, visit.date)) < rules.minDaysBetweenVisits)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  if (tooClose) {
    found.push(
      violation('TOO_SOON_AFTER_VISIT', 'block', {
        otherDate: tooClose.date,
        days: rules.minDaysBetweenVisits,
        otherVisitId: tooClose.visitId,
      }),
    );
  }
  const month = monthOf(visit.date);
  const inMonth = borrower.visits.filter((other) => monthOf(other.date) === month).length;
  if (inMonth >= rules.maxVisitsPerMonth) {
    found.push(
      violation('MONTHLY_CAP', 'block', { month, count: inMonth, max: rules.maxVisitsPerMonth }),
    );
  }
  return found;
};

/**
 * Notice first: a notice given at least N hours before the start. Before one is given, the
 * plan stands as long as there is still time to give it; a visit starting sooner than N hours
 * from now without a notice already out cannot be planned.
 */
const noticeInTime: Check = (visit, _facts, { rules, timeZone, now }) => {
  const latest =
    zonedInstant(visit.date, visit.start, timeZone).getTime() - rules.noticeMinHours * 3_600_000;
  const given = visit.notice.status !== 'none' && visit.notice.at !== null;
  const at = given ? Date.parse(visit.notice.at as string) : now.getTime();
  return at > latest
    ? [violation('NOTICE_TOO_LATE', 'block', { hours: rules.noticeMinHours })]
    : [];
};

const vulnerable: Check = (visit, { borrower }, { rules }) => {
  if (!rules.vulnerableNeedsApproval || borrower.vulnerable.length === 0 || visit.approvedAt) {
    return [];
  }
  const labels = borrower.vulnerable.map((r) => vulnerableReasonLabels[r]);
  return [
    violation('VULNERABLE_NEEDS_APPROVAL', 'block', {
      reasons: labels.map((l) => l.zh).join('、'),
      reasonsEn: labels.map((l) => l.en).join(', '),
    }),
  ];
};

const holdWords = {
  disputed: { state: '有争议', stateEn: 'disputed' },
  on_hold: { state: '已暂停催收', stateEn: 'on hold' },
  closed: { state: '已结案', stateEn: 'closed' },
} as const;

const onHold: Check = (_visit, { borrower }, { rules }) => {
  if (!borrower.hold) return [];
  // A closed case is never visited; disputes and holds follow the branch setting.
  if (borrower.hold !== 'closed' && !rules.disputedOnHold) return [];
  return [violation('CASE_ON_HOLD', 'block', { ...holdWords[borrower.hold] })];
};

const checks: readonly Check[] = [
  withinHours,
  notInPast,
  holidays,
  enoughStaff,
  staffFit,
  frequency,
  noticeInTime,
  vulnerable,
  onHold,
];

/** Every rule the visit breaks, legal limits first. */
export function checkVisit(
  visit: ProposedVisit,
  facts: VisitFacts,
  ctx: ComplianceContext,
): Violation[] {
  const found = checks.flatMap((check) => check(visit, facts, ctx));
  return [
    ...found.filter((v) => v.severity === 'legal'),
    ...found.filter((v) => v.severity !== 'legal'),
  ];
}

export const breaksLegalLimit = (violations: readonly Violation[]) =>
  violations.some((v) => v.severity === 'legal');
