import { describe, expect, it } from 'vitest';
import { figureDefinitions } from '../../../electron/core/reports/definitions';
import { drilldown } from '../../../electron/core/reports/drilldown';
import { computeMonthFigures } from '../../../electron/core/reports/figures';
import { figureValue, NO_RATE } from '../../../electron/core/reports/xlsx';
import { figureKeys } from '../../../electron/shared/schemas/reports';
import { signedInCore } from '../support/core';
import { seedMarch2026 } from './dataset';
import { seeder } from './seed';

/**
 * The definitions of issue 15 at their edges, every expected figure worked out by hand from
 * DOMAIN.md (the comments show the working).
 */

const r = (num: number, den: number) => ({ num, den });

async function branch() {
  const core = await signedInCore();
  return { db: core.app.db, s: seeder(core.app.db) };
}

/** A visit on `date` with its records (original first, then corrections) and their promises. */
function visitWith(
  s: ReturnType<typeof seeder>,
  v: {
    borrowerId: number;
    staff: number[];
    date: string;
    status?: string;
    records?: {
      met: 'borrower' | 'spouse' | 'family' | 'nobody';
      promises?: { amountFen: number; status?: string }[];
    }[];
  },
) {
  const records = v.records ?? [];
  const last = records.at(-1);
  const status = v.status ?? (last ? (last.met === 'nobody' ? 'not_done' : 'done') : 'planned');
  const visitId = s.visit({
    borrowerId: v.borrowerId,
    date: v.date,
    staff: v.staff,
    status,
    plannedBy: 1,
  });
  let original: number | undefined;
  for (const rec of records) {
    const recordId = s.record({
      visitId,
      borrowerId: v.borrowerId,
      date: v.date,
      met: rec.met,
      outcome: rec.met === 'nobody' ? 'not_home' : 'promise_to_pay',
      by: v.staff[0]!,
      ...(original === undefined ? {} : { amends: original }),
    });
    original ??= recordId;
    for (const p of rec.promises ?? []) {
      s.promise({
        borrowerId: v.borrowerId,
        recordId,
        promisedOn: v.date,
        dueOn: '2026-04-10',
        amountFen: p.amountFen,
        ...(p.status ? { status: p.status } : {}),
      });
    }
  }
  return visitId;
}

