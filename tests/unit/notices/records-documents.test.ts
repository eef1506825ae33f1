import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import { translate } from '../../../electron/shared/messages';
import { amountInCapitals } from '../../../electron/shared/money';
import { renderDocumentTemplate } from '../../../electron/shared/notice-catalogue';
import type { DocumentData, DocumentOf } from '../../../electron/shared/schemas/notices';
import { renderedText } from '../../../electron/shared/templates';
import { readFlag } from '../../../electron/core/db/columns';
import { expectError, expectOk } from '../support/core';
import { addAccountOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from '../records/desk-records';
import { residentId } from '../records/support';

/**
 * Receipts and repayment plan agreements, assembled from what the visit-records channels wrote:
 * a visit recorded with a payment (the receipt comes from its receipt sequence) and a plan
 * proposed on a visit and approved by the manager. On either engine (issue 19): the branch's
 * borrower, loans and visits written through the app's engine (records/desk-records.ts), the
 * print log read back on it.
 */

const receiptRequest = (receiptId: number) => ({
  documents: [{ kind: 'paymentReceipt' as const, receiptId }],
});
const planRequest = (planId: number) => ({
  documents: [{ kind: 'repaymentPlanAgreement' as const, planId }],
});

function asKind<K extends DocumentData['kind']>(doc: DocumentData | undefined, kind: K) {
  if (doc?.kind !== kind) throw new Error(`expected a ${kind}, got ${doc?.kind}`);
  return doc as DocumentOf<K>;
}

/** The officer records a visit where ¥1,005.00 was paid in cash on the first loan. */
async function recordPayment(core: RecordsCoreOn, amountFen = 100_500) {
  const visitId = await core.visit();
  await core.signInAs(core.officer);
  const saved = await recordOn(
    core,
    outcomeOn(core, visitId, {
      outcome: 'partial_payment',
      payment: { amountFen, method: 'cash', loanId: core.loanId },
    }),
  );
  const receipt = saved.effective.receipt;
  if (!receipt) throw new Error('the record issued no receipt');
  return { visitId, receipt };
}

/** The officer proposes a 4-instalment plan for the whole ¥6,400.00 overdue (both loans). */
async function proposePlan(core: RecordsCoreOn) {
  const visitId = await core.visit();
  await core.signInAs(core.officer);
  const saved = await recordOn(
    core,
    outcomeOn(core, visitId, {
      outcome: 'plan_proposed',
      plan: {
        loanId: null,
        mode: 'equal',
        count: 4,
        firstDueOn: '2026-06-20',
        totalFen: 640_000,
        amountsFen: [],
        shortfallReason: '',
      },
    }),
  );
  const plan = saved.effective.plan;
  if (!plan) throw new Error('the record proposed no plan');
  return { visitId, plan };
}

/** The print log as stored, oldest first; is_copy as a boolean on either engine. */
const printLog = async (core: RecordsCoreOn) =>
  (
    await core.app.engine.db
      .selectFrom('print_log')
      .select(['kind', 'subject', 'reference_no', 'is_copy', 'original_id'])
      .orderBy('id')
      .execute()
  ).map((row) => ({ ...row, is_copy: readFlag(row.is_copy) }));

describe.each(engineKinds)('on %s', (kind) => {
  describe('payment receipt', () => {
    it('is assembled from the recorded payment: receipt number, payer, loan, amount, staff', async () => {
      const core = await recordsCoreOn(kind);
      const { visitId, receipt } = await recordPayment(core);
      const { documents } = expectOk(
        await core.invoke('notices:preview', receiptRequest(receipt.id)),
      );
      const doc = asKind(documents[0], 'paymentReceipt');
      expect(receipt.receiptNo).toBe('QS001-SJ-2026-000001');
      expect(doc).toMatchObject({
        receiptNo: 'QS001-SJ-2026-000001',
        referenceNo: '',
        isCopy: false,
        issueDate: '2026-05-20',
        loanNo: 'QS-2025-0001',
        amountFen: 100_500,
        method: 'cash',
        paidAt: '2026-05-20T09:50',
        collectedBy: [
          { name: '李明', staffNo: 'C101' },
          { name: '赵强', staffNo: 'C102' },
        ],
        note: '上门走访现场收取',
      });
      const id = residentId(1);
      expect(doc.borrower).toEqual({
        name: '张秀英',
        maskedId: `${id.slice(0, 6)}********${id.slice(-4)}`,
        address: '石桥镇东村',
      });
      expect(doc.letterhead.name).toBe('青山农商银行石桥支行');
      expect(amountInCapitals(doc.amountFen)).toBe('人民币壹仟零伍元整');
      const text = Object.values(renderDocumentTemplate(doc)).map(renderedText).join('\n');
      expect(text).toContain('今收到张秀英');
      expect(text).toContain('QS-2025-0001');

      // The case page's timeline offers the same receipt for printing.
      const page = expectOk(await core.invoke('cases:get', { borrowerId: core.borrowerId }));
      const paid = page.timeline.find((entry) => entry.type === 'payment');
      expect(paid).toMatchObject({
        receiptNo: receipt.receiptNo,
        receipt: { id: receipt.id, receiptNo: receipt.receiptNo, visitId },
      });

      // Printing numbers it and logs it against the borrower and the visit.
      const printed = expectOk(await core.invoke('notices:print', receiptRequest(receipt.id)));
      const original = asKind(printed.documents[0], 'paymentReceipt');
      expect(original.referenceNo).toMatch(/^QS001-2026-\d{6}$/);
      expect(original.isCopy).toBe(false);
      const [logged] = expectOk(await core.invoke('notices:log', { kind: 'paymentReceipt' }));
      expect(logged).toMatchObject({
        borrowerId: core.borrowerId,
        visitId,
        referenceNo: original.referenceNo,
        isCopy: false,
      });
    });

    it('prints a second time as a copy (副本) with the first number, even after the wording changed', async () => {
      const core = await recordsCoreOn(kind);
      const { receipt } = await recordPayment(core);
      const first = expectOk(await core.invoke('notices:print', receiptRequest(receipt.id)));
      const second = expectOk(await core.invoke('notices:print', receiptRequest(receipt.id)));
      expect(second.documents[0]).toMatchObject({
        isCopy: true,
        referenceNo: first.documents[0]!.referenceNo,
        issueDate: first.documents[0]!.issueDate,
      });

      // A receipt is issued once: new wording does not make it a second original.
      await core.signInAsManager();
      expectOk(
        await core.invoke('notices:saveTemplate', {
          kind: 'paymentReceipt',
          lang: 'zh',
          body: defaultTemplates.paymentReceipt.zh.replace(
            '本收据由付款人保存。',
            '请妥善保存本收据。',
          ),
        }),
      );
      const third = expectOk(await core.invoke('notices:print', receiptRequest(receipt.id)));
      expect(third.documents[0]).toMatchObject({
        isCopy: true,
        referenceNo: first.documents[0]!.referenceNo,
        template: { version: 1 },
      });
      const log = await printLog(core);
      expect(log.map((row) => [row.subject, row.is_copy])).toEqual([
        [`receipt:${receipt.id}`, false],
        [`receipt:${receipt.id}`, true],
        [`receipt:${receipt.id}`, true],
      ]);
      expect(new Set(log.map((row) => row.reference_no)).size).toBe(1);
      expect(log[1]!.original_id).toBe(log[2]!.original_id);
    });

    it('numbers receipts of two payments separately, and refuses one that does not exist', async () => {
      const core = await recordsCoreOn(kind);
      const a = await recordPayment(core, 20_000);
      const b = await recordPayment(core, 30_000);
      const { documents } = expectOk(
        await core.invoke('notices:print', {
          documents: [
            { kind: 'paymentReceipt', receiptId: b.receipt.id },
            { kind: 'paymentReceipt', receiptId: a.receipt.id },
          ],
        }),
      );
      const [first, second] = documents.map((d) => asKind(d, 'paymentReceipt'));
      expect([first!.receiptNo, second!.receiptNo]).toEqual([
        'QS001-SJ-2026-000002',
        'QS001-SJ-2026-000001',
      ]);
      expect([first!.amountFen, second!.amountFen]).toEqual([30_000, 20_000]);
      expect(first!.referenceNo).not.toBe(second!.referenceNo);
      expect(first!.isCopy || second!.isCopy).toBe(false);

      const missing = expectError(
        await core.invoke('notices:print', receiptRequest(999)),
        'NOT_FOUND',
      );
      expect(missing.details).toEqual({ kind: 'paymentReceipt', receiptId: 999 });
    });

    it('is printed by staff with the print permission only', async () => {
      const core = await recordsCoreOn(kind);
      const { receipt } = await recordPayment(core);
      // The officer who took the money prints the receipt.
      expectOk(await core.invoke('notices:print', receiptRequest(receipt.id)));
      // An auditor's account, made by the manager through the dispatcher.
      await core.signInAsManager();
      const auditor = await addAccountOn(core, {
        username: 'shen.jie',
        role: 'auditor',
        name: '沈杰',
        staffNo: 'D301',
      });
      await switchToOn(core, auditor);
      expectError(await core.invoke('notices:print', receiptRequest(receipt.id)), 'FORBIDDEN');
    });
  });

  describe('repayment plan agreement', () => {
    it('is refused while the plan waits for approval, saying why in both languages', async () => {
      const core = await recordsCoreOn(kind);
      const { plan } = await proposePlan(core);
      const error = expectError(
        await core.invoke('notices:preview', planRequest(plan.id)),
        'CONFLICT',
      );
      expect(error.details).toEqual({
        planId: plan.id,
        status: 'proposed',
        reason: 'e.planNotApproved',
      });
      expect(translate('e.planNotApproved', 'zh')).toContain('审批通过后方可打印');
      expect(translate('e.planNotApproved', 'en')).toContain('approval');
      expect(await printLog(core)).toEqual([]);
    });

    it('is refused for a rejected plan', async () => {
      const core = await recordsCoreOn(kind);
      const { plan } = await proposePlan(core);
      await core.signInAsManager();
      expectOk(
        await core.invoke('records:rejectPlan', { id: plan.id, reason: '收入情况需进一步核实' }),
      );
      const error = expectError(
        await core.invoke('notices:print', planRequest(plan.id)),
        'CONFLICT',
      );
      expect(error.details?.reason).toBe('e.planRejected');
    });

    it('is assembled from the approved plan: loans, instalments, staff; a second print is a copy', async () => {
      const core = await recordsCoreOn(kind);
      const { visitId, plan } = await proposePlan(core);
      await core.signInAsManager();
      expectOk(await core.invoke('records:approvePlan', { id: plan.id, reason: '' }));

      const { documents } = expectOk(await core.invoke('notices:preview', planRequest(plan.id)));
      const doc = asKind(documents[0], 'repaymentPlanAgreement');
      expect(doc.borrower.name).toBe('张秀英');
      expect(doc.loans.map((l) => [l.loanNo, l.overdueFen])).toEqual([
        ['QS-2025-0001', 320_000],
        ['QS-2025-0002', 320_000],
      ]);
      expect(doc.instalments).toEqual([
        { seq: 1, dueDate: '2026-06-20', amountFen: 160_000 },
        { seq: 2, dueDate: '2026-07-20', amountFen: 160_000 },
        { seq: 3, dueDate: '2026-08-20', amountFen: 160_000 },
        { seq: 4, dueDate: '2026-09-20', amountFen: 160_000 },
      ]);
      expect(doc.staff).toEqual([
        { name: '李明', staffNo: 'C101' },
        { name: '赵强', staffNo: 'C102' },
      ]);
      // No channels listed in Settings yet: the branch's own counter, never an empty list.
      expect(doc.repaymentChannels).toEqual([
        '青山农商银行石桥支行营业网点柜台（浙江省青山县石桥镇人民路 8 号）',
      ]);
      const text = Object.values(renderDocumentTemplate(doc)).map(renderedText).join('\n');
      expect(text).toContain('分 4 期归还合计¥6,400.00（人民币陆仟肆佰元整）');

      const first = expectOk(await core.invoke('notices:print', planRequest(plan.id)));
      const second = expectOk(await core.invoke('notices:print', planRequest(plan.id)));
      expect(first.documents[0]!.isCopy).toBe(false);
      expect(second.documents[0]).toMatchObject({
        isCopy: true,
        referenceNo: first.documents[0]!.referenceNo,
      });
      const log = expectOk(await core.invoke('notices:log', { visitId }));
      expect(log.map((row) => [row.kind, row.isCopy])).toEqual([
        ['repaymentPlanAgreement', true],
        ['repaymentPlanAgreement', false],
      ]);
    });
  });
});
