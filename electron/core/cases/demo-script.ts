import { addDays, daysBetween } from '../../shared/dates';
import type { HolidayCalendar } from '../planning/holidays';
import { generateSchedule } from '../records/schedule';
import type { Prng } from './demo-data';
import { owedOn, type LoanStory, type PartPayment } from './demo-loans';

/**
 * The script of the demo branch's visits: which borrower is visited on which day, what came of
 * it, and the loan story that makes the money add up (a cure paid at the visit, a part payment,
 * the instalments of a plan). Dates are counted from the day the demo is loaded.
 *
 * The two months before the current one each get the same thirteen visits (so their closed
 * summaries can be checked by hand); the current month gets up to three more on its last
 * working days before today.
 */

export type SceneKind =
  | 'promiseKept'
  | 'promiseBroken'
  | 'promisePartlyKept'
  | 'paidFull'
  | 'refused'
  | 'plan'
  | 'notHome'
  | 'partPayment'
  | 'hardship'
  | 'cancelled'
  | 'disputes'
  | 'moved'
  | 'deceased'
  | 'vulnerableHardship'
  | 'vulnerablePromise'
  | 'promisePending'
  | 'awaitingResult';

/** One closed month, in the order of its working days. */
const closedMonth = (last: SceneKind, vulnerable: SceneKind): SceneKind[] => [
  'promiseKept',
  'promiseBroken',
  'promisePartlyKept',
  'paidFull',
  'refused',
  'plan',
  'notHome',
  'partPayment',
  'hardship',
  'cancelled',
  'disputes',
  last,
  vulnerable,
];

export const OLDER_MONTH = closedMonth('moved', 'vulnerableHardship');
export const LAST_MONTH = closedMonth('deceased', 'vulnerablePromise');
/** The current month's visits, the most recent last; only those with a working day before today. */
const CURRENT_MONTH: SceneKind[] = ['paidFull', 'promisePending', 'awaitingResult'];

export interface Scene {
  kind: SceneKind;
  /** The borrower's position in the generated list (fixes township and officer). */
  index: number;
  date: string;
  start: string;
  end: string;
}

/** Where the scenes' borrowers sit in the generated list: spread over the five townships. */
const FIRST_INDEX = 10;
const INDEX_STEP = 3;

