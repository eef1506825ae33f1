import { describe, expect, it } from 'vitest';
import {
  checkVisit,
  type ComplianceContext,
  type ProposedVisit,
  type StaffFacts,
  type VisitFacts,
} from '../../../electron/core/planning/compliance';
import { createHolidayCalendar, statutoryHolidays } from '../../../electron/core/planning/holidays';
import {
  defaultPlanningRules,
  planningRulesSchema,
  type PlanningRules,
} from '../../../electron/shared/compliance';

const calendar = createHolidayCalendar([]);

function context(
  rules: Partial<PlanningRules> = {},
  now = '2026-03-01T00:00:00Z',
): ComplianceContext {
  return {
    rules: { ...defaultPlanningRules, ...rules },
    calendar,
    timeZone: 'Asia/Shanghai',
    now: new Date(now),
  };
}

function staff(id: number, extra: Partial<StaffFacts> = {}): StaffFacts {
  return {
    id,
    label: `员工${id} (S${id})`,
    active: true,
    certificates: [{ kind: 'training', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }],
    onLeave: false,
    sameDayVisits: [],
    ...extra,
  };
}

/** A Tuesday in March 2026, two certified staff, nothing else on anyone's calendar. */
function visit(extra: Partial<ProposedVisit> = {}): ProposedVisit {
  return {
    date: '2026-03-10',
    start: '09:00',
    end: '10:00',
    staffIds: [1, 2],
    borrowerRequested: false,
    notice: { status: 'none', at: null },
    approvedAt: null,
    ...extra,
  };
}

function facts(
  extra: { borrower?: Partial<VisitFacts['borrower']>; staff?: StaffFacts[] } = {},
): VisitFacts {
  return {
    borrower: { vulnerable: [], hold: null, visits: [], ...extra.borrower },
    staff: extra.staff ?? [staff(1), staff(2)],
  };
}

const codes = (v: ProposedVisit, f = facts(), c = context()) =>
  checkVisit(v, f, c).map((x) => x.code);

describe('compliance engine: hours', () => {
  it('accepts a visit ending at 19:59 and at 20:00', () => {
    expect(codes(visit({ start: '19:00', end: '19:59' }))).toEqual([]);
    expect(codes(visit({ start: '19:00', end: '20:00' }))).toEqual([]);
  });

  it('refuses a visit ending at 20:01, overridable, with both languages', () => {
    const [v] = checkVisit(visit({ start: '19:30', end: '20:01' }), facts(), context());
    expect(v).toMatchObject({ code: 'HOURS_OUTSIDE_ALLOWED', severity: 'block' });
    expect(v?.message.zh).toContain('08:00–20:00');
    expect(v?.message.en).toContain('between 08:00 and 20:00');
  });

  it('refuses a visit starting at 07:59 as a legal limit', () => {
    const [v] = checkVisit(visit({ start: '07:59', end: '09:00' }), facts(), context());
    expect(v).toMatchObject({ code: 'HOURS_OUTSIDE_LEGAL', severity: 'legal' });
  });

  it('refuses 21:30 as a branch rule and 22:01 as the law', () => {
    expect(
      checkVisit(visit({ start: '21:30', end: '21:59' }), facts(), context())[0],
    ).toMatchObject({
      code: 'HOURS_OUTSIDE_ALLOWED',
      severity: 'block',
    });
    expect(
      checkVisit(visit({ start: '21:30', end: '22:01' }), facts(), context())[0],
    ).toMatchObject({
      code: 'HOURS_OUTSIDE_LEGAL',
      severity: 'legal',
    });
  });

  it('follows a branch setting inside the legal window', () => {
    expect(
      codes(visit({ start: '20:30', end: '21:30' }), facts(), context({ allowedEnd: '22:00' })),
    ).toEqual([]);
  });

  it('the settings schema refuses hours outside 08:00–22:00 and an end before the start', () => {
    const parse = (rules: Partial<PlanningRules>) =>
      planningRulesSchema.safeParse({ ...defaultPlanningRules, ...rules });
    expect(parse({ allowedStart: '07:30' }).success).toBe(false);
    expect(parse({ allowedEnd: '22:30' }).success).toBe(false);
    expect(parse({ allowedStart: '18:00', allowedEnd: '09:00' }).success).toBe(false);
    expect(parse({ minStaff: 1 }).success).toBe(false);
    expect(parse({ allowedStart: '08:00', allowedEnd: '22:00' }).success).toBe(true);
    const error = parse({ allowedEnd: '23:00' });
    expect(error.success ? [] : error.error.issues.map((i) => i.message)).toContain('v.legalHours');
  });
});