describe('PTP rate: promises by the borrower in right-party contacts, never above 100%', () => {
  it('gives February of the hand-built branch 100%, not the 200% of two promise rows', async () => {
    const core = await signedInCore();
    const { b, m } = seedMarch2026(core.app.db);
    // 27 Feb: one visit (赵芳 and the manager), the borrower met, two promises on its record.
    const feb = computeMonthFigures(core.app.db, '2026-02');
    expect(feb.branch).toMatchObject({
      rightPartyContacts: 1,
      promisesMade: 2,
      ptpContacts: 1,
      relativePromises: 0,
      ptpRate: r(1, 1),
    });
    for (const id of [b, m]) {
      expect(feb.officers.find((o) => o.staffId === id)?.figures.ptpRate).toEqual(r(1, 1));
    }
  });

  it('counts promises by a spouse or family apart, by whoever the latest record met', async () => {
    const { db, s } = await branch();
    const a = s.staff('李明', 'A001');
    const [x, y, z] = [s.borrower('张三', a), s.borrower('李四', a), s.borrower('王五', a)];
    const staff = [a, 1];
    // V1 borrower met, promises 1,000 yuan: the borrower's.
    visitWith(s, {
      borrowerId: x,
      staff,
      date: '2026-03-03',
      records: [{ met: 'borrower', promises: [{ amountFen: 100000 }] }],
    });
    // V2 spouse met, promises 500: a relative's.
    visitWith(s, {
      borrowerId: y,
      staff,
      date: '2026-03-04',
      records: [{ met: 'spouse', promises: [{ amountFen: 50000 }] }],
    });
    // V3 family met, promises 200: a relative's.
    visitWith(s, {
      borrowerId: z,
      staff,
      date: '2026-03-05',
      records: [{ met: 'family', promises: [{ amountFen: 20000 }] }],
    });
    // V4 borrower met, no promise.
    visitWith(s, { borrowerId: x, staff, date: '2026-03-06', records: [{ met: 'borrower' }] });
    // V5 recorded as the spouse with a promise of 300, corrected to the borrower repeating it
    // (the correction keeps the promise on the original record): the borrower's.
    visitWith(s, {
      borrowerId: y,
      staff,
      date: '2026-03-10',
      records: [{ met: 'spouse', promises: [{ amountFen: 30000 }] }, { met: 'borrower' }],
    });
    // V6 recorded as the borrower promising 400 (superseded), corrected to family promising
    // 450: a relative's, and the 400 counts nowhere.
    visitWith(s, {
      borrowerId: z,
      staff,
      date: '2026-03-12',
      records: [
        { met: 'borrower', promises: [{ amountFen: 40000, status: 'superseded' }] },
        { met: 'family', promises: [{ amountFen: 45000 }] },
      ],
    });
    const f = computeMonthFigures(db, '2026-03');
    // Borrower met: V1, V4, V5 = 3; of them the borrower promised on V1 and V5 = 2.
    // All standing promises: V1, V2, V3, V5, V6's new one = 5, 1,000 + 500 + 200 + 300 + 450.
    // Relatives: V2, V3, V6 = 3, 500 + 200 + 450. (Counting rows, relatives included, over the
    // borrower-met visits gave 5 ÷ 3 = 167% before.)
    expect(f.branch).toMatchObject({
      visitsCarriedOut: 6,
      contacts: 6,
      rightPartyContacts: 3,
      ptpContacts: 2,
      ptpRate: r(2, 3),
      promisesMade: 5,
      promisedFen: 245000,
      relativePromises: 3,
      relativePromisedFen: 115000,
    });
    expect(f.officers.find((o) => o.staffId === a)?.figures).toMatchObject({
      ptpRate: r(2, 3),
      relativePromises: 3,
    });
    const relatives = drilldown(db, { month: '2026-03', figure: 'relativePromises' });
    expect(relatives.rows.map((row) => [row.madeBy, row.amountFen])).toEqual([
      ['spouse', 50000],
      ['family', 20000],
      ['family', 45000],
    ]);
    const promised = drilldown(db, { month: '2026-03', figure: 'ptpContacts' });
    expect(promised.rows.map((row) => row.date)).toEqual(['2026-03-03', '2026-03-10']);
    expect(drilldown(db, { month: '2026-03', figure: 'ptpRate' }).total).toBe(3);
  });
});

describe('completion rate: visits carried out ÷ visits due', () => {
  it('counts a visit where nobody was met as carried out, and leaves that to the contact rate', async () => {
    const { db, s } = await branch();
    const a = s.staff('李明', 'A001');
    const x = s.borrower('张三', a);
    const staff = [a, 1];
    visitWith(s, { borrowerId: x, staff, date: '2026-03-01', records: [{ met: 'borrower' }] });
    visitWith(s, { borrowerId: x, staff, date: '2026-03-09', records: [{ met: 'nobody' }] });
    visitWith(s, { borrowerId: x, staff, date: '2026-03-16', status: 'cancelled' });
    visitWith(s, { borrowerId: x, staff, date: '2026-03-20', status: 'rescheduled' });
    // The month's last day is due; the next day is April's.
    visitWith(s, { borrowerId: x, staff, date: '2026-03-31' });
    visitWith(s, { borrowerId: x, staff, date: '2026-04-01' });
    const f = computeMonthFigures(db, '2026-03').branch;
    // Planned (rescheduled original left out): 1, 9, 16 and 31 March = 4; due = 4 − 1 = 3;
    // carried out: 1 and 9 March = 2. Someone met on 1 March only.
    expect(f).toMatchObject({
      visitsPlanned: 4,
      visitsCancelled: 1,
      visitsDue: 3,
      visitsCarriedOut: 2,
      visitsDone: 1,
      visitsNotDone: 1,
      visitsOpen: 1,
      completionRate: r(2, 3),
      contactRate: r(1, 2),
      rightPartyRate: r(1, 2),
    });
    const due = drilldown(db, { month: '2026-03', figure: 'visitsDue' });
    expect(due.rows.map((row) => row.date)).toEqual(['2026-03-01', '2026-03-09', '2026-03-31']);
  });
});