export function monthStart(date: string, monthsBack: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - monthsBack;
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

export function workingDays(calendar: HolidayCalendar, from: string, before: string): string[] {
  const days: string[] = [];
  for (let d = from; d < before; d = addDays(d, 1)) {
    if (calendar.day(d).kind === 'workday') days.push(d);
  }
  return days;
}

export function previousWorkingDay(calendar: HolidayCalendar, date: string): string {
  let d = addDays(date, -1);
  while (calendar.day(d).kind !== 'workday') d = addDays(d, -1);
  return d;
}

export function nextWorkingDay(calendar: HolidayCalendar, date: string): string {
  let d = addDays(date, 1);
  while (calendar.day(d).kind !== 'workday') d = addDays(d, 1);
  return d;
}

const SLOTS = [
  ['09:30', '10:30'],
  ['14:30', '15:30'],
] as const;

/** The scenes for a load on `today`, for a branch of `borrowers` (scenes past the end drop). */
export function writeScript(calendar: HolidayCalendar, today: string, borrowers: number): Scene[] {
  const scenes: Scene[] = [];
  const place = (kinds: readonly SceneKind[], days: readonly string[]) => {
    kinds.forEach((kind, k) => {
      const slot = SLOTS[Math.floor(k / days.length) % SLOTS.length]!;
      const index = FIRST_INDEX + INDEX_STEP * scenes.length;
      scenes.push({ kind, index, date: days[k % days.length]!, start: slot[0], end: slot[1] });
    });
  };
  place(OLDER_MONTH, workingDays(calendar, monthStart(today, 2), monthStart(today, 1)));
  place(LAST_MONTH, workingDays(calendar, monthStart(today, 1), monthStart(today, 0)));
  const recent = workingDays(calendar, monthStart(today, 0), today).slice(-CURRENT_MONTH.length);
  place(CURRENT_MONTH.slice(CURRENT_MONTH.length - recent.length), recent);
  return scenes.filter((s) => s.index < borrowers);
}

// ---- the money of each scene ------------------------------------------------------------------

/** Whole hundreds of yuan (fen in, fen out), at least `min` yuan. */
const hundreds = (fen: number, min: number) =>
  Math.max(min / 100, Math.round(fen / 10_000)) * 10_000;

export interface SceneMoney {
  /** Promise to pay: amount and due date. */
  promise?: { amountFen: number; dueOn: string };
  /** Money taken on the visit (receipt). */
  paymentFen?: number;
  /** Repayment plan proposed on the visit. */
  plan?: { totalFen: number; count: number; firstDueOn: string };
}

export interface SceneLoan {
  story: LoanStory;
  /** Days past due on the load day (0 once cured). */
  dpd: number;
  money: SceneMoney;
}

/**
 * A loan made for the scene: 36 monthly instalments, disbursed a year or so before it fell
 * overdue, so its overdue amounts grow steadily and the plan and promise figures fit.
 */
export function sceneLoan(r: Prng, scene: Scene, today: string): SceneLoan {
  const v = scene.date;
  const lead: Partial<Record<SceneKind, [number, number]>> = {
    promiseKept: [35, 55],
    paidFull: [40, 70],
    plan: [40, 60],
    partPayment: [50, 90],
  };
  const [lo, hi] = lead[scene.kind] ?? [40, 120];
  const start = addDays(v, -r.int(lo, hi));
  const principalFen = r.int(3, 20) * 10_000_00;
  const disbursedOn = addDays(start, -(r.int(8, 14) * 30 + r.int(0, 20)));
  const story: LoanStory = {
    principalFen,
    disbursedOn,
    maturityOn: addDays(disbursedOn, 36 * 30),
    instalmentFen: Math.round(principalFen / 36),
    episodes: [{ start, end: null }],
    parts: [],
  };
  const episode = story.episodes[0]!;
  const parts = story.parts as PartPayment[];
  const owedAtVisit = owedOn(story, v);
  const money: SceneMoney = {};
  switch (scene.kind) {
    case 'promiseKept': {
      // Promised a week ahead; the cure arrives by bank transfer on the day.
      episode.end = addDays(v, 7);
      money.promise = { amountFen: owedOn(story, addDays(v, 6)), dueOn: episode.end };
      break;
    }
    case 'paidFull':
      episode.end = v;
      episode.cureAtVisit = true;
      money.paymentFen = owedOn(story, addDays(v, -1));
      break;
    case 'promiseBroken':
      money.promise = { amountFen: hundreds(owedAtVisit / 2, 500), dueOn: addDays(v, 5) };
      break;
    case 'promisePartlyKept': {
      const amountFen = hundreds(owedAtVisit * 0.3, 500);
      money.promise = { amountFen, dueOn: addDays(v, 8) };
      parts.push({
        paidOn: addDays(v, 4),
        amountFen: hundreds(amountFen / 2, 200),
        atVisit: false,
      });
      break;
    }
    case 'partPayment': {
      const amountFen = hundreds(owedAtVisit * 0.2, 300);
      money.paymentFen = amountFen;
      parts.push({ paidOn: v, amountFen, atVisit: true });
      break;
    }
    case 'plan': {
      const plan = {
        totalFen: hundreds(owedAtVisit * 0.8, 600),
        count: 6,
        firstDueOn: addDays(v, 10),
      };
      money.plan = plan;
      const schedule = generateSchedule({ ...plan, mode: 'equal', amountsFen: [] });
      for (const i of schedule) {
        if (i.dueOn <= today)
          parts.push({ paidOn: i.dueOn, amountFen: i.amountFen, atVisit: false });
      }
      break;
    }
    case 'vulnerablePromise':
      money.promise = { amountFen: hundreds(owedAtVisit * 0.3, 500), dueOn: addDays(today, 10) };
      break;
    case 'promisePending':
      money.promise = { amountFen: hundreds(owedAtVisit * 0.4, 500), dueOn: addDays(today, 7) };
      break;
    default:
      break;
  }
  const dpd = episode.end !== null && episode.end <= today ? 0 : daysBetween(start, today);
  return { story, dpd, money };
}
