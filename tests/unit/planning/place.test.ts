import { describe, expect, it } from 'vitest';
import { renderDocumentTemplate } from '../../../electron/shared/notice-catalogue';
import { renderedText } from '../../../electron/shared/templates';
import { openAuditText } from '../support/audit';
import { addAccount, expectError, expectOk, MANAGER, switchTo } from '../support/core';
import { certifiedStaff, planningCore, seedBorrower, signInAs, type Core } from './support';

/**
 * Where a visit happens (issue 15): home, workplace or other. A workplace visit, or any visit
 * where an employer or neighbour would learn of the debt, needs the manager's approval, and no
 * manager approves their own request while the branch has another (issue 14). The clock is
 * Monday 2 March 2026, 08:00 in Shanghai; the visits are on Tuesday 10 March.
 */

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

function auditAfter(core: Core, action: string, visitId: number) {
  const rows = core.app.db
    .prepare('SELECT after FROM audit_log WHERE action = ? AND entity_id = ? ORDER BY id')
    .all(action, String(visitId)) as { after: string }[];
  return rows.map(
    (r) => JSON.parse(openAuditText(core.app.db, r.after)!) as Record<string, unknown>,
  );
}

describe('a workplace visit, or one that would tell an employer or neighbour', () => {
  it("an officer's workplace visit waits for the manager; no notice before the approval", async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core);
    const officer = await signInAs(core, 'officer', 'liqiang');
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
    await switchTo(core, MANAGER);
    const approved = expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
    expect(approved.approval).toMatchObject({ by: core.app.session!.staffId, selfApproved: false });
  });

  it('a home visit the neighbours would notice needs it too; an ordinary home visit does not', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const a = seedBorrower(core);
    const b = seedBorrower(core);
    await signInAs(core, 'officer', 'liqiang');
    const risky = expectOk(
      await core.invoke('planning:planVisit', draft(a.borrowerId, staff, { disclosureRisk: true })),
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
});

describe('nobody approves their own request while the branch has another manager', () => {
  it('as the only manager, planning approves it, marked self-approved and audited', async () => {
    const core = await planningCore();
    const me = core.app.session!.staffId;
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core);
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
    const [approval] = auditAfter(core, 'visit.approve', visit.id);
    expect(approval).toMatchObject({ approvedWithPlan: true, selfApproved: true });
    expect((approval?.reasons as { code: string }[]).map((r) => r.code)).toEqual([
      'PLACE_NEEDS_APPROVAL',
    ]);
  });

  it('with a second manager, the workplace visit waits; its planner may not approve it, the other may', async () => {
    const core = await planningCore();
    const first = core.app.session!.staffId;
    const second = addAccount(core, { username: 'wang.fang', role: 'manager', staffNo: 'M002' });
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core);
    const atWork = draft(borrowerId, staff, { place: 'workplace' });
    const check = expectOk(await core.invoke('planning:check', atWork));
    expect(check).toMatchObject({ needsApproval: true, approvalSelf: false });
    const visit = expectOk(await core.invoke('planning:planVisit', atWork));
    expect(visit.approval).toMatchObject({ needed: true, by: null, at: null, requestedBy: first });
    expect(auditAfter(core, 'visit.approve', visit.id)).toEqual([]);
    const own = expectError(
      await core.invoke('planning:approveVisit', { id: visit.id }),
      'FORBIDDEN',
    );
    expect(own.fields).toEqual({ _: 'e.approval.ownRequest' });
    expect(own.details).toEqual({ ownProposal: 'approval' });
    await switchTo(core, second);
    const approved = expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
    expect(approved.approval).toMatchObject({ by: second.staffId, selfApproved: false });
    expect(auditAfter(core, 'visit.approve', visit.id)).toEqual([
      expect.objectContaining({ selfApproved: false }),
    ]);
  });

  it('the same holds for a vulnerable borrower', async () => {
    const core = await planningCore();
    const second = addAccount(core, { username: 'wang.fang', role: 'manager', staffNo: 'M002' });
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core, { birthDate: '1955-04-01' });
    const visit = expectOk(await core.invoke('planning:planVisit', draft(borrowerId, staff)));
    expect(visit.approval).toMatchObject({ needed: true, at: null });
    expectError(await core.invoke('planning:approveVisit', { id: visit.id }), 'FORBIDDEN');
    await switchTo(core, second);
    expect(
      expectOk(await core.invoke('planning:approveVisit', { id: visit.id })).approval,
    ).toMatchObject({
      by: second.staffId,
    });
  });
});

describe('changing where', () => {
  it('an approval given for a home visit does not cover a move to the workplace', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core, { birthDate: '1955-04-01' });
    const officer = await signInAs(core, 'officer', 'liqiang');
    const visit = expectOk(await core.invoke('planning:planVisit', draft(borrowerId, staff)));
    await switchTo(core, MANAGER);
    expectOk(await core.invoke('planning:approveVisit', { id: visit.id }));
    await switchTo(core, officer);
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
    await switchTo(core, MANAGER);
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

describe('the notice says where', () => {
  it('names the workplace in both languages, in the facts and in the default wording', async () => {
    const core = await planningCore();
    const staff = await pair(core);
    const { borrowerId } = seedBorrower(core);
    core.app.db
      .prepare(
        `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, overdue_principal_fen,
           overdue_since, created_at, updated_at)
         VALUES ('L-PLACE', ?, 1000000, '2024-06-01', 50000, '2026-01-15', 't', 't')`,
      )
      .run(borrowerId);
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
