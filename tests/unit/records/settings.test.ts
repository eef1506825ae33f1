import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import {
  insertImportedPaymentOn,
  outcomeOn,
  recordOn,
  recordsCoreOn,
  type RecordsCoreOn,
} from './desk-records';

/** The settings' audit rows, oldest first, read on the app's engine. */
const auditRows = (core: RecordsCoreOn) =>
  core.app.engine.db
    .selectFrom('audit_log')
    .select(['staff_id', 'before', 'after'])
    .where('action', '=', 'records.settings.update')
    .orderBy('id')
    .execute();

/** The channels on both engines (issue 19): the settings' audit rows read on the app's engine. */
describe.each(engineKinds)('records settings channels on %s', (kind) => {
  it('everyone reads the grace days (3 by default); only the manager changes them', async () => {
    const core = await recordsCoreOn(kind);
    await core.signInAs(core.officer);
    expect(expectOk(await core.invoke('records:settings', {}))).toEqual({ promiseGraceDays: 3 });
    const refused = await core.invoke('records:saveSettings', { promiseGraceDays: 5 });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    await core.signInAs(core.clerk);
    const clerk = await core.invoke('records:saveSettings', { promiseGraceDays: 5 });
    expect(clerk.ok || clerk.error.code).toBe('FORBIDDEN');
    expect(await auditRows(core)).toHaveLength(0);

    await core.signInAsManager();
    expect(expectOk(await core.invoke('records:saveSettings', { promiseGraceDays: 5 }))).toEqual({
      promiseGraceDays: 5,
    });
    expect(expectOk(await core.invoke('records:settings', {}))).toEqual({ promiseGraceDays: 5 });
    const [row] = await auditRows(core);
    expect(row!.staff_id).toBe(core.managerId);
    expect(JSON.parse(row!.before!)).toEqual({ promiseGraceDays: 3 });
    expect(JSON.parse(row!.after!)).toEqual({ promiseGraceDays: 5 });
  });

  it('refuses days outside 0–31 or not whole, with the field’s message key, and writes nothing', async () => {
    const core = await recordsCoreOn(kind);
    for (const promiseGraceDays of [-1, 32, 2.5, '3', null]) {
      const result = await core.invoke('records:saveSettings', { promiseGraceDays });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION');
        expect(result.error.fields).toEqual({ promiseGraceDays: 'v.graceDays' });
      }
    }
    expect(expectOk(await core.invoke('records:saveSettings', { promiseGraceDays: 0 }))).toEqual({
      promiseGraceDays: 0,
    });
    expect(expectOk(await core.invoke('records:saveSettings', { promiseGraceDays: 31 }))).toEqual({
      promiseGraceDays: 31,
    });
    expect(await auditRows(core)).toHaveLength(2);
  });
});

/**
 * The saved grace judged by the next evaluation, on both engines (issue 19): the setting is
 * JSON text on SQLite and jsonb on PostgreSQL. desk-records.ts's desk; reads-engines.test.ts
 * saves and reads the settings on both.
 */
describe.each(engineKinds)('the grace days on %s', (kind) => {
  it('the saved grace decides the next evaluation: a payment 4 days late keeps the promise with 5 days', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, {
        outcome: 'promise_to_pay',
        promise: { amountFen: 50000, dueOn: '2026-05-31', loanId: null },
      }),
    );
    const promiseId = saved.effective.promise!.id;
    await insertImportedPaymentOn(core.app.engine, {
      borrowerId: core.borrowerId,
      loanId: core.loanId,
      paidOn: '2026-06-04',
      amountFen: 50000,
      at: core.clock.now,
    });
    await core.signInAsManager();
    expectOk(await core.invoke('records:saveSettings', { promiseGraceDays: 5 }));
    core.setToday('2026-06-10');
    const evaluation = expectOk(await core.invoke('records:evaluatePromises', {}));
    expect(evaluation.brokenNow).toEqual([]);
    expect(
      await core.app.engine.db
        .selectFrom('promises')
        .select(['status', 'paid_fen'])
        .where('id', '=', promiseId)
        .executeTakeFirst(),
    ).toEqual({ status: 'kept', paid_fen: 50000 });
    const judged = await core.app.engine.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'promises.evaluate')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(judged.after!)).toMatchObject({ graceDays: 5 });
  });
});
