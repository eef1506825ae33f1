import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../electron/shared/contract';
import { openAuditText } from '../support/audit';
import {
  addAccount,
  expectError,
  expectOk,
  MANAGER,
  signedInCore,
  switchTo,
} from '../support/core';
import { borrower } from './support';

/**
 * Contacts logged on a case (issue 15, DOMAIN.md): no call, text or visit between 22:00 and
 * 08:00 branch time; at most 3 calls and texts per borrower per branch day (a branch setting,
 * never above 3); a borrower-initiated contact is not counted and may be out of hours, but where
 * an outbound one would be refused only a manager records it, marked and audited.
 *
 * Times are written in UTC with the branch's wall clock beside them, worked out by hand
 * (Beijing = UTC+8). The clock stands at 23:10 UTC, when UTC's date is a day behind Beijing's.
 */

/** 2026-11-25 23:10 UTC = 2026-11-26 07:10 in Beijing. */
const NOW = new Date('2026-11-25T23:10:00.000Z');

async function branch(zone = 'Asia/Shanghai') {
  const clock = { now: NOW };
  const core = await signedInCore({ now: () => clock.now });
  const borrowerId = expectOk(await core.invoke('cases:create', borrower())).id;
  if (zone !== 'Asia/Shanghai') {
    core.app.db.prepare('UPDATE branch SET time_zone = ?').run(zone);
  }
  const officer = addAccount(core, {
    username: 'li.ming',
    role: 'officer',
    name: '李明',
    staffNo: 'C101',
  });
  const log = (at: string, extra: Partial<ChannelInput<'cases:addContactEvent'>> = {}) =>
    core.invoke('cases:addContactEvent', {
      borrowerId,
      at,
      kind: 'call',
      outcome: 'no_answer',
      ...extra,
    });
  return { core, clock, borrowerId, officer, log };
}

/** The newest contact's audit row, unsealed (rows about a borrower are sealed). */
function lastContactAudit(core: Awaited<ReturnType<typeof branch>>['core']): unknown {
  const row = core.app.db
    .prepare(
      "SELECT after FROM audit_log WHERE action = 'case.addContactEvent' ORDER BY id DESC LIMIT 1",
    )
    .get() as { after: string };
  return JSON.parse(openAuditText(core.app.db, row.after)!);
}

type Refusal = {
  violations: { code: string; params: Record<string, string | number> }[];
  managerOnly: boolean;
  reason: { zh: string; en: string };
};
const refusalOf = (error: { details?: Record<string, unknown> }) =>
  error.details as unknown as Refusal;

