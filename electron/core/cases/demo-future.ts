import { defaultPlanningRules, LEGAL_LATEST } from '../../shared/compliance';
import { planVisitInput } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import type { Kysely } from 'kysely';
import { writeFlag } from '../db/columns';
import type { DB } from '../db/schema';
import { lawfulContactTime } from '../planning/compliance';
import { addDays, localIn, zonedInstant } from '../../shared/dates';
import { elderlyBornBy } from '../planning/elderly';
import type { HolidayCalendar } from '../planning/holidays';
import { planVisit } from '../planning/visits';
import type { Actor } from './demo-acting';
import { workingDays } from './demo-script';
import {
  announce,
  EXPIRING_IN_DAYS,
  LEAVE_DAYS,
  LEAVE_FROM_DAYS,
  officer,
  type Chronicle,
  type DemoStaff,
} from './demo-visits';

/**
 * The coming weeks: visits planned this morning for overdue borrowers nobody has visited yet,
 * two staff each, around the officer on leave and the certificate that runs out; those in the
 * next week already announced. Two elderly or ill borrowers: one planned by an officer and
 * waiting for the manager's approval, one planned (and so approved) by the manager.
 */

export const FUTURE_VISITS = 14;
/** Visits within this many days of the load get their notice at once. */
const NOTICE_WITHIN_DAYS = 8;
const FUTURE_SLOTS = [
  ['09:00', '10:00'],
  ['10:30', '11:30'],
  ['14:00', '15:00'],
  ['15:30', '16:30'],
] as const;

interface Candidate {
  id: number;
  officer: number;
}

/**
 * Overdue active borrowers with an officer and no visit yet, most owed first: the vulnerable
 * ones (flagged by hand, or 60 by the ID's birth date `bornBy` before the last planned day) or
 * the others.
 */
function candidates(db: Kysely<DB>, bornBy: string, vulnerable: boolean): Promise<Candidate[]> {
  return db
    .selectFrom('borrowers as b')
    .select(['b.id', 'b.assigned_officer_id as officer'])
    .where('b.status', '=', 'active')
    .where('b.total_overdue_fen', '>', 0)
    .where('b.assigned_officer_id', 'is not', null)
    .where((eb) => {
      const flagged = eb.or([
        eb('b.vulnerable_elderly', '=', writeFlag(true)),
        eb('b.vulnerable_ill', '=', writeFlag(true)),
        eb('b.vulnerable_disabled', '=', writeFlag(true)),
        eb('b.vulnerable_disaster', '=', writeFlag(true)),
        eb('b.birth_date', '<=', bornBy),
      ]);
      return vulnerable ? flagged : eb.not(flagged);
    })
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('visits as v').select('v.id').whereRef('v.borrower_id', '=', 'b.id'))),
    )
    .orderBy('b.total_overdue_fen', 'desc')
    .orderBy('b.id')
    .$narrowType<{ officer: number }>()
    .execute();
}

const SITUATION_FIRST = '先了解病情和家庭收支，再与借款人商量还款安排';

/** The borrower's active loans that owe overdue money, by id. */
async function overdueLoanIds(db: Kysely<DB>, borrowerId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('loans')
    .select('id')
    .where('borrower_id', '=', borrowerId)
    .where('status', '=', 'active')
    .where((eb) =>
      eb(
        eb(
          eb('overdue_principal_fen', '+', eb.ref('overdue_interest_fen')),
          '+',
          eb.ref('penalty_fen'),
        ),
        '>',
        0,
      ),
    )
    .orderBy('id')
    .execute();
  return rows.map((l) => l.id);
}

/** `instant` if the borrower may be contacted then, else 21:45 of the evening before it. */
function lastLawfulMoment(instant: number, zone: string): number {
  const at = new Date(instant);
  if (lawfulContactTime(at, zone)) return instant;
  const local = localIn(zone, at);
  const evening = local.time >= LEGAL_LATEST ? local.date : addDays(local.date, -1);
  return zonedInstant(evening, '21:45', zone).getTime();
}

