import { describe, expect, it } from 'vitest';
import { recordVisitInput } from '../../../electron/shared/schemas/records';
import { verifyChain } from '../../../electron/core/audit/chain';
import {
  cashDue,
  cashHolders,
  handInCash,
  handInRow,
  listHandIns,
  signOffHandIn,
} from '../../../electron/core/records/cash';
import { recordVisitOutcome } from '../../../electron/core/records/record';
import type { EngineKind } from '../support/engines';
import { DAY, failureCode, testEngines } from '../planning/engine-desk';
import { eveningDesk, outcomeOf, visitedBranch } from './engine-records';

/**
 * Cash handed in at the branch on both engines (issue 19): three payments taken on Tuesday 10
 * March by the two officers together, what one officer holds, two of them handed in ¥1 short
 * with an explanation, a receipt refused a second hand-in, the manager's sign-off, and the third
 * receipt still held by both and late a week on, read back alike on SQLite and PostgreSQL (engine-records.ts).
 */

const engineOn = testEngines();

async function cashStory(kind: EngineKind) {
  const { under, staffIds, loanIds, visitIds } = await visitedBranch(engineOn, kind, 3);
  const [officerId, partnerId] = staffIds as [number, number];
  const officer = eveningDesk(under.engine, officerId, 'officer');
  const manager = eveningDesk(under.engine, partnerId, 'manager');
  for (const [i, visitId] of visitIds.entries()) {
    await recordVisitOutcome(
      officer,
      recordVisitInput.parse(
        outcomeOf(visitId, String(8 + i).padStart(2, '0'), staffIds, {
          outcome: 'partial_payment',
          payment: { loanId: loanIds[i]!, amountFen: 20_000 * (i + 1), method: 'cash' },
        }),
      ),
    );
  }
  const due = await cashDue(officer, { officerId, day: DAY });
  const [first, second] = due.receipts;
  const handIn = await handInCash(officer, {
    officerId,
    day: DAY,
    receiptIds: [first!.receiptId, second!.receiptId],
    countedFen: first!.amountFen + second!.amountFen - 100,
    explanation: '找零少了一元',
  });
  const twice = await failureCode(
    handInCash(officer, {
      officerId,
      day: DAY,
      receiptIds: [first!.receiptId],
      countedFen: first!.amountFen,
      explanation: '',
    }),
  );
  const signed = await signOffHandIn(manager, { handInId: handIn.id, note: '已核实' });
  const weekOn = { ...manager, now: () => new Date('2026-03-17T02:00:00Z') } as typeof manager;
  const db = under.engine.db;
  return {
    due,
    handIn,
    twice,
    signed,
    row: await handInRow(db, handIn.id),
    listed: await listHandIns(manager, { from: DAY, to: DAY, openOnly: false }),
    open: await listHandIns(manager, { from: DAY, to: DAY, openOnly: true }),
    holders: await cashHolders(weekOn),
    partnerDue: await cashDue(weekOn, { officerId: partnerId, day: DAY }),
    audited: (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map(
      (a) => a.action,
    ),
    chain: (await verifyChain(db, kind)).ok,
  };
}

describe('cash hand-ins on both engines', () => {
  it('a hand-in, its sign-off and the money still held read back alike', async () => {
    const sqlite = await cashStory('sqlite');
    const postgres = await cashStory('postgres');

    expect(sqlite.due.receipts).toHaveLength(3);
    expect(sqlite.due).toMatchObject({ expectedFen: 120_000 });
    expect(sqlite.due.receipts[0]).toMatchObject({ dueBy: '2026-03-11', late: false });
    expect(sqlite.handIn).toMatchObject({
      expectedFen: 60_000,
      countedFen: 59_900,
      differenceFen: -100,
      open: true,
    });
    expect(sqlite.twice).toBe('VALIDATION');
    expect(sqlite.signed).toMatchObject({ open: false, signOffNote: '已核实' });
    expect(sqlite.row).toEqual(sqlite.signed);
    expect(sqlite.listed).toEqual([sqlite.signed]);
    expect(sqlite.open).toEqual([]);
    // Both went on every visit: the third receipt, not handed in, is held by both, late by now.
    const held = { day: DAY, receiptCount: 1, amountFen: 60_000, dueBy: '2026-03-11', late: true };
    expect(sqlite.holders).toEqual([
      expect.objectContaining({ staffNo: 'O001', ...held }),
      expect.objectContaining({ staffNo: 'O002', ...held }),
    ]);
    expect(sqlite.partnerDue.receipts.map((r) => [r.amountFen, r.late])).toEqual([[60_000, true]]);
    expect(sqlite.audited.filter((a) => a.startsWith('cash.'))).toEqual([
      'cash.handIn',
      'cash.signOff',
    ]);
    expect(sqlite.chain).toBe(true);

    expect(postgres).toEqual(sqlite);
  });
});
