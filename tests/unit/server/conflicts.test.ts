import { describe, expect, it } from 'vitest';
import type { RemoteDesk } from '../../../electron/core/remote/desk';
import type { Result } from '../../../electron/shared/result';
import type { CasePage } from '../../../electron/shared/schemas/cases';
import type { VisitDetail } from '../../../electron/shared/schemas/planning';
import { expectOk } from '../support/core';
import { engineKinds, type EngineKind } from '../support/engines';
import { certifiedStaffOn, planningCoreOn, seedBorrowerOn } from '../planning/desk-planning';
import { editFormOf } from '../cases/borrower-form';
import { residentId } from '../cases/support';
import { serveCore } from './support';

/**
 * Two desks of one branch editing the same record through the branch server (issue 20), each
 * with its own officer signed in, over HTTPS on loopback through the desk's own client
 * (remote/desk.ts), on both engines: the second save, made on the version its form was opened
 * on, is refused with STALE_VERSION, and the envelope carries the record as it now is, its
 * version and who changed it. The clock is Monday 2 March 2026, 08:00 in Shanghai.
 */

interface Officer {
  staffId: number;
  name: string;
  desk: RemoteDesk;
}

/** A branch with two certified officers who have accounts, served, each at a desk of their own. */
async function twoOfficersAtTwoDesks(kind: EngineKind) {
  const core = await planningCoreOn(kind);
  const { remoteDesk } = await serveCore(core);
  const officers: Officer[] = [];
  for (const [staffNo, username, name] of [
    ['C001', 'li.hua', '李华'],
    ['C002', 'zhao.min', '赵敏'],
  ] as const) {
    const staffId = await certifiedStaffOn(core, staffNo, { name });
    const passphrase = `${username} passphrase`;
    expectOk(
      await core.invoke('accounts:create', { staffId, username, passphrase, confirm: passphrase }),
    );
    const desk = await remoteDesk(`${username} 的电脑`);
    expectOk(await desk.invoke('auth:signIn', { username, passphrase }));
    officers.push({ staffId, name, desk });
  }
  const [a, b] = officers as [Officer, Officer];
  return { core, a, b };
}

