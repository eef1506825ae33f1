import {
  arrangementPurposes,
  LEGAL_EARLIEST,
  LEGAL_LATEST,
  LEGAL_MIN_STAFF,
  violation,
  visitPlaceLabels,
  vulnerableReasonLabels,
  type CertificateKind,
  type PlanningRules,
  type VisitPlace,
  type VulnerableReason,
  type Violation,
} from '../../shared/compliance';
import type { VisitPurpose } from '../../shared/schemas/planning';
import {
  addDays,
  daysBetween,
  localIn,
  minutesOf,
  monthOf,
  zonedInstant,
} from '../../shared/dates';
import type { HolidayCalendar } from './holidays';
import type { CaseExitKind } from '../../shared/schemas/case-fields';

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
  /** When the manager approved the visit (vulnerable borrower, place), if they did. */
  approvedAt: string | null;
  /** Absent: not judged (callers that only move a visit keep what was judged at planning). */
  purpose?: VisitPurpose;
  /** Why a vulnerable borrower's visit is not about a repayment arrangement. */
  purposeReason?: string;
  /** Where the visit happens; home when absent. */
  place?: VisitPlace;
  placeNote?: string;
  /** The planner says an employer or neighbour would learn of the debt there. */
  disclosureRisk?: boolean;
}

