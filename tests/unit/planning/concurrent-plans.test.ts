import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import { planVisitInput } from '../../../electron/shared/schemas/planning';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import type { Engine } from '../../../electron/core/db/engine';
import { planVisit } from '../../../electron/core/planning/visits';
import { engineKinds, openTestEngine, type EngineUnderTest } from '../support/engines';

/**
 * Visit caps and double-booking under concurrent plans, on both engines (issue 19): each plan
 * reads its facts, is judged and inserts its visit in one write, and a branch's writes run one
 * at a time (SQLite's one writer, PostgreSQL's branch write lock), so eight desks planning at
 * once cannot all pass the same check. Monday 2 March 2026, 08:00 in Shanghai; the visits are
 * on Tuesday 10 March.
 */

const NOW = new Date('2026-03-02T00:00:00Z');
const DAY = '2026-03-10';
const AT = NOW.toISOString();

let open: EngineUnderTest[] = [];
afterEach(async () => {
  await Promise.all(open.map((e) => e.close()));
  open = [];
});

/** What planVisit needs of the app, on `engine`: one desk signed in as `staffId`. */
function desk(engine: Engine, staffId: number, role: Role): Visitdesk {
  const session = { staffId, role, username: `u${staffId}`, name: `员工${staffId}`, staffNo: '' };
  return {
    engine,
    session,
    now: () => new Date(NOW.getTime()),
    write: <T>(work: Parameters<Engine['transaction']>[0]) =>
      engine.transaction(work) as Promise<T>,
    record: (tx: Parameters<typeof appendAuditRow>[1], entry: object) =>
      appendAuditRow(engine, tx, { staffId, ...entry } as Parameters<typeof appendAuditRow>[2]),
  } as unknown as Visitdesk;
}

/** Two certified officers and `borrowers` borrowers, none elderly, none overdue. */
async function branch(engine: Engine, borrowers: number) {
  const db = engine.db;
  const staff = await db
    .insertInto('staff')
    .values(
      ['O001', 'O002'].map((staffNo) => ({
        staff_no: staffNo,
        name: `员工${staffNo}`,
        role: 'officer' as const,
        created_at: AT,
        updated_at: AT,
      })),
    )
    .returning('id')
    .execute();
  const staffIds = staff.map((s) => s.id);
  await db
    .insertInto('staff_certificates')
    .values(
      staffIds.map((staffId) => ({
        staff_id: staffId,
        kind: 'training' as const,
        number: `PX-${staffId}`,
        issued_on: '2025-01-01',
        expires_on: '2027-12-31',
        created_at: AT,
      })),
    )
    .execute();
  const rows = await db
    .insertInto('borrowers')
    .values(
      Array.from({ length: borrowers }, (_, i) => ({
        name: `借款人${i}`,
        id_number: `33010219800101${String(i).padStart(4, '0')}`,
        birth_date: '1980-01-01',
        sex: 'M' as const,
        mobile: `1380000${String(i).padStart(4, '0')}`,
        township: '城关镇',
        village: '东村',
        created_at: AT,
        updated_at: AT,
      })),
    )
    .returning('id')
    .execute();
  return { staffIds, borrowerIds: rows.map((r) => r.id) };
}

function plan(app: Visitdesk, borrowerId: number, staffIds: number[], start: string, end: string) {
  return planVisit(
    app,
    planVisitInput.parse({
      borrowerId,
      loanIds: [],
      staffIds,
      date: DAY,
      start,
      end,
      purpose: 'negotiation',
    }),
  );
}

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
    const under = await openTestEngine(kind);
    open.push(under);
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
    const under = await openTestEngine(kind);
    open.push(under);
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