describe.each(engineKinds)(
  'two desks saving one record through the branch server, on %s',
  (kind) => {
    describe('borrower', () => {
      const read = async (desk: RemoteDesk, borrowerId: number) =>
        expectOk((await desk.invoke('cases:get', { borrowerId })) as Result<CasePage>).borrower;

      it("the second desk's save on the version it opened is refused, nothing of it written", async () => {
        const { core, a, b } = await twoOfficersAtTwoDesks(kind);
        const { id } = expectOk(
          await core.invoke('cases:create', {
            name: '周大福',
            idNumber: residentId('1970-03-08', 52),
            mobile: '13812345678',
            township: '东源镇',
            village: '红光村',
            officerId: a.staffId,
          }),
        );
        const atA = await read(a.desk, id);
        const atB = await read(b.desk, id);
        expect(atB.version).toBe(atA.version);

        expectOk(
          await a.desk.invoke('cases:update', {
            ...editFormOf(atA),
            mobile: '13900002222',
            version: atA.version,
          }),
        );
        const refused = await b.desk.invoke('cases:update', {
          ...editFormOf(atB),
          addressDetail: '红光村 12 号',
          version: atB.version,
        });
        const updates = () =>
          core.app.engine.db
            .selectFrom('audit_log')
            .select(['staff_id', 'at'])
            .where('action', '=', 'case.update')
            .where('entity_id', '=', String(id))
            .orderBy('id')
            .execute();
        const [byA, ...others] = await updates();
        expect([byA?.staff_id, others]).toEqual([a.staffId, []]);
        const latest = await read(b.desk, id);
        expect(latest.mobileMasked).toBe('139****2222');
        expect(latest.version).not.toBe(atB.version);
        expect(refused).toEqual({
          ok: false,
          error: {
            code: 'STALE_VERSION',
            message: expect.stringContaining(
              `borrower ${id} was changed after this form was opened`,
            ),
            details: { current: latest, version: latest.version, by: '李华', at: byA!.at },
          },
        });
        const row = await core.app.engine.db
          .selectFrom('borrowers')
          .select(['mobile', 'address_detail'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ mobile: '13900002222', address_detail: '' });

        // Saved again over the version the refusal gave, it stands beside A's change.
        const { details } = (refused as unknown as { error: { details: { version: string } } })
          .error;
        expectOk(
          await b.desk.invoke('cases:update', {
            ...editFormOf(atB),
            addressDetail: '红光村 12 号',
            version: details.version,
          }),
        );
        const both = await read(a.desk, id);
        expect([both.mobileMasked, both.addressDetail]).toEqual(['139****2222', '红光村 12 号']);
        expect((await updates()).map((r) => r.staff_id)).toEqual([a.staffId, b.staffId]);
      });
    });

    describe('visit', () => {
      const read = async (desk: RemoteDesk, id: number) =>
        expectOk((await desk.invoke('planning:visit', { id })) as Result<VisitDetail>);

      it("a cancel on the version the dialog opened is refused after the other desk's move", async () => {
        const { core, a, b } = await twoOfficersAtTwoDesks(kind);
        const { borrowerId } = await seedBorrowerOn(core, { name: '周大福' });
        const planned = expectOk(
          (await a.desk.invoke('planning:planVisit', {
            borrowerId,
            staffIds: [a.staffId, b.staffId],
            date: '2026-03-10',
            start: '09:00',
            end: '10:00',
            purpose: 'reminder',
          })) as Result<VisitDetail>,
        );
        const atA = await read(a.desk, planned.id);
        const atB = await read(b.desk, planned.id);
        expect(atB.version).toBe(atA.version);

        const moved = expectOk(
          (await a.desk.invoke('planning:updateVisit', {
            id: planned.id,
            date: '2026-03-11',
            start: '14:00',
            end: '15:00',
            version: atA.version,
          })) as Result<VisitDetail>,
        );
        const refused = await b.desk.invoke('planning:cancelVisit', {
          id: planned.id,
          reason: '借款人已还款',
          version: atB.version,
        });
        const audited = () =>
          core.app.engine.db
            .selectFrom('audit_log')
            .select(['action', 'staff_id', 'at'])
            .where('entity', '=', 'visit')
            .where('entity_id', '=', String(planned.id))
            .orderBy('id')
            .execute();
        const rows = await audited();
        expect(rows.map((r) => [r.action, r.staff_id])).toEqual([
          ['visit.plan', a.staffId],
          ['visit.update', a.staffId],
        ]);
        const latest = await read(b.desk, planned.id);
        expect([latest.date, latest.start, latest.end, latest.status, latest.version]).toEqual([
          '2026-03-11',
          '14:00',
          '15:00',
          'planned',
          moved.version,
        ]);
        expect(refused).toEqual({
          ok: false,
          error: {
            code: 'STALE_VERSION',
            message: expect.stringContaining(
              `visit ${planned.id} was changed after this form was opened`,
            ),
            details: { current: latest, version: moved.version, by: '李华', at: rows[1]!.at },
          },
        });

        // Sent again on the version the refusal gave, B's cancel stands over A's move.
        const cancelled = expectOk(
          (await b.desk.invoke('planning:cancelVisit', {
            id: planned.id,
            reason: '借款人已还款',
            version: moved.version,
          })) as Result<VisitDetail>,
        );
        expect([cancelled.status, cancelled.statusNote, cancelled.date]).toEqual([
          'cancelled',
          '借款人已还款',
          '2026-03-11',
        ]);
        expect((await audited()).map((r) => [r.action, r.staff_id])).toEqual([
          ['visit.plan', a.staffId],
          ['visit.update', a.staffId],
          ['visit.cancel', b.staffId],
        ]);
      });
    });
  },
);
