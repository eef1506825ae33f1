import type { Kysely } from 'kysely';
import type { PlanningRules } from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import type { NoticeStatus } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { noticeProblem, type NoticeProblem } from './compliance';
import { zonedInstant } from '../../shared/dates';
import { loadRules } from './rules';
import { loadBranchTimeZone } from '../settings/branch-clock';

/**
 * Notice first (DOMAIN.md): a notice given in the past, at a lawful hour, at least
 * `noticeMinHours` before the visit. A time after now is refused where it is typed; a notice
 * given out of hours or too late is kept on file (it was given) but does not count, and a visit
 * that has one that counts keeps it when a later one that does not is recorded.
 */

export function refuseFutureNotice(app: Visitdesk, at: Date, field: string): void {
  if (at.getTime() > app.now().getTime()) {
    throw new AppFailure('VALIDATION', 'a notice cannot be given in the future', {
      fields: { [field]: 'v.noticeInFuture' },
    });
  }
}

export interface GivenNotice {
  status: NoticeStatus;
  at: string | null;
}

/** What judges a notice: the branch's rules and clock (`noticeJudge` on the engine). */
export interface NoticeJudge {
  rules: PlanningRules;
  timeZone: string;
  now: Date;
}

/** The judge read on the engine (`db`, or a write's `tx`). */
export async function noticeJudge(app: Visitdesk, db: Kysely<DB>): Promise<NoticeJudge> {
  return { rules: await loadRules(db), timeZone: await loadBranchTimeZone(db), now: app.now() };
}

/** Why the visit's notice does not count (null: it counts, or there is none). */
function problemOf(
  judge: NoticeJudge,
  visit: { date: string; start: string },
  notice: GivenNotice,
): NoticeProblem | null {
  if (notice.status === 'none' || notice.at === null) return null;
  const start = zonedInstant(visit.date, visit.start, judge.timeZone);
  return noticeProblem(new Date(notice.at), start, judge);
}

/**
 * The notice a visit keeps when another is given: the new one, unless the visit already has one
 * that counts and the new one does not. Between two that count, the newer one (a delivered
 * notice after a phone call says more about what the borrower holds).
 */
export function noticeKept(
  judge: NoticeJudge,
  visit: { date: string; start: string },
  current: GivenNotice,
  next: GivenNotice & { at: string },
): { keep: 'current' | 'next'; nextProblem: NoticeProblem | null } {
  const nextProblem = problemOf(judge, visit, next);
  const currentCounts = current.status !== 'none' && problemOf(judge, visit, current) === null;
  return { keep: currentCounts && nextProblem !== null ? 'current' : 'next', nextProblem };
}