describe('contact hours (branch time)', () => {
  it('accepts a call at 21:59 and refuses one at 22:00, with the reason in both languages', async () => {
    const { log } = await branch();
    // 21:59 on 2026-11-20 in Beijing.
    expectOk(await log('2026-11-20T13:59:00.000Z'));
    // 22:00 on 2026-11-20 in Beijing.
    const refused = expectError(await log('2026-11-20T14:00:00.000Z'), 'RULE_VIOLATION');
    expect(refused.fields).toEqual({ at: 'v.contact.outOfHours' });
    const details = refusalOf(refused);
    expect(details.managerOnly).toBe(false);
    expect(details.violations).toEqual([
      expect.objectContaining({
        code: 'CONTACT_OUT_OF_HOURS',
        params: { date: '2026-11-20', time: '22:00' },
      }),
    ]);
    expect(details.reason.zh).toBe(
      '2026-11-20 22:00 在 22:00–08:00 之间（网点时间），此时段不得联系借款人',
    );
    expect(details.reason.en).toBe(
      '2026-11-20 22:00 is between 22:00 and 08:00 (branch time), when no collection contact may be made',
    );
    expect(refused.message).toBe(details.reason.en);
  });

  it('refuses a text at 07:59 and accepts one at 08:00', async () => {
    const { log } = await branch();
    // 07:59 on 2026-11-21 in Beijing is 23:59 UTC on the 20th.
    const early = expectError(
      await log('2026-11-20T23:59:00.000Z', { kind: 'sms', outcome: 'delivered' }),
      'RULE_VIOLATION',
    );
    expect(refusalOf(early).violations[0]!.params).toEqual({ date: '2026-11-21', time: '07:59' });
    // 08:00 on 2026-11-21 in Beijing.
    expectOk(await log('2026-11-21T00:00:00.000Z', { kind: 'sms', outcome: 'delivered' }));
  });

  it('refuses a visit logged by hand at 22:00 but takes a letter posted at 23:00', async () => {
    const { core, borrowerId, log } = await branch();
    expectError(
      await log('2026-11-20T14:00:00.000Z', { kind: 'visit', outcome: 'reached' }),
      'RULE_VIOLATION',
    );
    // A letter is posted, not made at an hour: 23:00 in Beijing.
    expectOk(await log('2026-11-20T15:00:00.000Z', { kind: 'letter', outcome: 'delivered' }));
    const page = expectOk(await core.invoke('cases:get', { borrowerId }));
    expect(page.timeline.filter((e) => e.type === 'contact').map((e) => e.at)).toEqual([
      '2026-11-20T15:00:00.000Z',
    ]);
  });

  it('uses the branch time zone, not Beijing, for a branch set to UTC', async () => {
    const { log } = await branch('UTC');
    // 21:59 UTC (05:59 the next morning in Beijing): lawful in this branch.
    expectOk(await log('2026-11-20T21:59:00.000Z'));
    expectError(await log('2026-11-20T22:00:00.000Z'), 'RULE_VIOLATION');
    expectError(await log('2026-11-21T07:59:00.000Z'), 'RULE_VIOLATION');
    expectOk(await log('2026-11-21T08:00:00.000Z'));
  });
});

describe('the daily limit of calls and texts', () => {
  it('takes the 3rd call or text of a branch day and refuses the 4th', async () => {
    const { log } = await branch();
    // 2026-11-21 in Beijing: 08:00, 12:00 (a text), 21:59.
    expectOk(await log('2026-11-21T00:00:00.000Z'));
    expectOk(await log('2026-11-21T04:00:00.000Z', { kind: 'sms', outcome: 'delivered' }));
    expectOk(await log('2026-11-21T13:59:00.000Z'));
    // 21:30 the same day: the 4th.
    const refused = expectError(await log('2026-11-21T13:30:00.000Z'), 'RULE_VIOLATION');
    expect(refused.fields).toEqual({ at: 'v.contact.dailyLimit' });
    const details = refusalOf(refused);
    expect(details.violations).toEqual([
      expect.objectContaining({
        code: 'CONTACT_DAILY_LIMIT',
        params: { date: '2026-11-21', count: 3, max: 3 },
      }),
    ]);
    expect(details.reason.zh).toBe(
      '该案件 2026-11-21 已有 3 次电话或短信联系，每位借款人每天最多 3 次',
    );
    expect(details.reason.en).toBe(
      'This case already has 3 calls or texts on 2026-11-21; at most 3 per borrower a day',
    );
    // 08:00 the next day in Beijing: a new branch day.
    expectOk(await log('2026-11-22T00:00:00.000Z'));
  });

  it('counts the day from midnight in a branch whose lawful hours straddle UTC midnight', async () => {
    // Tokyo is UTC+9: 08:00 on the 21st there is 23:00 UTC on the 20th.
    const { log } = await branch('Asia/Tokyo');
    expectOk(await log('2026-11-20T23:00:00.000Z'));
    expectOk(await log('2026-11-21T03:00:00.000Z'));
    expectOk(await log('2026-11-21T04:00:00.000Z'));
    // 14:00 on the 21st in Tokyo: the 4th of that day, though only the 3rd of UTC's 21st.
    const refused = expectError(await log('2026-11-21T05:00:00.000Z'), 'RULE_VIOLATION');
    expect(refusalOf(refused).violations[0]!.params).toEqual({
      date: '2026-11-21',
      count: 3,
      max: 3,
    });
  });

  it('does not count visits, letters or contacts the borrower initiated', async () => {
    const { log } = await branch();
    // 2026-11-21 in Beijing, 09:00–13:00.
    expectOk(await log('2026-11-21T01:00:00.000Z', { kind: 'visit', outcome: 'reached' }));
    expectOk(await log('2026-11-21T01:30:00.000Z', { kind: 'letter', outcome: 'delivered' }));
    expectOk(await log('2026-11-21T02:00:00.000Z', { direction: 'inbound', outcome: 'reached' }));
    expectOk(await log('2026-11-21T03:00:00.000Z'));
    expectOk(await log('2026-11-21T04:00:00.000Z'));
    expectOk(await log('2026-11-21T05:00:00.000Z'));
    expectError(await log('2026-11-21T05:30:00.000Z'), 'RULE_VIOLATION');
  });

  it('counts calls to a guarantor on the case too', async () => {
    const { core, borrowerId, log } = await branch();
    const guarantor = expectOk(
      await core.invoke('cases:addContact', {
        borrowerId,
        name: '陈建国',
        relation: 'other',
        phone: '13900001111',
        isGuarantor: true,
      }),
    ).id;
    expectOk(await log('2026-11-21T01:00:00.000Z', { contactId: guarantor }));
    expectOk(await log('2026-11-21T02:00:00.000Z'));
    expectOk(await log('2026-11-21T03:00:00.000Z'));
    expectError(await log('2026-11-21T04:00:00.000Z'), 'RULE_VIOLATION');
  });

  it("follows the branch's lower limit, and refuses a setting above the legal 3", async () => {
    const { core, log } = await branch();
    const rules = expectOk(await core.invoke('planning:rules', {}));
    expect(rules.maxContactsPerDay).toBe(3);
    const above = expectError(
      await core.invoke('planning:updateRules', { ...rules, maxContactsPerDay: 4 }),
      'VALIDATION',
    );
    expect(above.fields).toEqual({ maxContactsPerDay: 'v.contactsPerDay' });
    expectError(
      await core.invoke('planning:updateRules', { ...rules, maxContactsPerDay: 0 }),
      'VALIDATION',
    );
    expectOk(await core.invoke('planning:updateRules', { ...rules, maxContactsPerDay: 2 }));
    expectOk(await log('2026-11-21T01:00:00.000Z'));
    expectOk(await log('2026-11-21T02:00:00.000Z'));
    const refused = expectError(await log('2026-11-21T03:00:00.000Z'), 'RULE_VIOLATION');
    expect(refusalOf(refused).violations[0]!.params).toEqual({
      date: '2026-11-21',
      count: 2,
      max: 2,
    });
  });
});

