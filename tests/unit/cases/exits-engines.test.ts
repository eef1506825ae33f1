import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../electron/shared/result';
import { caseExitInput } from '../../../electron/shared/schemas/case-exits';
import { recordVisitInput } from '../../../electron/shared/schemas/records';
import { verifyChain } from '../../../electron/core/audit/chain';
import { detailsOpener } from '../../../electron/core/audit/seal';
import { exitCase, loadExitInForce, reopenCase } from '../../../electron/core/cases/exits';
import { recordVisitOutcome } from '../../../electron/core/records/record';
import { engineKinds } from '../support/engines';
import { NOW, testEngines } from '../planning/engine-desk';
import { EVENING, eveningDesk, outcomeOf, visitedBranch } from '../records/engine-records';

/**
 * Cases leaving doorstep collection on both engines (issue 19): what was still running on the
 * doorstep closes with the exit (a pending promise, a proposed plan, open follow-ups, visits
 * not yet made from today on), what happened stays, and reopening brings back the case's
 * status, not what was closed; alike on SQLite and PostgreSQL. Two borrowers were visited on
 * Tuesday 10 March 2026 (records/engine-records.ts); it is 20:00 that evening in Shanghai.
 */

const engineOn = testEngines();
const EXITED_AT = EVENING.toISOString();

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return `${error.code} ${Object.values(error.fields ?? {})}`;
    throw error;
  }
  return 'accepted';
}

