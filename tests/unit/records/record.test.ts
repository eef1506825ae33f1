import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/core/audit/chain';
import { expectError, expectOk } from '../support/core';
import { addAccountOn, auditRowsOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from './desk-records';
import { TODAY } from './support';

/** The rows of `table` on the app's engine, for a count. */
async function rowsIn(
  core: RecordsCoreOn,
  table: 'follow_ups' | 'visit_records' | 'payments',
): Promise<number> {
  const { n } = await core.app.engine.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * On both engines (issue 19), on desk-records.ts's desk with the rows read on the app's engine
 * and the audit rows opened as the viewer opens them.
 */
describe.each(engineKinds)('recording a visit outcome on %s', (kind) => {
  it('saves the record and moves the case on: visit done, contact, assessment, follow-up', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(core, outcomeOn(core, visitId));
    const engine = core.app.engine;
    const db = engine.db;

    expect(saved.history).toHaveLength(1);
    expect(saved.effective).toMatchObject({
      visitId,
      borrowerId: core.borrowerId,
      outcome: 'refused',
      met: 'borrower',
      amends: null,
      staff: [
        { staffNo: 'C101', name: '李明' },
        { staffNo: 'C102', name: '赵强' },
      ],
      checklist: { recordingRef: 'REC-20260520-01', recorded: true },
      situation: { livelihood: '家中种茶，丈夫外出打工', householdSize: 4 },
      recordedBy: { staffNo: 'C101' },
    });
    const visit = await db
      .selectFrom('visits')
      .select('status')
      .where('id', '=', visitId)
      .executeTakeFirstOrThrow();
    expect(visit.status).toBe('done');
    const event = await db
      .selectFrom('contact_events')
      .select(['outcome', 'kind', 'at'])
      .where('borrower_id', '=', core.borrowerId)
      .executeTakeFirst();
    // 09:05 in China is 01:05 UTC.
    expect(event).toEqual({ outcome: 'refused', kind: 'visit', at: '2026-05-20T01:05:00.000Z' });
    const borrower = await db
      .selectFrom('borrowers')
      .select(['last_visit_at', 'last_contact_at'])
      .where('id', '=', core.borrowerId)
      .executeTakeFirst();
    expect(borrower).toEqual({
      last_visit_at: '2026-05-20T01:05:00.000Z',
      last_contact_at: '2026-05-20T01:05:00.000Z',
    });
    const assessment = await db
      .selectFrom('assessments')
      .select(['assessed_on', 'livelihood', 'household_size'])
      .where('id', '=', saved.effective.assessmentId!)
      .executeTakeFirst();
    expect(assessment).toEqual({
      assessed_on: TODAY,
      livelihood: '家中种茶，丈夫外出打工',
      household_size: 4,
    });
    const followUp = await db
      .selectFrom('follow_ups')
      .select(['staff_id', 'due_on', 'action', 'status'])
      .where('borrower_id', '=', core.borrowerId)
      .executeTakeFirst();
    expect(followUp).toEqual({
      staff_id: core.officer.staffId,
      due_on: '2026-06-03',
      action: '两周后电话回访',
      status: 'open',
    });
    const [audit] = await auditRowsOn(engine, 'visit.record', saved.effective.id);
    expect(audit!.before).toMatchObject({ visit: { status: 'notified' } });
    expect(audit!.after).toMatchObject({ visit: { status: 'done' } });
    expect((await verifyChain(db, engine.kind)).ok).toBe(true);
  });

  it('refuses to save without the compliance checklist, naming each missing item', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const base = outcomeOn(core, visitId);
    const error = expectError(
      await core.invoke('records:record', {
        ...base,
        checklist: {
          staffCardsShown: true,
          rightsExplained: false,
          noThirdPartyDisclosure: false,
          recorded: true,
          recordingRef: '  ',
        },
      }),
      'VALIDATION',
    );
    expect(error.fields).toEqual({
      'checklist.rightsExplained': 'v.checklist',
      'checklist.noThirdPartyDisclosure': 'v.checklist',
      'checklist.recordingRef': 'v.recordingRef',
    });
    expect(await rowsIn(core, 'visit_records')).toBe(0);
  });

  // One staff member alone is saved, carrying the violation (issue 15): see doorstep-recheck.test.ts.
  it('refuses outcomes that contradict whom was met, and a future date', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const contradiction = expectError(
      await core.invoke(
        'records:record',
        outcomeOn(core, visitId, { met: 'nobody', outcome: 'promise_to_pay' }),
      ),
      'VALIDATION',
    );
    expect(contradiction.fields?.met).toBe('v.outcomeMet');
    const future = expectError(
      await core.invoke(
        'records:record',
        outcomeOn(core, visitId, { date: '2026-05-21', followUpOn: null }),
      ),
      'VALIDATION',
    );
    expect(future.fields?.date).toBe('v.notFuture');
    const laterToday = expectError(
      await core.invoke(
        'records:record',
        outcomeOn(core, visitId, { start: '11:00', end: '11:30' }),
      ),
      'VALIDATION',
    );
    expect(laterToday.fields?.start).toBe('v.notFuture');
  });

  it('lets a clerk key in the outcome for the two officers who went; an auditor may not', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.clerk);
    // The two officers are back from the village; the clerk enters what they report.
    const saved = await recordOn(core, outcomeOn(core, visitId));
    expect(saved.effective.staff.map((s) => s.id).sort()).toEqual(
      [core.officer.staffId, core.partner.staffId].sort(),
    );
    // Entered by the clerk, kept beside who went.
    expect(saved.effective.recordedBy.id).toBe(core.clerk.staffId);
    const [audit] = await auditRowsOn(core.app.engine, 'visit.record', saved.effective.id);
    expect(audit!.staffId).toBe(core.clerk.staffId);
    // An officer may enter a colleague's visit too (the colleague and the manager went).
    const second = await core.visit();
    await core.signInAs(core.officer);
    const forOthers = await recordOn(
      core,
      outcomeOn(core, second, { staffIds: [core.partner.staffId, core.managerId] }),
    );
    expect(forOthers.effective.recordedBy.id).toBe(core.officer.staffId);
    expect(forOthers.effective.staff.map((s) => s.id)).not.toContain(core.officer.staffId);
    // The auditor reads; entering data is not theirs.
    const third = await core.visit();
    await core.signInAsManager();
    const auditor = await addAccountOn(core, {
      username: 'shen',
      passphrase: 'auditor passphrase',
      role: 'auditor',
    });
    await core.signInAs(auditor);
    expectError(await core.invoke('records:record', outcomeOn(core, third)), 'FORBIDDEN');
  });

  it('creates a tracked promise for a promise to pay', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, {
        outcome: 'promise_to_pay',
        promise: { amountFen: 150000, dueOn: '2026-05-31', loanId: core.loanId },
        // A section the outcome does not use is dropped, never saved.
        payment: { amountFen: 999, method: 'cash', loanId: core.loanId },
      }),
    );
    expect(saved.effective.promise).toMatchObject({
      amountFen: 150000,
      dueOn: '2026-05-31',
      promisedOn: TODAY,
      status: 'pending',
      loanNo: 'QS-2025-0001',
    });
    expect(saved.effective.receipt).toBeNull();
    expect(await rowsIn(core, 'payments')).toBe(0);
    const listed = expectOk(await core.invoke('records:promises', { borrowerId: core.borrowerId }));
    expect(listed.map((p) => p.id)).toEqual([saved.effective.promise!.id]);
  });

  it('books money taken on the visit as a payment with the next receipt number of the branch and year', async () => {
    const core = await recordsCoreOn(kind);
    await core.signInAs(core.officer);
    const receipts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const visitId = await core.visit();
      const saved = await recordOn(
        core,
        outcomeOn(core, visitId, {
          outcome: 'partial_payment',
          payment: { amountFen: 50000 + i, method: 'cash', loanId: core.loanId },
        }),
      );
      receipts.push(saved.effective.receipt!.receiptNo);
    }
    expect(receipts).toEqual([
      'QS001-SJ-2026-000001',
      'QS001-SJ-2026-000002',
      'QS001-SJ-2026-000003',
    ]);
    const payments = await core.app.engine.db
      .selectFrom('payments')
      .select(['amount_fen', 'source', 'method', 'receipt_no', 'paid_on'])
      .orderBy('id')
      .execute();
    expect(payments[2]).toEqual({
      amount_fen: 50002,
      source: 'visit',
      method: 'cash',
      receipt_no: 'QS001-SJ-2026-000003',
      paid_on: TODAY,
    });
    const receipt = expectOk(
      await core.invoke('records:receipt', { receiptNo: 'QS001-SJ-2026-000002' }),
    );
    expect(receipt).toMatchObject({
      amountFen: 50001,
      paidAt: `${TODAY}T09:50`,
      loanNo: 'QS-2025-0001',
      collectedBy: [{ staffNo: 'C101' }, { staffNo: 'C102' }],
      issuedBy: { staffNo: 'C101' },
    });
  });

  it('marks a visit where nobody was met as not done, and keeps no assessment when nothing was seen', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const saved = await recordOn(
      core,
      outcomeOn(core, visitId, {
        met: 'nobody',
        outcome: 'not_home',
        borrowerWords: '',
        situation: {},
        followUpOn: null,
      }),
    );
    expect(saved.effective.assessmentId).toBeNull();
    const visit = await core.app.engine.db
      .selectFrom('visits')
      .select('status')
      .where('id', '=', visitId)
      .executeTakeFirstOrThrow();
    expect(visit.status).toBe('not_done');
    expect(await rowsIn(core, 'follow_ups')).toBe(0);
  });

  it('records a visit only once; the second attempt is told to amend', async () => {
    const core = await recordsCoreOn(kind);
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const first = await recordOn(core, outcomeOn(core, visitId));
    const again = expectError(
      await core.invoke('records:record', outcomeOn(core, visitId)),
      'CONFLICT',
    );
    expect(again.details).toEqual({ recordId: first.effective.id });
  });

  it('refuses a payment on another borrower’s loan and writes nothing', async () => {
    const core = await recordsCoreOn(kind);
    const db = core.app.engine.db;
    const strangerLoan = { id: core.secondLoanId };
    const stranger = await db
      .insertInto('borrowers')
      .values({
        name: '王五',
        id_number: '331121198001010011',
        birth_date: '1980-01-01',
        sex: 'M',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('loans')
      .set({ borrower_id: stranger.id })
      .where('id', '=', strangerLoan.id)
      .execute();
    const visitId = await core.visit();
    await core.signInAs(core.officer);
    const error = expectError(
      await core.invoke(
        'records:record',
        outcomeOn(core, visitId, {
          outcome: 'paid_full',
          payment: { amountFen: 320000, method: 'transfer', loanId: strangerLoan.id },
        }),
      ),
      'VALIDATION',
    );
    expect(error.fields).toEqual({ 'payment.loanId': 'v.invalid' });
    expect(await rowsIn(core, 'visit_records')).toBe(0);
    expect(await rowsIn(core, 'payments')).toBe(0);
  });
});
