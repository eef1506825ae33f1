import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/core/audit/chain';
import { expectError, expectOk } from '../support/core';
import { auditRowsOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from './desk-records';

/** The rows of `table` on the app's engine, for a count. */
async function rowsIn(core: RecordsCoreOn, table: 'payments' | 'receipts'): Promise<number> {
  const { n } = await core.app.engine.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * On both engines (issue 19), on desk-records.ts's desk with the rows read on the app's engine:
 * a correction next to the untouched original, a correction of a correction, a payment whose
 * receipt was issued, a changed promise superseding the old one, and a reason wanted.
 */
describe.each(engineKinds)('amending a visit record on %s', (kind) => {
  it('adds a correction that becomes effective while the original stays exactly as saved', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(core, outcomeOn(core, visitId));
    const db = core.app.engine.db;
    const recordRow = (id: number) =>
      db.selectFrom('visit_records').selectAll().where('id', '=', id).executeTakeFirst();
    const originalRow = await recordRow(saved.effective.id);

    const amended = expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId),
        recordId: saved.effective.id,
        reason: '录入时写错了借款人的原话',
        borrowerWords: '下个月发工资后先还一千。',
      }),
    );
    expect(amended.history.map((r) => r.id)).toEqual([saved.effective.id, amended.effective.id]);
    expect(amended.effective).toMatchObject({
      amends: saved.effective.id,
      amendReason: '录入时写错了借款人的原话',
      borrowerWords: '下个月发工资后先还一千。',
    });
    expect(amended.history[0]!.borrowerWords).toBe('今年收成不好，等卖了茶叶再说。');
    expect(await recordRow(saved.effective.id)).toEqual(originalRow);
    // The situation did not change, so no second assessment was written.
    expect(amended.effective.assessmentId).toBe(saved.effective.assessmentId);

    // Both the record and the correction are audited, and the chain holds.
    const actions = (
      await db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', 'in', ['visit.record', 'visit.amend'])
        .orderBy('id')
        .execute()
    ).map((a) => `${a.action}:${a.entity_id}`);
    expect(actions).toEqual([
      `visit.record:${saved.effective.id}`,
      `visit.amend:${amended.effective.id}`,
    ]);
    const [amendAudit] = await auditRowsOn(core.app.engine, 'visit.amend', amended.effective.id);
    const recordIn = (details: Record<string, unknown> | null | undefined) =>
      details?.record as { borrowerWords: string };
    expect(recordIn(amendAudit?.before).borrowerWords).toBe('今年收成不好，等卖了茶叶再说。');
    expect(recordIn(amendAudit?.after).borrowerWords).toBe('下个月发工资后先还一千。');
    expect((await verifyChain(db, core.app.engine.kind)).ok).toBe(true);

    // Reading by visit or by either id gives the same history; the newest is effective.
    const byVisit = expectOk(await core.invoke('records:get', { visitId }));
    const byOriginal = expectOk(await core.invoke('records:get', { id: saved.effective.id }));
    expect(byVisit).toEqual(amended);
    expect(byOriginal).toEqual(amended);
  });

  it('amending an amendment still points at the original, and the latest one wins', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(core, outcomeOn(core, visitId));
    const first = expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId, { nextAction: '第一次更正' }),
        recordId: saved.effective.id,
        reason: '补充下一步安排',
      }),
    );
    const second = expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId, { nextAction: '第二次更正' }),
        recordId: first.effective.id,
        reason: '再次修改下一步安排',
      }),
    );
    expect(second.history.map((r) => r.amends)).toEqual([
      null,
      saved.effective.id,
      saved.effective.id,
    ]);
    expect(second.effective.nextAction).toBe('第二次更正');
    // One open follow-up: the effective one.
    const open = await core.app.engine.db
      .selectFrom('follow_ups')
      .select('visit_record_id')
      .where('status', '=', 'open')
      .execute();
    expect(open).toEqual([{ visit_record_id: second.effective.id }]);
  });

  it('cannot take back a payment whose receipt was issued', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const payment = { amountFen: 50000, method: 'cash' as const, loanId: core.loanId };
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, { outcome: 'partial_payment', payment }),
    );
    const error = expectError(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId, { outcome: 'refused' }),
        recordId: saved.effective.id,
        reason: '其实没有收到钱',
      }),
      'CONFLICT',
    );
    expect(error.fields).toEqual({ 'payment.amountFen': 'v.receiptIssued' });
    // Correcting other facts keeps the payment and its receipt.
    const kept = expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId, {
          outcome: 'partial_payment',
          payment,
          borrowerWords: '先还五百',
        }),
        recordId: saved.effective.id,
        reason: '补记借款人原话',
      }),
    );
    expect(kept.effective.receipt?.receiptNo).toBe(saved.effective.receipt?.receiptNo);
    expect(await rowsIn(core, 'payments')).toBe(1);
    expect(await rowsIn(core, 'receipts')).toBe(1);
  });

  it('a changed promise supersedes the old one; an unchanged one is kept as it is', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const promise = { amountFen: 100000, dueOn: '2026-05-30', loanId: null };
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, { outcome: 'promise_to_pay', promise }),
    );
    const oldId = saved.effective.promise!.id;

    const same = expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId, { outcome: 'promise_to_pay', promise, nextAction: '上门取款' }),
        recordId: saved.effective.id,
        reason: '补充下一步安排',
      }),
    );
    expect(same.effective.promise?.id).toBe(oldId);

    const changed = expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId, {
          outcome: 'promise_to_pay',
          promise: { ...promise, amountFen: 80000 },
        }),
        recordId: saved.effective.id,
        reason: '承诺金额记错了',
      }),
    );
    expect(changed.effective.promise).toMatchObject({ amountFen: 80000, status: 'pending' });
    expect(changed.history[0]!.promise).toMatchObject({ id: oldId, status: 'superseded' });
    const current = await core.app.engine.db
      .selectFrom('promises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '<>', 'superseded')
      .executeTakeFirstOrThrow();
    expect(Number(current.n)).toBe(1);
  });

  it('needs a reason', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(core, outcomeOn(core, visitId));
    const error = expectError(
      await core.invoke('records:amend', {
        ...outcomeOn(core, visitId),
        recordId: saved.effective.id,
        reason: '改',
      }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ reason: 'v.amendReason' });
  });
});

/**
 * On SQLite only: the refusal is the SQLite triggers' own, tried with SQL on the connection;
 * postgres-schema.test.ts checks PostgreSQL's.
 */
describe('amending a visit record on sqlite', () => {
  it('the database itself refuses to change or delete a saved record', async () => {
    const core = await recordsCoreOn('sqlite');
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(core, outcomeOn(core, visitId));
    const db = core.app.db;
    expect(() =>
      db
        .prepare("UPDATE visit_records SET borrower_words = 'x' WHERE id = ?")
        .run(saved.effective.id),
    ).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM visit_records').run()).toThrow(/never deleted/);
  });
});
