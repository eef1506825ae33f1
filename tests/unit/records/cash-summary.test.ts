import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from './desk-records';

/**
 * The monthly summary's visit-money figures (definitions.ts: cashCollectedFen, cashHandedInLate,
 * cashOpenDifferences), checked against values worked out by hand. 李明 (C101) and 赵强 (C102)
 * go on every visit together:
 *   Wed 20 May  ¥1,234.56 cash + ¥800.00 transfer; handed in by 李明 on Thu 21 May (in time),
 *               ¥100.00 short; the manager signs the difference off on Tue 2 June.
 *   Thu 28 May  ¥300.00 cash; due by Fri 29 May; never handed in: late within May.
 *   Fri 29 May  ¥500.00 cash; due by Mon 1 June; handed in on Tue 2 June: late.
 * May: taken 123,456 + 80,000 + 30,000 + 50,000 = 283,456 fen; late 2 (28 and 29 May's);
 * open differences 1 (20 May's, signed off only in June). June: nothing taken, nothing open.
 * On both engines (issue 19): the visits are written through the app's engine, the rest goes
 * through the dispatcher.
 */

async function take(
  core: RecordsCoreOn,
  date: string,
  amountFen: number,
  method: 'cash' | 'transfer' = 'cash',
) {
  core.setToday(date);
  await core.signInAs(core.officer);
  return recordOn(
    core,
    outcomeOn(core, await core.visit(date), {
      date,
      outcome: 'partial_payment',
      payment: { amountFen, method, loanId: core.loanId },
      followUpOn: null,
    }),
  ).then((saved) => saved.effective.receipt!);
}

async function handIn(core: RecordsCoreOn, today: string, day: string, countedFen: number) {
  core.setToday(today);
  await core.signInAs(core.clerk);
  const due = expectOk(
    await core.invoke('records:cashDue', { officerId: core.officer.staffId, day }),
  );
  return expectOk(
    await core.invoke('records:handIn', {
      officerId: core.officer.staffId,
      day,
      receiptIds: due.receipts.map((r) => r.receiptId),
      countedFen,
      explanation: countedFen === due.expectedFen ? '' : '少缴 100 元，待查',
    }),
  );
}

async function cashFigures(core: RecordsCoreOn, month: string) {
  const { figures } = expectOk(await core.invoke('reports:summary', { month }));
  const pick = (f: typeof figures.branch) => [
    f.cashCollectedFen,
    f.cashHandedInLate,
    f.cashOpenDifferences,
  ];
  return {
    branch: pick(figures.branch),
    officers: Object.fromEntries(figures.officers.map((o) => [o.staffNo, pick(o.figures)])),
  };
}

describe.each(engineKinds)('visit money in the monthly summary on %s', (kind) => {
  it('counts money taken, receipts handed in late and open differences, per officer', async () => {
    const core = await recordsCoreOn(kind);
    await take(core, '2026-05-20', 123_456);
    await take(core, '2026-05-20', 80_000, 'transfer');
    const short = await handIn(core, '2026-05-21', '2026-05-20', 193_456);
    expect(short.differenceFen).toBe(-10_000);
    await take(core, '2026-05-28', 30_000);
    await take(core, '2026-05-29', 50_000);
    await handIn(core, '2026-06-02', '2026-05-29', 50_000);
    await core.signInAsManager();
    expectOk(await core.invoke('records:signOffHandIn', { handInId: short.id, note: '已核实' }));

    expect(await cashFigures(core, '2026-05')).toEqual({
      branch: [283_456, 2, 1],
      officers: { C101: [283_456, 2, 1], C102: [283_456, 2, 0] },
    });
    // The sign-off on 2 June closes the difference for June; June took no money.
    const june = await cashFigures(core, '2026-06');
    expect(june.branch).toEqual([0, 0, 0]);
  });

  it('a difference still open at the month end counts in the months after it too', async () => {
    const core = await recordsCoreOn(kind);
    await take(core, '2026-05-20', 123_456);
    await handIn(core, '2026-05-20', '2026-05-20', 113_456);
    await core.signInAsManager();
    expect((await cashFigures(core, '2026-05')).branch).toEqual([123_456, 0, 1]);
    expect((await cashFigures(core, '2026-06')).branch).toEqual([0, 0, 1]);
  });
});
