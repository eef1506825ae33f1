import { describe, expect, it } from 'vitest';
import { fieldForHeader } from '../../../electron/core/imports/headers';
import { importFields } from '../../../electron/shared/schemas/imports';
import { auditRowsOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { moneyCoreOn } from './money-support';

/**
 * Cash taken on a visit and the fall in principal that head office's next file shows are the
 * same money. Every figure below is worked out by hand: loan QS-2025-0001 (loan 1) and
 * QS-2025-0002 (loan 2) stand at ¥30,000.00 outstanding in the file of 1 May. Every case with a
 * database runs on both engines (issue 19): the files imported on the app's engine, the visits
 * written through it, what is on file read on it.
 */

describe.each(engineKinds)('a file that shows the visit cash, on %s', (kind) => {
  it('exactly: no new payment, the cash is confirmed by the file and collected once', async () => {
    const m = await moneyCoreOn(kind);
    const receipt = await m.cash('2026-05-20', 100_000);
    const result = await m.file('2026-05-31', { first: { outstanding: '29000' } });
    expect(result.warnings).toEqual([]);
    expect(await m.payments()).toEqual([
      {
        source: 'visit',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-20',
        paid_from: null,
        amount_fen: 100_000,
      },
    ]);
    expect(await m.fileRepayments()).toEqual([
      {
        loan: 'QS-2025-0001',
        as_of: '2026-05-31',
        previous_as_of: '2026-05-01',
        reduction_fen: 100_000,
        paid_on: null,
        new_fen: null,
      },
    ]);
    await m.expectFilesAddUp();

    const entries = await m.paymentEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      source: 'visit',
      amountFen: 100_000,
      receiptNo: receipt.receiptNo,
      trail: {
        confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 100_000 }],
        unconfirmedFen: 0,
        latestFileAsOf: '2026-05-31',
        stillExpected: false,
      },
    });
    // The visit (both officers went, about loan 1): ¥1,000.00, not ¥2,000.00.
    expect(await m.collected('2026-05')).toEqual({
      branch: 100_000,
      officers: { C101: 100_000, C102: 100_000 },
    });
  });

  it('more than the cash: only the difference is new money, known between the two files', async () => {
    const m = await moneyCoreOn(kind);
    const receipt = await m.cash('2026-05-20', 100_000);
    await m.file('2026-05-31', { first: { outstanding: '28500' } });
    expect(await m.payments()).toEqual([
      {
        source: 'visit',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-20',
        paid_from: null,
        amount_fen: 100_000,
      },
      {
        source: 'import',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-31',
        paid_from: '2026-05-02',
        amount_fen: 50_000,
      },
    ]);
    await m.expectFilesAddUp();
    const entries = await m.paymentEntries();
    expect(entries.map((e) => [e.source, e.amountFen])).toEqual([
      ['import', 50_000],
      ['visit', 100_000],
    ]);
    expect(entries[0]!.trail.file).toEqual({
      asOf: '2026-05-31',
      previousAsOf: '2026-05-01',
      reductionFen: 150_000,
      dateFromFile: false,
      visitCash: [{ receiptNo: receipt.receiptNo, amountFen: 100_000 }],
    });
    expect(entries[1]!.trail.confirmedBy).toEqual([{ fileAsOf: '2026-05-31', amountFen: 100_000 }]);
    expect((await m.collected('2026-05')).branch).toBe(150_000);
  });

  it('less than the cash: nothing new, the shortfall shows, and the next file may still show the rest', async () => {
    const m = await moneyCoreOn(kind);
    await m.cash('2026-05-20', 100_000);
    await m.file('2026-05-31', { first: { outstanding: '29400' } });
    expect(await m.payments()).toHaveLength(1);
    let [entry] = await m.paymentEntries();
    expect(entry!.trail).toMatchObject({
      confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 60_000 }],
      unconfirmedFen: 40_000,
      latestFileAsOf: '2026-05-31',
      // One file since the cash: the next may still show the rest, so it is not flagged.
      stillExpected: true,
    });
    // Handed in late: the file of 7 June (the second since the cash) shows the other ¥400.
    await m.file('2026-06-07', { first: { outstanding: '29000' } });
    expect(await m.payments()).toHaveLength(1);
    [entry] = await m.paymentEntries();
    expect(entry!.trail).toMatchObject({
      confirmedBy: [
        { fileAsOf: '2026-05-31', amountFen: 60_000 },
        { fileAsOf: '2026-06-07', amountFen: 40_000 },
      ],
      unconfirmedFen: 0,
      latestFileAsOf: '2026-06-07',
    });
    // All the cash is accounted for: a later fall is new money.
    await m.file('2026-06-14', { first: { outstanding: '28600' } });
    expect(await m.payments()).toEqual([
      {
        source: 'visit',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-20',
        paid_from: null,
        amount_fen: 100_000,
      },
      {
        source: 'import',
        loan: 'QS-2025-0001',
        paid_on: '2026-06-14',
        paid_from: '2026-06-08',
        amount_fen: 40_000,
      },
    ]);
    await m.expectFilesAddUp();
  });

  it('cash taken on the day of the latest file is awaited, not flagged, until the files pass it by', async () => {
    const m = await moneyCoreOn(kind);
    await m.file('2026-05-31', { first: { outstanding: '30000' } });
    await m.cash('2026-05-31', 30_000);
    const trail = async () => (await m.paymentEntries()).find((e) => e.source === 'visit')!.trail;
    // The file of its own day did not show it (posted with the usual lag): one file since.
    expect(await trail()).toMatchObject({
      unconfirmedFen: 30_000,
      latestFileAsOf: '2026-05-31',
      stillExpected: true,
    });
    // A daily file the next day without it: two files since, but within the 7-day lag of 1 June.
    await m.file('2026-06-01', { first: { outstanding: '30000' } });
    expect(await trail()).toMatchObject({ latestFileAsOf: '2026-06-01', stillExpected: true });
    // 8 June: three files since, and 31 May is not after 8 June - 7 days = 1 June: a shortfall.
    await m.file('2026-06-08', { first: { outstanding: '30000' } });
    expect(await trail()).toMatchObject({
      unconfirmedFen: 30_000,
      latestFileAsOf: '2026-06-08',
      stillExpected: false,
    });
  });

  it('the third file since the cash, more than 7 days after it, no longer takes it as the cash', async () => {
    const m = await moneyCoreOn(kind);
    await m.cash('2026-05-20', 100_000);
    await m.file('2026-05-31', { first: { outstanding: '29400' } });
    await m.file('2026-06-07', { first: { outstanding: '29400' } });
    await m.file('2026-06-14', { first: { outstanding: '29000' } });
    expect(await m.payments()).toEqual([
      {
        source: 'visit',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-20',
        paid_from: null,
        amount_fen: 100_000,
      },
      {
        source: 'import',
        loan: 'QS-2025-0001',
        paid_on: '2026-06-14',
        paid_from: '2026-06-08',
        amount_fen: 40_000,
      },
    ]);
    const visit = (await m.paymentEntries()).find((e) => e.source === 'visit')!;
    // Three files since the cash, the latest 25 days after it: no file can show it any more.
    expect(visit.trail).toMatchObject({
      unconfirmedFen: 40_000,
      latestFileAsOf: '2026-06-14',
      stillExpected: false,
    });
  });

  it('two visits’ cash before one file: matched oldest first', async () => {
    const m = await moneyCoreOn(kind);
    const first = await m.cash('2026-05-20', 30_000);
    const second = await m.cash('2026-05-27', 50_000);
    await m.file('2026-05-31', { first: { outstanding: '29300' } });
    expect(await m.payments()).toHaveLength(2);
    const byReceipt = new Map(
      (await m.paymentEntries()).map((e) => [e.receiptNo, e.trail] as const),
    );
    expect(byReceipt.get(first.receiptNo)).toMatchObject({
      confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 30_000 }],
      unconfirmedFen: 0,
    });
    expect(byReceipt.get(second.receiptNo)).toMatchObject({
      confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 40_000 }],
      unconfirmedFen: 10_000,
    });
    await m.expectFilesAddUp();
    expect((await m.collected('2026-05')).branch).toBe(80_000);
  });

  it('cash on one loan is not matched with a fall on another loan of the same borrower', async () => {
    const m = await moneyCoreOn(kind);
    await m.cash('2026-05-20', 100_000);
    await m.file('2026-05-31', { second: { outstanding: '29000' } });
    expect(await m.payments()).toEqual([
      {
        source: 'visit',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-20',
        paid_from: null,
        amount_fen: 100_000,
      },
      {
        source: 'import',
        loan: 'QS-2025-0002',
        paid_on: '2026-05-31',
        paid_from: '2026-05-02',
        amount_fen: 100_000,
      },
    ]);
    const visit = (await m.paymentEntries()).find((e) => e.source === 'visit')!;
    expect(visit.trail).toMatchObject({
      confirmedBy: [],
      unconfirmedFen: 100_000,
      latestFileAsOf: '2026-05-31',
      stillExpected: true,
    });
    // The visit was about loan 1 only: loan 2's payment is not its collection.
    expect((await m.collected('2026-05')).branch).toBe(100_000);
  });

  it('a file matches cash taken within 7 days before the previous file, not on the 7th day', async () => {
    const m = await moneyCoreOn(kind);
    await m.file('2026-05-10');
    await m.cash('2026-05-10', 10_000);
    await m.cash('2026-05-11', 10_000);
    await m.file('2026-05-17');
    // Neither file showed the cash; the file of 24 May shows ¥200 less.
    await m.file('2026-05-24', { first: { outstanding: '29800' } });
    expect(await m.payments()).toEqual([
      {
        source: 'visit',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-10',
        paid_from: null,
        amount_fen: 10_000,
      },
      {
        source: 'visit',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-11',
        paid_from: null,
        amount_fen: 10_000,
      },
      {
        source: 'import',
        loan: 'QS-2025-0001',
        paid_on: '2026-05-24',
        paid_from: '2026-05-18',
        amount_fen: 10_000,
      },
    ]);
    const trails = (await m.paymentEntries())
      .filter((e) => e.source === 'visit')
      .map((e) => [e.trail.paidOn, e.trail.unconfirmedFen]);
    expect(trails).toEqual([
      ['2026-05-11', 0],
      ['2026-05-10', 10_000],
    ]);
  });

  it('a file imported again for the same date infers nothing more', async () => {
    const m = await moneyCoreOn(kind);
    await m.file('2026-05-31', { first: { outstanding: '29000' } });
    await m.file('2026-05-31', { first: { outstanding: '29000' } });
    expect(await m.payments()).toHaveLength(1);
    expect(await m.fileRepayments()).toHaveLength(1);
  });
});

