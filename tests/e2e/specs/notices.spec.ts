import {
  expect,
  pagesToPng,
  pdfPages,
  pdfText,
  saveAsPdf,
  setUpAndSignIn,
  test,
} from '../support/fixtures';
import {
  certifiedOfficer,
  planNegotiationVisits,
  seedBorrower,
  visitDay,
  type Invoke,
} from '../support/seed';
import { typeInPicker } from '../support/pickers';

/**
 * The Notices screen end to end, on the real core: two certified officers and two planned
 * visits on one day, the day's notices saved as one PDF through the screen (one page per visit,
 * in route order, with names, the amount in capitals and the staff numbers), then one notice
 * reprinted from the print log and marked 副本.
 *
 * Seeding follows planning.spec.ts: borrowers through the case channel, one overdue loan each
 * written as the import leaves it, visits through `planning:planVisit` on a working day ahead.
 */

test('print a day of notices as one PDF, then reprint one as a copy', async ({
  app,
  core,
  shot,
}) => {
  test.setTimeout(180_000);
  await setUpAndSignIn(app, core);
  const invoke: Invoke = core.invoke;
  const day = await visitDay(invoke);
  const liMing = await certifiedOfficer(invoke, 'C001', '李明');
  const zhaoFang = await certifiedOfficer(invoke, 'C002', '赵芳');
  const zhangSan = await seedBorrower(core, 1, '张三', { village: '东村' });
  const liSi = await seedBorrower(core, 2, '李四', { village: '西村' });
  await planNegotiationVisits(
    invoke,
    day,
    [liMing, zhaoFang],
    [
      [liSi, '14:00', '15:00'],
      [zhangSan, '09:30', '10:30'],
    ],
  );

  await app.getByRole('navigation').getByText('通知书').click();
  await expect(app.getByRole('heading', { name: '通知书与函件' })).toBeVisible();
  await typeInPicker(app, '走访日期', day);
  const preview = app.getByRole('table', { name: '预览' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  // Route order: the morning visit first, whatever order they were planned in.
  await expect(preview.getByRole('row').nth(1)).toContainText('张三');
  await expect(preview.getByRole('row').nth(2)).toContainText('李四');
  await shot('notices-batch-preview');

  const batch = await saveAsPdf(app);
  await expect(app.getByTestId('print-outcome')).toContainText('共 2 页');
  await shot('notices-batch-saved');
  expect(pdfPages(batch)).toBe(2);
  const text = pdfText(batch);
  for (const expected of ['上门走访通知书', '张三', '李四', 'C001', 'C002', '李明', '赵芳']) {
    expect(text).toContain(expected);
  }
  // 张三 owes 810.00 yuan, 李四 820.00 yuan.
  expect(text.replace(/\s+/g, '')).toContain('人民币捌佰壹拾元整');
  expect(text.replace(/\s+/g, '')).toContain('人民币捌佰贰拾元整');
  expect(pdfText(batch, '-raw').replace(/\s+/g, '')).not.toContain('副本');
  pagesToPng(batch, 'notices-batch-pdf', { firstPageOnly: true });

  // Both notices are in the log; reprint the first and the copy says so.
  await app.getByRole('tab', { name: '打印记录' }).click();
  const log = app.getByRole('table', { name: '打印记录' });
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log).toContainText('正本');
  await log.getByRole('row').nth(1).getByRole('button', { name: '重印' }).click();
  const reprint = await saveAsPdf(app, app.getByRole('alert').filter({ hasText: '重印' }));
  expect(pdfPages(reprint)).toBe(1);
  // In layout mode the rotated watermark's characters land among other lines; raw mode keeps
  // the page's drawing order, where the stamp and the watermark are whole words.
  const copyText = pdfText(reprint, '-raw').replace(/\s+/g, '');
  expect(copyText).toContain('副本');
  expect(copyText).toMatch(/张三|李四/);
  await expect(log.getByRole('row')).toHaveCount(4);
  await expect(log.getByRole('row').nth(1)).toContainText('副本');
  await shot('notices-log-reprinted');
  pagesToPng(reprint, 'notices-reprint-pdf', { firstPageOnly: true });

  await app.getByRole('tab', { name: '模板' }).click();
  await expect(app.getByTestId('template-preview')).toContainText('上门走访通知书');
  await shot('notices-templates');
  await app.getByTestId('template-preview').scrollIntoViewIfNeeded();
  await shot('notices-template-preview');

  // Letters for borrowers chosen through the case search: a demand letter for each.
  await app.getByRole('tab', { name: '函件' }).click();
  await app.getByLabel('函件类型').click();
  await app.getByRole('option', { name: '催收函' }).click();
  for (const name of ['李四', '张三']) {
    await app.getByLabel('搜索借款人（姓名、拼音、证件号）').fill(name);
    await app.getByRole('option', { name: new RegExp(name) }).click();
  }
  await expect(app.getByText('已选 2 人')).toBeVisible();
  const letters = await saveAsPdf(app);
  await shot('notices-letters-saved');
  expect(pdfPages(letters)).toBe(2);
  const letterText = pdfText(letters, '-raw').replace(/\s+/g, '');
  expect(letterText).toContain('催收函');
  // In the order chosen: 李四 first.
  expect(letterText.indexOf('李四')).toBeLessThan(letterText.indexOf('张三'));
  expect(letterText).toContain('人民币捌佰壹拾元整');
});
