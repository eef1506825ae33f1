import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { signedInCoreOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn } from '../records/desk-records';

/**
 * Papers the core stages itself for the print window: the monthly report and the hand-in sheet
 * (缴款单), under the branch's letterhead, stamped in branch time with who printed them. On both
 * engines (issue 19): the visit written through the app's engine, the rest through the dispatcher.
 */

const letterhead = {
  name: '青山农商银行石桥支行',
  address: '浙江省青山县石桥镇人民路 8 号',
  phone: '0571-88886666',
  complaintHotline: '0571-88889999',
  logoDataUrl: null,
};

describe.each(engineKinds)('staged papers on %s', (kind) => {
  it('stage the monthly report with the close and its checkpoint, in branch time', async () => {
    const core = await signedInCoreOn(kind, { now: () => new Date('2026-12-03T02:00:00.000Z') });
    const close = expectOk(await core.invoke('reports:close', { month: '2026-11' }));
    const { jobId } = expectOk(await core.invoke('print:stageReport', { month: '2026-11' }));
    const [doc] = expectOk(await core.invoke('print:job', { jobId })).documents;
    expect(doc).toMatchObject({
      kind: 'monthlyReport',
      lang: 'zh',
      month: '2026-11',
      issueDate: '2026-12-03',
      printedAt: '2026-12-03T10:00',
      printedBy: { name: '王建国', staffNo: 'M001' },
      letterhead,
      closedAtLocal: '2026-12-03T10:00',
      checkpointAtLocal: '2026-12-03T10:00',
    });
    if (doc?.kind !== 'monthlyReport') throw new Error('not the monthly report');
    expect(doc.summary.close?.figuresSha256).toBe(close.figuresSha256);
    expect(doc.summary.checkpoint).toMatchObject({ reason: 'month-close 2026-11' });
  });

  it('stage a hand-in sheet numbered from the branch code and the hand-in', async () => {
    const core = await recordsCoreOn(kind);
    core.setToday('2026-05-20');
    await core.signInAs(core.officer);
    const saved = await recordOn(
      core,
      outcomeOn(core, await core.visit('2026-05-20'), {
        date: '2026-05-20',
        outcome: 'partial_payment',
        payment: { amountFen: 50_000, method: 'cash', loanId: core.loanId },
        followUpOn: null,
      }),
    );
    const receipt = saved.effective.receipt!;
    await core.signInAs(core.clerk);
    const handIn = expectOk(
      await core.invoke('records:handIn', {
        officerId: core.officer.staffId,
        day: '2026-05-20',
        receiptIds: [receipt.id],
        countedFen: 50_000,
        explanation: '',
      }),
    );
    const { jobId } = expectOk(
      await core.invoke('print:stageHandIn', { handInId: handIn.id, lang: 'en' }),
    );
    const [doc] = expectOk(await core.invoke('print:job', { jobId })).documents;
    expect(doc).toMatchObject({
      kind: 'cashHandInSheet',
      lang: 'en',
      referenceNo: `QS001-JK-${String(handIn.id).padStart(6, '0')}`,
      printedAt: '2026-05-20T10:00',
      letterhead,
      branchCode: 'QS001',
      handIn: { id: handIn.id, countedFen: 50_000 },
    });
  });
});
