import { describe, expect, it } from 'vitest';
import {
  kindCounts,
  lossFindings,
  observe,
  openVisits,
  runLoad,
  serveOnLoopback,
  tally,
  workingDaysAfter,
  type LoadDesk,
  type Observed,
} from '../../bench/server-load';
import { insertBorrowerOn, recordsCoreOn } from '../records/desk-records';
import { TODAY } from '../records/support';
import { MANAGER } from '../support/core';
import { engineKinds } from '../support/engines';

/**
 * The branch server's load (tests/bench/server-load.ts, run at full scale by
 * `npm run bench -- --only server-load`) at a tiny scale: three desks × 20 calls over TLS on
 * loopback, on both engines; then its loss check, which must find nothing here and must find
 * each kind of loss when it is fed one. The branch: records/desk-records.ts (20 May 2026,
 * officers 李明 and 赵强, the clerk 钱丽, the manager), twelve notified visits to record with a
 * payment and twelve borrowers to plan for.
 */

describe('the mix of calls', () => {
  it('20 calls are 6 case-list pages, 5 calendar weeks, 1 worklist, 4 plans and 4 records', () => {
    expect(kindCounts(20)).toEqual({
      'cases:list': 6,
      'planning:calendar': 5,
      'planning:worklist': 1,
      plan: 4,
      record: 4,
    });
    // 1,000 calls: 40 rounds of 25 (8 pages, 6 weeks, 1 worklist, 5 plans, 5 records).
    expect(kindCounts(1_000)).toEqual({
      'cases:list': 320,
      'planning:calendar': 240,
      'planning:worklist': 40,
      plan: 200,
      record: 200,
    });
  });

  it('working days skip the weekend: after Wednesday 20 May 2026', () => {
    expect(workingDaysAfter(TODAY, 4)).toEqual([
      '2026-05-21',
      '2026-05-22',
      '2026-05-25',
      '2026-05-26',
    ]);
  });
});

describe.each(engineKinds)('three desks on one server, on %s', (kind) => {
  it('make every call, lose nothing, and the check sees a loss fed to it', async () => {
    const core = await recordsCoreOn(kind);
    const engine = core.app.engine;
    for (let i = 0; i < 12; i++) await core.visit();
    const borrowerIds: number[] = [];
    for (let i = 0; i < 12; i++) borrowerIds.push(await insertBorrowerOn(engine, 10 + i));
    const visits = await openVisits(engine.db, 12);
    expect(visits).toHaveLength(12);
    expect(visits[0]).toEqual({
      id: expect.any(Number),
      borrowerId: core.borrowerId,
      loanId: core.loanId,
      staffIds: [core.officer.staffId, core.partner.staffId].sort((a, b) => a - b),
    });

    const served = await serveOnLoopback(core);
    try {
      const accounts = [core.officer, core.partner, MANAGER];
      const desks: LoadDesk[] = [];
      for (const [d, account] of accounts.entries()) {
        const desk = await served.desk(`柜台 ${d + 1}`, account);
        desks.push({
          call: (channel, payload) => desk.invoke(channel, payload),
          // Desks 1 and 3 plan for the same two officers at the same hours: one of each pair of
          // their plans is refused as a double booking.
          staffIds: [core.officer.staffId, core.partner.staffId],
        });
      }
      desks[1]!.staffIds = [core.clerk.staffId, core.managerId];
      const before = await tally(engine.db);
      const run = await runLoad({
        desks,
        calls: 20,
        deadlineMs: 120_000,
        work: {
          today: TODAY,
          borrowerIds,
          planDates: workingDaysAfter(TODAY, 5),
          openVisits: visits,
          caseListInputs: [{ asOf: TODAY, sort: 'dpd', direction: 'desc' }],
          calendarInputs: [{ from: '2026-05-18', to: '2026-05-24' }],
        },
      });
      expect(run.notMade).toBe(0);
      expect(run.answers).toHaveLength(60);
      const of = (k: string) => run.answers.filter((a) => a.kind === k);
      expect(
        ['cases:list', 'planning:calendar', 'planning:worklist', 'plan', 'record'].map(
          (k) => of(k).length,
        ),
      ).toEqual([18, 15, 3, 12, 12]);
      expect(run.answers.filter((a) => a.outcome === 'failed')).toEqual([]);
      expect(of('record').every((a) => a.outcome === 'ok' && a.receiptNo)).toBe(true);
      const plannedOk = of('plan').filter((a) => a.outcome === 'ok').length;
      const refused = of('plan').filter((a) => a.outcome === 'refused');
      expect(plannedOk + refused.length).toBe(12);
      expect(refused.every((a) => a.code?.startsWith('RULE_VIOLATION'))).toBe(true);

      const seen = await observe(core.app, run.answers, before);
      expect(lossFindings(run.answers, seen)).toEqual([]);
      // A new branch: its first twelve receipts of 2026, 1 to 12, and the sequence row at 12.
      expect(seen.series.map((s) => [s.year, s.from, s.seqs, s.lastSeq])).toEqual([
        [2026, 0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 12],
      ]);
      expect(seen.after.visits - seen.before.visits).toBe(plannedOk);
      expect(seen.after.records - seen.before.records).toBe(12);
      expect(seen.chain.ok).toBe(true);

      // Each loss, fed to the check, is found and named.
      const fed = (change: (o: Observed) => void) => {
        const copy = structuredClone(seen);
        change(copy);
        return lossFindings(run.answers, copy);
      };
      expect(fed((o) => (o.after.visits -= 1))).toEqual([
        `visits: ${plannedOk} answered, the table grew by ${plannedOk - 1}`,
      ]);
      expect(
        fed((o) => {
          o.after.receipts -= 1;
          o.after.payments -= 1;
          o.receiptsFound -= 1;
          o.series[0]!.seqs.splice(4, 1);
        }),
      ).toEqual([
        'payments: 12 answered, the table grew by 11',
        'receipts: 12 answered, the table grew by 11',
        '12 receipts answered, 11 found',
        'receipts QS001 2026: number 5 is missing or doubled (found 6)',
        'receipts QS001 2026: 1 to 11 issued, the sequence row says 12',
        '12 receipts answered, 11 numbers issued since',
      ]);
      expect(fed((o) => (o.series[0]!.lastSeq = 13))).toEqual([
        'receipts QS001 2026: 1 to 12 issued, the sequence row says 13',
      ]);
      expect(fed((o) => (o.recordedOnce -= 1))).toEqual([
        '12 visits answered as recorded, 11 recorded once',
      ]);
      expect(fed((o) => (o.chain = { ok: false, firstBadId: 7 }))).toEqual([
        'the audit chain breaks at row 7',
      ]);
      expect(fed((o) => (o.after.auditRows = o.before.auditRows + 3))).toEqual([
        `${plannedOk + 12} writes answered, 3 audit rows added`,
      ]);
    } finally {
      await served.close();
    }
  });
});
