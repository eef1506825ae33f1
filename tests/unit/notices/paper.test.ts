import { describe, expect, it } from 'vitest';
import { inRouteOrder } from '../../../electron/core/planning/visit-read';
import { amountInCapitals } from '../../../electron/shared/money';
import { renderDocumentTemplate } from '../../../electron/shared/notice-catalogue';
import type { DocumentData, DocumentOf } from '../../../electron/shared/schemas/notices';
import { renderedText } from '../../../electron/shared/templates';
import { expectOk } from '../support/core';
import { noticesCore, seedBorrower, seedStaff, seedVisit, type Core } from './support';

function asKind<K extends DocumentData['kind']>(doc: DocumentData | undefined, kind: K) {
  if (doc?.kind !== kind) throw new Error(`expected a ${kind}, got ${doc?.kind}`);
  return doc as DocumentOf<K>;
}

const stop = (
  id: number,
  start: string,
  township: string,
  village: string,
  routeOrder: number | null = null,
) => ({
  id,
  start,
  routeOrder,
  township,
  village,
});

describe('one route order for screen, route sheet and notices', () => {
  it('orders by time, then groups by township and village in the order first reached', () => {
    const visits = [
      stop(1, '14:00', '石桥镇', '溪口村', 1),
      stop(2, '09:00', '石桥镇', '上坞村'),
      stop(3, '10:30', '东源镇', '东村'),
      stop(4, '11:30', '石桥镇', '溪口村'),
      stop(5, '09:30', '石桥镇', '上坞村'),
      stop(6, '11:30', '石桥镇', '溪口村', 2),
      stop(7, '11:30', '石桥镇', '溪口村', 1),
    ];
    // By time: 2 (09:00 上坞), 5 (09:30 上坞), 3 (10:30 东源), 7, 6, 4 (11:30 溪口: planned
    // order 1, 2, then unplanned), 1 (14:00 溪口). 石桥镇 is reached first: 上坞村 then 溪口村.
    expect(inRouteOrder(visits).map((v) => v.id)).toEqual([2, 5, 7, 6, 4, 1, 3]);
  });

  it('gives the day-route screen, the route sheet and the batch of notices the same order', async () => {
    const core = await noticesCore();
    const chen = seedStaff(core, 'A012', '陈志强');
    const liu = seedStaff(core, 'A015', '刘芳');
    const names = ['赵一', '钱二', '孙三', '李四', '周五'];
    const [a, b, c, d, e] = names.map((name) => seedBorrower(core, { name }));
    const db = core.app.db;
    const setPlace = (visitId: number, township: string, village: string) =>
      db
        .prepare('UPDATE visits SET township = ?, village = ? WHERE id = ?')
        .run(township, village, visitId);
    // Planned as a route (route_order 1, 2) and added later (no route_order), across villages.
    setPlace(
      seedVisit(core, a!, [chen, liu], { start: '15:00', end: '15:45', routeOrder: 1 }),
      '石桥镇',
      '溪口村',
    );
    setPlace(
      seedVisit(core, b!, [chen, liu], { start: '08:30', end: '09:15' }),
      '石桥镇',
      '上坞村',
    );
    setPlace(
      seedVisit(core, c!, [chen, liu], { start: '10:00', end: '10:45', routeOrder: 2 }),
      '东源镇',
      '东村',
    );
    setPlace(
      seedVisit(core, d!, [chen, liu], { start: '09:30', end: '10:00' }),
      '石桥镇',
      '溪口村',
    );
    setPlace(
      seedVisit(core, e!, [chen, liu], { start: '11:00', end: '11:45' }),
      '石桥镇',
      '上坞村',
    );
    // The screen: 08:30 上坞 钱二, 11:00 上坞 周五, 09:30 溪口 李四, 15:00 溪口 赵一, 10:00 东村 孙三.
    const expected = ['钱二', '周五', '李四', '赵一', '孙三'];

    const screen = expectOk(
      await core.invoke('planning:dayRoute', { date: '2025-03-07', staffIds: [chen, liu] }),
    );
    const onScreen = screen.townships.flatMap((t) =>
      t.villages.flatMap((v) => v.visits.map((visit) => visit.borrowerName)),
    );
    expect(onScreen).toEqual(expected);

    const printed = expectOk(
      await core.invoke('notices:print', {
        documents: [
          { kind: 'dayRouteSheet', date: '2025-03-07', staffId: chen },
          { kind: 'dayNotices', date: '2025-03-07', staffId: chen },
        ],
      }),
    );
    const [sheet, ...notices] = printed.documents;
    const route = asKind(sheet, 'dayRouteSheet').route;
    expect(route.stops.map((s) => [s.seq, s.borrowerName])).toEqual(
      expected.map((name, i) => [i + 1, name]),
    );
    expect(notices.map((n) => asKind(n, 'visitNotice').borrower.name)).toEqual(expected);
  });
});