export interface BorrowerFacts {
  vulnerable: readonly VulnerableReason[];
  /**
   * The age on the visit's date when the ID's birth date alone makes the borrower elderly
   * (facts.ts adds 'elderly' to `vulnerable` then); absent otherwise.
   */
  elderlyAge?: number;
  /** The case is disputed or put on hold (no visits until resolved), or closed. */
  hold: 'disputed' | 'on_hold' | 'closed' | null;
  /** Why a closed case left doorstep collection, when it did through an exit. */
  exit?: { kind: CaseExitKind; exitOn: string; reference: string } | null;
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

/** Why a notice does not count as notice first; null when it does. */
export type NoticeProblem = 'future' | 'outOfHours' | 'late';

/** True when `instant` falls in the lawful contact hours 08:00–22:00 (22:00 itself is not). */
export function lawfulContactTime(instant: Date, timeZone: string): boolean {
  const minute = minutesOf(localIn(timeZone, instant).time);
  return minute >= minutesOf(LEGAL_EARLIEST) && minute < minutesOf(LEGAL_LATEST);
}

/**
 * DOMAIN.md: notice first means a notice given in the past, at a lawful hour (no contact
 * 22:00–08:00), at least `noticeMinHours` before the visit starts. A notice exactly that many
 * hours ahead counts; one minute later does not.
 */
export function noticeProblem(
  at: Date,
  visitStart: Date,
  ctx: { rules: PlanningRules; timeZone: string; now: Date },
): NoticeProblem | null {
  if (at.getTime() > ctx.now.getTime()) return 'future';
  return noticeTimingProblem(at, visitStart, ctx);
}

/** The hour and the lead time of a notice, whatever the clock says now. */
export function noticeTimingProblem(
  at: Date,
  visitStart: Date,
  ctx: { rules: PlanningRules; timeZone: string },
): 'outOfHours' | 'late' | null {
  if (!lawfulContactTime(at, ctx.timeZone)) return 'outOfHours';
  const latest = visitStart.getTime() - ctx.rules.noticeMinHours * 3_600_000;
  return at.getTime() > latest ? 'late' : null;
}

/** The first instant from `now` on at which the borrower may lawfully be contacted. */
export function nextLawfulContact(now: Date, timeZone: string): Date {
  if (lawfulContactTime(now, timeZone)) return now;
  const local = localIn(timeZone, now);
  const day =
    minutesOf(local.time) < minutesOf(LEGAL_EARLIEST) ? local.date : addDays(local.date, 1);
  return zonedInstant(day, LEGAL_EARLIEST, timeZone);
}

/** The notice's time as the branch reads it, for messages. */
export const noticeTimeText = (at: Date, timeZone: string) => {
  const local = localIn(timeZone, at);
  return `${local.date} ${local.time}`;
};

/**
 * Notice first. A notice that counts settles it. Without one (none given, or one that does not
 * count: out of hours, too late, dated in the future), the plan stands as long as a notice that
 * would count can still be given: at a lawful hour from now on, and no later than N hours
 * before the start. Once that is no longer possible the plan is blocked: a manager may override
 * it with a written reason.
 */
const noticeInTime: Check = (visit, _facts, ctx) => {
  const { rules, timeZone, now } = ctx;
  const start = zonedInstant(visit.date, visit.start, timeZone);
  const latest = start.getTime() - rules.noticeMinHours * 3_600_000;
  const given = visit.notice.status !== 'none' && visit.notice.at !== null;
  const at = given ? new Date(visit.notice.at as string) : null;
  const problem = at ? noticeProblem(at, start, ctx) : null;
  if (at && problem === null) return [];
  if (nextLawfulContact(now, timeZone).getTime() <= latest) return [];
  if (at && problem === 'outOfHours') {
    return [
      violation('NOTICE_OUT_OF_HOURS', 'block', {
        hours: rules.noticeMinHours,
        noticeAt: noticeTimeText(at, timeZone),
      }),
    ];
  }
  return [violation('NOTICE_TOO_LATE', 'block', { hours: rules.noticeMinHours })];
};

function vulnerableWords(borrower: BorrowerFacts) {
  const labels = borrower.vulnerable.map((reason) => {
    const label = vulnerableReasonLabels[reason];
    // An elderly borrower known from the ID alone: say the age, so the planner sees why.
    return reason === 'elderly' && borrower.elderlyAge !== undefined
      ? {
          zh: `${label.zh}（${borrower.elderlyAge} 岁）`,
          en: `${label.en} (${borrower.elderlyAge})`,
        }
      : label;
  });
  return {
    reasons: labels.map((l) => l.zh).join('、'),
    reasonsEn: labels.map((l) => l.en).join(', '),
  };
}

const vulnerable: Check = (visit, { borrower }, { rules }) => {
  if (!rules.vulnerableNeedsApproval || borrower.vulnerable.length === 0 || visit.approvedAt) {
    return [];
  }
  return [violation('VULNERABLE_NEEDS_APPROVAL', 'block', vulnerableWords(borrower))];
};

/** A vulnerable borrower's plan favours a repayment arrangement, or says why it does not. */
const vulnerablePurpose: Check = (visit, { borrower }) => {
  if (borrower.vulnerable.length === 0 || visit.purpose === undefined) return [];
  if ((arrangementPurposes as readonly string[]).includes(visit.purpose)) return [];
  if ((visit.purposeReason ?? '').trim() !== '') return [];
  return [violation('VULNERABLE_PURPOSE', 'block', vulnerableWords(borrower))];
};

/** Where the words of a place go in messages: the place, and its note in brackets. */
export function placeWords(place: VisitPlace, note: string) {
  const label = visitPlaceLabels[place];
  const trimmed = note.trim();
  return {
    place: label.zh,
    placeEn: label.en,
    note: trimmed ? `（${trimmed}）` : '',
    noteEn: trimmed ? ` (${trimmed})` : '',
  };
}

/** True when the place alone needs the manager's approval: a workplace, or a disclosure risk. */
export const placeNeedsApproval = (place: VisitPlace | undefined, disclosureRisk?: boolean) =>
  place === 'workplace' || disclosureRisk === true;

/** A workplace visit, or any visit that would tell an employer or neighbour of the debt. */
const placeApproval: Check = (visit) => {
  if (!placeNeedsApproval(visit.place, visit.disclosureRisk) || visit.approvedAt) return [];
  return [
    violation(
      'PLACE_NEEDS_APPROVAL',
      'block',
      placeWords(visit.place ?? 'home', visit.placeNote ?? ''),
    ),
  ];
};

const holdWords = {
  disputed: { state: '有争议', stateEn: 'disputed' },
  on_hold: { state: '已暂停催收', stateEn: 'on hold' },
  closed: { state: '已结案', stateEn: 'closed' },
} as const;

export const exitWords = {
  written_off: { exit: '核销', exitEn: 'written off' },
  litigation: { exit: '转入诉讼', exitEn: 'passed to litigation' },
  agency: { exit: '委托外部机构催收', exitEn: 'passed to an outside agency' },
  settled: { exit: '和解结清', exitEn: 'settled' },
} as const;

const onHold: Check = (_visit, { borrower }, { rules }) => {
  if (!borrower.hold) return [];
  // A case that left doorstep collection (cases/exits.ts) is closed for good: nobody overrides.
  if (borrower.hold === 'closed' && borrower.exit) {
    const { kind, exitOn, reference } = borrower.exit;
    return [violation('CASE_EXITED', 'legal', { date: exitOn, reference, ...exitWords[kind] })];
  }
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
  vulnerablePurpose,
  placeApproval,
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
