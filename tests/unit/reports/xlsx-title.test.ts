import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectOk, signedInCore } from '../support/core';
import { seedMarch2026 } from './dataset';

/** The workbook as the screen downloads it, read back with exceljs. */
async function workbook(core: Awaited<ReturnType<typeof signedInCore>>, lang: 'zh' | 'en') {
  const file = expectOk(
    await core.invoke('reports:exportXlsx', {
      month: '2026-03',
      lang,
      purpose: '报送总行月度报表',
    }),
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return book;
}

describe('the head-office workbook', () => {
  it('starts every sheet with a title row naming the branch, the month and whether it is closed', async () => {
    const core = await signedInCore({ now: () => new Date('2026-04-03T02:00:00.000Z') });
    seedMarch2026(core.app.db);

    const open = await workbook(core, 'zh');
    expect(open.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '按催收员',
      '迁徙率矩阵',
      '五级分类',
      '按催收员迁徙率',
      '指标定义',
      '走访清单',
    ]);
    for (const sheet of open.worksheets) {
      expect(sheet.getCell('A1').value, sheet.name).toBe(
        '青山农商银行石桥支行 · 2026年3月 月度汇总 · 未结账（实时数据）',
      );
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
      // The column headings follow on row 2, and both stay in view while scrolling.
      expect(sheet.getRow(2).font?.bold, sheet.name).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    }
    expect(open.getWorksheet('汇总')!.getRow(2).values).toEqual([
      undefined,
      '指标',
      '本月',
      '上月',
      '去年同月',
      '定义',
    ]);

    expectOk(await core.invoke('reports:close', { month: '2026-03' }));
    const closed = await workbook(core, 'en');
    for (const sheet of closed.worksheets) {
      expect(sheet.getCell('A1').value, sheet.name).toBe(
        '青山农商银行石桥支行 · Monthly summary, March 2026 · Closed (frozen figures)',
      );
    }
    // The figure once called an "override" is a rule exception in both languages.
    const summary = closed.getWorksheet('Summary')!;
    const labels = summary.getColumn(1).values.map(String);
    expect(labels).toContain('Rule exceptions');
    expect(labels).not.toContain('Rule overrides');
    const zh = (await workbook(core, 'zh')).getWorksheet('汇总')!.getColumn(1).values.map(String);
    expect(zh).toContain('规则例外次数');
    expect(zh).toContain('经理批准的例外');
    expect(zh.join('')).not.toContain('越权');
  });
});
