import { describe, expect, it } from 'vitest';
import { allocateReference, branchWallClock } from '../../../electron/core/notices/print';
import { formatReceiptNo } from '../../../electron/core/records/receipts';
import type { DocumentData, DocumentOf } from '../../../electron/shared/schemas/notices';
import { expectOk } from '../support/core';
import { outcome, record, recordsCore, type RecordsCore } from '../records/support';

/**
 * Receipts have their own series (QS001-SJ-2026-000001), apart from the document references
 * of the print log (QS001-2026-000001); a printed receipt carries both and is dated when the
 * money was taken, whenever it is printed.
 */

function asReceipt(doc: DocumentData | undefined): DocumentOf<'paymentReceipt'> {
  if (doc?.kind !== 'paymentReceipt') throw new Error(`expected a receipt, got ${doc?.kind}`);
  return doc;
}

/** The officers' visit of 20 May 2026 (09:05–09:50 branch time) where ¥1,005.00 was paid. */
async function recordPayment(core: RecordsCore) {
  const visitId = core.visit();
  await core.signInAs(core.officer);
  const saved = await record(
    core,
    outcome(core, visitId, {
      outcome: 'partial_payment',
      payment: { amountFen: 100_500, method: 'cash', loanId: core.loanId },
    }),
  );
  if (!saved.effective.receipt) throw new Error('no receipt');
  return { visitId, recordId: saved.effective.id, receipt: saved.effective.receipt };
}

const setClock = (core: RecordsCore, iso: string) => {
  core.clock.now = new Date(iso);
  core.app.touch();
};

describe('two visibly different series', () => {
  it('formats receipt numbers with SJ and document references without', async () => {
    expect(formatReceiptNo('QS001', 2026, 1)).toBe('QS001-SJ-2026-000001');
    expect(formatReceiptNo('QS001', 2026, 123_456)).toBe('QS001-SJ-2026-123456');
    const core = await recordsCore();
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
    const core = await recordsCore();
    const { recordId } = await recordPayment(core);
    const db = core.app.db;
    // A receipt numbered the old way (as an existing database holds them), seq 2 of 2026.
    const paymentId = Number(
      db
        .prepare(
          `INSERT INTO payments (loan_id, borrower_id, paid_on, amount_fen, source, method,
             receipt_no, reference, recorded_by, created_at)
           VALUES (?, ?, '2026-05-20', 5000, 'visit', 'cash', 'QS001-2026-000002', ?, ?, ?)`,
        )
        .run(
          core.loanId,
          core.borrowerId,
          `visit-record:${recordId}`,
          core.officer.staffId,
          '2026-05-20T02:00:00.000Z',
        ).lastInsertRowid,
    );
    const oldId = Number(
      db
        .prepare(
          `INSERT INTO receipts (receipt_no, branch_code, year, seq, payment_id, visit_record_id,
             paid_at, issued_by, issued_at)
           VALUES ('QS001-2026-000002', 'QS001', 2026, 2, ?, ?, '2026-05-20T09:50', ?, ?)`,
        )
        .run(paymentId, recordId, core.officer.staffId, '2026-05-20T02:00:00.000Z').lastInsertRowid,
    );
    // Its year's sequence row counts it, as migration 020 left it in such a database.
    db.prepare(
      "UPDATE receipt_sequences SET last_seq = last_seq + 1 WHERE branch_code = 'QS001' AND year = 2026",
    ).run();
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

describe('a receipt is dated when the money was taken', () => {
  it('printed two days later, just before midnight UTC, it still reads 20 May', async () => {
    const core = await recordsCore();
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
    const logged = core.app.db
      .prepare("SELECT issue_date, reference_no FROM print_log WHERE kind = 'paymentReceipt'")
      .get() as { issue_date: string; reference_no: string };
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
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    // 19:10–19:50 on 20 May in Shanghai is 11:10–11:50 UTC; the clock stands at 00:10 on
    // 21 May in the branch (16:10 UTC on 20 May) when it is recorded and printed.
    setClock(core, '2026-05-20T16:10:00.000Z');
    const saved = await record(
      core,
      outcome(core, visitId, {
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

  it('lists a receipt printed at 23:30 UTC under the next branch day, with the payer’s name', async () => {
    const core = await recordsCore();
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
