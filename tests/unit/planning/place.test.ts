import { describe, expect, it } from 'vitest';
import { renderDocumentTemplate } from '../../../electron/shared/notice-catalogue';
import { renderedText } from '../../../electron/shared/templates';
import { expectError, expectOk, MANAGER } from '../support/core';
import { auditRowsOn, staffAccountOn, switchToOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import {
  certifiedStaffOn,
  planningCoreOn,
  seedBorrowerOn,
  signInAsOn,
  type PlanningCoreOn,
} from './desk-planning';

/**
 * Where a visit happens (issue 15): home, workplace or other. A workplace visit, or any visit
 * where an employer or neighbour would learn of the debt, needs the manager's approval, and no
 * manager approves their own request while the branch has another (issue 14). The clock is
 * Monday 2 March 2026, 08:00 in Shanghai; the visits are on Tuesday 10 March.
 *
 * On both engines (issue 19), on desk-planning.ts's desk with the rows read on the app's engine,
 * but for two cases on SQLite only: a vulnerable borrower's approval takes the workplace
 * visit's path (the case before it), and the notice's wording of the place is assembled from
 * the visit as assemble-engines.test.ts assembles notices on both.
 */

async function pair(core: PlanningCoreOn) {
  return [await certifiedStaffOn(core, 'C001'), await certifiedStaffOn(core, 'C002')];
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

async function auditAfter(core: PlanningCoreOn, action: string, visitId: number) {
  const rows = await auditRowsOn(core.app.engine, action, visitId);
  return rows.map((r) => r.after);
}

describe.each(engineKinds)(
  'a workplace visit, or one that would tell an employer or neighbour on %s',
  (kind) => {
    it("an officer's workplace visit waits for the manager; no notice before the approval", async () => {
      const core = await planningCoreOn(kind);
      const staff = await pair(core);
      const { borrowerId } = await seedBorrowerOn(core);
      const officer = await signInAsOn(core, 'officer', 'liqiang');
      const atWork = draft(borrowerId, staff, { place: 'workplace', placeNote: '县农机厂' });
      const check = expectOk(await core.invoke('planning:check', atWork));
      expect(check.needsApproval).toBe(true);
      expect(check.violations.map((v) => [v.code, v.message.zh])).toEqual([
        [
          'PLACE_NEEDS_APPROVAL',
          '在工作单位（县农机厂）走访可能让雇主、同事或邻居知悉债务，走访前须经经理批准',
        ],
      ]);
      const visit = expectOk(await core.invoke('planning:planVisit', atWork));
      expect(visit).toMatchObject({
        place: 'workplace',
        placeNote: '县农机厂',
        disclosureRisk: false,
        approval: { needed: true, by: null, at: null, requestedBy: officer.staffId },
      });
      expectError(
        await core.invoke('planning:recordNotice', { id: visit.id, status: 'phoned' }),
        'CONFLICT',
      );
      await switchToOn(core, MANAGER);
      const approved = expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
      expect(approved.approval).toMatchObject({
        by: core.app.session!.staffId,
        selfApproved: false,
      });
    });

    it('a home visit the neighbours would notice needs it too; an ordinary home visit does not', async () => {
      const core = await planningCoreOn(kind);
      const staff = await pair(core);
      const a = await seedBorrowerOn(core);
      const b = await seedBorrowerOn(core);
      await signInAsOn(core, 'officer', 'liqiang');
      const risky = expectOk(
        await core.invoke(
          'planning:planVisit',
          draft(a.borrowerId, staff, { disclosureRisk: true }),
        ),
      );
      expect(risky).toMatchObject({ place: 'home', disclosureRisk: true });
      expect(risky.approval).toMatchObject({ needed: true, at: null });
      const plain = expectOk(
        await core.invoke(
          'planning:planVisit',
          draft(b.borrowerId, staff, { start: '10:30', end: '11:30' }),
        ),
      );
      expect(plain).toMatchObject({ place: 'home', disclosureRisk: false });
      expect(plain.approval).toMatchObject({ needed: false, at: null });
    });
  },
);

describe.each(engineKinds)(
  'nobody approves their own request while the branch has another manager on %s',
  (kind) => {
    it('as the only manager, planning approves it, marked self-approved and audited', async () => {
      const core = await planningCoreOn(kind);
      const me = core.app.session!.staffId;
      const staff = await pair(core);
      const { borrowerId } = await seedBorrowerOn(core);
      const atWork = draft(borrowerId, staff, { place: 'workplace' });
      const check = expectOk(await core.invoke('planning:check', atWork));
      expect(check).toMatchObject({ needsApproval: false, approvalSelf: true });
      const visit = expectOk(await core.invoke('planning:planVisit', atWork));
      expect(visit.approval).toMatchObject({
        needed: true,
        by: me,
        requestedBy: me,
        selfApproved: true,
      });
      const [approval] = await auditAfter(core, 'visit.approve', visit.id);
      expect(approval).toMatchObject({ approvedWithPlan: true, selfApproved: true });
      expect((approval?.reasons as { code: string }[]).map((r) => r.code)).toEqual([
        'PLACE_NEEDS_APPROVAL',
      ]);
    });

    it('with a second manager, the workplace visit waits; its planner may not approve it, the other may', async () => {
      const core = await planningCoreOn(kind);
      const first = core.app.session!.staffId;
      const second = await staffAccountOn(core, {
        username: 'wang.fang',
        role: 'manager',
        name: 'wang.fang',
        staffNo: 'M002',
      });
      const staff = await pair(core);
      const { borrowerId } = await seedBorrowerOn(core);
      const atWork = draft(borrowerId, staff, { place: 'workplace' });
      const check = expectOk(await core.invoke('planning:check', atWork));
      expect(check).toMatchObject({ needsApproval: true, approvalSelf: false });
      const visit = expectOk(await core.invoke('planning:planVisit', atWork));
      expect(visit.approval).toMatchObject({
        needed: true,
        by: null,
        at: null,
        requestedBy: first,
      });
      expect(await auditAfter(core, 'visit.approve', visit.id)).toEqual([]);
      const own = expectError(
        await core.invoke('planning:approveVisit', { id: visit.id }),
        'FORBIDDEN',
      );
      expect(own.fields).toEqual({ _: 'e.approval.ownRequest' });
      expect(own.details).toEqual({ ownProposal: 'approval' });
      await switchToOn(core, second);
      const approved = expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
      expect(approved.approval).toMatchObject({ by: second.staffId, selfApproved: false });
      expect(await auditAfter(core, 'visit.approve', visit.id)).toEqual([
        expect.objectContaining({ selfApproved: false }),
      ]);
    });
  },
);

describe.each(engineKinds)('changing where on %s', (kind) => {
  it('an approval given for a home visit does not cover a move to the workplace', async () => {
    const core = await planningCoreOn(kind);
    const staff = await pair(core);
    const { borrowerId } = await seedBorrowerOn(core, { birthDate: '1955-04-01' });
    const officer = await signInAsOn(core, 'officer', 'liqiang');
    const visit = expectOk(await core.invoke('planning:planVisit', draft(borrowerId, staff)));
    await switchToOn(core, MANAGER);
    expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
    await switchToOn(core, officer);
    // Another change keeps the approval.
    const noted = expectOk(
      await core.invoke('planning:updateVisit', { id: visit.id, note: '带计划表' }),
    );
    expect(noted.approval.at).not.toBeNull();
    const moved = expectOk(
      await core.invoke('planning:updateVisit', {
        id: visit.id,
        place: 'workplace',
        placeNote: '镇卫生院',
      }),
    );
    expect(moved).toMatchObject({ place: 'workplace', placeNote: '镇卫生院' });
    expect(moved.approval).toMatchObject({
      needed: true,
      by: null,
      at: null,
      requestedBy: officer.staffId,
    });
    // A reschedule keeps the place and the approval once given.
    await switchToOn(core, MANAGER);
    expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
    const next = expectOk(
      await core.invoke('planning:reschedule', {
        id: visit.id,
        date: '2026-03-13',
        start: '09:00',
        end: '10:00',
        reason: '借款人出差',
      }),
    );
    expect(next).toMatchObject({ place: 'workplace', placeNote: '镇卫生院' });
    expect(next.approval.at).not.toBeNull();
  });
});

describe.each(['sqlite'] as const)('the notice says where on %s', (kind) => {
  it('names the workplace in both languages, in the facts and in the default wording', async () => {
    const core = await planningCoreOn(kind);
    const staff = await pair(core);
    const { borrowerId } = await seedBorrowerOn(core);
    await core.app.engine.db
      .insertInto('loans')
      .values({
        loan_no: 'L-PLACE',
        borrower_id: borrowerId,
        principal_fen: 1000000,
        disbursed_on: '2024-06-01',
        overdue_principal_fen: 50000,
        overdue_since: '2026-01-15',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const visit = expectOk(
      await core.invoke(
        'planning:planVisit',
        draft(borrowerId, staff, { place: 'workplace', placeNote: '县农机厂' }),
      ),
    );
    const documents = [{ kind: 'visitNotice' as const, visitId: visit.id }];
    const zh = expectOk(await core.invoke('notices:preview', { lang: 'zh', documents }));
    const en = expectOk(await core.invoke('notices:preview', { lang: 'en', documents }));
    const [zhDoc] = zh.documents;
    const [enDoc] = en.documents;
    if (zhDoc?.kind !== 'visitNotice' || enDoc?.kind !== 'visitNotice') throw new Error('notice');
    expect(zhDoc.visit.place).toBe('您的工作单位（县农机厂）');
    expect(enDoc.visit.place).toBe('your workplace (县农机厂)');
    const text = (doc: typeof zhDoc) =>
      Object.values(renderDocumentTemplate(doc)).map(renderedText).join('\n');
    expect(text(zhDoc)).toContain('按下列时间到您的工作单位（县农机厂）走访');
    expect(text(enDoc)).toContain('plan to visit you at your workplace (县农机厂) as below');
  });
});

describe.each(['sqlite'] as const)('a vulnerable borrower on %s', (kind) => {
  it('the same holds for a vulnerable borrower', async () => {
    const core = await planningCoreOn(kind);
    const second = await staffAccountOn(core, {
      username: 'wang.fang',
      role: 'manager',
      name: 'wang.fang',
      staffNo: 'M002',
    });
    const staff = await pair(core);
    const { borrowerId } = await seedBorrowerOn(core, { birthDate: '1955-04-01' });
    const visit = expectOk(await core.invoke('planning:planVisit', draft(borrowerId, staff)));
    expect(visit.approval).toMatchObject({ needed: true, at: null });
    expectError(await core.invoke('planning:approveVisit', { id: visit.id }), 'FORBIDDEN');
    await switchToOn(core, second);
    expect(
      expectOk(await core.invoke('planning:approveVisit', { id: visit.id })).approval,
    ).toMatchObject({
      by: second.staffId,
    });
  });
});
