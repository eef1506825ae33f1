import { describe, expect, it } from 'vitest';
import { allocateWithParts } from '../../../electron/core/records/evaluate';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn } from './desk-records';
import { moneyCoreOn, type MoneyCoreOn } from './money-support';

/**
 * Promises judged against payments whose day is known (a receipt, a file's 最近还款日) or only
 * as "between two head-office files", in the borrower's favour; each promise says which
 * payment kept it and from which source. Default grace: 3 days. The judgement alone is pure;
 * the promises judged on a desk run on both engines (issue 19).
 */

const promise = { loanId: null, from: '2026-05-20', dueOn: '2026-05-26', amountFen: 1000 };
const interval = (id: number, paidFrom: string, paidOn: string, amountFen = 1000) => ({
  id,
  loanId: 1,
  paidFrom,
  paidOn,
  amountFen,
});

describe('a payment known only between two files (pure)', () => {
  it('counts when any day of the interval is inside the promise’s window, to the last day of grace', () => {
    // Window: 20 May to 26 May + 3 days = 29 May.
    expect(
      allocateWithParts([promise], [interval(1, '2026-05-29', '2026-06-04')], '2026-06-04', 3),
    ).toEqual([{ paidFen: 1000, status: 'kept', parts: [{ paymentId: 1, amountFen: 1000 }] }]);
    expect(
      allocateWithParts([promise], [interval(1, '2026-05-30', '2026-06-04')], '2026-06-04', 3),
    ).toEqual([{ paidFen: 0, status: 'broken', parts: [] }]);
  });

  it('counts when the interval began before the promise but ended after it was made', () => {
    expect(
      allocateWithParts([promise], [interval(1, '2026-05-14', '2026-05-20')], '2026-06-04', 3),
    ).toEqual([{ paidFen: 1000, status: 'kept', parts: [{ paymentId: 1, amountFen: 1000 }] }]);
    expect(
      allocateWithParts([promise], [interval(1, '2026-05-13', '2026-05-19')], '2026-06-04', 3),
    ).toEqual([{ paidFen: 0, status: 'broken', parts: [] }]);
  });

  it('is not known before the file’s date: no verdict from it earlier', () => {
    expect(
      allocateWithParts([promise], [interval(1, '2026-05-25', '2026-05-31')], '2026-05-30', 3),
    ).toEqual([{ paidFen: 0, status: 'broken', parts: [] }]);
    expect(
      allocateWithParts([promise], [interval(1, '2026-05-25', '2026-05-31')], '2026-05-29', 3),
    ).toEqual([{ paidFen: 0, status: 'pending', parts: [] }]);
  });

  it('a payment known to the day still counts only inside the window', () => {
    const day = (id: number, paidOn: string) => ({
      id,
      loanId: 1,
      paidOn,
      paidFrom: null,
      amountFen: 600,
    });
    expect(
      allocateWithParts([promise], [day(1, '2026-05-29'), day(2, '2026-05-30')], '2026-06-04', 3),
    ).toEqual([{ paidFen: 600, status: 'partly_kept', parts: [{ paymentId: 1, amountFen: 600 }] }]);
  });
});

async function promiseOn(m: MoneyCoreOn, dueOn: string, amountFen = 100_000) {
  m.setToday('2026-05-20');
  const visitId = await m.visit('2026-05-20');
  await m.signInAs(m.officer);
  const saved = await recordOn(
    m,
    outcomeOn(m, visitId, {
      outcome: 'promise_to_pay',
      promise: { amountFen, dueOn, loanId: null },
    }),
  );
  await m.signInAsManager();
  return saved.effective.promise!.id;
}

async function promiseRow(m: MoneyCoreOn, id: number) {
  const rows = expectOk(await m.invoke('records:promises', { borrowerId: m.borrowerId }));
  return rows.find((p) => p.id === id)!;
}