describe('compliance engine: holidays', () => {
  it('refuses National Day unless the borrower asked for it', () => {
    const ctx = context({}, '2026-09-01T00:00:00Z');
    const [v] = checkVisit(visit({ date: '2026-10-01' }), facts(), ctx);
    expect(v).toMatchObject({ code: 'PUBLIC_HOLIDAY', severity: 'block' });
    expect(v?.message.zh).toContain('国庆节');
    expect(codes(visit({ date: '2026-10-01', borrowerRequested: true }), facts(), ctx)).toEqual([]);
  });

  it('treats a swap working day (调休) as a working day even where rest days are avoided', () => {
    const ctx = context({ avoidRestDays: true }, '2026-02-01T00:00:00Z');
    // 2026-02-28 is a Saturday worked in exchange for the Spring Festival break.
    expect(calendar.day('2026-02-28')).toMatchObject({ kind: 'workday', swapWorkday: true });
    expect(codes(visit({ date: '2026-02-28' }), facts(), ctx)).toEqual([]);
    expect(codes(visit({ date: '2026-03-07' }), facts(), ctx)).toEqual(['REST_DAY']);
    // With the default settings an ordinary Saturday is allowed.
    expect(
      codes(visit({ date: '2026-03-07' }), facts(), context({}, '2026-02-01T00:00:00Z')),
    ).toEqual([]);
  });

  it('honours the branch adding and removing holiday dates', () => {
    const branch = createHolidayCalendar([
      { date: '2026-03-10', kind: 'holiday', note: '庙会' },
      { date: '2026-10-02', kind: 'workday', note: '' },
    ]);
    const ctx = { ...context({}, '2026-03-01T00:00:00Z'), calendar: branch };
    expect(codes(visit(), facts(), ctx)).toEqual(['PUBLIC_HOLIDAY']);
    expect(codes(visit({ date: '2026-10-02' }), facts(), ctx)).toEqual([]);
  });

  it('the statutory-day estimate agrees with the official arrangements of 2025 and 2026', () => {
    for (const year of [2025, 2026]) {
      const estimated = [...statutoryHolidays(year).keys()];
      expect(estimated).toHaveLength(13);
      for (const date of estimated) expect(calendar.day(date).kind, date).toBe('holiday');
    }
  });

  it('estimates the statutory holidays of a year the holiday list does not know yet', () => {
    expect(calendar.official(2026)).toBe(true);
    if (calendar.official(2027)) return; // a newer chinese-days has the real arrangement
    expect(calendar.day('2027-01-01')).toMatchObject({ kind: 'holiday', source: 'estimated' });
    // Chinese New Year 2027 falls on 6 February; New Year's Eve is a holiday since 2025.
    expect(calendar.day('2027-02-05').kind).toBe('holiday');
    expect(calendar.day('2027-02-08').kind).toBe('holiday');
    expect(calendar.day('2027-02-09').kind).toBe('workday');
    expect(calendar.day('2027-10-03').kind).toBe('holiday');
  });
});

describe('compliance engine: staff', () => {
  it('refuses a visit with one staff member as a legal limit', () => {
    const [v] = checkVisit(visit({ staffIds: [1] }), facts({ staff: [staff(1)] }), context());
    expect(v).toMatchObject({ code: 'TOO_FEW_STAFF', severity: 'legal', params: { count: 1 } });
  });

  it('a branch minimum of three is a branch rule', () => {
    const [v] = checkVisit(visit(), facts(), context({ minStaff: 3 }));
    expect(v).toMatchObject({ code: 'TOO_FEW_STAFF', severity: 'block' });
  });

  it('accepts a certificate expiring on the visit day and refuses one that expired the day before', () => {
    const expiring = (expiresOn: string) =>
      staff(2, { certificates: [{ kind: 'training', issuedOn: '2024-01-01', expiresOn }] });
    expect(codes(visit(), facts({ staff: [staff(1), expiring('2026-03-10')] }))).toEqual([]);
    const [v] = checkVisit(
      visit(),
      facts({ staff: [staff(1), expiring('2026-03-09')] }),
      context(),
    );
    expect(v).toMatchObject({ code: 'STAFF_NOT_CERTIFIED', severity: 'legal' });
    expect(v?.message.zh).toContain('员工2');
  });

  it('counts only the certificate kinds the branch accepts', () => {
    const qualified = staff(2, {
      certificates: [{ kind: 'qualification', issuedOn: null, expiresOn: '2027-01-01' }],
    });
    expect(codes(visit(), facts({ staff: [staff(1), qualified] }))).toEqual([]);
    expect(
      codes(
        visit(),
        facts({ staff: [staff(1), qualified] }),
        context({ certificateKinds: ['training'] }),
      ),
    ).toEqual(['STAFF_NOT_CERTIFIED']);
  });

  it('refuses staff on leave and inactive staff', () => {
    expect(codes(visit(), facts({ staff: [staff(1), staff(2, { onLeave: true })] }))).toEqual([
      'STAFF_ON_LEAVE',
    ]);
    expect(codes(visit(), facts({ staff: [staff(1), staff(2, { active: false })] }))).toEqual([
      'STAFF_INACTIVE',
    ]);
  });

  it('refuses overlapping visits of the same staff and allows back-to-back ones', () => {
    const busy = staff(2, { sameDayVisits: [{ visitId: 9, start: '09:30', end: '10:30' }] });
    const [v] = checkVisit(visit(), facts({ staff: [staff(1), busy] }), context());
    expect(v).toMatchObject({
      code: 'STAFF_DOUBLE_BOOKED',
      params: { otherStart: '09:30', otherVisitId: 9 },
    });
    const before = staff(2, { sameDayVisits: [{ visitId: 9, start: '08:00', end: '09:00' }] });
    expect(codes(visit(), facts({ staff: [staff(1), before] }))).toEqual([]);
  });
});