describe('contacts the borrower initiated', () => {
  it('lets an officer record one in hours and under the limit, uncounted', async () => {
    const { core, officer, log } = await branch();
    await switchTo(core, officer);
    // 10:00 in Beijing: the borrower rang back.
    expectOk(await log('2026-11-21T02:00:00.000Z', { direction: 'inbound', outcome: 'reached' }));
    expectOk(await log('2026-11-21T03:00:00.000Z'));
    expectOk(await log('2026-11-21T04:00:00.000Z'));
    expectOk(await log('2026-11-21T05:00:00.000Z'));
  });

  it("leaves one at 23:00 or past the day's limit to the manager", async () => {
    const { core, officer, log } = await branch();
    await switchTo(core, officer);
    // 23:00 in Beijing.
    const late = expectError(
      await log('2026-11-20T15:00:00.000Z', { direction: 'inbound', outcome: 'reached' }),
      'RULE_VIOLATION',
    );
    expect(late.fields).toEqual({
      direction: 'v.contact.managerOnly',
      at: 'v.contact.outOfHours',
    });
    expect(refusalOf(late).managerOnly).toBe(true);
    expect(refusalOf(late).reason.zh).toBe(
      '2026-11-20 23:00 在 22:00–08:00 之间（网点时间），此时段不得联系借款人；借款人主动联系的，在此时可由经理登记（不计入次数，会标记并记入审计日志）',
    );
    for (const at of ['2026-11-21T01:00:00.000Z', '2026-11-21T02:00:00.000Z']) {
      expectOk(await log(at));
    }
    expectOk(await log('2026-11-21T03:00:00.000Z', { kind: 'sms', outcome: 'delivered' }));
    const full = expectError(
      await log('2026-11-21T04:00:00.000Z', { direction: 'inbound', outcome: 'reached' }),
      'RULE_VIOLATION',
    );
    expect(full.fields).toEqual({
      direction: 'v.contact.managerOnly',
      at: 'v.contact.dailyLimit',
    });
  });

  it('lets the manager record one at 23:00, marked on the case and in the audit log', async () => {
    const { core, borrowerId, log } = await branch();
    // 23:00 on 2026-11-20 in Beijing.
    const { id } = expectOk(
      await log('2026-11-20T15:00:00.000Z', {
        direction: 'inbound',
        outcome: 'reached',
        note: '借款人晚上主动来电说明情况',
      }),
    );
    const page = expectOk(await core.invoke('cases:get', { borrowerId }));
    const entry = page.timeline.find((e) => e.type === 'contact' && e.id === id);
    expect(entry).toMatchObject({ direction: 'inbound', staffName: '王建国' });
    expect(lastContactAudit(core)).toEqual({
      eventId: id,
      kind: 'call',
      direction: 'inbound',
      outcome: 'reached',
      at: '2026-11-20T15:00:00.000Z',
      borrowerInitiated: true,
      exemptFrom: ['CONTACT_OUT_OF_HOURS'],
    });
  });

  it("lets the manager record one past the day's limit; an outbound one stays refused", async () => {
    const { core, log } = await branch();
    for (const at of [
      '2026-11-21T01:00:00.000Z',
      '2026-11-21T02:00:00.000Z',
      '2026-11-21T03:00:00.000Z',
    ]) {
      expectOk(await log(at));
    }
    expectError(await log('2026-11-21T04:00:00.000Z'), 'RULE_VIOLATION');
    expectOk(await log('2026-11-21T04:00:00.000Z', { direction: 'inbound', outcome: 'reached' }));
    expect(lastContactAudit(core)).toMatchObject({
      direction: 'inbound',
      borrowerInitiated: true,
      exemptFrom: ['CONTACT_DAILY_LIMIT'],
    });
    // 22:00 outbound: the manager too is refused.
    expectError(await log('2026-11-21T14:00:00.000Z'), 'RULE_VIOLATION');
  });
});

