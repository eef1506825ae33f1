import type { z } from 'zod';
import type { Violation } from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import type { planRouteInput, VisitDetail } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { minutesOf, timeOf } from '../../shared/dates';
import { decide, evaluate, ruleFailure } from './decide';
import { complianceContext } from './rules';
import { loadVisitDetails } from './visit-read';
import { auditDecision, insertVisit, type NewVisit } from './visits';

/**
 * Plans several cases as one route for a day: slots one after another from the first start,
 * each judged by the rules with the earlier slots already in place. All or nothing: if any
 * slot breaks a rule, nothing is saved and every slot's violations come back. Routes are never
 * overridden; a case that needs an exception is planned on its own.
 */
export async function planRoute(
  app: Visitdesk,
  input: z.output<typeof planRouteInput>,
): Promise<VisitDetail[]> {
  const step = input.visitMinutes + input.gapMinutes;
  const first = minutesOf(input.firstStart);
  const lastEnd = first + (input.borrowerIds.length - 1) * step + input.visitMinutes;
  if (lastEnd > 23 * 60 + 59) {
    throw new AppFailure('VALIDATION', 'the route does not fit in the day', {
      fields: { borrowerIds: 'v.invalid' },
    });
  }
  const refused: { borrowerId: number; start: string; end: string; violations: Violation[] }[] = [];
  const ids: number[] = [];
  return app.write(async (tx) => {
    const ctx = await complianceContext(app, tx);
    for (const [index, borrowerId] of input.borrowerIds.entries()) {
      const start = timeOf(first + index * step);
      const end = timeOf(first + index * step + input.visitMinutes);
      const visit: NewVisit = {
        borrowerId,
        loanIds: [],
        date: input.date,
        start,
        end,
        staffIds: input.staffIds,
        purpose: input.purpose,
        priority: 'normal',
        borrowerRequested: false,
        note: '',
        notice: { status: 'none', at: null },
        approvedAt: null,
        approvalBy: null,
        routeOrder: index + 1,
      };
      const { profile, violations } = await evaluate(tx, ctx, visit, []);
      let decision;
      try {
        decision = await decide(app, tx, violations, undefined, { allowOverride: false });
      } catch (error) {
        if (!(error instanceof AppFailure) || error.code !== 'RULE_VIOLATION') throw error;
        refused.push({ borrowerId, start, end, violations });
        continue;
      }
      // Keep judging the following slots as if this one stood, so the answer lists every
      // problem at once; a refusal rolls all of them back below.
      const id = await insertVisit(app, tx, visit, profile, decision);
      ids.push(id);
      await app.record(tx, {
        action: 'visit.plan',
        entity: 'visit',
        entityId: id,
        subject: borrowerId,
        after: { route: true, borrowerId, start, end },
      });
      await auditDecision(app, tx, id, decision, violations);
    }
    if (refused.length > 0) {
      const failure = ruleFailure(
        refused.flatMap((r) => r.violations),
        false,
      );
      throw new AppFailure('RULE_VIOLATION', failure.message, {
        details: { ...failure.details, slots: refused },
      });
    }
    return loadVisitDetails(tx, ids);
  });
}
