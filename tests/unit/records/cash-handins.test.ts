import { describe, expect, it } from 'vitest';
import { createHolidayCalendar } from '../../../electron/core/planning/holidays';
import { handInDueBy } from '../../../electron/core/records/cash';
import type { HandInInput } from '../../../electron/shared/schemas/cash-handins';
import { expectError, expectOk } from '../support/core';
import { engineKinds, type EngineKind } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from './desk-records';

/**
 * Visit money handed in at the branch (缴款). Every amount is worked out by hand: on Wednesday
 * 20 May 2026 李明 (C101) and 赵强 (C102) take ¥1,234.56 in cash and ¥800.00 by transfer on two
 * visits; expected that day ¥2,034.56 (203,456 fen). On Thursday 21 May they take ¥500.00 more.
 * On both engines (issue 19): desk-records.ts's desk, the visits written, the audit rows read
 * and the tables' own refusals tried through the app's engine.
 */

async function takeMoney(
  core: RecordsCoreOn,
  date: string,
  amountFen: number,
  method: 'cash' | 'transfer' = 'cash',
) {
  core.setToday(date);
  await core.signInAs(core.officer);
  const saved = await recordOn(
    core,
    outcomeOn(core, await core.visit(date), {
      date,
      outcome: 'partial_payment',
      payment: { amountFen, method, loanId: core.loanId },
      followUpOn: null,
    }),
  );
  return saved.effective.receipt!;
}

async function clerkHandsIn(
  core: RecordsCoreOn,
  input: Partial<HandInInput> & { receiptIds: number[] },
) {
  await core.signInAs(core.clerk);
  return core.invoke('records:handIn', {
    officerId: core.officer.staffId,
    day: '2026-05-20',
    countedFen: 203_456,
    explanation: '',
    ...input,
  });
}

