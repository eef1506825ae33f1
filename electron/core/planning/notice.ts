import { AppFailure } from '../../shared/result';
import type { NoticeStatus } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { noticeProblem, type NoticeProblem } from './compliance';
import { zonedInstant } from '../../shared/dates';
import { readRules } from './rules';
import { branchTimeZone } from '../settings/branch-clock';

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

/** Why the visit's notice does not count (null: it counts, or there is none). */
export function problemOf(
  app: Visitdesk,
  visit: { date: string; start: string },
  notice: GivenNotice,
): NoticeProblem | null {
  if (notice.status === 'none' || notice.at === null) return null;
  const timeZone = branchTimeZone(app.db);
  return noticeProblem(new Date(notice.at), zonedInstant(visit.date, visit.start, timeZone), {
    rules: readRules(app.db),
    timeZone,
    now: app.now(),
  });
}

/**
 * The notice a visit keeps when another is given: the new one, unless the visit already has one
 * that counts and the new one does not. Between two that count, the newer one (a delivered
 * notice after a phone call says more about what the borrower holds).
 */
export function noticeToKeep(
  app: Visitdesk,
  visit: { date: string; start: string },
  current: GivenNotice,
  next: GivenNotice & { at: string },
): { keep: 'current' | 'next'; nextProblem: NoticeProblem | null } {
  const nextProblem = problemOf(app, visit, next);
  const currentCounts = current.status !== 'none' && problemOf(app, visit, current) === null;
  return { keep: currentCounts && nextProblem !== null ? 'current' : 'next', nextProblem };
}
