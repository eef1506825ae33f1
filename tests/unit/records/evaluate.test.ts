import { describe, expect, it } from 'vitest';
import { allocate, planStatusFrom } from '../../../electron/core/records/evaluate';
import { importFields } from '../../../electron/shared/schemas/imports';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import {
  insertImportedPaymentOn,
  outcomeOn,
  recordOn,
  recordsCoreOn,
  type RecordsCoreOn,
} from './desk-records';
import { residentId } from './support';

const pay = (id: number, paidOn: string, amountFen: number, loanId = 1) => ({
  id,
  loanId,
  paidOn,
  amountFen,
});

describe('allocating payments to obligations (pure)', () => {
  const promise = { loanId: null, from: '2026-05-20', dueOn: '2026-05-31', amountFen: 1000 };

  it('kept by partial payments that add up, the last one late but within the grace days', () => {
    const verdicts = allocate(
      [promise],
      [pay(1, '2026-05-25', 400), pay(2, '2026-06-03', 600)],
      '2026-06-10',
      3,
    );
    expect(verdicts).toEqual([{ paidFen: 1000, status: 'kept' }]);
  });

  it('a payment after the grace days, or before the promise, does not count', () => {
    expect(
      allocate(
        [promise],
        [pay(1, '2026-05-19', 1000), pay(2, '2026-06-04', 1000)],
        '2026-06-10',
        3,
      ),
    ).toEqual([{ paidFen: 0, status: 'broken' }]);
    expect(allocate([promise], [pay(1, '2026-06-04', 1000)], '2026-06-10', 5)).toEqual([
      { paidFen: 1000, status: 'kept' },
    ]);
  });

  it('partly kept when some was paid, pending until the window closes', () => {
    const payments = [pay(1, '2026-05-25', 400)];
    expect(allocate([promise], payments, '2026-06-03', 3)).toEqual([
      { paidFen: 400, status: 'pending' },
    ]);
    expect(allocate([promise], payments, '2026-06-04', 3)).toEqual([
      { paidFen: 400, status: 'partly_kept' },
    ]);
  });

  it('a payment counts once: two promises do not both claim it', () => {
    const second = { ...promise, dueOn: '2026-06-10' };
    expect(allocate([promise, second], [pay(1, '2026-05-28', 1500)], '2026-06-20', 3)).toEqual([
      { paidFen: 1000, status: 'kept' },
      { paidFen: 500, status: 'partly_kept' },
    ]);
  });

  it('a promise on one loan ignores payments on another, and payments dated after the as-of date', () => {
    const onLoan = { ...promise, loanId: 2 };
    expect(
      allocate(
        [onLoan],
        [pay(1, '2026-05-25', 1000, 1), pay(2, '2026-05-26', 300, 2)],
        '2026-06-20',
        3,
      ),
    ).toEqual([{ paidFen: 300, status: 'partly_kept' }]);
    expect(allocate([promise], [pay(1, '2026-05-28', 1000)], '2026-05-27', 3)).toEqual([
      { paidFen: 0, status: 'pending' },
    ]);
  });

  it('a plan is completed when every instalment is kept and broken when one is broken', () => {
    expect(planStatusFrom(['kept', 'kept'])).toBe('completed');
    expect(planStatusFrom(['kept', 'pending'])).toBe('approved');
    expect(planStatusFrom(['partly_kept', 'pending'])).toBe('approved');
    expect(planStatusFrom(['kept', 'broken', 'pending'])).toBe('broken');
    expect(planStatusFrom(['kept', 'partly_kept'])).toBe('broken');
  });
});

async function promiseOf(core: RecordsCoreOn, amountFen: number, dueOn: string) {
  const visitId = await core.visit();
  await core.signInAs(core.officer);
  const saved = await recordOn(
    core,
    outcomeOn(core, visitId, {
      outcome: 'promise_to_pay',
      promise: { amountFen, dueOn, loanId: null },
    }),
  );
  return saved.effective.promise!.id;
}

const promiseStatus = (core: RecordsCoreOn, id: number) =>
  core.app.engine.db
    .selectFrom('promises')
    .select(['status', 'paid_fen'])
    .where('id', '=', id)
    .executeTakeFirst();
const brokenMarker = async (core: RecordsCoreOn) =>
  (
    await core.app.engine.db
      .selectFrom('borrowers')
      .select('broken_promises')
      .where('id', '=', core.borrowerId)
      .executeTakeFirstOrThrow()
  ).broken_promises;

/**
 * On both engines (issue 19): desk-records.ts's branch, the payments written through the app's
 * engine, the file of 30 May imported through imports:run as the manager imports it.
 */