describe.each(engineKinds)('case exits on %s', (kind) => {
  it('close the promise, the plan, the follow-ups and the visits to come, and reopen the case', async () => {
    const { under, staffIds, borrowerIds, loanIds, visitIds } = await visitedBranch(
      engineOn,
      kind,
      2,
    );
    const db = under.engine.db;
    const [promising, planning] = borrowerIds as [number, number];
    const officer = eveningDesk(under.engine, staffIds[0]!, 'officer');
    const manager = eveningDesk(under.engine, staffIds[1]!, 'manager');
    await recordVisitOutcome(
      officer,
      recordVisitInput.parse(
        outcomeOf(visitIds[0]!, '08', staffIds, {
          outcome: 'promise_to_pay',
          promise: { loanId: loanIds[0]!, amountFen: 100_000, dueOn: '2026-03-20' },
        }),
      ),
    );
    await recordVisitOutcome(
      officer,
      recordVisitInput.parse(
        outcomeOf(visitIds[1]!, '09', staffIds, {
          outcome: 'plan_proposed',
          plan: {
            loanId: loanIds[1]!,
            mode: 'equal',
            count: 4,
            firstDueOn: '2026-04-10',
            totalFen: 320_000,
            amountsFen: [],
            shortfallReason: '',
          },
        }),
      ),
    );
    // Yesterday's visit never made, one later today and one on Thursday, for the first borrower.
    const more = await db
      .insertInto('visits')
      .values(
        [
          ['2026-03-09', '14:00'],
          ['2026-03-10', '21:00'],
          ['2026-03-12', '09:00'],
        ].map(([date, start]) => ({
          borrower_id: promising,
          date: date!,
          start_time: start!,
          end_time: start!.replace(/:00$/, ':45'),
          purpose: 'reminder' as const,
          planned_by: staffIds[0]!,
          planned_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
        })),
      )
      .returning('id')
      .execute();

    const exit = (borrowerId: number, exitKind: string) =>
      exitCase(
        manager,
        caseExitInput.parse({
          borrowerId,
          kind: exitKind,
          exitOn: '2026-03-10',
          reference: `HX-${borrowerId}`,
          note: '总行批复',
        }),
      );
    expect(await exit(promising, 'written_off')).toEqual({
      promisesClosed: 1,
      plansClosed: 0,
      waiversClosed: 0,
      followUpsClosed: 1,
      visitsCancelled: 2,
    });
    expect(await exit(planning, 'agency')).toEqual({
      promisesClosed: 0,
      plansClosed: 1,
      waiversClosed: 0,
      followUpsClosed: 1,
      visitsCancelled: 0,
    });
    expect(await failure(exit(planning, 'agency'))).toBe('CONFLICT v.case.alreadyClosed');
    expect(await failure(exit(9999, 'agency'))).toBe('NOT_FOUND e.NOT_FOUND');

    expect(await db.selectFrom('promises').select(['borrower_id', 'status']).execute()).toEqual([
      { borrower_id: promising, status: 'superseded' },
    ]);
    expect(
      await db.selectFrom('repayment_plans').select(['borrower_id', 'status']).execute(),
    ).toEqual([{ borrower_id: planning, status: 'superseded' }]);
    expect(
      await db
        .selectFrom('follow_ups')
        .select(['borrower_id', 'status', 'closed_at'])
        .orderBy('id')
        .execute(),
    ).toEqual([
      { borrower_id: promising, status: 'replaced', closed_at: EXITED_AT },
      { borrower_id: planning, status: 'replaced', closed_at: EXITED_AT },
    ]);
    expect(
      await db.selectFrom('visits').select(['id', 'status', 'status_note']).orderBy('id').execute(),
    ).toEqual([
      // Made and recorded, and yesterday's not made: the past stays as it was.
      { id: visitIds[0], status: 'done', status_note: '' },
      { id: visitIds[1], status: 'done', status_note: '' },
      { id: more[0]!.id, status: 'planned', status_note: '' },
      { id: more[1]!.id, status: 'cancelled', status_note: 'case_exit:written_off' },
      { id: more[2]!.id, status: 'cancelled', status_note: 'case_exit:written_off' },
    ]);
    expect(await loadExitInForce(db, planning)).toEqual({
      kind: 'agency',
      exitOn: '2026-03-10',
      reference: `HX-${planning}`,
      note: '总行批复',
      setByName: '员工O002',
      setAt: EXITED_AT,
    });

    expect(await reopenCase(manager, { borrowerId: promising, reason: '核销批复撤回' })).toEqual({
      id: promising,
    });
    expect(await failure(reopenCase(manager, { borrowerId: promising, reason: '再次撤销' }))).toBe(
      'CONFLICT v.case.noExit',
    );
    expect(await loadExitInForce(db, promising)).toBeNull();
    expect(
      await db
        .selectFrom('borrowers')
        .select(['id', 'status', 'closed_at'])
        .orderBy('id')
        .execute(),
    ).toEqual([
      { id: promising, status: 'active', closed_at: null },
      { id: planning, status: 'closed', closed_at: EXITED_AT },
    ]);
    // Reopening revives nothing the exit closed.
    expect(await db.selectFrom('promises').select('status').execute()).toEqual([
      { status: 'superseded' },
    ]);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'staff_id', 'before', 'after'])
      .where('action', 'in', ['case.exit', 'case.reopen'])
      .orderBy('id')
      .execute();
    const open = await detailsOpener(
      db,
      audit.flatMap((a) => [a.before, a.after]),
    );
    const details = (text: string | null) => {
      const opened = text === null ? null : open(text);
      return opened && opened.state !== 'anonymised' ? (JSON.parse(opened.text) as unknown) : null;
    };
    expect(
      audit.map((a) => [a.action, a.entity_id, a.staff_id, details(a.before), details(a.after)]),
    ).toEqual([
      [
        'case.exit',
        String(promising),
        staffIds[1],
        { status: 'active' },
        {
          status: 'closed',
          kind: 'written_off',
          exitOn: '2026-03-10',
          reference: `HX-${promising}`,
          note: '总行批复',
          promisesClosed: 1,
          plansClosed: 0,
          waiversClosed: 0,
          followUpsClosed: 1,
          visitsCancelled: 2,
        },
      ],
      [
        'case.exit',
        String(planning),
        staffIds[1],
        { status: 'active' },
        {
          status: 'closed',
          kind: 'agency',
          exitOn: '2026-03-10',
          reference: `HX-${planning}`,
          note: '总行批复',
          promisesClosed: 0,
          plansClosed: 1,
          waiversClosed: 0,
          followUpsClosed: 1,
          visitsCancelled: 0,
        },
      ],
      [
        'case.reopen',
        String(promising),
        staffIds[1],
        { status: 'closed', kind: 'written_off' },
        { status: 'active', reason: '核销批复撤回' },
      ],
    ]);
    expect((await verifyChain(db, kind)).ok).toBe(true);
  });
});
