import { describe, expect, it } from 'vitest';
import { elderlyBornBy, elderlyOn } from '../../../electron/core/planning/elderly';
import { ageOn } from '../../../electron/shared/idcard';
import { defaultPlanningRules } from '../../../electron/shared/compliance';
import { openAuditText } from '../support/audit';
import { expectError, expectOk, MANAGER, switchTo } from '../support/core';
import {
  certifiedStaff,
  codesOf,
  count,
  planningCore,
  seedBorrower,
  signInAs,
  violationsOf,
  type Core,
} from './support';

/**
 * Elderly borrowers from the birth date in their resident ID (issue 15): 60 and over by
 * default, at the visit's date; a branch setting; a manager may clear the flag with a reason.
 * The clock is Monday 2 March 2026, 08:00 in Shanghai.
 */

describe('age from the birth date', () => {
  it('turns 60 on the 60th birthday, not the day before', () => {
    expect(ageOn('1966-03-10', '2026-03-09')).toBe(59);
    expect(ageOn('1966-03-10', '2026-03-10')).toBe(60);
    expect(elderlyOn('1966-03-10', '2026-03-09', 60)).toBe(false);
    expect(elderlyOn('1966-03-10', '2026-03-10', 60)).toBe(true);
  });

  it('someone born on 29 February turns a year older on 1 March in other years', () => {
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1964-02-29', '2025-02-28')).toBe(60);
    expect(ageOn('1964-02-29', '2025-03-01')).toBe(61);
    expect(elderlyOn('1964-02-29', '2025-02-28', 61)).toBe(false);
    expect(elderlyOn('1964-02-29', '2025-03-01', 61)).toBe(true);
    expect(elderlyBornBy('2028-02-29', 61)).toBe('1967-02-29');
    // Born 28 February 1967: 61 on 29 February 2028; born 1 March 1967: not yet.
    expect(elderlyOn('1967-02-28', '2028-02-29', 61)).toBe(true);
    expect(elderlyOn('1967-03-01', '2028-02-29', 61)).toBe(false);
  });

  it('is a branch setting, 60 by default', () => {
    expect(defaultPlanningRules.elderlyAge).toBe(60);
  });
});

async function pair(core: Core) {
  return [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
}

const draft = (borrowerId: number, staffIds: number[], extra: Record<string, unknown> = {}) => ({
  borrowerId,
  staffIds,
  date: '2026-03-10',
  start: '09:00',
  end: '10:00',
  purpose: 'negotiation',
  ...extra,
});

describe('an elderly borrower is vulnerable from the ID alone', () => {
  it('the day before the 60th birthday needs no approval; on the birthday the visit waits for the manager', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core, { birthDate: '1966-03-10' });
    await signInAs(core, 'officer', 'liqiang');
    const before = expectOk(
      await core.invoke('planning:check', draft(borrowerId, staff, { date: '2026-03-09' })),
    );
    expect(before).toMatchObject({ violations: [], needsApproval: false, vulnerable: [] });
    const onTheDay = expectOk(await core.invoke('planning:check', draft(borrowerId, staff)));
    expect(onTheDay).toMatchObject({ needsApproval: true, vulnerable: ['elderly'] });
    expect(onTheDay.violations.map((v) => [v.code, v.message.zh])).toEqual([
      ['VULNERABLE_NEEDS_APPROVAL', '借款人属于特殊群体（高龄（60 岁）），走访前须经经理批准'],
    ]);
    const visit = expectOk(await core.invoke('planning:planVisit', draft(borrowerId, staff)));
    expect(visit.approval).toMatchObject({ needed: true, at: null });
  });

  it('follows the branch setting: 65 and over', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core, { birthDate: '1961-03-10' });
    const rules = expectOk(await core.invoke('planning:rules', {}));
    expectOk(await core.invoke('planning:updateRules', { ...rules, elderlyAge: 65 }));
    await signInAs(core, 'officer', 'liqiang');
    const at64 = expectOk(
      await core.invoke('planning:check', draft(borrowerId, staff, { date: '2026-03-09' })),
    );
    expect(at64.vulnerable).toEqual([]);
    const at65 = expectOk(await core.invoke('planning:check', draft(borrowerId, staff)));
    expect(at65.vulnerable).toEqual(['elderly']);
    await switchTo(core, MANAGER);
    const refused = expectError(
      await core.invoke('planning:updateRules', { ...rules, elderlyAge: 81 }),
      'VALIDATION',
    );
    expect(Object.values(refused.fields ?? {})).toContain('v.elderlyAge');
  });
});

