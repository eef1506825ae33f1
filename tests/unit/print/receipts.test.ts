import { describe, expect, it } from 'vitest';
import { allocateReference, branchWallClock } from '../../../electron/core/notices/print';
import { formatReceiptNo } from '../../../electron/core/records/receipts';
import type { DocumentData, DocumentOf } from '../../../electron/shared/schemas/notices';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from '../records/desk-records';

/**
 * Receipts have their own series (QS001-SJ-2026-000001), apart from the document references
 * of the print log (QS001-2026-000001); a printed receipt carries both and is dated when the
 * money was taken, whenever it is printed. On both engines (issue 19): desk-records.ts's desk,
 * visits and the old-style receipt written and the print log read through the app's engine.
 */

function asReceipt(doc: DocumentData | undefined): DocumentOf<'paymentReceipt'> {
  if (doc?.kind !== 'paymentReceipt') throw new Error(`expected a receipt, got ${doc?.kind}`);
  return doc;
}

/** The officers' visit of 20 May 2026 (09:05–09:50 branch time) where ¥1,005.00 was paid. */
async function recordPayment(core: RecordsCoreOn) {
  const visitId = await core.visit();
  await core.signInAs(core.officer);
  const saved = await recordOn(
    core,
    outcomeOn(core, visitId, {
      outcome: 'partial_payment',
      payment: { amountFen: 100_500, method: 'cash', loanId: core.loanId },
    }),
  );
  if (!saved.effective.receipt) throw new Error('no receipt');
  return { visitId, recordId: saved.effective.id, receipt: saved.effective.receipt };
}

const setClock = (core: RecordsCoreOn, iso: string) => {
  core.clock.now = new Date(iso);
  core.app.touch();
};