describe('roll rates: end balance in bucket m ÷ the whole bucket n’s start balance', () => {
  it('rolls, cures to M0, puts paid-off loans in their own column and leaves empty buckets without a rate', async () => {
    const { db, s } = await branch();
    const a = s.staff('李明', 'A001');
    const x = s.borrower('张三', a);
    const loan = (no: string, start: [string, number], end: [string, number]) => {
      const id = s.loan(x, no);
      s.snapshot(id, '2026-02-28', start[0], start[1]);
      s.snapshot(id, '2026-03-31', end[0], end[1]);
    };
    loan('STAY', ['M1', 100000], ['M1', 90000]);
    loan('ROLL', ['M1', 200000], ['M2', 180000]);
    loan('CURE', ['M1', 300000], ['M0', 250000]);
    // No principal left, the bucket still says M2: paid off, not M2 and not a cure.
    loan('PAID', ['M2', 400000], ['M2', 0]);
    // One fen left in M0 is a cure; nothing left is paid off, whatever the bucket.
    loan('CURE1', ['M3', 500000], ['M0', 1]);
    loan('PAID0', ['M3', 500000], ['M0', 0]);
    const f = computeMonthFigures(db, '2026-03');
    // Start: M1 1,000 + 2,000 + 3,000 = 6,000 yuan in 3 loans; M2 4,000 in 1; M3 10,000 in 2.
    expect(f.rollRate.startFen).toEqual([0, 600000, 400000, 1000000, 0]);
    expect(f.rollRate.startLoans).toEqual([0, 3, 1, 2, 0]);
    // Cells hold end balances: M1 → M0 2,500, → M1 900, → M2 1,800; M3 → M0 0.01.
    expect(f.rollRate.cellsFen).toEqual([
      [0, 0, 0, 0, 0],
      [250000, 90000, 180000, 0, 0],
      [0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    expect(f.rollRate.cellsLoans).toEqual([
      [0, 0, 0, 0, 0],
      [1, 1, 1, 0, 0],
      [0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    // Paid off at their start balances: M2 4,000 (1 loan), M3 5,000 (1 loan).
    expect(f.rollRate.paidOffFen).toEqual([0, 0, 400000, 500000, 0]);
    expect(f.rollRate.paidOffLoans).toEqual([0, 0, 1, 1, 0]);
    // M1 → M2 is 1,800 ÷ 6,000 = 30% by balance (the start balance of the loan that moved,
    // 2,000, gave 33.3% before) and 1 of 3 by count.
    expect(f.rollRate.cellsFen[1]![2]! / f.rollRate.startFen[1]!).toBe(0.3);
    // Overdue at the start: all 6; cured: CURE and CURE1; paid off: PAID and PAID0.
    expect(f.branch).toMatchObject({
      loansOverdueAtStart: 6,
      loansCured: 2,
      loansPaidOff: 2,
      cureRate: r(2, 6),
    });
    const paid = drilldown(db, { month: '2026-03', figure: 'loansPaidOff' });
    expect(paid.rows.map((row) => [row.loanNo, row.endBucket])).toEqual([
      ['PAID', 'paid_off'],
      ['PAID0', 'paid_off'],
    ]);
    const cured = drilldown(db, { month: '2026-03', figure: 'loansCured' });
    expect(cured.rows.map((row) => row.loanNo)).toEqual(['CURE', 'CURE1']);
  });

  it('shows a rate without a denominator as "—", never NaN or Infinity', async () => {
    const { db } = await branch();
    const empty = computeMonthFigures(db, '2026-03');
    for (const key of figureKeys) {
      const d = figureDefinitions.find((x) => x.key === key)!;
      if (d.kind !== 'rate') continue;
      expect(empty.branch[key], key).toEqual(r(0, 0));
      expect(figureValue(empty.branch, key), key).toBe(NO_RATE);
    }
    expect(empty.rollRate.startLoans).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('each definition once', () => {
  it('defines every figure of the block once, with distinct names, and a rate’s numerator and denominator', () => {
    const keys = figureDefinitions.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k !== 'rollRate').sort()).toEqual([...figureKeys].sort());
    for (const lang of ['zh', 'en'] as const) {
      const names = figureDefinitions.map((d) => d.label[lang]);
      expect(new Set(names).size, lang).toBe(names.length);
    }
    for (const d of figureDefinitions) {
      const isRate = d.kind === 'rate';
      expect(d.numerator !== null, d.key).toBe(isRate);
      expect(d.denominator !== null, d.key).toBe(isRate);
    }
    expect(figureDefinitions.find((d) => d.key === 'ptpRate')?.definition.zh).toContain('100%');
  });
});
