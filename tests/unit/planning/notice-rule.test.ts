import { describe, expect, it } from 'vitest';
import {
  checkVisit,
  nextLawfulContact,
  noticeProblem,
  type ComplianceContext,
  type ProposedVisit,
  type StaffFacts,
  type VisitFacts,
} from '../../../electron/core/planning/compliance';
import { createHolidayCalendar } from '../../../electron/core/planning/holidays';
import {
  defaultPlanningRules,
  planningRulesSchema,
  type PlanningRules,
} from '../../../electron/shared/compliance';

/**
 * Notice first (issue 15): a notice given in the past, at a lawful hour (no contact from 22:00
 * to 08:00 branch time), at least 24 hours before the visit. Every instant below is written by
 * hand for each branch zone: Asia/Shanghai is UTC+8 all year, so 09:00 there is 01:00Z.
 * The process zone does not matter (the suite also runs under TZ=Asia/Shanghai).
 */

const zones = [
  {
    zone: 'Asia/Shanghai',
    /** The visit: Tuesday 2026-03-10 09:00–10:00 local. */
    start: '2026-03-10T01:00:00Z',
    /** An hour before the visit: no time left for a new notice. */
    nowLate: '2026-03-10T00:00:00Z',
    exactly24h: '2026-03-09T01:00:00Z',
    h23m59: '2026-03-09T01:01:00Z',
    at2159: '2026-03-08T13:59:00Z',
    at2200: '2026-03-08T14:00:00Z',
    at0759: '2026-03-07T23:59:00Z',
    at0800: '2026-03-08T00:00:00Z',
    at2330: '2026-03-08T15:30:00Z',
    hourBefore: '2026-03-10T00:00:00Z',
    daysAhead: '2026-03-13T02:00:00Z',
  },
  {
    zone: 'UTC',
    start: '2026-03-10T09:00:00Z',
    nowLate: '2026-03-10T08:00:00Z',
    exactly24h: '2026-03-09T09:00:00Z',
    h23m59: '2026-03-09T09:01:00Z',
    at2159: '2026-03-08T21:59:00Z',
    at2200: '2026-03-08T22:00:00Z',
    at0759: '2026-03-08T07:59:00Z',
    at0800: '2026-03-08T08:00:00Z',
    at2330: '2026-03-08T23:30:00Z',
    hourBefore: '2026-03-10T08:00:00Z',
    daysAhead: '2026-03-13T10:00:00Z',
  },
] as const;

const calendar = createHolidayCalendar([]);

function ctx(zone: string, now: string, rules: Partial<PlanningRules> = {}): ComplianceContext {
  return {
    rules: { ...defaultPlanningRules, ...rules },
    calendar,
    timeZone: zone,
    now: new Date(now),
  };
}

const staff = (id: number): StaffFacts => ({
  id,
  label: `员工${id}`,
  active: true,
  certificates: [{ kind: 'training', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }],
  onLeave: false,
  sameDayVisits: [],
});

const facts: VisitFacts = {
  borrower: { vulnerable: [], hold: null, visits: [] },
  staff: [staff(1), staff(2)],
};

function visit(notice: ProposedVisit['notice'], extra: Partial<ProposedVisit> = {}): ProposedVisit {
  return {
    date: '2026-03-10',
    start: '09:00',
    end: '10:00',
    staffIds: [1, 2],
    borrowerRequested: false,
    notice,
    approvedAt: null,
    ...extra,
  };
}

const phoned = (at: string): ProposedVisit['notice'] => ({ status: 'phoned', at });
const codes = (v: ProposedVisit, c: ComplianceContext) =>
  checkVisit(v, facts, c).map((x) => x.code);

describe('the default notice period', () => {
  it('is 24 hours, and no branch may set less', () => {
    expect(defaultPlanningRules.noticeMinHours).toBe(24);
    const parse = (hours: number) =>
      planningRulesSchema.safeParse({ ...defaultPlanningRules, noticeMinHours: hours });
    expect(parse(23).success).toBe(false);
    expect(parse(24).success).toBe(true);
    expect(parse(48).success).toBe(true);
  });
});

