import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { openAuditText } from '../support/audit';
import { expectError, expectOk } from '../support/core';
import { count, outcome, record, recordsCore } from './support';

describe('amending a visit record', () => {
  it('adds a correction that becomes effective while the original stays exactly as saved', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const saved = await record(core, outcome(core, visitId));
    const db = core.app.db;
    const originalRow = db
      .prepare('SELECT * FROM visit_records WHERE id = ?')
      .get(saved.effective.id);

    const amended = expectOk(
      await core.invoke('records:amend', {
        ...outcome(core, visitId),
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
    expect(db.prepare('SELECT * FROM visit_records WHERE id = ?').get(saved.effective.id)).toEqual(
      originalRow,
    );
    // The situation did not change, so no second assessment was written.
    expect(amended.effective.assessmentId).toBe(saved.effective.assessmentId);

    // Both the record and the correction are audited, and the chain holds.
    const actions = (
      db
        .prepare(
          "SELECT action, entity_id FROM audit_log WHERE action IN ('visit.record', 'visit.amend') ORDER BY id",
        )
        .all() as { action: string; entity_id: string }[]
    ).map((a) => `${a.action}:${a.entity_id}`);
    expect(actions).toEqual([
      `visit.record:${saved.effective.id}`,
      `visit.amend:${amended.effective.id}`,
    ]);
    const amendAudit = db
      .prepare("SELECT before, after FROM audit_log WHERE action = 'visit.amend'")
      .get() as { before: string; after: string };
    expect(JSON.parse(openAuditText(db, amendAudit.before)!).record.borrowerWords).toBe(
      '今年收成不好，等卖了茶叶再说。',
    );
    expect(JSON.parse(openAuditText(db, amendAudit.after)!).record.borrowerWords).toBe(
      '下个月发工资后先还一千。',
    );
    expect(verifyAuditChain(db).ok).toBe(true);

    // Reading by visit or by either id gives the same history; the newest is effective.
    const byVisit = expectOk(await core.invoke('records:get', { visitId }));
    const byOriginal = expectOk(await core.invoke('records:get', { id: saved.effective.id }));
    expect(byVisit).toEqual(amended);
    expect(byOriginal).toEqual(amended);
  });

  it('amending an amendment still points at the original, and the latest one wins', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const saved = await record(core, outcome(core, visitId));
    const first = expectOk(
      await core.invoke('records:amend', {
        ...outcome(core, visitId, { nextAction: '第一次更正' }),
        recordId: saved.effective.id,
        reason: '补充下一步安排',
      }),
    );
    const second = expectOk(
      await core.invoke('records:amend', {
        ...outcome(core, visitId, { nextAction: '第二次更正' }),
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
    const open = core.app.db
      .prepare("SELECT visit_record_id FROM follow_ups WHERE status = 'open'")
      .all();
    expect(open).toEqual([{ visit_record_id: second.effective.id }]);
  });

  it('the database itself refuses to change or delete a saved record', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const saved = await record(core, outcome(core, visitId));
    const db = core.app.db;
    expect(() =>
      db
        .prepare("UPDATE visit_records SET borrower_words = 'x' WHERE id = ?")
        .run(saved.effective.id),
    ).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM visit_records').run()).toThrow(/never deleted/);
  });

  it('a changed promise supersedes the old one; an unchanged one is kept as it is', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const promise = { amountFen: 100000, dueOn: '2026-05-30', loanId: null };
    const saved = await record(
      core,
      outcome(core, visitId, { outcome: 'promise_to_pay', promise }),
    );
    const oldId = saved.effective.promise!.id;

    const same = expectOk(
      await core.invoke('records:amend', {
        ...outcome(core, visitId, { outcome: 'promise_to_pay', promise, nextAction: '上门取款' }),
        recordId: saved.effective.id,
        reason: '补充下一步安排',
      }),
    );
    expect(same.effective.promise?.id).toBe(oldId);

    const changed = expectOk(
      await core.invoke('records:amend', {
        ...outcome(core, visitId, {
          outcome: 'promise_to_pay',
          promise: { ...promise, amountFen: 80000 },
        }),
        recordId: saved.effective.id,
        reason: '承诺金额记错了',
      }),
    );
    expect(changed.effective.promise).toMatchObject({ amountFen: 80000, status: 'pending' });
    expect(changed.history[0]!.promise).toMatchObject({ id: oldId, status: 'superseded' });
    expect(
      count(core.app.db, "SELECT count(*) AS n FROM promises WHERE status <> 'superseded'"),
    ).toBe(1);
  });

  it('cannot take back a payment whose receipt was issued', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const payment = { amountFen: 50000, method: 'cash' as const, loanId: core.loanId };
    const saved = await record(
      core,
      outcome(core, visitId, { outcome: 'partial_payment', payment }),
    );
    const error = expectError(
      await core.invoke('records:amend', {
        ...outcome(core, visitId, { outcome: 'refused' }),
        recordId: saved.effective.id,
        reason: '其实没有收到钱',
      }),
      'CONFLICT',
    );
    expect(error.fields).toEqual({ 'payment.amountFen': 'v.receiptIssued' });
    // Correcting other facts keeps the payment and its receipt.
    const kept = expectOk(
      await core.invoke('records:amend', {
        ...outcome(core, visitId, {
          outcome: 'partial_payment',
          payment,
          borrowerWords: '先还五百',
        }),
        recordId: saved.effective.id,
        reason: '补记借款人原话',
      }),
    );
    expect(kept.effective.receipt?.receiptNo).toBe(saved.effective.receipt?.receiptNo);
    expect(count(core.app.db, 'SELECT count(*) AS n FROM payments')).toBe(1);
    expect(count(core.app.db, 'SELECT count(*) AS n FROM receipts')).toBe(1);
  });

  it('needs a reason', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const saved = await record(core, outcome(core, visitId));
    const error = expectError(
      await core.invoke('records:amend', {
        ...outcome(core, visitId),
        recordId: saved.effective.id,
        reason: '改',
      }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ reason: 'v.amendReason' });
  });
});
