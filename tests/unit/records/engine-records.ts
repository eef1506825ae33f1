import type { Role } from '../../../electron/shared/roles';
import type { RecordVisitInput } from '../../../electron/shared/schemas/records';
import type { Engine } from '../../../electron/core/db/engine';
import type { EngineKind, EngineUnderTest } from '../support/engines';
import { branch, DAY, desk, NOW, plan } from '../planning/engine-desk';

/**
 * Visit records on an engine without the app around it, for suites run on both: the branch
 * row, two officers, a loan and a visit per borrower (planning/engine-desk.ts), desks signed in
 * that evening, an outcome to record. The visits are planned on Monday 2 March 2026 for Tuesday
 * 10 March, an hour apart from 08:00.
 */

const AT = NOW.toISOString();
/** 20:00 in Shanghai on the visits' day. */
export const EVENING = new Date('2026-03-10T12:00:00Z');

/** A desk signed in on `engine` in the evening of the visits' day. */
export function eveningDesk(engine: Engine, staffId: number, role: Role) {
  return { ...desk(engine, staffId, role), now: () => new Date(EVENING.getTime()) } as ReturnType<
    typeof desk
  >;
}

/** The branch row, a loan per borrower (¥3,200 overdue) and a visit per borrower, an hour each. */
export async function visitedBranch(
  engineOn: (kind: EngineKind) => Promise<EngineUnderTest>,
  kind: EngineKind,
  borrowers: number,
) {
  const under = await engineOn(kind);
  const db = under.engine.db;
  await db
    .insertInto('branch')
    .values({
      id: 1,
      name: '青山支行',
      code: 'QS001',
      address: '青山镇人民路1号',
      phone: '0571-12345678',
      complaint_hotline: '0571-12345679',
      time_zone: 'Asia/Shanghai',
      updated_at: AT,
    })
    .execute();
  const { staffIds, borrowerIds } = await branch(under.engine, borrowers);
  const loanIds: number[] = [];
  for (const [i, borrowerId] of borrowerIds.entries()) {
    const { id } = await db
      .insertInto('loans')
      .values({
        loan_no: `L-${i + 1}`,
        borrower_id: borrowerId,
        principal_fen: 5_000_000,
        disbursed_on: '2025-01-01',
        outstanding_principal_fen: 3_000_000,
        overdue_principal_fen: 300_000,
        overdue_interest_fen: 20_000,
        overdue_since: '2026-02-01',
        as_of: '2026-03-01',
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    loanIds.push(id);
  }
  const planner = desk(under.engine, staffIds[0]!, 'officer');
  const visitIds: number[] = [];
  for (const [i, borrowerId] of borrowerIds.entries()) {
    const hour = String(8 + i).padStart(2, '0');
    const visit = await plan(planner, borrowerId, staffIds, `${hour}:00`, `${hour}:45`);
    visitIds.push(visit.id);
  }
  return { under, staffIds, borrowerIds, loanIds, visitIds };
}

/** A valid outcome of the visit planned at `hour`, by the two officers. */
export function outcomeOf(
  visitId: number,
  hour: string,
  staffIds: number[],
  more: Partial<RecordVisitInput>,
): RecordVisitInput {
  return {
    visitId,
    date: DAY,
    start: `${hour}:05`,
    end: `${hour}:40`,
    staffIds,
    met: 'borrower',
    outcome: 'refused',
    borrowerWords: '今年收成不好，等卖了茶叶再说。',
    situation: { livelihood: '家中种茶，丈夫外出打工', householdSize: 4 },
    checklist: {
      staffCardsShown: true,
      rightsExplained: true,
      noThirdPartyDisclosure: true,
      recorded: true,
      recordingRef: `REC-${visitId}`,
    },
    nextAction: '两周后电话回访',
    followUpOn: '2026-03-24',
    ...more,
  };
}