describe.each(engineKinds)(
  'cash recorded after the file that showed it was imported, on %s',
  (kind) => {
    it('takes its part out of the file’s payment, audited; all of it removes the payment', async () => {
      const m = await moneyCoreOn(kind);
      await m.file('2026-05-31', { first: { outstanding: '29000' } });
      expect(await m.payments()).toEqual([
        {
          source: 'import',
          loan: 'QS-2025-0001',
          paid_on: '2026-05-31',
          paid_from: '2026-05-02',
          amount_fen: 100_000,
        },
      ]);
      // The officer records the visit of 20 May on 1 June.
      m.setToday('2026-06-01');
      const visitId = await m.visit('2026-05-20');
      await m.recordCash(visitId, '2026-05-20', 100_000);
      expect(await m.payments()).toEqual([
        {
          source: 'visit',
          loan: 'QS-2025-0001',
          paid_on: '2026-05-20',
          paid_from: null,
          amount_fen: 100_000,
        },
      ]);
      expect(await m.fileRepayments()).toEqual([
        {
          loan: 'QS-2025-0001',
          as_of: '2026-05-31',
          previous_as_of: '2026-05-01',
          reduction_fen: 100_000,
          paid_on: null,
          new_fen: null,
        },
      ]);
      await m.expectFilesAddUp();
      const audit = await m.app.engine.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'payments.reconcile')
        .execute();
      expect(audit).toHaveLength(1);
      const [reconciled] = await auditRowsOn(
        m.app.engine,
        'payments.reconcile',
        Number(audit[0]!.entity_id),
      );
      expect(reconciled!.after).toMatchObject({
        paidOn: '2026-05-20',
        confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 100_000 }],
      });
    });

    it('part of it leaves the rest of the file’s payment as new money', async () => {
      const m = await moneyCoreOn(kind);
      await m.file('2026-05-31', { first: { outstanding: '29000' } });
      m.setToday('2026-06-01');
      const visitId = await m.visit('2026-05-20');
      await m.recordCash(visitId, '2026-05-20', 60_000);
      expect(await m.payments()).toEqual([
        {
          source: 'import',
          loan: 'QS-2025-0001',
          paid_on: '2026-05-31',
          paid_from: '2026-05-02',
          amount_fen: 40_000,
        },
        {
          source: 'visit',
          loan: 'QS-2025-0001',
          paid_on: '2026-05-20',
          paid_from: null,
          amount_fen: 60_000,
        },
      ]);
      await m.expectFilesAddUp();
    });

    it('cash after the file’s date is not the file’s money', async () => {
      const m = await moneyCoreOn(kind);
      await m.file('2026-05-31', { first: { outstanding: '29000' } });
      await m.cash('2026-06-01', 100_000);
      expect(await m.payments()).toHaveLength(2);
      const confirmations = await m.app.engine.db
        .selectFrom('payment_confirmations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(confirmations).toEqual({ n: 0 });
    });
  },
);

