import { afterEach } from 'vitest';
import type { z } from 'zod';
import { AppFailure } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import { planVisitInput } from '../../../electron/shared/schemas/planning';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { appendAuditRow } from '../../../electron/core/audit/chain';
import type { Engine } from '../../../electron/core/db/engine';
import { planVisit } from '../../../electron/core/planning/visits';
import { openTestEngine, type EngineKind, type EngineUnderTest } from '../support/engines';

/**
 * Planning on an engine without the app around it (tests/unit/support/engines.ts), for suites
 * run on both: desks signed in on one engine, a small branch, a plan. Monday 2 March 2026,
 * 08:00 in Shanghai.
 */

export const NOW = new Date('2026-03-02T00:00:00Z');
export const DAY = '2026-03-10';
const AT = NOW.toISOString();

/** Opens a migrated database on either engine for the suite's tests, closed after each. */
export function testEngines(): (kind: EngineKind) => Promise<EngineUnderTest> {
  let open: EngineUnderTest[] = [];
  afterEach(async () => {
    await Promise.all(open.map((e) => e.close()));
    open = [];
  });
  return async (kind) => {
    const under = await openTestEngine(kind);
    open.push(under);
    return under;
  };
}

/** What planVisit needs of the app, on `engine`: one desk signed in as `staffId`. */
export function desk(engine: Engine, staffId: number, role: Role): Visitdesk {
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
export async function branch(engine: Engine, borrowers: number) {
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

export function plan(
  app: Visitdesk,
  borrowerId: number,
  staffIds: number[],
  start: string,
  end: string,
  more: Partial<z.input<typeof planVisitInput>> = {},
) {
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
      ...more,
    }),
  );
}

/** The code a refused action failed with, or 'accepted'. */
export async function failureCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return error.code;
    throw error;
  }
  return 'accepted';
}