describe.each(zones)('notice first, branch in $zone', (z) => {
  const late = ctx(z.zone, z.nowLate);

  it('counts a notice exactly 24 hours ahead, not one 23 hours 59 minutes ahead', () => {
    expect(codes(visit(phoned(z.exactly24h)), late)).toEqual([]);
    expect(codes(visit(phoned(z.h23m59)), late)).toEqual(['NOTICE_TOO_LATE']);
    expect(noticeProblem(new Date(z.h23m59), new Date(z.start), late)).toBe('late');
  });

  it('counts a notice at 21:59 and at 08:00, not at 22:00 or 07:59', () => {
    expect(codes(visit(phoned(z.at2159)), late)).toEqual([]);
    expect(codes(visit(phoned(z.at0800)), late)).toEqual([]);
    const at2200 = checkVisit(visit(phoned(z.at2200)), facts, late);
    expect(at2200.map((v) => v.code)).toEqual(['NOTICE_OUT_OF_HOURS']);
    expect(at2200[0]?.message.zh).toContain('2026-03-08 22:00');
    expect(at2200[0]?.message.en).toContain('between 22:00 and 08:00');
    expect(codes(visit(phoned(z.at0759)), late)).toEqual(['NOTICE_OUT_OF_HOURS']);
    expect(noticeProblem(new Date(z.at0759), new Date(z.start), late)).toBe('outOfHours');
  });

  it('does not count the three notices that counted before: days ahead, 23:30, an hour before', () => {
    // A phone notice dated days after now, as an old typing slip left it.
    expect(codes(visit(phoned(z.daysAhead)), late)).toEqual(['NOTICE_TOO_LATE']);
    expect(codes(visit(phoned(z.at2330)), late)).toEqual(['NOTICE_OUT_OF_HOURS']);
    expect(codes(visit(phoned(z.hourBefore)), late)).toEqual(['NOTICE_TOO_LATE']);
  });

  it('a notice given now counts; one dated a minute after now does not', () => {
    const now = ctx(z.zone, z.exactly24h);
    expect(noticeProblem(new Date(z.exactly24h), new Date(z.start), now)).toBeNull();
    const minuteLater = new Date(new Date(z.exactly24h).getTime() + 60_000);
    expect(noticeProblem(minuteLater, new Date(z.start), now)).toBe('future');
  });

  it('lets a plan stand on a notice that does not count while a valid one can still be given', () => {
    // Phoned at 23:30 on 8 March, judged at 23:40: 08:00 on the 9th is still a day ahead.
    const same = new Date(new Date(z.at2330).getTime() + 10 * 60_000).toISOString();
    expect(codes(visit(phoned(z.at2330)), ctx(z.zone, same))).toEqual([]);
    // No notice, and there is still time to give one.
    expect(codes(visit({ status: 'none', at: null }), ctx(z.zone, z.at2159))).toEqual([]);
  });

  it('blocks a plan with no notice once no lawful hour is left before the deadline', () => {
    // Visit 10 March 08:00 with a 25-hour notice period: the last moment is 9 March 07:00,
    // inside the night; at 23:00 on the 8th (33 hours ahead) no lawful time remains.
    const early = visit({ status: 'none', at: null }, { start: '08:00', end: '09:00' });
    const rules = { noticeMinHours: 25 };
    const at2300 = new Date(new Date(z.at2200).getTime() + 3_600_000).toISOString();
    expect(codes(early, ctx(z.zone, at2300, rules))).toEqual(['NOTICE_TOO_LATE']);
    // With 24 hours the last moment is 08:00 on the 9th: lawful, so the plan stands.
    expect(codes(early, ctx(z.zone, at2300))).toEqual([]);
  });
});

describe('the next lawful moment to contact a borrower', () => {
  it('is now by day, 08:00 the same morning before it, 08:00 the next day after 22:00', () => {
    const zone = 'Asia/Shanghai';
    // 21:59 local = 13:59Z: now.
    expect(nextLawfulContact(new Date('2026-03-08T13:59:00Z'), zone).toISOString()).toBe(
      '2026-03-08T13:59:00.000Z',
    );
    // 22:00 local on the 8th: 08:00 local on the 9th = 00:00Z on the 9th.
    expect(nextLawfulContact(new Date('2026-03-08T14:00:00Z'), zone).toISOString()).toBe(
      '2026-03-09T00:00:00.000Z',
    );
    // 07:59 local on the 8th (23:59Z on the 7th): 08:00 local on the 8th.
    expect(nextLawfulContact(new Date('2026-03-07T23:59:00Z'), zone).toISOString()).toBe(
      '2026-03-08T00:00:00.000Z',
    );
  });
});
