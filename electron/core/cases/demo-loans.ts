import { delinquency, type Bucket } from '../../shared/delinquency';
import { addDays, daysBetween } from '../../shared/dates';
import type { Prng } from './demo-data';

/**
 * The repayment story of one synthetic loan: a schedule of 30-day instalments, paid on time
 * except during overdue episodes (the last one may still be open). From it come the loan's
 * amounts on any date, its monthly snapshots and its payments, all consistent with each other.
 */

export interface Episode {
  start: string;
  /** Cure date (the overdue amount was paid), or null while still overdue. */
  end: string | null;
  /** The cure was paid to staff on a visit (the visit books it, with its receipt). */
  cureAtVisit?: boolean;
}

/** Money paid during an episode that did not cure it (a part payment or a plan instalment). */
export interface PartPayment {
  paidOn: string;
  amountFen: number;
  /** Taken by staff on a visit (the visit books it) rather than by bank transfer. */
  atVisit: boolean;
}

export interface LoanState {
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  penaltyFen: number;
  overdueSince: string | null;
  dpd: number;
  bucket: Bucket;
}

export interface LoanStory {
  principalFen: number;
  disbursedOn: string;
  maturityOn: string;
  instalmentFen: number;
  episodes: Episode[];
  /** Part payments, in date order; each lowers what is overdue from its date on. */
  parts?: PartPayment[];
}

function dueCount(story: LoanStory, date: string): number {
  return Math.max(0, Math.floor(daysBetween(story.disbursedOn, date) / 30));
}

function scheduledBalance(story: LoanStory, date: string): number {
  return Math.max(0, story.principalFen - story.instalmentFen * dueCount(story, date));
}

export function stateOn(story: LoanStory, date: string): LoanState {
  const episode = story.episodes.find((e) => e.start <= date && (e.end === null || date < e.end));
  if (!episode) {
    const balance = scheduledBalance(story, date);
    return {
      outstandingPrincipalFen: balance,
      overduePrincipalFen: 0,
      overdueInterestFen: 0,
      penaltyFen: 0,
      overdueSince: null,
      dpd: 0,
      bucket: 'M0',
    };
  }
  const balance = Math.max(scheduledBalance(story, episode.start), story.instalmentFen);
  const { dpd, bucket } = delinquency(episode.start, date);
  const missed = Math.floor(dpd / 30) + 1;
  const overduePrincipal = Math.min(balance, story.instalmentFen * missed);
  // About 0.6 % a month of interest and 0.03 % a day of penalty on the overdue principal.
  const interest = Math.round((overduePrincipal * 0.006 * dpd) / 30);
  const penalty = Math.round(overduePrincipal * 0.0003 * dpd);
  // Part payments go to the penalty first, then interest, then principal (the usual order).
  let paid = (story.parts ?? [])
    .filter((p) => p.paidOn >= episode.start && p.paidOn <= date)
    .reduce((sum, p) => sum + p.amountFen, 0);
  const take = (owed: number) => {
    const part = Math.min(owed, paid);
    paid -= part;
    return owed - part;
  };
  const penaltyLeft = take(penalty);
  const interestLeft = take(interest);
  const principalLeft = take(overduePrincipal);
  return {
    outstandingPrincipalFen: balance - (overduePrincipal - principalLeft),
    overduePrincipalFen: principalLeft,
    overdueInterestFen: interestLeft,
    penaltyFen: penaltyLeft,
    overdueSince: dpd > 0 ? episode.start : null,
    dpd,
    bucket,
  };
}

/**
 * The five-tier classification (1 正常 … 5 损失, shared/classification.ts) head office would
 * give the loan on `date`, by the regulator's floors on days past due: over 90 days at least
 * 次级, over 270 可疑, over 360 损失; any overdue 关注; a current loan cured within the last 90
 * days stays 关注 for a while; otherwise 正常. Computed from the story alone (no random draw, so
 * the rest of the demo branch is what it was).
 */
export function tierOn(story: LoanStory, date: string): number {
  const { dpd } = stateOn(story, date);
  if (dpd > 360) return 5;
  if (dpd > 270) return 4;
  if (dpd > 90) return 3;
  if (dpd > 0) return 2;
  const recentCure = story.episodes.some(
    (e) => e.end !== null && e.end <= date && daysBetween(e.end, date) <= 90,
  );
  return recentCure ? 2 : 1;
}

/** Everything overdue on `date`: what a cure paid the next day must cover. */
export function owedOn(story: LoanStory, date: string): number {
  const s = stateOn(story, date);
  return s.overduePrincipalFen + s.overdueInterestFen + s.penaltyFen;
}

/** A loan disbursed months ago whose current delinquency is `targetDpd` (0 = current). */
export function makeStory(r: Prng, today: string, targetDpd: number): LoanStory {
  const term = r.pick([12, 24, 36]);
  const monthsAgo = Math.max(r.int(4, 30), Math.ceil(targetDpd / 30) + 2);
  const disbursedOn = addDays(today, -(monthsAgo * 30 + r.int(0, 27)));
  const principalFen = r.int(2, 30) * 10_000_00;
  const instalmentFen = Math.round(principalFen / term);
  const episodes: Episode[] = [];
  if (targetDpd > 0) {
    episodes.push({ start: addDays(today, -targetDpd), end: null });
  } else if (r.chance(0.2)) {
    // A cured episode in the past year: it makes roll rates and cures visible in the reports.
    const start = addDays(today, -r.int(60, 300));
    const end = addDays(start, r.int(10, 55));
    if (start > disbursedOn && end < today) episodes.push({ start, end });
  }
  return {
    principalFen,
    disbursedOn,
    maturityOn: addDays(disbursedOn, term * 30),
    instalmentFen,
    episodes,
  };
}

/** Month-end import dates of the past year on or after disbursement, and today. */
export function snapshotDates(story: LoanStory, today: string): string[] {
  const dates: string[] = [];
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (let back = 12; back >= 1; back--) {
    const monthEnd = new Date(Date.UTC(y, m - back, 0)).toISOString().slice(0, 10);
    if (monthEnd >= story.disbursedOn) dates.push(monthEnd);
  }
  dates.push(today);
  return dates;
}

export interface StoryPayment {
  paidOn: string;
  amountFen: number;
  cure: boolean;
  /** Booked by a visit record (with its receipt), not by the import. */
  atVisit: boolean;
}

/** Instalments paid on their due dates (outside episodes) and each cure's lump sum. */
export function payments(story: LoanStory, today: string): StoryPayment[] {
  const from = addDays(today, -365);
  const out: StoryPayment[] = [];
  for (let n = 1; ; n++) {
    const due = addDays(story.disbursedOn, n * 30);
    if (due > today || scheduledBalance(story, addDays(due, -1)) === 0) break;
    const inEpisode = story.episodes.some((e) => e.start <= due && (e.end === null || due < e.end));
    if (due >= from && !inEpisode) {
      out.push({ paidOn: due, amountFen: story.instalmentFen, cure: false, atVisit: false });
    }
  }
  for (const e of story.episodes) {
    if (e.end === null) continue;
    const amount = owedOn(story, addDays(e.end, -1));
    if (amount > 0) {
      out.push({ paidOn: e.end, amountFen: amount, cure: true, atVisit: e.cureAtVisit === true });
    }
  }
  for (const p of story.parts ?? []) {
    if (p.paidOn <= today) out.push({ ...p, cure: false });
  }
  return out.sort((a, b) => (a.paidOn < b.paidOn ? -1 : 1));
}
