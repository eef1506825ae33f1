import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/core/audit/chain';
import type { RemoteDesk } from '../../../electron/core/remote/desk';
import type { Result } from '../../../electron/shared/result';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { certifiedStaffOn, planningCoreOn, seedBorrowerOn } from '../planning/desk-planning';
import { serveCore } from './support';

/**
 * Two desks of one branch on one server (issue 20), each with its own officer signed in, over
 * HTTPS on loopback through the desk's own client (remote/desk.ts), on both engines. The clock
 * is Monday 2 March 2026, 08:00 in Shanghai; the visits are on Tuesday 10 March.
 */

const visit = (borrowerId: number, staffIds: number[], start: string, end: string) => ({
  borrowerId,
  staffIds,
  date: '2026-03-10',
  start,
  end,
  purpose: 'reminder',
});

/** A branch with two certified officers who have accounts, served, each at a desk of their own. */
async function twoOfficersAtTwoDesks(kind: (typeof engineKinds)[number]) {
  const core = await planningCoreOn(kind);
  const { remoteDesk } = await serveCore(core);
  const officers = [];
  for (const [staffNo, username] of [
    ['C001', 'li.hua'],
    ['C002', 'zhao.min'],
  ] as const) {
    const staffId = await certifiedStaffOn(core, staffNo);
    const passphrase = `${username} passphrase`;
    expectOk(
      await core.invoke('accounts:create', { staffId, username, passphrase, confirm: passphrase }),
    );
    const desk = await remoteDesk(`${username} 的电脑`);
    expectOk(await desk.invoke('auth:signIn', { username, passphrase }));
    officers.push({ staffId, desk });
  }
  const [a, b] = officers as [
    { staffId: number; desk: RemoteDesk },
    { staffId: number; desk: RemoteDesk },
  ];
  return { core, a, b, remoteDesk };
}

describe.each(engineKinds)('two desks on one branch server, on %s', (kind) => {
  it('a visit planned at one desk reaches the other: an event, then its calendar', async () => {
    const { core, a, b } = await twoOfficersAtTwoDesks(kind);
    const { borrowerId } = await seedBorrowerOn(core, { name: '周大福' });
    const heard: { name: string; data: unknown }[] = [];
    let hear: () => void = () => {};
    const heardOne = new Promise<void>((resolve) => (hear = resolve));
    const stream = b.desk.events((name, data) => {
      heard.push({ name, data });
      hear();
    });
    try {
      // Reads tell nobody anything.
      expectOk(await a.desk.invoke('planning:calendar', { from: '2026-03-09', to: '2026-03-15' }));
      const planned = expectOk(
        (await a.desk.invoke(
          'planning:planVisit',
          visit(borrowerId, [a.staffId, b.staffId], '09:00', '10:00'),
        )) as Result<{ id: number }>,
      );
      await heardOne;
      expect(heard).toEqual([
        {
          name: 'data:changed',
          data: { channel: 'planning:planVisit', deskId: expect.any(String) },
        },
      ]);
      const calendar = expectOk(
        (await b.desk.invoke('planning:calendar', {
          from: '2026-03-09',
          to: '2026-03-15',
        })) as Result<{ visits: { id: number; borrowerName: string; start: string }[] }>,
      );
      expect(calendar.visits.map((v) => [v.id, v.borrowerName, v.start])).toEqual([
        [planned.id, '周大福', '09:00'],
      ]);
    } finally {
      stream.close();
    }
    await stream.closed;
  });

  it('two desks booking the same officer for the same hour at once: one visit stands', async () => {
    const { core, a, b } = await twoOfficersAtTwoDesks(kind);
    const first = await seedBorrowerOn(core);
    const second = await seedBorrowerOn(core);
    const results = await Promise.all([
      a.desk.invoke(
        'planning:planVisit',
        visit(first.borrowerId, [a.staffId, b.staffId], '14:00', '15:00'),
      ),
      b.desk.invoke(
        'planning:planVisit',
        visit(second.borrowerId, [a.staffId, b.staffId], '14:30', '15:30'),
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok)!;
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    const details = (refused as { error: { details?: unknown } }).error.details;
    const { violations } = details as { violations: { code: string }[] };
    expect(violations.map((v) => v.code)).toContain('STAFF_DOUBLE_BOOKED');
    const booked = await core.app.engine.db
      .selectFrom('visit_staff')
      .select('staff_id')
      .orderBy('staff_id')
      .execute();
    expect(booked).toEqual([{ staff_id: a.staffId }, { staff_id: b.staffId }]);
    expect((await verifyChain(core.app.engine.db, kind)).ok).toBe(true);
  });

  it('revoking a desk that is listening ends its stream, and the revocation is answered', async () => {
    const { a, b, remoteDesk } = await twoOfficersAtTwoDesks(kind);
    const manager = await remoteDesk('经理电脑');
    expectOk(
      await manager.invoke('auth:signIn', {
        username: 'admin',
        passphrase: 'correct horse battery',
      }),
    );
    const stream = a.desk.events(() => {});
    const listening = b.desk.events(() => {});
    // Both streams are open before the revocation (a first event proves it to each).
    expectOk(
      await manager.invoke('planning:setHoliday', {
        date: '2026-12-24',
        kind: 'holiday',
        note: '庙会',
      }),
    );
    const listed = expectOk(
      (await manager.invoke('desks:list', {})) as Result<{ id: string; name: string }[]>,
    );
    const deskA = listed.find((d) => d.name === 'li.hua 的电脑')!;
    // The revocation ends desk A's stream and then tells the others: answered, not broken.
    expectOk(await manager.invoke('desks:revoke', { deskId: deskA.id }));
    await stream.closed;
    expect(await a.desk.invoke('cases:list', {})).toMatchObject({
      ok: false,
      error: { code: 'DESK_REVOKED' },
    });
    listening.close();
  });

  it('a desk whose server has gone says so, and sends nothing twice', async () => {
    const core = await planningCoreOn(kind);
    const { server, remoteDesk } = await serveCore(core);
    const desk = await remoteDesk('柜台');
    await server.close();
    const answer = await desk.invoke('auth:signIn', { username: 'admin', passphrase: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
  });
});
