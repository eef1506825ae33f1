import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import { verifyChain } from '../../../electron/core/audit/chain';
import { engineKinds } from '../support/engines';
import { branch, DAY, desk, plan, testEngines } from './engine-desk';

/**
 * Visit caps and double-booking under concurrent plans, on both engines (issue 19): each plan
 * reads its facts, is judged and inserts its visit in one write, and a branch's writes run one
 * at a time (SQLite's one writer, PostgreSQL's branch write lock), so eight desks planning at
 * once cannot all pass the same check. Monday 2 March 2026, 08:00 in Shanghai; the visits are
 * on Tuesday 10 March.
 */

const engineOn = testEngines();

/** The codes of the rules a refused plan broke. */
function refusedCodes(result: PromiseSettledResult<unknown>): string[] {
  if (result.status === 'fulfilled') return [];
  const failure = result.reason as unknown;
  if (!(failure instanceof AppFailure) || failure.code !== 'RULE_VIOLATION') throw failure;
  const details = failure.details as { violations: { code: string }[] };
  return details.violations.map((v) => v.code);
}

describe.each(engineKinds)('concurrent plans on %s', (kind) => {
  it('eight desks booking the same two officers at the same hour: one visit stands', async () => {
    const under = await engineOn(kind);
    const { staffIds, borrowerIds } = await branch(under.engine, 8);
    const desks = borrowerIds.map((_, i) => desk(under.engine, staffIds[i % 2]!, 'officer'));
    const results = await Promise.allSettled(
      borrowerIds.map((borrowerId, i) => plan(desks[i]!, borrowerId, staffIds, '09:00', '10:00')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(refusedCodes(result)).toContain('STAFF_DOUBLE_BOOKED');
    }
    const visits = await under.engine.db
      .selectFrom('visits')
      .select(['id', 'start_time'])
      .where('date', '=', DAY)
      .execute();
    expect(visits).toHaveLength(1);
    const audited = await under.engine.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'visit.plan')
      .execute();
    expect(audited.map((a) => Number(a.entity_id))).toEqual(visits.map((v) => v.id));
    expect((await verifyChain(under.engine.db, kind)).ok).toBe(true);
  });

  it('eight desks planning one borrower at different hours of a day: one visit stands', async () => {
    const under = await engineOn(kind);
    const { staffIds, borrowerIds } = await branch(under.engine, 1);
    const borrowerId = borrowerIds[0]!;
    const hours = ['09', '10', '11', '12', '13', '14', '15', '16'];
    const results = await Promise.allSettled(
      hours.map((hour, i) =>
        plan(
          desk(under.engine, staffIds[i % 2]!, 'officer'),
          borrowerId,
          staffIds,
          `${hour}:00`,
          `${hour}:30`,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(refusedCodes(result)).toContain('TOO_SOON_AFTER_VISIT');
    }
    const visits = await under.engine.db
      .selectFrom('visits')
      .select('id')
      .where('borrower_id', '=', borrowerId)
      .execute();
    expect(visits).toHaveLength(1);
  });
});
