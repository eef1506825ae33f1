import { describe, expect, it } from 'vitest';
import { planPreviewInput, recordVisitInput } from '../../../electron/shared/schemas/records';
import { awaitingResults } from '../../../electron/core/records/awaiting';
import { recordDraft } from '../../../electron/core/records/queries';
import { borrowerRecordViolations } from '../../../electron/core/records/recheck';
import { recordVisitOutcome } from '../../../electron/core/records/record';
import { previewPlan } from '../../../electron/core/records/schedule';
import { loadRecordsSettings, saveRecordsSettings } from '../../../electron/core/records/settings';
import { officerTasks } from '../../../electron/core/records/tasks';
import type { EngineKind } from '../support/engines';
import { DAY, testEngines } from '../planning/engine-desk';
import { eveningDesk, outcomeOf, visitedBranch } from './engine-records';

/**
 * What the records' pages read, on both engines (issue 19): a payment and a promise recorded on
 * Tuesday 10 March, the third visit left waiting for its outcome; ten days on, the officer's
 * tasks (the promise judged broken first), the visits awaiting results, the outcome form's
 * draft with each loan's overdue amount less the cash taken, a plan's preview, the record's
 * violations and the records settings saved and read back, alike on SQLite and PostgreSQL.
 */

const engineOn = testEngines();

async function readsStory(kind: EngineKind) {
  const { under, staffIds, borrowerIds, loanIds, visitIds } = await visitedBranch(
    engineOn,
    kind,
    3,
  );
  const db = under.engine.db;
  const officer = eveningDesk(under.engine, staffIds[0]!, 'officer');
  const manager = eveningDesk(under.engine, staffIds[1]!, 'manager');
  await recordVisitOutcome(
    officer,
    recordVisitInput.parse(
      outcomeOf(visitIds[0]!, '08', staffIds, {
        outcome: 'partial_payment',
        payment: { loanId: loanIds[0]!, amountFen: 50_000, method: 'transfer' },
      }),
    ),
  );
  await recordVisitOutcome(
    officer,
    recordVisitInput.parse(
      outcomeOf(visitIds[1]!, '09', staffIds, {
        outcome: 'promise_to_pay',
        promise: { loanId: loanIds[1]!, amountFen: 100_000, dueOn: '2026-03-12' },
      }),
    ),
  );
  const later = new Date('2026-03-20T02:00:00Z');
  const officerLater = { ...officer, now: () => later } as typeof officer;
  const managerLater = { ...manager, now: () => later } as typeof manager;
  const settingsBefore = await loadRecordsSettings(db);
  const saved = await saveRecordsSettings(manager, { promiseGraceDays: 5 });
  return {
    tasks: await officerTasks(officerLater, { daysAhead: 7 }),
    awaiting: await awaitingResults(managerLater, { limit: 10 }),
    draft: await recordDraft(db, visitIds[0]!),
    preview: await previewPlan(
      db,
      borrowerIds[0]!,
      planPreviewInput.parse({
        borrowerId: borrowerIds[0]!,
        loanId: loanIds[0]!,
        mode: 'equal',
        count: 3,
        firstDueOn: '2026-04-10',
        totalFen: 270_000,
        amountsFen: [],
        shortfallReason: '',
      }),
    ),
    violations: await borrowerRecordViolations(db, borrowerIds[0]!),
    settings: { before: settingsBefore, saved, after: await loadRecordsSettings(db) },
    promises: await db.selectFrom('promises').select(['status', 'paid_fen']).execute(),
  };
}

describe('records reads on both engines', () => {
  it('tasks, awaiting visits, the draft, a preview and the settings read alike', async () => {
    const sqlite = await readsStory('sqlite');
    const postgres = await readsStory('postgres');

    expect(sqlite.promises).toEqual([{ status: 'broken', paid_fen: 0 }]);
    expect(sqlite.tasks.asOf).toBe('2026-03-20');
    expect(sqlite.tasks.followUps.map((f) => f.dueOn)).toEqual(['2026-03-24', '2026-03-24']);
    expect(sqlite.tasks.promisesDue).toEqual([]);
    expect(sqlite.tasks.visitsToRecord.map((v) => v.start)).toEqual(['10:00']);
    expect(sqlite.awaiting).toMatchObject({ asOf: '2026-03-20', total: 1, villages: ['东村'] });
    // ¥3,200 overdue on the loan less the ¥500 taken on the visit.
    expect(sqlite.draft.loans).toEqual([expect.objectContaining({ overdueFen: 270_000 })]);
    expect(sqlite.draft).toMatchObject({ overdueFen: 270_000, date: DAY, recordId: 1 });
    expect(sqlite.preview).toMatchObject({ overdueFen: 270_000, problems: {} });
    expect(sqlite.preview.instalments.map((i) => i.amountFen)).toEqual([90_000, 90_000, 90_000]);
    expect(sqlite.violations[0]!.violations.map((v) => v.code)).toContain('NO_NOTICE');
    expect(sqlite.settings).toEqual({
      before: { promiseGraceDays: 3 },
      saved: { promiseGraceDays: 5 },
      after: { promiseGraceDays: 5 },
    });

    expect(postgres).toEqual(sqlite);
  });
});