/** The hand-ins on file, counted on the app's engine. */
async function handInsOnFile(core: RecordsCoreOn): Promise<number> {
  const { n } = await core.app.engine.db
    .selectFrom('cash_handins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function wednesday(kind: EngineKind) {
  const core = await recordsCoreOn(kind);
  const first = await takeMoney(core, '2026-05-20', 123_456);
  const second = await takeMoney(core, '2026-05-20', 80_000, 'transfer');
  const thursday = await takeMoney(core, '2026-05-21', 50_000);
  core.setToday('2026-05-21');
  return { core, first, second, thursday };
}

describe.each(engineKinds)('money due from an officer for a day, on %s', (kind) => {
  it('is the sum of the receipts of that day not yet handed in, for each officer who went', async () => {
    const { core, first, second } = await wednesday(kind);
    await core.signInAs(core.clerk);
    const due = expectOk(
      await core.invoke('records:cashDue', { officerId: core.officer.staffId, day: '2026-05-20' }),
    );
    expect(due.receipts.map((r) => [r.receiptNo, r.amountFen, r.method])).toEqual([
      [first.receiptNo, 123_456, 'cash'],
      [second.receiptNo, 80_000, 'transfer'],
    ]);
    expect(due.expectedFen).toBe(203_456);
    expect(due.receipts.every((r) => r.dueBy === '2026-05-21' && !r.late)).toBe(true);
    // 赵强 went on the same visits: the same money is due from him until one of them hands it in.
    const partner = expectOk(
      await core.invoke('records:cashDue', { officerId: core.partner.staffId, day: '2026-05-20' }),
    );
    expect(partner.expectedFen).toBe(203_456);
    const thursday = expectOk(
      await core.invoke('records:cashDue', { officerId: core.officer.staffId, day: '2026-05-21' }),
    );
    expect(thursday.expectedFen).toBe(50_000);
  });

  it('a hand-in of all of it leaves nothing due, from either officer', async () => {
    const { core, first, second } = await wednesday(kind);
    const handIn = expectOk(await clerkHandsIn(core, { receiptIds: [first.id, second.id] }));
    expect(handIn).toMatchObject({
      expectedFen: 203_456,
      countedFen: 203_456,
      differenceFen: 0,
      open: false,
      handedInOn: '2026-05-21',
      recordedBy: '钱丽',
      officerName: '李明',
    });
    expect(handIn.receipts.map((r) => [r.receiptNo, r.late])).toEqual([
      [first.receiptNo, false],
      [second.receiptNo, false],
    ]);
    for (const officerId of [core.officer.staffId, core.partner.staffId]) {
      const due = expectOk(await core.invoke('records:cashDue', { officerId, day: '2026-05-20' }));
      expect(due).toMatchObject({ receipts: [], expectedFen: 0 });
    }
    const audit = await core.app.engine.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('action', '=', 'cash.handIn')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([String(handIn.id)]);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      receipts: [first.receiptNo, second.receiptNo],
      expectedFen: 203_456,
      countedFen: 203_456,
      differenceFen: 0,
    });
  });

  it('a receipt cannot be handed in twice, by the app or straight into the table', async () => {
    const { core, first, second } = await wednesday(kind);
    expectOk(await clerkHandsIn(core, { receiptIds: [first.id], countedFen: 123_456 }));
    const again = expectError(
      await clerkHandsIn(core, { receiptIds: [first.id, second.id] }),
      'VALIDATION',
    );
    expect(again.fields).toEqual({ receiptIds: 'v.handIn.receiptNotDue' });
    // By the partner's name it is the same receipt.
    expectError(
      await clerkHandsIn(core, {
        officerId: core.partner.staffId,
        receiptIds: [first.id],
        countedFen: 123_456,
      }),
      'VALIDATION',
    );
    // Named twice in one hand-in.
    expect(
      expectError(
        await clerkHandsIn(core, { receiptIds: [second.id, second.id], countedFen: 160_000 }),
        'VALIDATION',
      ).fields,
    ).toEqual({ receiptIds: 'v.handIn.twice' });
    // A receipt of another day is not this day's.
    const thursday = await core.invoke('records:cashDue', {
      officerId: core.officer.staffId,
      day: '2026-05-21',
    });
    expectError(
      await clerkHandsIn(core, {
        receiptIds: [expectOk(thursday).receipts[0]!.receiptId],
        countedFen: 50_000,
      }),
      'VALIDATION',
    );
    const db = core.app.engine.db;
    const { id: handInId } = await db
      .selectFrom('cash_handins')
      .select('id')
      .executeTakeFirstOrThrow();
    // SQLite says UNIQUE, PostgreSQL a duplicate key.
    await expect(
      db
        .insertInto('cash_handin_receipts')
        .values({ handin_id: handInId, receipt_id: first.id, amount_fen: 1 })
        .execute(),
    ).rejects.toThrow(/UNIQUE|duplicate key/);
    expect(await handInsOnFile(core)).toBe(1);
  });

  it('a difference needs a written explanation', async () => {
    const { core, first, second } = await wednesday(kind);
    // ¥100.00 short: 203,456 − 193,456 = 10,000 fen.
    const refused = expectError(
      await clerkHandsIn(core, {
        receiptIds: [first.id, second.id],
        countedFen: 193_456,
        explanation: '   ',
      }),
      'VALIDATION',
    );
    expect(refused.fields).toEqual({ explanation: 'v.handIn.explanation' });
    expect(await handInsOnFile(core)).toBe(0);
    const short = expectOk(
      await clerkHandsIn(core, {
        receiptIds: [first.id, second.id],
        countedFen: 193_456,
        explanation: '找零时多找给借款人 100 元，已联系退回',
      }),
    );
    expect(short).toMatchObject({
      expectedFen: 203_456,
      countedFen: 193_456,
      differenceFen: -10_000,
      open: true,
    });
    // Over is a difference too: ¥0.44 more than the ¥500.00 receipt.
    const thursday = expectOk(
      await core.invoke('records:cashDue', { officerId: core.officer.staffId, day: '2026-05-21' }),
    );
    expectError(
      await clerkHandsIn(core, {
        day: '2026-05-21',
        receiptIds: [thursday.receipts[0]!.receiptId],
        countedFen: 50_044,
      }),
      'VALIDATION',
    );
    // The table refuses it as well (SQLite says CHECK, PostgreSQL a check constraint).
    await expect(
      core.app.engine.db
        .insertInto('cash_handins')
        .values({
          officer_id: core.officer.staffId,
          day: '2026-05-21',
          expected_fen: 50_000,
          counted_fen: 50_044,
          handed_in_on: '2026-05-21',
          recorded_by: core.clerk.staffId,
          recorded_at: '2026-05-21T02:00:00.000Z',
        })
        .execute(),
    ).rejects.toThrow(/CHECK|check constraint/);
  });
});