describe('the file’s payment-date column', () => {
  it('is recognised by the words head-office exports use', () => {
    for (const header of [
      '最近还款日',
      '最近还款日期',
      '上次还款日期',
      '上次还款日',
      'last repayment date',
      'Last Payment Date',
      'last_paid_on',
    ]) {
      expect(fieldForHeader(header), header).toBe('last_paid_on');
    }
    expect(fieldForHeader('还款日')).toBeNull();
    expect(importFields.find((f) => f.field === 'last_paid_on')).toMatchObject({
      required: false,
      kind: 'date',
    });
  });

  describe.each(engineKinds)('on %s', (kind) => {
    it('dates the new money to the day, from the previous file’s date to the file’s own', async () => {
      for (const day of ['2026-05-01', '2026-05-25', '2026-05-31']) {
        const m = await moneyCoreOn(kind);
        const result = await m.file('2026-05-31', {
          first: { outstanding: '29500', lastPaidOn: day },
        });
        expect(result.warnings, day).toEqual([]);
        expect(await m.payments(), day).toEqual([
          {
            source: 'import',
            loan: 'QS-2025-0001',
            paid_on: day,
            paid_from: null,
            amount_fen: 50_000,
          },
        ]);
        const [entry] = await m.paymentEntries();
        expect(entry!.trail.file).toMatchObject({ dateFromFile: true, reductionFen: 50_000 });
      }
    });

    it('a second file of the same date is a correction: a lower principal is warned, not repaid', async () => {
      const m = await moneyCoreOn(kind);
      await m.file('2026-05-31');
      const again = await m.file('2026-05-31', { first: { outstanding: '29500' } });
      expect(again.warnings).toEqual([
        { line: 2, column: '剩余本金', reason: 'v.import.sameDateFall' },
      ]);
      expect(await m.payments()).toEqual([]);
      // The next day's file measures its fall from the corrected ¥29,500.00.
      const next = await m.file('2026-06-01', { first: { outstanding: '29000' } });
      expect(next.warnings).toEqual([]);
      expect(await m.payments()).toEqual([
        {
          source: 'import',
          loan: 'QS-2025-0001',
          paid_on: '2026-06-01',
          paid_from: null,
          amount_fen: 50_000,
        },
      ]);
    });

    it('a date after the file’s, or before the previous file, is not used and is warned', async () => {
      const m = await moneyCoreOn(kind);
      const late = await m.file('2026-05-31', {
        first: { outstanding: '29500', lastPaidOn: '2026-06-01' },
        second: { outstanding: '29500', lastPaidOn: '2026-04-30' },
      });
      expect(late.warnings).toEqual([
        { line: 2, column: '最近还款日', reason: 'v.import.paidOnAfterAsOf' },
        { line: 3, column: '最近还款日', reason: 'v.import.paidOnBeforePrevious' },
      ]);
      expect(await m.payments()).toEqual([
        {
          source: 'import',
          loan: 'QS-2025-0001',
          paid_on: '2026-05-31',
          paid_from: '2026-05-02',
          amount_fen: 50_000,
        },
        {
          source: 'import',
          loan: 'QS-2025-0002',
          paid_on: '2026-05-31',
          paid_from: '2026-05-02',
          amount_fen: 50_000,
        },
      ]);
      expect((await m.fileRepayments()).map((f) => f.paid_on)).toEqual([null, null]);
    });

    it('on a loan whose principal did not fall, the date is not a payment', async () => {
      const m = await moneyCoreOn(kind);
      const result = await m.file('2026-05-31', {
        first: { outstanding: '30000', lastPaidOn: '2026-05-20' },
      });
      expect(result.warnings).toEqual([]);
      expect(await m.payments()).toEqual([]);
    });
  });
});
