import { describe, expect, it } from 'vitest';
import { amendVisitInput, recordVisitInput } from '../../../electron/shared/schemas/records';
import { verifyChain } from '../../../electron/core/audit/chain';
import { listPlans, approvePlan } from '../../../electron/core/records/plans';
import { listPromises } from '../../../electron/core/records/queries';
import { receiptRow, recordHistory } from '../../../electron/core/records/read';
import { evaluateDue } from '../../../electron/core/records/evaluate';
import { amendVisitRecord, recordVisitOutcome } from '../../../electron/core/records/record';
import { engineKinds, type EngineKind } from '../support/engines';
import { DAY, testEngines } from '../planning/engine-desk';
import { eveningDesk, outcomeOf, visitedBranch } from './engine-records';

/**
 * Visit records on both engines (issue 19): outcomes with a payment, a promise and a plan, the
 * plan approved, the promise corrected and judged broken, read back alike on SQLite and PostgreSQL, and eight desks recording payments at
 * once leave the year's receipt numbers without a gap or a repeat, with the audit chain whole
 * (the branch and its visits: engine-records.ts).
 */

const engineOn = testEngines();

/** Three outcomes recorded and a plan approved on `kind`, and everything read back. */
async function recordedStory(kind: EngineKind) {
  const { under, staffIds, borrowerIds, loanIds, visitIds } = await visitedBranch(
    engineOn,
    kind,
    3,
  );
  const db = under.engine.db;
  const officer = eveningDesk(under.engine, staffIds[0]!, 'officer');
  const manager = eveningDesk(under.engine, staffIds[1]!, 'manager');
  const paid = await recordVisitOutcome(
    officer,
    recordVisitInput.parse(
      outcomeOf(visitIds[0]!, '08', staffIds, {
        outcome: 'partial_payment',
        payment: { loanId: loanIds[0]!, amountFen: 50_000, method: 'cash' },
      }),
    ),
  );
  const promised = await recordVisitOutcome(
    officer,
    recordVisitInput.parse(
      outcomeOf(visitIds[1]!, '09', staffIds, {
        outcome: 'promise_to_pay',
        promise: { loanId: loanIds[1]!, amountFen: 100_000, dueOn: '2026-03-20' },
      }),
    ),
  );
  const planned = await recordVisitOutcome(
    officer,
    recordVisitInput.parse(
      outcomeOf(visitIds[2]!, '10', staffIds, {
        outcome: 'plan_proposed',
        plan: {
          loanId: loanIds[2]!,
          mode: 'equal',
          count: 4,
          firstDueOn: '2026-04-10',
          totalFen: 320_000,
          amountsFen: [],
          shortfallReason: '',
        },
      }),
    ),
  );
  const approved = await approvePlan(manager, {
    id: planned.effective.plan!.id,
    reason: '收入稳定，同意分期',
  });
  // The promise corrected to a smaller amount, then judged once its grace has passed unpaid.
  const amended = await amendVisitRecord(
    officer,
    amendVisitInput.parse({
      ...outcomeOf(visitIds[1]!, '09', staffIds, {
        outcome: 'promise_to_pay',
        promise: { loanId: loanIds[1]!, amountFen: 80_000, dueOn: '2026-03-20' },
      }),
      recordId: promised.effective.id,
      reason: '金额记错，更正为800元',
    }),
  );
  const evaluation = await evaluateDue(manager, '2026-03-31');
  const receipt = await receiptRow(db, { id: paid.effective.receipt!.id });
  const audited = await db
    .selectFrom('audit_log')
    .select(['action', 'entity', 'entity_id'])
    .orderBy('id')
    .execute();
  const borrowers = await db
    .selectFrom('borrowers')
    .select(['id', 'last_contact_at', 'last_visit_at', 'broken_promises'])
    .where('id', 'in', borrowerIds)
    .orderBy('id')
    .execute();
  const follow = await db
    .selectFrom('follow_ups')
    .select(['borrower_id', 'visit_record_id', 'staff_id', 'due_on', 'status'])
    .orderBy('id')
    .execute();
  return {
    records: [paid, promised, planned],
    readBack: await Promise.all(
      [paid, promised, planned].map((r) => recordHistory(db, r.effective.id)),
    ),
    receipt,
    approved,
    amended,
    evaluation,
    plans: await listPlans(db, { limit: 10 }),
    promises: await listPromises(db, { limit: 10 }),
    visits: await db.selectFrom('visits').select(['id', 'status']).orderBy('id').execute(),
    borrowers,
    follow,
    audited: audited.map((a) => `${a.action} ${a.entity} ${a.entity_id ?? ''}`),
    chain: (await verifyChain(db, kind)).ok,
  };
}