export function stageFuture(
  story: Chronicle,
  calendar: HolidayCalendar,
  staff: DemoStaff,
  input: { today: string; now: Date; printing: boolean },
): void {
  const { today, printing } = input;
  const officers = staff.officers;
  const onLeave = officers[2 % officers.length]!;
  const expiring = officers[officers.length - 1]!;
  const leaveFrom = addDays(today, LEAVE_FROM_DAYS);
  const leaveTo = addDays(today, LEAVE_FROM_DAYS + LEAVE_DAYS - 1);
  const available = (id: number, day: string) =>
    !(id === onLeave && day >= leaveFrom && day <= leaveTo) &&
    !(id === expiring && day > addDays(today, EXPIRING_IN_DAYS));
  const pairOn = (day: string, first: number): [number, number] => {
    const free = [...officers.slice(first), ...officers.slice(0, first)].filter((id) =>
      available(id, day),
    );
    return [free[0]!, free[1]!];
  };
  const days = workingDays(calendar, addDays(today, 2), addDays(today, 23));
  const perDay = new Map<string, number>();
  const slotOn = (day: string) => {
    const n = perDay.get(day) ?? 0;
    perDay.set(day, n + 1);
    return FUTURE_SLOTS[n % FUTURE_SLOTS.length]!;
  };
  // Borrowers are told by day: loaded at night or early in the morning, the coming weeks were
  // planned and announced the evening before (no contact from 22:00 to 08:00).
  const noticeAt = lastLawfulMoment(input.now.getTime() - 15 * 60_000, story.timeZone);
  const planAt = Math.min(input.now.getTime() - 20 * 60_000, noticeAt - 5 * 60_000);
  const manager: Actor = { staffId: staff.manager, role: 'manager' };

  const plan = async (
    app: Visitdesk,
    borrowerId: number,
    day: string,
    staffIds: [number, number],
    purpose: 'negotiation' | 'situation_check',
  ) => {
    const [start, end] = slotOn(day);
    const loanIds = await overdueLoanIds(app.engine.db, borrowerId);
    // A vulnerable borrower's first visit is to understand the situation before any
    // arrangement, and the plan says so (a repayment arrangement is the default purpose).
    const purposeReason = purpose === 'situation_check' ? SITUATION_FIRST : '';
    return planVisit(
      app,
      planVisitInput.parse({
        borrowerId,
        loanIds,
        staffIds,
        date: day,
        start,
        end,
        purpose,
        purposeReason,
      }),
    );
  };
  const announceSoon = (visitId: number, day: string, by: Actor) => {
    if (day > addDays(today, NOTICE_WITHIN_DAYS)) return;
    story.add(noticeAt, by, (app) => announce(app, visitId, printing));
  };

  story.add(planAt, manager, async (app) => {
    if (days.length < 2) return;
    const used = new Set<number>();
    const pick = (list: Candidate[], lead: number) => {
      const own = list.find((c) => c.officer === lead && !used.has(c.id));
      const chosen = own ?? list.find((c) => !used.has(c.id));
      if (chosen) used.add(chosen.id);
      return chosen;
    };
    const bornBy = elderlyBornBy(addDays(today, 40), defaultPlanningRules.elderlyAge);
    const ordinary = await candidates(app.engine.db, bornBy, false);
    for (let j = 0; j < FUTURE_VISITS; j++) {
      const day = days[Math.floor((j * days.length) / (FUTURE_VISITS + 2))]!;
      const staffIds = pairOn(day, j % officers.length);
      const chosen = pick(ordinary, staffIds[0]);
      if (!chosen) break;
      // Each visit is planned by its lead officer, as the planning screen would be used.
      story.add(planAt, officer(staffIds[0]), async (asLead) => {
        const visit = await plan(asLead, chosen.id, day, staffIds, 'negotiation');
        announceSoon(visit.id, day, officer(staffIds[0]));
      });
    }
    const vulnerable = await candidates(app.engine.db, bornBy, true);
    const [waiting, approved] = [vulnerable[0], vulnerable[1]];
    const late = days[days.length - 1]!;
    const early = days[1]!;
    if (waiting) {
      const staffIds = pairOn(late, 0);
      story.add(planAt, officer(staffIds[0]), (asLead) =>
        plan(asLead, waiting.id, late, staffIds, 'situation_check'),
      );
    }
    if (approved) {
      const staffIds = pairOn(early, 1);
      story.add(planAt, manager, async (asManager) => {
        const visit = await plan(asManager, approved.id, early, staffIds, 'situation_check');
        announceSoon(visit.id, early, manager);
      });
    }
  });
}