describe.each(engineKinds)('evaluating promises against payments on file on %s', (kind) => {
  it('partial and late payments: pending, then partly kept, then kept when a late payment is imported', async () => {
    const core = await recordsCoreOn(kind);
    const id = await promiseOf(core, 100000, '2026-05-31');
    await insertImportedPaymentOn(core.app.engine, {
      borrowerId: core.borrowerId,
      loanId: core.loanId,
      paidOn: '2026-05-25',
      amountFen: 40000,
      at: core.clock.now,
    });
    expectOk(await core.invoke('records:evaluatePromises', { asOf: '2026-05-26' }));
    expect(await promiseStatus(core, id)).toEqual({ status: 'pending', paid_fen: 40000 });

    core.setToday('2026-06-04');
    const judged = expectOk(await core.invoke('records:evaluatePromises', {}));
    expect(judged).toMatchObject({ asOf: '2026-06-04', promisesChanged: 1, brokenNow: [] });
    expect(await promiseStatus(core, id)).toEqual({ status: 'partly_kept', paid_fen: 40000 });

    // A bank transfer dated 2 June arrives in an import a week later.
    core.setToday('2026-06-11');
    await insertImportedPaymentOn(core.app.engine, {
      borrowerId: core.borrowerId,
      loanId: core.secondLoanId,
      paidOn: '2026-06-02',
      amountFen: 60000,
      at: core.clock.now,
    });
    expectOk(await core.invoke('records:evaluatePromises', {}));
    expect(await promiseStatus(core, id)).toEqual({ status: 'kept', paid_fen: 100000 });
  });

  it('a broken promise raises the borrower’s marker, is audited, and a payment imported later mends both', async () => {
    const core = await recordsCoreOn(kind);
    const id = await promiseOf(core, 100000, '2026-05-31');
    core.setToday('2026-06-04');
    const judged = expectOk(await core.invoke('records:evaluatePromises', {}));
    expect(judged.brokenNow).toEqual([id]);
    expect(await promiseStatus(core, id)).toEqual({ status: 'broken', paid_fen: 0 });
    expect(await brokenMarker(core)).toBe(1);
    const audit = await core.app.engine.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'promises.evaluate')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!).changes).toEqual([
      { kind: 'promise', id: String(id), from: 'pending', to: 'broken', paidFen: 0 },
    ]);
    // Evaluating again changes nothing and writes no audit row.
    expect(expectOk(await core.invoke('records:evaluatePromises', {})).promisesChanged).toBe(0);

    // The import of 10 June brings the file of 30 May: principal fell by ¥1,000 that day.
    core.setToday('2026-06-10');
    const file = importCsv([
      {
        name: '张秀英',
        id_number: residentId(1),
        loan_no: 'QS-2025-0001',
        principal: '50000',
        disbursed_on: '2025-01-01',
        outstanding_principal: '29000',
        overdue_principal: '2000',
        overdue_interest: '200',
        overdue_since: '2026-02-01',
      },
    ]);
    await core.signInAsManager();
    const imported = expectOk(
      await core.invoke('imports:run', {
        fileName: 'loans-0530.csv',
        contentBase64: Buffer.from(file, 'utf8').toString('base64'),
        mode: 'all-or-nothing',
        asOf: '2026-05-30',
      }),
    );
    expect(imported.written).toBe(true);
    await core.signInAs(core.officer);
    // What sign-in (or the importer) runs: everything that can have changed.
    expectOk(await core.invoke('records:evaluatePromises', {}));
    expect(await promiseStatus(core, id)).toEqual({ status: 'kept', paid_fen: 100000 });
    expect(await brokenMarker(core)).toBe(0);
  });

  it('money taken on a later visit keeps an earlier promise at once', async () => {
    const core = await recordsCoreOn(kind);
    const id = await promiseOf(core, 50000, '2026-05-31');
    core.setToday('2026-05-27');
    const visitId = await core.visit('2026-05-27');
    await recordOn(
      core,
      outcomeOn(core, visitId, {
        date: '2026-05-27',
        outcome: 'partial_payment',
        payment: { amountFen: 50000, method: 'cash', loanId: core.loanId },
        followUpOn: null,
      }),
    );
    expect(await promiseStatus(core, id)).toEqual({ status: 'kept', paid_fen: 50000 });
  });

  it('promises falling due appear in the officer’s tasks until they are judged', async () => {
    const core = await recordsCoreOn(kind);
    const id = await promiseOf(core, 100000, '2026-05-24');
    const tasks = expectOk(await core.invoke('records:tasks', { daysAhead: 14 }));
    expect(tasks.promisesDue.map((p) => p.id)).toEqual([id]);
    expect(tasks.followUps).toHaveLength(1);
    core.setToday('2026-05-28');
    const later = expectOk(await core.invoke('records:tasks', {}));
    // Past the grace days: judged broken by the evaluation that runs before the list.
    expect(later.promisesDue).toEqual([]);
    expect(await promiseStatus(core, id)).toEqual({ status: 'broken', paid_fen: 0 });
  });
});

function importCsv(
  rows: Partial<Record<(typeof importFields)[number]['field'], string>>[],
): string {
  const lines = [importFields.map((f) => f.zh).join(',')];
  for (const row of rows) lines.push(importFields.map((f) => row[f.field] ?? '').join(','));
  return `${lines.join('\r\n')}\r\n`;
}
