import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { penaltyWaiver, waiverCoreOn, type WaiverCoreOn } from './support';

/**
 * The monthly summary's waivers and settlements, worked by hand. Loan 1 owes ¥30,000.00
 * principal, ¥200.00 interest and ¥150.00 penalty; loan 2 the same without the penalty
 * (3,020,000 fen in all).
 *
 * - A: 李明 (C101) proposes to waive loan 1's ¥150.00 penalty on 20 May; the manager and the
 *   auditor approve it that day: May, penalty, 15,000.
 * - B: 钱丽 (K201, clerk) proposes to settle loan 2 for ¥29,000.00 by 30 June on 20 May; the
 *   manager approves on 20 May, the auditor on 31 May: May, settlement, 3,020,000 − 2,900,000
 *   = 120,000.
 * - C: 李明 proposes to waive ¥50.00 of loan 1's interest on 31 May; approved on 31 May and
 *   1 June: June, interest, 5,000.
 * - D: 李明 proposes to waive ¥10.00 of loan 2's interest on 31 May; the auditor rejects it:
 *   not counted.
 * On both engines (issue 19), on records/desk-records.ts's desk.
 */
async function approveBoth(core: WaiverCoreOn, id: number, secondOn?: string) {
  await core.signInAsManager();
  expectOk(await core.invoke('waivers:approve', { id, note: '' }));
  if (secondOn) core.setToday(secondOn);
  await core.signInAs(core.auditor);
  expectOk(await core.invoke('waivers:approve', { id, note: '' }));
}

describe.each(engineKinds)('the monthly summary’s waivers and settlements on %s', (kind) => {
  it('counts and sums by kind the proposals approved in the month, per proposer', async () => {
    const core = await waiverCoreOn(kind);
    await core.signInAs(core.officer);
    const a = expectOk(await core.invoke('waivers:propose', penaltyWaiver(core))).id;
    await approveBoth(core, a);

    await core.signInAs(core.clerk);
    const b = expectOk(
      await core.invoke('waivers:propose', {
        borrowerId: core.borrowerId,
        loanId: core.secondLoanId,
        kind: 'settlement',
        settlePayFen: 2_900_000,
        payBy: '2026-06-30',
        reason: '一次性结清',
      }),
    ).id;
    await approveBoth(core, b, '2026-05-31');

    await core.signInAs(core.officer);
    const c = expectOk(
      await core.invoke(
        'waivers:propose',
        penaltyWaiver(core, { kind: 'interest', waivedFen: 5_000 }),
      ),
    ).id;
    const d = expectOk(
      await core.invoke(
        'waivers:propose',
        penaltyWaiver(core, { loanId: core.secondLoanId, kind: 'interest', waivedFen: 1_000 }),
      ),
    ).id;
    await core.signInAs(core.auditor);
    expectOk(await core.invoke('waivers:reject', { id: d, reason: '理由不充分' }));
    await approveBoth(core, c, '2026-06-01');

    await core.signInAsManager();
    const may = expectOk(await core.invoke('reports:summary', { month: '2026-05' })).figures;
    const pick = (block: Record<string, unknown>) => ({
      waiversApproved: block.waiversApproved,
      waivedFen: block.waivedFen,
      penaltyWaivers: block.penaltyWaivers,
      penaltyWaivedFen: block.penaltyWaivedFen,
      interestWaivers: block.interestWaivers,
      interestWaivedFen: block.interestWaivedFen,
      settlementsApproved: block.settlementsApproved,
      settlementWaivedFen: block.settlementWaivedFen,
    });
    expect(pick(may.branch)).toEqual({
      waiversApproved: 2,
      waivedFen: 135_000,
      penaltyWaivers: 1,
      penaltyWaivedFen: 15_000,
      interestWaivers: 0,
      interestWaivedFen: 0,
      settlementsApproved: 1,
      settlementWaivedFen: 120_000,
    });
    const officer = (month: typeof may, staffNo: string) =>
      pick(month.officers.find((o) => o.staffNo === staffNo)!.figures);
    expect(officer(may, 'C101')).toMatchObject({
      waiversApproved: 1,
      waivedFen: 15_000,
      penaltyWaivers: 1,
    });
    expect(officer(may, 'K201')).toMatchObject({
      waiversApproved: 1,
      waivedFen: 120_000,
      settlementsApproved: 1,
    });

    const june = expectOk(await core.invoke('reports:summary', { month: '2026-06' })).figures;
    expect(pick(june.branch)).toEqual({
      waiversApproved: 1,
      waivedFen: 5_000,
      penaltyWaivers: 0,
      penaltyWaivedFen: 0,
      interestWaivers: 1,
      interestWaivedFen: 5_000,
      settlementsApproved: 0,
      settlementWaivedFen: 0,
    });
    expect(officer(june, 'C101')).toMatchObject({ waiversApproved: 1, interestWaivedFen: 5_000 });
    // The definitions travel with the summary (tooltips, the workbook's definitions sheet).
    const { definitions } = expectOk(await core.invoke('reports:summary', { month: '2026-05' }));
    expect(definitions.find((x) => x.key === 'waivedFen')?.label.zh).toBe('减免金额合计');

    // The head-office workbook: the summary sheet's rows, in yuan, and the per-officer sheet.
    const file = expectOk(
      await core.invoke('reports:exportXlsx', {
        month: '2026-05',
        lang: 'zh',
        purpose: '报送总行',
      }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const summary = book.getWorksheet('汇总')!;
    const rowOf = (label: string) => {
      let found: unknown[] | null = null;
      summary.eachRow((row) => {
        const values = row.values as unknown[];
        if (values[1] === label) found = values.slice(1, 3);
      });
      return found;
    };
    expect(rowOf('批准减免与和解')).toEqual(['批准减免与和解', 2]);
    expect(rowOf('减免金额合计')).toEqual(['减免金额合计', 1350]);
    expect(rowOf('和解减免金额')).toEqual(['和解减免金额', 1200]);
  });
});
