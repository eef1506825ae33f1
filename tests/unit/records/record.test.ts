import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { openAuditText } from '../support/audit';
import { addAccount, expectError, expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn, type RecordsCoreOn } from './desk-records';
import { count, outcome, record, recordsCore, TODAY } from './support';

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

describe('recording a visit outcome', () => {
  it('saves the record and moves the case on: visit done, contact, assessment, follow-up', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const saved = await record(core, outcome(core, visitId));
    const db = core.app.db;

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
    expect(
      (db.prepare('SELECT status FROM visits WHERE id = ?').get(visitId) as { status: string })
        .status,
    ).toBe('done');
    const event = db
      .prepare('SELECT outcome, kind, at FROM contact_events WHERE borrower_id = ?')
      .get(core.borrowerId);
    // 09:05 in China is 01:05 UTC.
    expect(event).toEqual({ outcome: 'refused', kind: 'visit', at: '2026-05-20T01:05:00.000Z' });
    const borrower = db
      .prepare('SELECT last_visit_at, last_contact_at FROM borrowers WHERE id = ?')
      .get(core.borrowerId);
    expect(borrower).toEqual({
      last_visit_at: '2026-05-20T01:05:00.000Z',
      last_contact_at: '2026-05-20T01:05:00.000Z',
    });
    const assessment = db
      .prepare('SELECT assessed_on, livelihood, household_size FROM assessments WHERE id = ?')
      .get(saved.effective.assessmentId);
    expect(assessment).toEqual({
      assessed_on: TODAY,
      livelihood: '家中种茶，丈夫外出打工',
      household_size: 4,
    });
    const followUp = db
      .prepare('SELECT staff_id, due_on, action, status FROM follow_ups WHERE borrower_id = ?')
      .get(core.borrowerId);
    expect(followUp).toEqual({
      staff_id: core.officer.staffId,
      due_on: '2026-06-03',
      action: '两周后电话回访',
      status: 'open',
    });
    const audit = db
      .prepare("SELECT before, after FROM audit_log WHERE action = 'visit.record'")
      .get() as { before: string; after: string };
    expect(JSON.parse(openAuditText(db, audit.before)!).visit.status).toBe('notified');
    expect(JSON.parse(openAuditText(db, audit.after)!).visit.status).toBe('done');
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it('refuses to save without the compliance checklist, naming each missing item', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const base = outcome(core, visitId);
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
    expect(count(core.app.db, 'SELECT count(*) AS n FROM visit_records')).toBe(0);
  });

  // One staff member alone is saved, carrying the violation (issue 15): see doorstep-recheck.test.ts.
  it('refuses outcomes that contradict whom was met, and a future date', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const contradiction = expectError(
      await core.invoke(
        'records:record',
        outcome(core, visitId, { met: 'nobody', outcome: 'promise_to_pay' }),
      ),
      'VALIDATION',
    );
    expect(contradiction.fields?.met).toBe('v.outcomeMet');
    const future = expectError(
      await core.invoke(
        'records:record',
        outcome(core, visitId, { date: '2026-05-21', followUpOn: null }),
      ),
      'VALIDATION',
    );
    expect(future.fields?.date).toBe('v.notFuture');
    const laterToday = expectError(
      await core.invoke('records:record', outcome(core, visitId, { start: '11:00', end: '11:30' })),
      'VALIDATION',
    );
    expect(laterToday.fields?.start).toBe('v.notFuture');
  });

  it('lets a clerk key in the outcome for the two officers who went; an auditor may not', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.clerk);
    // The two officers are back from the village; the clerk enters what they report.
    const saved = await record(core, outcome(core, visitId));
    expect(saved.effective.staff.map((s) => s.id).sort()).toEqual(
      [core.officer.staffId, core.partner.staffId].sort(),
    );
    // Entered by the clerk, kept beside who went.
    expect(saved.effective.recordedBy.id).toBe(core.clerk.staffId);
    const audit = core.app.db
      .prepare("SELECT staff_id FROM audit_log WHERE action = 'visit.record' AND entity_id = ?")
      .get(String(saved.effective.id)) as { staff_id: number };
    expect(audit.staff_id).toBe(core.clerk.staffId);
    // An officer may enter a colleague's visit too (the colleague and the manager went).
    const second = core.visit();
    await core.signInAs(core.officer);
    const forOthers = await record(
      core,
      outcome(core, second, { staffIds: [core.partner.staffId, core.managerId] }),
    );
    expect(forOthers.effective.recordedBy.id).toBe(core.officer.staffId);
    expect(forOthers.effective.staff.map((s) => s.id)).not.toContain(core.officer.staffId);
    // The auditor reads; entering data is not theirs.
    const third = core.visit();
    const auditor = addAccount(core, {
      username: 'shen',
      passphrase: 'auditor passphrase',
      role: 'auditor',
    });
    await core.signInAs(auditor);
    expectError(await core.invoke('records:record', outcome(core, third)), 'FORBIDDEN');
  });

  it('creates a tracked promise for a promise to pay', async () => {
    const core = await recordsCore();
    const visitId = core.visit();
    await core.signInAs(core.officer);
    const saved = await record(
      core,
      outcome(core, visitId, {
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
    expect(count(core.app.db, 'SELECT count(*) AS n FROM payments')).toBe(0);
    const listed = expectOk(await core.invoke('records:promises', { borrowerId: core.borrowerId }));
    expect(listed.map((p) => p.id)).toEqual([saved.effective.promise!.id]);
  });

  it('books money taken on the visit as a payment with the next receipt number of the branch and year', async () => {
    const core = await recordsCore();
    await core.signInAs(core.officer);
    const receipts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const visitId = core.visit();
      const saved = await record(
        core,
        outcome(core, visitId, {
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
    const payments = core.app.db
      .prepare('SELECT amount_fen, source, method, receipt_no, paid_on FROM payments ORDER BY id')
      .all();
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
});

/**
 * On both engines (issue 19), on desk-records.ts's desk with the rows read on the app's engine:
 * a visit where nobody was met, a visit recorded twice, and a payment on another borrower's
 * loan refused with nothing written. The cases above stay on SQLite: records-engines.test.ts
 * records outcomes with a payment, a promise and a plan on both (the case moved on, the
 * follow-up, the receipt numbers), receipts-engines.test.ts numbers receipts on both, and the
 * checklist, the outcome's consistency and the roles are the schema's and the dispatcher's.
 */
describe.each(engineKinds)('recording a visit outcome on %s', (kind) => {
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