describe('the visit notice itemises the overdue amount', () => {
  async function notice(core: Core) {
    const chen = seedStaff(core, 'A012', '陈志强');
    const liu = seedStaff(core, 'A015', '刘芳');
    const borrower = seedBorrower(core, {
      loans: [{ overduePrincipalFen: 1_100_000, interestFen: 98_567, overdueSince: '2024-11-21' }],
    });
    core.app.db
      .prepare('UPDATE loans SET penalty_fen = 36000 WHERE id = ?')
      .run(borrower.loanIds[0]);
    return { chen, liu, borrower, visitId: seedVisit(core, borrower, [chen, liu]) };
  }

  it('principal ¥11,000.00 + interest ¥985.67 + penalty ¥360.00 = ¥12,345.67', async () => {
    const core = await noticesCore();
    const { visitId } = await notice(core);
    const { documents } = expectOk(
      await core.invoke('notices:preview', { documents: [{ kind: 'visitNotice', visitId }] }),
    );
    const doc = asKind(documents[0], 'visitNotice');
    expect(doc.loans).toEqual([
      expect.objectContaining({
        overduePrincipalFen: 1_100_000,
        overdueInterestFen: 98_567,
        penaltyFen: 36_000,
        overdueFen: 1_234_567,
      }),
    ]);
    expect(amountInCapitals(1_100_000)).toBe('人民币壹万壹仟元整');
    expect(amountInCapitals(98_567)).toBe('人民币玖佰捌拾伍元陆角柒分');
    expect(amountInCapitals(36_000)).toBe('人民币叁佰陆拾元整');
    expect(amountInCapitals(1_234_567)).toBe('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(doc.borrower.address).toMatch(/^浙江省杭州市青山县石桥镇溪口村3 组 \d+ 号$/);
  });

  it('names each officer’s certificates valid on the visit day, not expired or later ones', async () => {
    const core = await noticesCore();
    const { chen, liu, visitId } = await notice(core);
    const cert = core.app.db.prepare(
      `INSERT INTO staff_certificates (staff_id, kind, number, issued_on, expires_on, created_at)
       VALUES (?, ?, ?, ?, ?, '2025-01-01T00:00:00Z')`,
    );
    cert.run(chen, 'training', 'PX-2024-0312', '2024-01-01', '2025-12-31');
    cert.run(chen, 'training', 'PX-2023-0100', '2023-01-01', '2025-03-06'); // expired the day before
    cert.run(liu, 'qualification', 'ZG-2025-0087', '2025-01-01', '2026-01-01');
    cert.run(liu, 'training', 'PX-2025-0400', '2025-03-08', '2026-03-08'); // issued after the visit
    const { documents } = expectOk(
      await core.invoke('notices:preview', { documents: [{ kind: 'visitNotice', visitId }] }),
    );
    expect(asKind(documents[0], 'visitNotice').visit.staff).toEqual([
      { name: '陈志强', staffNo: 'A012', certificateNos: ['PX-2024-0312'] },
      { name: '刘芳', staffNo: 'A015', certificateNos: ['ZG-2025-0087'] },
    ]);
  });
});

describe('the route sheet speaks the screen’s words', () => {
  it('carries the phone, the house number and the purpose as the screen names it', async () => {
    const core = await noticesCore();
    const chen = seedStaff(core, 'A012', '陈志强');
    const borrower = seedBorrower(core, { name: '王小梅' });
    core.app.db
      .prepare("UPDATE borrowers SET mobile = '13857112345' WHERE id = ?")
      .run(borrower.borrowerId);
    seedVisit(core, borrower, [chen]);
    for (const [lang, purpose] of [
      ['zh', '协商还款'],
      ['en', 'Negotiation'],
    ] as const) {
      const { documents } = expectOk(
        await core.invoke('notices:preview', {
          lang,
          documents: [{ kind: 'dayRouteSheet', date: '2025-03-07' }],
        }),
      );
      const [first] = asKind(documents[0], 'dayRouteSheet').route.stops;
      expect(first).toMatchObject({
        borrowerName: '王小梅',
        phone: '13857112345',
        township: '石桥镇',
        village: '溪口村',
        purpose,
      });
      expect(first!.address).toMatch(/^3 组 \d+ 号$/);
    }
  });
});

describe('the demand letter claims reminders only when the record has them', () => {
  const demand = async (core: Core, borrowerId: number) => {
    const { documents } = expectOk(
      await core.invoke('notices:preview', {
        documents: [{ kind: 'demandLetter', borrowerId }],
      }),
    );
    const doc = asKind(documents[0], 'demandLetter');
    return { doc, text: Object.values(renderDocumentTemplate(doc)).map(renderedText).join('\n') };
  };

  it('never contacted: "至今仍未归还"; after a call: "经我行提醒"; after a reminder letter too: "多次提醒"', async () => {
    const core = await noticesCore();
    const { borrowerId } = seedBorrower(core);
    const none = await demand(core, borrowerId);
    expect(none.doc.priorReminders).toBe(0);
    expect(none.text).toContain('已逾期 103 天，至今仍未归还。');
    expect(none.text).not.toContain('提醒');

    // An inbound call is the borrower's, not a reminder; an outbound one is.
    const event = core.app.db.prepare(
      `INSERT INTO contact_events (borrower_id, at, kind, direction, outcome, created_at)
       VALUES (?, ?, 'call', ?, 'reached', ?)`,
    );
    event.run(borrowerId, '2025-02-10T02:00:00.000Z', 'inbound', '2025-02-10T02:00:00.000Z');
    expect((await demand(core, borrowerId)).doc.priorReminders).toBe(0);
    event.run(borrowerId, '2025-02-11T02:00:00.000Z', 'outbound', '2025-02-11T02:00:00.000Z');
    const once = await demand(core, borrowerId);
    expect(once.doc.priorReminders).toBe(1);
    expect(once.text).toContain('已逾期 103 天，经我行提醒仍未归还。');

    expectOk(
      await core.invoke('notices:print', {
        documents: [{ kind: 'reminderLetter', borrowerId }],
      }),
    );
    const twice = await demand(core, borrowerId);
    expect(twice.doc.priorReminders).toBe(2);
    expect(twice.text).toContain('已逾期 103 天，经我行多次提醒仍未归还。');
  });
});