describe('a vulnerable borrower’s plan favours a repayment arrangement', () => {
  it('a reminder without a reason is refused for the field, even to a manager; with one it stands', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core, { birthDate: '1950-05-01' });
    const reminder = draft(borrowerId, staff, { purpose: 'reminder' });
    const refused = await core.invoke('planning:planVisit', {
      ...reminder,
      override: { reason: '经理批准，照常提醒还款' },
    });
    expect(codesOf(refused)).toEqual(['VULNERABLE_NEEDS_APPROVAL', 'VULNERABLE_PURPOSE']);
    const error = expectError(refused, 'RULE_VIOLATION');
    expect(error.fields).toEqual({ purposeReason: 'v.purposeReason' });
    expect(error.details).toMatchObject({ canOverride: false });
    expect(violationsOf(refused)[1]?.message.en).toContain('(elderly (75))');
    const check = expectOk(await core.invoke('planning:check', reminder));
    expect(check.canOverride).toBe(false);

    const reason = '借款人要求当面核对已还款项，并非催收';
    const planned = expectOk(
      await core.invoke('planning:planVisit', { ...reminder, purposeReason: reason }),
    );
    expect(planned).toMatchObject({ purpose: 'reminder', purposeReason: reason });
  });

  it('negotiation and a repayment plan need no reason', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core, { birthDate: '1950-05-01' });
    for (const purpose of ['negotiation', 'repayment_plan']) {
      const check = expectOk(
        await core.invoke('planning:check', draft(borrowerId, staff, { purpose })),
      );
      expect(check.violations.map((v) => v.code)).toEqual(['VULNERABLE_NEEDS_APPROVAL']);
    }
  });
});

describe('the manager clears or restores the elderly flag, with a reason, audited', () => {
  it('only the manager; a reason of at least 4 characters; the flag and the approval go, and come back', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core, { birthDate: '1962-07-01' });
    expect(expectOk(await core.invoke('planning:elderly', { borrowerId }))).toEqual({
      borrowerId,
      birthDate: '1962-07-01',
      age: 63,
      threshold: 60,
      byBirthDate: true,
      byHand: false,
      cleared: null,
      flagged: true,
    });
    const reason = '仍在经营家庭商店，本人要求按一般客户对待';
    await signInAs(core, 'officer', 'liqiang');
    expectError(await core.invoke('planning:clearElderly', { borrowerId, reason }), 'FORBIDDEN');
    await switchTo(core, MANAGER);
    const manager = core.app.session!.staffId;
    const short = expectError(
      await core.invoke('planning:clearElderly', { borrowerId, reason: '本人' }),
      'VALIDATION',
    );
    expect(short.fields).toEqual({ reason: 'v.elderlyReason' });
    const cleared = expectOk(await core.invoke('planning:clearElderly', { borrowerId, reason }));
    expect(cleared).toMatchObject({
      byBirthDate: true,
      flagged: false,
      cleared: { reason, by: manager, at: '2026-03-02T00:00:00.000Z' },
    });
    const audit = core.app.db
      .prepare(
        "SELECT after, subject_id AS subject FROM audit_log WHERE action = 'borrower.elderlyClear' AND entity_id = ?",
      )
      .get(String(borrowerId)) as { after: string; subject: number };
    expect(audit.subject).toBe(borrowerId);
    expect(JSON.parse(openAuditText(core.app.db, audit.after)!)).toMatchObject({
      flagged: false,
      cleared: { reason },
    });
    const check = expectOk(await core.invoke('planning:check', draft(borrowerId, staff)));
    expect(check).toMatchObject({ violations: [], vulnerable: [] });

    const restored = expectOk(await core.invoke('planning:restoreElderly', { borrowerId }));
    expect(restored).toMatchObject({ flagged: true, cleared: null });
    expect(
      count(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'borrower.elderlyRestore'"),
    ).toBe(1);
    const again = expectOk(await core.invoke('planning:check', draft(borrowerId, staff)));
    expect(again.vulnerable).toEqual(['elderly']);
  });

  it('clearing also unticks the elderly box set by hand; a borrower not flagged cannot be cleared', async () => {
    const core = await planningCore();
    const byHand = seedBorrower(core, { birthDate: '1970-01-01', elderly: true });
    const cleared = expectOk(
      await core.invoke('planning:clearElderly', {
        borrowerId: byHand.borrowerId,
        reason: '误勾选，借款人 56 岁',
      }),
    );
    expect(cleared).toMatchObject({ byHand: false, byBirthDate: false, flagged: false });
    expect(
      count(
        core,
        'SELECT count(*) AS n FROM borrowers WHERE id = ? AND vulnerable_elderly = 0',
        byHand.borrowerId,
      ),
    ).toBe(1);
    const young = seedBorrower(core, { birthDate: '1985-01-01' });
    expectError(
      await core.invoke('planning:clearElderly', {
        borrowerId: young.borrowerId,
        reason: '不需要高龄标记',
      }),
      'CONFLICT',
    );
  });

  it('the worklist flags the borrower aged 60 today, and not once cleared', async () => {
    const core = await planningCore();
    // 60 on 1 March 2026, the day before the clock; the other turns 60 on 3 March.
    const sixty = seedBorrower(core, { name: '甲', birthDate: '1966-03-01' });
    seedBorrower(core, { name: '乙', birthDate: '1966-03-03' });
    const rows = expectOk(await core.invoke('planning:worklist', { limit: 10 }));
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['甲']?.vulnerable).toEqual(['elderly']);
    expect(byName['甲']?.flags.map((f) => f.en)).toEqual([
      'Vulnerable (elderly): the manager approves visits; favour a repayment arrangement',
    ]);
    expect(byName['乙']?.vulnerable).toEqual([]);
    expectOk(
      await core.invoke('planning:clearElderly', {
        borrowerId: sixty.borrowerId,
        reason: '本人仍在工作，要求按一般客户对待',
      }),
    );
    const after = expectOk(await core.invoke('planning:worklist', { limit: 10 }));
    expect(after.find((r) => r.name === '甲')?.vulnerable).toEqual([]);
  });
});