describe('visit records on both engines', () => {
  it('outcomes with a payment, a promise and a plan, an amendment and a judgement read back alike', async () => {
    const sqlite = await recordedStory('sqlite');
    const postgres = await recordedStory('postgres');

    const [paid, promised, planned] = sqlite.records;
    expect(paid!.effective.receipt).toMatchObject({
      receiptNo: 'QS001-SJ-2026-000001',
      amountFen: 50_000,
      method: 'cash',
      paidAt: `${DAY}T08:40`,
    });
    expect(promised!.effective.promise).toMatchObject({
      amountFen: 100_000,
      dueOn: '2026-03-20',
      status: 'pending',
    });
    expect(planned!.effective.plan?.instalments).toHaveLength(4);
    expect(sqlite.approved).toMatchObject({ status: 'approved', selfApproved: false });
    // No notice was given before the visits: saved all the same, with the violation.
    expect(paid!.effective.violations?.map((v) => v.code)).toContain('NO_NOTICE');
    // Read back as recorded, the promise now corrected and judged, the plan decided.
    expect(sqlite.readBack[0]).toEqual(sqlite.records[0]);
    expect(sqlite.readBack[1]!.history.map((r) => r.id)).toEqual(
      sqlite.amended.history.map((r) => r.id),
    );
    expect(sqlite.readBack[1]!.effective.promise).toMatchObject({
      amountFen: 80_000,
      status: 'broken',
    });
    expect(sqlite.readBack[2]!.effective.plan).toEqual(sqlite.approved);
    expect(sqlite.visits.map((v) => v.status)).toEqual(['done', 'done', 'done']);
    // The visit at 08:05 in Shanghai is the borrower's last contact and last visit.
    expect(sqlite.borrowers[0]).toMatchObject({
      last_contact_at: `${DAY}T00:05:00.000Z`,
      last_visit_at: `${DAY}T00:05:00.000Z`,
    });
    expect(sqlite.amended.history).toHaveLength(2);
    expect(sqlite.amended.effective.promise).toMatchObject({ amountFen: 80_000 });
    expect(sqlite.evaluation).toMatchObject({ promisesChanged: 1, brokenNow: [2] });
    expect(sqlite.promises.map((p) => [p.amountFen, p.status])).toEqual([
      [80_000, 'broken'],
      [100_000, 'superseded'],
    ]);
    expect(sqlite.borrowers.map((b) => b.broken_promises)).toEqual([0, 1, 0]);
    expect(sqlite.follow).toHaveLength(4);
    expect(sqlite.audited.filter((a) => a.startsWith('visit.record'))).toHaveLength(3);
    expect(sqlite.audited).toContain(`plan.approve repayment_plan ${sqlite.approved.id}`);
    expect(sqlite.chain).toBe(true);

    expect(postgres).toEqual(sqlite);
  });
});

describe.each(engineKinds)('concurrent payments on %s', (kind) => {
  it('eight desks taking payments at once leave gapless receipt numbers', async () => {
    const { under, staffIds, loanIds, visitIds } = await visitedBranch(engineOn, kind, 8);
    const db = under.engine.db;
    const results = await Promise.allSettled(
      visitIds.map((visitId, i) =>
        recordVisitOutcome(
          eveningDesk(under.engine, staffIds[i % 2]!, 'officer'),
          recordVisitInput.parse(
            outcomeOf(visitId, String(8 + i).padStart(2, '0'), staffIds, {
              outcome: 'partial_payment',
              payment: { loanId: loanIds[i]!, amountFen: 10_000 * (i + 1), method: 'cash' },
            }),
          ),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const receipts = await db
      .selectFrom('receipts')
      .innerJoin('payments', 'payments.id', 'receipts.payment_id')
      .select([
        'receipts.seq',
        'receipts.year',
        'receipts.receipt_no',
        'payments.receipt_no as payment_receipt_no',
        'payments.amount_fen',
      ])
      .orderBy('receipts.seq')
      .execute();
    expect(receipts.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(receipts.every((r) => r.year === 2026)).toBe(true);
    expect(receipts.map((r) => r.receipt_no)).toEqual(
      receipts.map((r) => `QS001-SJ-2026-${String(r.seq).padStart(6, '0')}`),
    );
    expect(receipts.every((r) => r.payment_receipt_no === r.receipt_no)).toBe(true);
    expect(receipts.reduce((sum, r) => sum + r.amount_fen, 0)).toBe(360_000);
    // Each record's receipt is the one it answered with, and each is audited once.
    const answered = results.map((r) =>
      r.status === 'fulfilled' ? r.value.effective.receipt?.receiptNo : undefined,
    );
    expect([...answered].sort()).toEqual(receipts.map((r) => r.receipt_no));
    const audited = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'visit.record')
      .execute();
    expect(audited).toHaveLength(8);
    expect((await verifyChain(db, kind)).ok).toBe(true);
  });
});