describe('compliance engine: frequency caps', () => {
  const borrowerVisits = (...dates: string[]) => dates.map((date, i) => ({ visitId: i + 1, date }));

  it('refuses a second visit less than 3 days after another and allows one 3 days later', () => {
    const f = facts({ borrower: { visits: borrowerVisits('2026-03-08') } });
    expect(codes(visit({ date: '2026-03-10' }), f)).toEqual(['TOO_SOON_AFTER_VISIT']);
    expect(codes(visit({ date: '2026-03-11' }), f)).toEqual([]);
  });

  it('also refuses a visit placed less than 3 days before an existing one', () => {
    const f = facts({ borrower: { visits: borrowerVisits('2026-03-12') } });
    const [v] = checkVisit(visit({ date: '2026-03-10' }), f, context());
    expect(v).toMatchObject({ code: 'TOO_SOON_AFTER_VISIT', params: { otherDate: '2026-03-12' } });
  });

  it('refuses the 5th visit in a calendar month', () => {
    const four = facts({
      borrower: { visits: borrowerVisits('2026-03-01', '2026-03-04', '2026-03-07', '2026-03-13') },
    });
    const [v] = checkVisit(visit({ date: '2026-03-20' }), four, context());
    expect(v).toMatchObject({
      code: 'MONTHLY_CAP',
      params: { count: 4, max: 4, month: '2026-03' },
    });
    const three = facts({
      borrower: { visits: borrowerVisits('2026-03-01', '2026-03-04', '2026-03-07') },
    });
    expect(codes(visit({ date: '2026-03-20' }), three)).toEqual([]);
    // The next month starts a new count.
    expect(codes(visit({ date: '2026-04-01' }), four)).toEqual([]);
  });
});

describe('compliance engine: notice, vulnerable borrowers, holds, the past', () => {
  it('refuses a visit starting sooner than the notice period with no notice out', () => {
    // now = 2026-03-09 10:00 in Shanghai; the visit starts 2026-03-10 09:00, 23 hours later.
    const ctx = context({}, '2026-03-09T02:00:00Z');
    expect(codes(visit(), facts(), ctx)).toEqual(['NOTICE_TOO_LATE']);
    expect(codes(visit({ start: '10:00', end: '11:00' }), facts(), ctx)).toEqual([]);
  });

  it('accepts a notice printed in time and refuses one printed too late', () => {
    const ctx = context({}, '2026-03-09T12:00:00Z');
    const inTime = visit({ notice: { status: 'printed', at: '2026-03-09T01:00:00Z' } });
    expect(codes(inTime, facts(), ctx)).toEqual([]);
    const late = visit({ notice: { status: 'phoned', at: '2026-03-09T01:00:01Z' } });
    expect(codes(late, facts(), ctx)).toEqual(['NOTICE_TOO_LATE']);
  });

  it('needs the manager approval for a vulnerable borrower', () => {
    const f = facts({ borrower: { vulnerable: ['elderly', 'ill'] } });
    const [v] = checkVisit(visit(), f, context());
    expect(v).toMatchObject({ code: 'VULNERABLE_NEEDS_APPROVAL', severity: 'block' });
    expect(v?.message.zh).toContain('高龄、重病');
    expect(v?.message.en).toContain('elderly, seriously ill');
    expect(codes(visit({ approvedAt: '2026-03-01T01:00:00Z' }), f)).toEqual([]);
  });

  it('suspends visits for a disputed case', () => {
    const [v] = checkVisit(visit(), facts({ borrower: { hold: 'disputed' } }), context());
    expect(v).toMatchObject({ code: 'CASE_ON_HOLD' });
    expect(v?.message.en).toContain('disputed');
  });

  it('refuses a visit in the past', () => {
    expect(codes(visit({ date: '2026-02-27' }))).toContain('IN_THE_PAST');
  });

  it('lists legal limits first among several violations', () => {
    const result = checkVisit(
      visit({ start: '21:00', end: '22:30', staffIds: [1] }),
      facts({ staff: [staff(1, { onLeave: true })], borrower: { hold: 'on_hold' } }),
      context(),
    );
    expect(result.map((v) => v.severity).slice(0, 2)).toEqual(['legal', 'legal']);
    expect(result.map((v) => v.code)).toEqual(
      expect.arrayContaining([
        'HOURS_OUTSIDE_LEGAL',
        'TOO_FEW_STAFF',
        'STAFF_ON_LEAVE',
        'CASE_ON_HOLD',
      ]),
    );
  });
});