describe.each(engineKinds)('signing off a difference, on %s', (kind) => {
  async function shortHandIn() {
    const w = await wednesday(kind);
    const handIn = expectOk(
      await clerkHandsIn(w.core, {
        receiptIds: [w.first.id, w.second.id],
        countedFen: 193_456,
        explanation: '少缴 100 元，明日补缴',
      }),
    );
    return { ...w, handIn };
  }

  it('only a manager signs off: the clerk and the officer are refused by the dispatcher', async () => {
    const { core, handIn } = await shortHandIn();
    for (const who of [core.clerk, core.officer]) {
      await core.signInAs(who);
      expectError(
        await core.invoke('records:signOffHandIn', { handInId: handIn.id, note: '' }),
        'FORBIDDEN',
      );
    }
    await core.signInAs(core.officer);
    expectError(
      await core.invoke('records:handIn', {
        officerId: core.officer.staffId,
        day: '2026-05-21',
        receiptIds: [1],
        countedFen: 0,
        explanation: '',
      }),
      'FORBIDDEN',
    );
    await core.signInAsManager();
    const signed = expectOk(
      await core.invoke('records:signOffHandIn', {
        handInId: handIn.id,
        note: '已核实，差额由李明补缴',
      }),
    );
    expect(signed).toMatchObject({
      open: false,
      differenceFen: -10_000,
      signedOffBy: '王建国',
      signOffNote: '已核实，差额由李明补缴',
    });
    expect(
      expectError(
        await core.invoke('records:signOffHandIn', { handInId: handIn.id, note: '' }),
        'CONFLICT',
      ).fields,
    ).toEqual({ handInId: 'e.handIn.signedOff' });
    const audit = await core.app.engine.db
      .selectFrom('audit_log')
      .select(['staff_id', 'entity_id', 'after'])
      .where('action', '=', 'cash.signOff')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ staff_id: core.managerId, entity_id: String(handIn.id) });
    // The hand-in itself never changes.
    await expect(
      core.app.engine.db.updateTable('cash_handins').set({ counted_fen: 203_456 }).execute(),
    ).rejects.toThrow(/sign-off/);
    const open = expectOk(
      await core.invoke('records:handIns', {
        from: '2026-05-01',
        to: '2026-05-31',
        openOnly: true,
      }),
    );
    expect(open).toEqual([]);
  });

  it('a hand-in without a difference has nothing to sign off', async () => {
    const { core, first, second } = await wednesday(kind);
    const exact = expectOk(await clerkHandsIn(core, { receiptIds: [first.id, second.id] }));
    await core.signInAsManager();
    expect(
      expectError(
        await core.invoke('records:signOffHandIn', { handInId: exact.id, note: '' }),
        'CONFLICT',
      ).fields,
    ).toEqual({ handInId: 'e.handIn.noDifference' });
  });
});

describe('the day money is due at the branch by', () => {
  const calendar = createHolidayCalendar([]);

  it('is the next working day: Wednesday to Thursday, Friday to Monday', () => {
    expect(handInDueBy(calendar, '2026-05-20')).toBe('2026-05-21');
    expect(handInDueBy(calendar, '2026-05-22')).toBe('2026-05-25');
    expect(handInDueBy(calendar, '2026-05-23')).toBe('2026-05-25');
  });

  it('skips public holidays and works the swap working days', () => {
    // Labour Day 2026: 1–5 May off, so Thursday 30 April's money is due by Wednesday 6 May.
    expect(handInDueBy(calendar, '2026-04-30')).toBe('2026-05-06');
    // National Day 2026: 1–7 October off; Saturday 10 October is a working day (调休).
    expect(handInDueBy(calendar, '2026-09-30')).toBe('2026-10-08');
    expect(handInDueBy(calendar, '2026-10-09')).toBe('2026-10-10');
    // A branch's own holiday moves it too.
    const branch = createHolidayCalendar([{ date: '2026-05-21', kind: 'holiday', note: '' }]);
    expect(handInDueBy(branch, '2026-05-20')).toBe('2026-05-22');
  });

  describe.each(engineKinds)('on %s', (kind) => {
    it('flags money not handed in by then to the manager, across a weekend', async () => {
      const core = await recordsCoreOn(kind);
      await takeMoney(core, '2026-05-22', 60_000);
      await core.signInAsManager();
      const holders = async () => expectOk(await core.invoke('records:cashHolders', {}));
      core.setToday('2026-05-25'); // Monday: still in time.
      expect(await holders()).toEqual([
        expect.objectContaining({
          staffNo: 'C101',
          day: '2026-05-22',
          amountFen: 60_000,
          dueBy: '2026-05-25',
          late: false,
        }),
        expect.objectContaining({
          staffNo: 'C102',
          day: '2026-05-22',
          amountFen: 60_000,
          dueBy: '2026-05-25',
          late: false,
        }),
      ]);
      core.setToday('2026-05-26'); // Tuesday: late.
      expect((await holders()).map((h) => [h.staffNo, h.late])).toEqual([
        ['C101', true],
        ['C102', true],
      ]);
      const due = expectOk(
        await core.invoke('records:cashDue', {
          officerId: core.officer.staffId,
          day: '2026-05-22',
        }),
      );
      // Handed in late, it is marked late on the hand-in and leaves the flag.
      const late = expectOk(
        await core.invoke('records:handIn', {
          officerId: core.officer.staffId,
          day: '2026-05-22',
          receiptIds: due.receipts.map((r) => r.receiptId),
          countedFen: 60_000,
          explanation: '',
        }),
      );
      expect(late.receipts.map((r) => r.late)).toEqual([true]);
      expect(await holders()).toEqual([]);
    });

    it('flags money across a public holiday only after the first working day after it', async () => {
      const core = await recordsCoreOn(kind);
      await takeMoney(core, '2026-04-30', 45_000);
      await core.signInAsManager();
      core.setToday('2026-05-06');
      expect(expectOk(await core.invoke('records:cashHolders', {}))[0]).toMatchObject({
        dueBy: '2026-05-06',
        late: false,
      });
      core.setToday('2026-05-07');
      expect(expectOk(await core.invoke('records:cashHolders', {}))[0]).toMatchObject({
        late: true,
      });
    });
  });
});
