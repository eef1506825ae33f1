import { describe, expect, it } from 'vitest';
import { expectOk, MANAGER } from '../support/core';
import { complaintsBranch, insertVisit } from './support';

/**
 * Complaints in the monthly summary, branch and per officer: received in the month, closed in
 * the month, open at its end. The register below was worked out by hand (branch calendar,
 * Beijing):
 *
 *   A received 10-20, closed 11-03, names 李明 (C101)
 *   B received 11-01 (first day), open, about a visit of 李明 and 赵强 (C102)
 *   C received 11-30 (last day), closed 11-30, names nobody
 *   D received 10-31, closed 12-01 (after November), names 赵强
 *   G received 11-10, closed 11-20, names 赵强
 *   I received 11-12, open, names 李明
 *   J received 11-05, closed 11-06, names 李明
 *   E received 12-01, names 李明 (December)
 *
 * November, branch: received B C G I J = 5; closed A C G J = 4; open at the end B D I = 3.
 *   李明: received B I J = 3, closed A J = 2, open B I = 2.
 *   赵强: received B G = 2, closed G = 1, open B D = 2.
 * October, branch: received A D = 2, closed 0, open at the end A D = 2 (李明 A, 赵强 D: 1 each).
 */

async function registerMonth() {
  const b = await complaintsBranch();
  // 2026-12-01 23:10 UTC = 2026-12-02 07:10 in Beijing.
  b.clock.now = new Date('2026-12-01T23:10:00.000Z');
  await b.as(MANAGER);
  const li = b.officer.staffId;
  const zhao = b.partner.staffId;
  const visit = insertVisit(b.core.app.db, {
    borrowerId: b.borrowerId,
    date: '2026-10-28',
    staffIds: [li, zhao],
  });
  const ids: Record<string, number> = {};
  const add = async (name: string, receivedOn: string, extra: object, closedOn?: string) => {
    const { id } = expectOk(await b.register({ receivedOn, ...extra }));
    ids[name] = id;
    if (closedOn) {
      expectOk(
        await b.core.invoke('complaints:close', {
          id,
          closedOn,
          outcome: 'upheld',
          actionTaken: '已处理',
        }),
      );
    }
  };
  await add('A', '2026-10-20', { staffIds: [li] }, '2026-11-03');
  await add('B', '2026-11-01', { visitId: visit });
  await add('C', '2026-11-30', {}, '2026-11-30');
  await add('D', '2026-10-31', { staffIds: [zhao] }, '2026-12-01');
  await add('G', '2026-11-10', { staffIds: [zhao] }, '2026-11-20');
  await add('I', '2026-11-12', { staffIds: [li] });
  await add('J', '2026-11-05', { staffIds: [li] }, '2026-11-06');
  await add('E', '2026-12-01', { staffIds: [li] });
  return { ...b, ids };
}

const complaintFigures = (f: {
  complaintsReceived: number;
  complaintsClosed: number;
  complaintsOpen: number;
}) => [f.complaintsReceived, f.complaintsClosed, f.complaintsOpen];

describe('complaints in the monthly summary', () => {
  it('counts received, closed and open at the month end, for the branch and per officer', async () => {
    const b = await registerMonth();
    const november = expectOk(await b.core.invoke('reports:summary', { month: '2026-11' }));
    expect(complaintFigures(november.figures.branch)).toEqual([5, 4, 3]);
    expect(
      november.figures.officers.map((o) => [o.staffNo, ...complaintFigures(o.figures)]),
    ).toEqual([
      ['C101', 3, 2, 2],
      ['C102', 2, 1, 2],
    ]);
    const october = expectOk(await b.core.invoke('reports:summary', { month: '2026-10' }));
    expect(complaintFigures(october.figures.branch)).toEqual([2, 0, 2]);
    expect(
      october.figures.officers.map((o) => [o.staffNo, ...complaintFigures(o.figures)]),
    ).toEqual([
      ['C101', 1, 0, 1],
      ['C102', 1, 0, 1],
    ]);
    // Each figure is defined once, with the words the screen, workbook and print show.
    const received = november.definitions.find((d) => d.key === 'complaintsReceived');
    expect(received).toMatchObject({
      kind: 'count',
      drilldown: 'complaints',
      label: { zh: '收到投诉', en: 'Complaints received' },
    });
    expect(november.definitions.map((d) => d.key)).toEqual(
      expect.arrayContaining(['complaintsReceived', 'complaintsOpen', 'complaintsClosed']),
    );
  });

  it('lists the complaints behind a figure, for the branch or one officer', async () => {
    const b = await registerMonth();
    const list = async (figure: string, officerId?: number) =>
      expectOk(
        await b.core.invoke('reports:drilldown', {
          month: '2026-11',
          figure,
          ...(officerId ? { officerId } : {}),
        }),
      );
    const received = await list('complaintsReceived');
    expect(received.kind).toBe('complaints');
    expect(received.rows.map((r) => r.id)).toEqual(['B', 'J', 'G', 'I', 'C'].map((n) => b.ids[n]));
    expect(received.total).toBe(5);
    expect(received.rows[0]).toMatchObject({
      receivedOn: '2026-11-01',
      borrower: '张三',
      complainant: 'borrower',
      complaintChannel: 'phone',
      staff: '李明、赵强',
      closedOn: null,
      complaintOutcome: null,
    });
    expect((await list('complaintsClosed')).rows.map((r) => r.id)).toEqual(
      ['A', 'J', 'G', 'C'].map((n) => b.ids[n]),
    );
    expect((await list('complaintsOpen', b.partner.staffId)).rows.map((r) => r.id)).toEqual(
      ['D', 'B'].map((n) => b.ids[n]),
    );
  });

  it('keeps a closed month’s complaint figures frozen', async () => {
    const b = await registerMonth();
    expectOk(await b.core.invoke('reports:close', { month: '2026-11' }));
    // A complaint received in November but registered after the close.
    expectOk(await b.register({ receivedOn: '2026-11-25' }));
    const frozen = expectOk(await b.core.invoke('reports:summary', { month: '2026-11' }));
    expect(frozen.frozen).toBe(true);
    expect(complaintFigures(frozen.figures.branch)).toEqual([5, 4, 3]);
  });
});
