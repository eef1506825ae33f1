import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { staffAccountOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { insertVisitOn, outcomeOn, recordOn, recordsCoreOn } from './desk-records';

/**
 * The monthly summary counts the visits whose record broke a rule (issue 15), for the branch
 * and per officer (the staff planned on the visit, like every visit figure), by the latest
 * correction. Worked by hand below; the clock is 20 May 2026, 10:00 in Shanghai. On both engines
 * (issue 19): staff made through the dispatcher, the visits and their notice written through
 * the app's engine.
 */
describe.each(engineKinds)('visit records breaking a rule in the monthly summary on %s', (kind) => {
  it('counts them for May, branch and per officer; a corrected record no longer counts', async () => {
    const core = await recordsCoreOn(kind);
    const { officer, partner } = core;
    const sun = await staffAccountOn(core, {
      username: 'sun.wei',
      role: 'officer',
      name: '孙伟',
      staffNo: 'C103',
    });
    for (const staffId of [officer.staffId, partner.staffId, sun.staffId]) {
      expectOk(
        await core.invoke('staff:addCertificate', {
          staffId,
          kind: 'training',
          number: `PX-${staffId}`,
          issuedOn: '2025-01-01',
          expiresOn: '2027-12-31',
        }),
      );
    }
    const engine = core.app.engine;
    const visit = async (date: string, staffIds: number[]) => {
      const id = await insertVisitOn(engine, { borrowerId: core.borrowerId, date, staffIds });
      // Announced on 1 May 10:00 Shanghai: a notice that counts for every visit below.
      await engine.db
        .updateTable('visits')
        .set({ notice_status: 'printed', notice_at: '2026-05-01T02:00:00.000Z' })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const pair = [officer.staffId, partner.staffId];
    const other = [partner.staffId, sun.staffId];
    // v1 (李明, 赵强): kept every rule.            → 0
    // v2 (李明, 赵强): 07:30 start.                → 1 for the branch, 李明 and 赵强
    // v3 (赵强, 孙伟): 孙伟 alone went.            → 1 for the branch, 赵强 and 孙伟
    // v4 (李明, 赵强): 20:30 end, then corrected. → 0
    // v5 in April (李明, 赵强): 21:00–21:30.        → not May
    const v1 = await visit('2026-05-04', pair);
    const v2 = await visit('2026-05-05', pair);
    const v3 = await visit('2026-05-06', other);
    const v4 = await visit('2026-05-07', pair);
    const v5 = await visit('2026-04-28', pair);
    await recordOn(core, outcomeOn(core, v1, { date: '2026-05-04' }));
    await recordOn(core, outcomeOn(core, v2, { date: '2026-05-05', start: '07:30', end: '08:20' }));
    await recordOn(core, outcomeOn(core, v3, { date: '2026-05-06', staffIds: [sun.staffId] }));
    const late = await recordOn(
      core,
      outcomeOn(core, v4, { date: '2026-05-07', start: '19:40', end: '20:30' }),
    );
    expect(late.effective.violations?.map((v) => v.code)).toEqual(['OUTSIDE_BRANCH_HOURS']);
    expectOk(
      await core.invoke('records:amend', {
        ...outcomeOn(core, v4, { date: '2026-05-07', start: '18:40', end: '19:30' }),
        recordId: late.effective.id,
        reason: '时间记错了一小时',
      }),
    );
    await recordOn(core, outcomeOn(core, v5, { date: '2026-04-28', start: '21:00', end: '21:30' }));

    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-05' }));
    const may = summary.figures;
    expect(may.branch.recordsWithViolations).toBe(2);
    const byOfficer = Object.fromEntries(
      may.officers.map((o) => [o.staffNo, o.figures.recordsWithViolations]),
    );
    expect(byOfficer).toEqual({ C101: 1, C102: 2, C103: 1 });
    const april = expectOk(await core.invoke('reports:summary', { month: '2026-04' })).figures;
    expect(april.branch.recordsWithViolations).toBe(1);

    const list = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-05', figure: 'recordsWithViolations' }),
    );
    expect(list.rows.map((r) => r.id)).toEqual([v2, v3]);
    const sunsList = expectOk(
      await core.invoke('reports:drilldown', {
        month: '2026-05',
        figure: 'recordsWithViolations',
        officerId: sun.staffId,
      }),
    );
    expect(sunsList.rows.map((r) => r.id)).toEqual([v3]);
    const definition = summary.definitions.find((d) => d.key === 'recordsWithViolations');
    expect(definition?.label).toEqual({
      zh: '违反规则的走访记录',
      en: 'Visit records breaking a rule',
    });
  });
});
