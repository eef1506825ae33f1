import { describe, expect, it } from 'vitest';
import { upsertBorrowerAndLoan, type CaseUpsertRow } from '../../../electron/core/cases/upsert';
import { expectError, expectOk, signedInCore } from '../support/core';
import { casesCore, residentId } from './support';

const ID = residentId('1966-04-04', 77);

function row(over: Partial<CaseUpsertRow>): CaseUpsertRow {
  return {
    name: '陈秀英',
    idNumber: ID,
    mobile: '13600001234',
    province: '浙江省',
    city: '丽水市',
    county: '青田县',
    township: '船寮镇',
    village: '大路村',
    address: '18号',
    loanNo: 'QT-1',
    product: '丰收创业贷',
    principalFen: 10_000_000,
    disbursedOn: '2025-03-01',
    maturityOn: '2027-03-01',
    outstandingPrincipalFen: 8_000_000,
    overduePrincipalFen: 500_000,
    overdueInterestFen: 20_000,
    penaltyFen: 3_000,
    overdueSince: '2026-08-31',
    officer: null,
    ...over,
  };
}

describe('the case page', () => {
  it('merges contact events, payments, notes, assessments and imports, newest first', async () => {
    const core = await casesCore();
    const db = core.app.db;
    const { borrowerId } = db.transaction(() =>
      upsertBorrowerAndLoan(db, row({}), '2026-09-30', null),
    )();
    // October's file: 200,000 fen of principal repaid, still overdue since 08-31.
    db.transaction(() =>
      upsertBorrowerAndLoan(db, row({ outstandingPrincipalFen: 7_800_000 }), '2026-10-31', null),
    )();
    expectOk(
      await core.invoke('cases:addContactEvent', {
        borrowerId,
        at: '2026-11-02T01:30:00.000Z',
        kind: 'call',
        outcome: 'promised',
        note: '承诺11月15日前还五千元',
      }),
    );
    expectOk(
      await core.invoke('cases:addAssessment', {
        borrowerId,
        assessedOn: '2026-11-10',
        livelihood: '种植茶叶',
        monthlyIncomeFen: 400_000,
        monthlyExpensesFen: 250_000,
        capacityFen: 100_000,
        hardship: ['illness'],
      }),
    );
    expectOk(await core.invoke('cases:addNote', { borrowerId, text: '家属住院，暂缓上门。' }));

    const page = expectOk(await core.invoke('cases:get', { borrowerId }));
    expect(page.timeline.map((e) => [e.type, e.at])).toEqual([
      ['note', '2026-11-29T02:00:00.000Z'],
      ['assessment', '2026-11-10'],
      ['contact', '2026-11-02T01:30:00.000Z'],
      ['payment', '2026-10-31'],
      ['import', '2026-10-31'],
      ['import', '2026-09-30'],
    ]);
    expect(page.timeline[3]).toMatchObject({
      type: 'payment',
      amountFen: 200_000,
      source: 'import',
      loanNo: 'QT-1',
    });
    expect(page.timeline[5]).toMatchObject({ type: 'import', loans: 1, maxDpd: 30, bucket: 'M1' });
    expect(page.timeline[4]).toMatchObject({ type: 'import', maxDpd: 61, bucket: 'M3' });
    expect(page.header).toMatchObject({
      totalOverdueFen: 523_000,
      outstandingFen: 7_800_000,
      maxDpd: 90,
      bucket: 'M3',
      overdueSince: '2026-08-31',
      lastContactAt: '2026-11-02T01:30:00.000Z',
      lastVisitAt: null,
    });
    expect(page.loans).toEqual([
      expect.objectContaining({
        loanNo: 'QT-1',
        overdueFen: 523_000,
        dpd: 90,
        bucket: 'M3',
        asOf: '2026-10-31',
      }),
    ]);
    expect(page.assessments[0]).toMatchObject({
      capacityFen: 100_000,
      hardship: ['illness'],
      staffName: '王建国',
    });
    const payments = expectOk(await core.invoke('cases:payments', { borrowerId }));
    expect(payments.map((p) => [p.paidOn, p.amountFen])).toEqual([['2026-10-31', 200_000]]);
  });

  it('refuses contacting a third party without recorded consent, but allows guarantors', async () => {
    const core = await casesCore();
    const db = core.app.db;
    const { borrowerId } = db.transaction(() =>
      upsertBorrowerAndLoan(db, row({}), '2026-09-30', null),
    )();
    const neighbour = expectOk(
      await core.invoke('cases:addContact', {
        borrowerId,
        name: '邻居老王',
        relation: 'other',
        phone: '13500001111',
      }),
    ).id;
    const guarantor = expectOk(
      await core.invoke('cases:addContact', {
        borrowerId,
        name: '陈建国',
        relation: 'sibling',
        phone: '13500002222',
        isGuarantor: true,
      }),
    ).id;
    const event = {
      borrowerId,
      at: '2026-11-28T02:00:00.000Z',
      kind: 'call',
      outcome: 'reached',
    } as const;
    const refused = expectError(
      await core.invoke('cases:addContactEvent', { ...event, contactId: neighbour }),
      'RULE_VIOLATION',
    );
    expect(refused.fields).toEqual({ contactId: 'v.case.noConsent' });
    expectOk(await core.invoke('cases:addContactEvent', { ...event, contactId: guarantor }));
    const future = expectError(
      await core.invoke('cases:addContactEvent', { ...event, at: '2026-12-01T02:00:00.000Z' }),
      'VALIDATION',
    );
    expect(future.fields).toEqual({ at: 'v.case.future' });
    const page = expectOk(await core.invoke('cases:get', { borrowerId }));
    expect(page.timeline.filter((e) => e.type === 'contact')).toEqual([
      expect.objectContaining({ contactName: '陈建国', staffName: '王建国', outcome: 'reached' }),
    ]);
  });
});

describe('the timeline across midnight in Beijing', () => {
  // 2026-12-03 22:10 UTC is 06:10 on 2026-12-04 in Beijing: the branch's day is the 4th while
  // UTC's is still the 3rd. A file dated the 4th (branch time) begins at 16:00 UTC on the 3rd.
  const MORNING = new Date('2026-12-03T22:10:00.000Z');

  it('puts a call made this morning above a file dated today, whatever the hour in UTC', async () => {
    const core = await signedInCore({ now: () => MORNING });
    const db = core.app.db;
    const { borrowerId } = db.transaction(() =>
      upsertBorrowerAndLoan(db, row({}), '2026-12-04', null),
    )();
    // 23:59 on the 3rd in Beijing: the evening before the file's day. Both calls are the
    // borrower's, recorded by the manager: no branch contact is made between 22:00 and 08:00.
    expectOk(
      await core.invoke('cases:addContactEvent', {
        borrowerId,
        at: '2026-12-03T15:59:00.000Z',
        kind: 'call',
        direction: 'inbound',
        outcome: 'no_answer',
      }),
    );
    // 06:05 on the 4th in Beijing (22:05 UTC on the 3rd).
    expectOk(
      await core.invoke('cases:addContactEvent', {
        borrowerId,
        at: '2026-12-03T22:05:00.000Z',
        kind: 'call',
        direction: 'inbound',
        outcome: 'promised',
      }),
    );
    const page = expectOk(await core.invoke('cases:get', { borrowerId }));
    expect(page.timeline.map((e) => [e.type, e.at])).toEqual([
      ['contact', '2026-12-03T22:05:00.000Z'],
      ['import', '2026-12-04'],
      ['contact', '2026-12-03T15:59:00.000Z'],
    ]);
  });
});