describe.each(engineKinds)('two visibly different series, on %s', (kind) => {
  it('formats receipt numbers with SJ and document references without', async () => {
    expect(formatReceiptNo('QS001', 2026, 1)).toBe('QS001-SJ-2026-000001');
    expect(formatReceiptNo('QS001', 2026, 123_456)).toBe('QS001-SJ-2026-123456');
    const core = await recordsCoreOn(kind);
    const refs = await core.app.write(async (tx) => [
      await allocateReference(tx, 'QS001', '2026-05-20'),
      await allocateReference(tx, 'QS001', '2026-12-31'),
    ]);
    expect(refs).toEqual(['QS001-2026-000001', 'QS001-2026-000002']);
    const receiptNo = /^[A-Z0-9]+-SJ-\d{4}-\d{6}$/;
    const reference = /^[A-Z0-9]+-\d{4}-\d{6}$/;
    expect(formatReceiptNo('QS001', 2026, 1)).toMatch(receiptNo);
    expect(formatReceiptNo('QS001', 2026, 1)).not.toMatch(reference);
    for (const ref of refs) {
      expect(ref).toMatch(reference);
      expect(ref).not.toMatch(receiptNo);
    }
  });

  it('a receipt issued before the SJ series keeps its number; the next one continues the sequence', async () => {
    const core = await recordsCoreOn(kind);
    const { recordId } = await recordPayment(core);
    const db = core.app.engine.db;
    // A receipt numbered the old way (as an existing database holds them), seq 2 of 2026.
    const payment = await db
      .insertInto('payments')
      .values({
        loan_id: core.loanId,
        borrower_id: core.borrowerId,
        paid_on: '2026-05-20',
        amount_fen: 5000,
        source: 'visit',
        method: 'cash',
        receipt_no: 'QS001-2026-000002',
        reference: `visit-record:${recordId}`,
        recorded_by: core.officer.staffId,
        created_at: '2026-05-20T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const old = await db
      .insertInto('receipts')
      .values({
        receipt_no: 'QS001-2026-000002',
        branch_code: 'QS001',
        year: 2026,
        seq: 2,
        payment_id: payment.id,
        visit_record_id: recordId,
        paid_at: '2026-05-20T09:50',
        issued_by: core.officer.staffId,
        issued_at: '2026-05-20T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const oldId = old.id;
    // Its year's sequence row counts it, as migration 020 left it in such a database.
    await db
      .updateTable('receipt_sequences')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('branch_code', '=', 'QS001')
      .where('year', '=', 2026)
      .execute();
    const { receipt } = await recordPayment(core);
    expect(receipt.receiptNo).toBe('QS001-SJ-2026-000003');
    const { documents } = expectOk(
      await core.invoke('notices:preview', {
        documents: [{ kind: 'paymentReceipt', receiptId: oldId }],
      }),
    );
    expect(asReceipt(documents[0]).receiptNo).toBe('QS001-2026-000002');
  });
});

describe.each(engineKinds)('a receipt is dated when the money was taken, on %s', (kind) => {
  it('printed two days later, just before midnight UTC, it still reads 20 May', async () => {
    const core = await recordsCoreOn(kind);
    const { receipt } = await recordPayment(core);
    // 23:50 UTC on 21 May is 07:50 on 22 May in the branch: neither date is the payment's.
    setClock(core, '2026-05-21T23:50:00.000Z');
    const printed = expectOk(
      await core.invoke('notices:print', {
        documents: [
          { kind: 'paymentReceipt', receiptId: receipt.id },
          { kind: 'dayNotices', date: '2026-05-22' },
        ],
      }),
    );
    const doc = asReceipt(printed.documents[0]);
    expect(doc.issueDate).toBe('2026-05-20');
    expect(doc.paidAt).toBe('2026-05-20T09:50');
    expect(doc.receiptNo).toBe('QS001-SJ-2026-000001');
    expect(doc.referenceNo).toBe('QS001-2026-000001');
    const logged = await core.app.engine.db
      .selectFrom('print_log')
      .select(['issue_date', 'reference_no'])
      .where('kind', '=', 'paymentReceipt')
      .executeTakeFirst();
    expect(logged).toEqual({ issue_date: '2026-05-20', reference_no: 'QS001-2026-000001' });
    // Any other document printed at that moment is dated today in the branch.
    const preview = expectOk(
      await core.invoke('notices:preview', {
        documents: [{ kind: 'reminderLetter', borrowerId: core.borrowerId }],
      }),
    );
    expect(preview.documents[0]!.issueDate).toBe('2026-05-22');
  });

  it('paid late in the branch day (after 16:00 UTC) it is dated the branch day, not the UTC one', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    // 19:10–19:50 on 20 May in Shanghai is 11:10–11:50 UTC; the clock stands at 00:10 on
    // 21 May in the branch (16:10 UTC on 20 May) when it is recorded and printed.
    setClock(core, '2026-05-20T16:10:00.000Z');
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, {
        start: '19:10',
        end: '19:50',
        outcome: 'partial_payment',
        payment: { amountFen: 100_500, method: 'cash', loanId: core.loanId },
      }),
    );
    const receiptId = saved.effective.receipt!.id;
    const printed = expectOk(
      await core.invoke('notices:print', {
        documents: [{ kind: 'paymentReceipt', receiptId }],
      }),
    );
    const doc = asReceipt(printed.documents[0]);
    expect(doc.issueDate).toBe('2026-05-20');
    expect(doc.paidAt).toBe('2026-05-20T19:50');
  });
});

describe('the print log reads in branch time, by borrower name', () => {
  it('converts UTC instants to the branch’s wall clock', () => {
    expect(branchWallClock('Asia/Shanghai', '2026-05-19T23:30:05.000Z')).toBe(
      '2026-05-20 07:30:05',
    );
    expect(branchWallClock('Asia/Shanghai', '2026-12-31T16:00:00.000Z')).toBe(
      '2027-01-01 00:00:00',
    );
    expect(branchWallClock('Asia/Urumqi', '2026-05-19T23:30:05.000Z')).toBe('2026-05-20 05:30:05');
  });

  describe.each(engineKinds)('on %s', (kind) => {
    it('lists a receipt printed at 23:30 UTC under the next branch day, with the payer’s name', async () => {
      const core = await recordsCoreOn(kind);
      const { receipt } = await recordPayment(core);
      setClock(core, '2026-05-20T23:30:05.000Z');
      expectOk(
        await core.invoke('notices:print', {
          documents: [{ kind: 'paymentReceipt', receiptId: receipt.id }],
        }),
      );
      const [row] = expectOk(await core.invoke('notices:log', { kind: 'paymentReceipt' }));
      expect(row).toMatchObject({
        printedAt: '2026-05-20T23:30:05.000Z',
        printedAtLocal: '2026-05-21 07:30:05',
        borrowerName: '张秀英',
        referenceNo: 'QS001-2026-000001',
      });
    });
  });
});