describe('contact times and who may log them', () => {
  it('accepts a contact at this very minute and refuses one a minute ahead', async () => {
    const { clock, log } = await branch();
    // 11:00 on 2026-11-21 in Beijing.
    clock.now = new Date('2026-11-21T03:00:00.000Z');
    expectOk(await log('2026-11-21T03:00:00.000Z'));
    const ahead = expectError(await log('2026-11-21T03:01:00.000Z'), 'VALIDATION');
    expect(ahead.fields).toEqual({ at: 'v.case.future' });
    // In the future and out of hours: refused as in the future.
    const night = expectError(await log('2026-11-21T15:00:00.000Z'), 'VALIDATION');
    expect(night.fields).toEqual({ at: 'v.case.future' });
  });

  it('refuses an auditor and anyone signed out, and writes nothing', async () => {
    const { core, log } = await branch();
    const auditor = addAccount(core, { username: 'sun.hui', role: 'auditor' });
    await switchTo(core, auditor);
    expectError(await log('2026-11-21T02:00:00.000Z'), 'FORBIDDEN');
    core.app.lock('signOut');
    expectError(await log('2026-11-21T02:00:00.000Z'), 'UNAUTHENTICATED');
    await switchTo(core, MANAGER);
    const count = core.app.db.prepare('SELECT count(*) AS n FROM contact_events').get() as {
      n: number;
    };
    expect(count.n).toBe(0);
  });

  it('writes nothing for a refused contact', async () => {
    const { core, log } = await branch();
    expectError(await log('2026-11-20T14:30:00.000Z'), 'RULE_VIOLATION');
    const rows = core.app.db
      .prepare(
        "SELECT (SELECT count(*) FROM contact_events) AS events, (SELECT count(*) FROM audit_log WHERE action = 'case.addContactEvent') AS audits",
      )
      .get();
    expect(rows).toEqual({ events: 0, audits: 0 });
  });
});