describe.each(engineKinds)('weekly head-office files and a promise paid on time, on %s', (kind) => {
  it('kept when the fall is known only between the files and the window meets that interval', async () => {
    const m = await moneyCoreOn(kind);
    const id = await promiseOn(m, '2026-05-26');
    await m.file('2026-05-24');
    // Judged on 30 May, before the next file: nothing on file, the window (to 29 May) closed.
    m.setToday('2026-05-30');
    expectOk(await m.invoke('records:evaluatePromises', {}));
    expect((await promiseRow(m, id)).status).toBe('broken');
    // The file of 31 May: ¥1,000 less, paid some day from 25 to 31 May.
    m.setToday('2026-06-01');
    await m.file('2026-05-31', { first: { outstanding: '29000' } });
    expectOk(await m.invoke('records:evaluatePromises', {}));
    const row = await promiseRow(m, id);
    expect(row).toMatchObject({ status: 'kept', paidFen: 100_000 });
    expect(row.paidBy).toEqual([
      {
        countedFen: 100_000,
        payment: expect.objectContaining({
          source: 'import',
          loanNo: 'QS-2025-0001',
          paidOn: '2026-05-31',
          paidFrom: '2026-05-25',
          receiptNo: null,
          file: expect.objectContaining({
            asOf: '2026-05-31',
            previousAsOf: '2026-05-24',
            dateFromFile: false,
          }),
        }),
      },
    ]);
  });

  it('broken when the interval starts after the grace days', async () => {
    const m = await moneyCoreOn(kind);
    const id = await promiseOn(m, '2026-05-21');
    await m.file('2026-05-24');
    m.setToday('2026-06-01');
    await m.file('2026-05-31', { first: { outstanding: '29000' } });
    expectOk(await m.invoke('records:evaluatePromises', {}));
    expect(await promiseRow(m, id)).toMatchObject({ status: 'broken', paidFen: 0, paidBy: [] });
  });

  it('the file’s payment date decides it to the day', async () => {
    for (const [day, status] of [
      ['2026-05-29', 'kept'],
      ['2026-05-30', 'broken'],
    ] as const) {
      const m = await moneyCoreOn(kind);
      const id = await promiseOn(m, '2026-05-26');
      await m.file('2026-05-24');
      m.setToday('2026-06-01');
      await m.file('2026-05-31', { first: { outstanding: '29000', lastPaidOn: day } });
      expectOk(await m.invoke('records:evaluatePromises', {}));
      const row = await promiseRow(m, id);
      expect(row.status, day).toBe(status);
      if (status === 'kept') {
        expect(row.paidBy[0]!.payment).toMatchObject({
          paidOn: day,
          paidFrom: null,
          file: { dateFromFile: true },
        });
      }
    }
  });

  it('visit cash keeps it once: by the receipt, which the next file then confirms', async () => {
    const m = await moneyCoreOn(kind);
    const id = await promiseOn(m, '2026-05-26');
    const receipt = await m.cash('2026-05-25', 100_000);
    let row = await promiseRow(m, id);
    expect(row).toMatchObject({ status: 'kept', paidFen: 100_000 });
    expect(row.paidBy).toEqual([
      {
        countedFen: 100_000,
        payment: expect.objectContaining({
          source: 'visit',
          receiptNo: receipt.receiptNo,
          paidOn: '2026-05-25',
          confirmedBy: [],
        }),
      },
    ]);
    m.setToday('2026-06-01');
    await m.file('2026-05-31', { first: { outstanding: '29000' } });
    expectOk(await m.invoke('records:evaluatePromises', {}));
    row = await promiseRow(m, id);
    // Still the receipt alone, now with the file that showed it: nothing counted twice.
    expect(row.paidFen).toBe(100_000);
    expect(row.paidBy).toHaveLength(1);
    expect(row.paidBy[0]!.payment).toMatchObject({
      source: 'visit',
      confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 100_000 }],
      unconfirmedFen: 0,
    });
  });

  it('a promise of ¥1,500 with ¥1,000 cash and a file showing ¥1,000 is partly kept, not kept', async () => {
    const m = await moneyCoreOn(kind);
    const id = await promiseOn(m, '2026-05-26', 150_000);
    await m.cash('2026-05-25', 100_000);
    m.setToday('2026-06-01');
    await m.file('2026-05-31', { first: { outstanding: '29000' } });
    expectOk(await m.invoke('records:evaluatePromises', {}));
    expect(await promiseRow(m, id)).toMatchObject({ status: 'partly_kept', paidFen: 100_000 });
  });

  it('a promise replaced by a correction keeps no payments; the new one takes them', async () => {
    const m = await moneyCoreOn(kind);
    m.setToday('2026-05-20');
    const visitId = await m.visit('2026-05-20');
    await m.signInAs(m.officer);
    const promised = { outcome: 'promise_to_pay' as const };
    const saved = await recordOn(
      m,
      outcomeOn(m, visitId, {
        ...promised,
        promise: { amountFen: 100_000, dueOn: '2026-05-26', loanId: null },
      }),
    );
    const first = saved.effective.promise!.id;
    await m.cash('2026-05-25', 100_000);
    expect((await promiseRow(m, first)).paidBy).toHaveLength(1);
    await m.signInAs(m.officer);
    const amended = expectOk(
      await m.invoke('records:amend', {
        ...outcomeOn(m, visitId, {
          ...promised,
          promise: { amountFen: 80_000, dueOn: '2026-05-26', loanId: null },
        }),
        recordId: saved.effective.id,
        reason: '承诺金额记错了',
      }),
    );
    await m.signInAsManager();
    expect(await promiseRow(m, first)).toMatchObject({ status: 'superseded', paidBy: [] });
    const second = await promiseRow(m, amended.effective.promise!.id);
    expect(second).toMatchObject({ status: 'kept', paidFen: 80_000 });
    expect(second.paidBy.map((p) => p.countedFen)).toEqual([80_000]);
  });
});
