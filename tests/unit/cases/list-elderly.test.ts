import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../electron/shared/contract';
import { expectOk, signedInCore } from '../support/core';
import { createCase, residentId } from './support';

/**
 * The case list's vulnerable filter and chips follow the planning rule (issue 15): a borrower is
 * elderly from the birth date in the resident ID at the branch's elderly age (60 by default),
 * on the list's date, unless a manager cleared it. 李秀兰 turns 60 on 15 June 2026.
 */

/** 'YYYY-MM-DD HH:MM' in Shanghai. */
const local = (dateTime: string) => new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);

async function branch() {
  const clock = { now: local('2026-06-14 10:00') };
  const core = await signedInCore({ now: () => clock.now });
  const at = (dateTime: string) => {
    clock.now = local(dateTime);
    core.app.touch();
  };
  const turning60 = await createCase(core, {
    name: '李秀兰',
    idNumber: residentId('1966-06-15', 102),
  });
  const old = await createCase(core, { name: '周德明', idNumber: residentId('1950-03-01', 111) });
  const young = await createCase(core, { name: '陈晓燕', idNumber: residentId('1985-09-09', 122) });
  const ill = await createCase(core, { name: '吴国强', idNumber: residentId('1980-01-01', 131) });
  expectOk(
    await core.invoke('cases:update', {
      id: ill,
      name: '吴国强',
      township: '东源镇',
      village: '红光村',
      status: 'active',
      vulnerable: { elderly: false, ill: true, disabled: false, disaster: false },
    }),
  );
  return { core, at, ids: { turning60, old, young, ill } };
}

type Core = Awaited<ReturnType<typeof branch>>['core'];

async function list(core: Core, input: ChannelInput<'cases:list'> = {}) {
  return expectOk(await core.invoke('cases:list', { pageSize: 100, sort: 'name', ...input }));
}

/** Ids the filter keeps, and every row's chips, by name. */
async function seen(core: Core) {
  const chips = Object.fromEntries((await list(core)).rows.map((r) => [r.name, r.vulnerable]));
  const names = async (vulnerable: boolean) =>
    (await list(core, { vulnerable })).rows.map((r) => r.name).sort();
  return { chips, vulnerable: await names(true), other: await names(false) };
}

describe('the case list’s vulnerable filter and chips: elderly by the resident ID', () => {
  it('takes a borrower in on the day of the 60th birthday, not the day before', async () => {
    const { core, at } = await branch();
    // 14 June: 李秀兰 is 59.
    expect(await seen(core)).toEqual({
      chips: { 李秀兰: [], 周德明: ['elderly'], 陈晓燕: [], 吴国强: ['ill'] },
      vulnerable: ['吴国强', '周德明'].sort(),
      other: ['李秀兰', '陈晓燕'].sort(),
    });
    // 00:30 on 15 June in Shanghai is still 14 June in UTC: the branch's day decides.
    at('2026-06-15 00:30');
    expect(await seen(core)).toEqual({
      chips: { 李秀兰: ['elderly'], 周德明: ['elderly'], 陈晓燕: [], 吴国强: ['ill'] },
      vulnerable: ['吴国强', '周德明', '李秀兰'].sort(),
      other: ['陈晓燕'],
    });
  });

  it('agrees with planning: a manager’s clearance takes the borrower out, restoring puts them back', async () => {
    const { core, ids } = await branch();
    expectOk(
      await core.invoke('planning:clearElderly', {
        borrowerId: ids.old,
        reason: '本人仍经营家庭农场，要求按一般客户对待',
      }),
    );
    let now = await seen(core);
    expect(now.chips['周德明']).toEqual([]);
    expect(now.vulnerable).toEqual(['吴国强']);
    // What planning says of each borrower is what the list shows.
    for (const [id, name] of [
      [ids.turning60, '李秀兰'],
      [ids.old, '周德明'],
      [ids.young, '陈晓燕'],
    ] as const) {
      const status = expectOk(await core.invoke('planning:elderly', { borrowerId: id }));
      expect(now.vulnerable.includes(name), name).toBe(status.flagged);
    }
    expectOk(await core.invoke('planning:restoreElderly', { borrowerId: ids.old }));
    now = await seen(core);
    expect(now.chips['周德明']).toEqual(['elderly']);
    expect(now.vulnerable).toEqual(['吴国强', '周德明'].sort());
  });

  it('follows the branch’s elderly age', async () => {
    const { core, at } = await branch();
    at('2026-06-15 10:00');
    const rules = expectOk(await core.invoke('planning:rules', {}));
    expectOk(await core.invoke('planning:updateRules', { ...rules, elderlyAge: 65 }));
    const now = await seen(core);
    // At 65, 李秀兰 (60 today) is not elderly; 周德明 (76) still is.
    expect(now.chips['李秀兰']).toEqual([]);
    expect(now.vulnerable).toEqual(['吴国强', '周德明'].sort());
  });

  it('judges the age on the list’s own date when one is asked for', async () => {
    const { core } = await branch();
    const on = async (asOf: string) =>
      (await list(core, { vulnerable: true, asOf })).rows.map((r) => r.name).sort();
    expect(await on('2026-06-14')).toEqual(['吴国强', '周德明'].sort());
    expect(await on('2026-06-15')).toEqual(['吴国强', '周德明', '李秀兰'].sort());
  });
});

describe('the case page header: elderly by the resident ID, as the list shows it', () => {
  it('names 李秀兰 elderly from her 60th birthday, and 周德明 no longer once a manager cleared it', async () => {
    const { core, at, ids } = await branch();
    const header = async (id: number) =>
      expectOk(await core.invoke('cases:get', { borrowerId: id })).header.vulnerable;
    // 14 June: 59; 周德明 (born 1950) is elderly by the ID; 吴国强 ill by hand.
    expect(await header(ids.turning60)).toEqual([]);
    expect(await header(ids.old)).toEqual(['elderly']);
    expect(await header(ids.ill)).toEqual(['ill']);
    at('2026-06-15 00:30');
    expect(await header(ids.turning60)).toEqual(['elderly']);
    expectOk(
      await core.invoke('planning:clearElderly', {
        borrowerId: ids.old,
        reason: '本人仍经营家庭农场，要求按一般客户对待',
      }),
    );
    expect(await header(ids.old)).toEqual([]);
  });
});
