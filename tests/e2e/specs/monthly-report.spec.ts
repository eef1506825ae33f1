import { typeInPicker } from '../support/pickers';
import { seedMarch2026On } from '../../unit/reports/dataset';
import { expect, pagesToPng, pdfPages, pdfText, setUpAndSignIn, test } from '../support/fixtures';

// The monthly report as head office gets it: a print document of its own (not the screen
// printed), saved as PDF from the Reports screen and read back with pdftotext.
test('the monthly report prints as a document: pages numbered, headline first, the close’s hashes', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await seedMarch2026On(core.app);
  const closed = await core.invoke('reports:close', { month: '2026-03' });
  expect(closed.ok ? 'ok' : closed.error).toBe('ok');
  const close = closed.ok ? closed.data : null;
  expect(close?.figuresSha256).toMatch(/^[0-9a-f]{64}$/);
  // The frozen figures are the hand-worked ones (tests/unit/reports/figures.test.ts).
  const frozen = await core.invoke('reports:summary', { month: '2026-03' });
  expect(frozen.ok ? frozen.data.figures.branch : frozen.error).toMatchObject({
    visitsPlanned: 6,
    visitsDone: 3,
    promisesKept: 2,
    collectedFen: 125000,
    targetFen: 500000,
  });

  await app.getByRole('button', { name: '报表' }).click();
  // The month field reads 2026年…月; the month is typed on the keyboard.
  const field = app.getByRole('group', { name: '月份' });
  // Year and month typed, so the test does not depend on the year it runs in.
  await typeInPicker(app, '月份', '2026-03');
  await expect(field).toContainText(/2026年0?3月/);
  await expect(app.getByTestId('frozen-banner')).toContainText(close!.auditHead);
  await shot('monthly-report-screen');
  // The rest of the screen as a user scrolls it: groups, charts, the matrices.
  await app.getByRole('heading', { name: '规则例外与投诉' }).scrollIntoViewIfNeeded();
  await shot('monthly-report-screen-groups');
  await app.getByRole('heading', { name: '按催收员', exact: true }).scrollIntoViewIfNeeded();
  // The charts name the officers on their axes (the charts once shortened them to nothing).
  const charts = app.getByTestId('report-charts');
  for (const name of ['李明', '赵芳', '王建国']) {
    await expect(charts.locator('text', { hasText: name }).first()).toBeVisible();
  }
  await expect(charts.locator('text', { hasText: '催收员' }).first()).toBeVisible();
  await shot('monthly-report-screen-charts');
  await app.getByTestId('roll-rate-legend').scrollIntoViewIfNeeded();
  await shot('monthly-report-screen-roll-rate');

  await app.getByRole('button', { name: '保存为 PDF' }).click();
  const toast = app.getByText(/已保存 月度汇总-2026-03\.pdf/);
  await expect(toast).toBeVisible({ timeout: 60_000 });
  const pdf = `${core.dir}/月度汇总-2026-03.pdf`;

  const pages = pdfPages(pdf);
  expect(pages).toBeGreaterThanOrEqual(2);
  const text = pdfText(pdf);
  const flat = text.replace(/\s+/g, '');
  // Title with branch and month, in words; never a form field's "March 2026" or 2026-03.
  expect(flat).toContain('月度汇总报告');
  expect(flat).toContain('青山农商银行石桥支行·2026年3月');
  expect(text).not.toMatch(/March 2026/);
  // Page numbers on every page.
  for (let page = 1; page <= pages; page++) {
    expect(flat).toContain(`第${page}页，共${pages}页`);
  }
  // The headline figures come first, before the grouped tables.
  const labels = ['目标达成率', '接触率', '承诺兑现率', '治愈率', '规则例外次数', '收到投诉'];
  for (const label of labels) expect(flat).toContain(label);
  expect(flat.indexOf('一、主要指标')).toBeLessThan(flat.indexOf('二、分类指标'));
  expect(flat).not.toContain('越权');
  // Per officer, charts named by officer, the matrices, the close's hashes, the signature.
  expect(flat).toContain('李明（A001）');
  expect(flat).toContain('赵芳（B001）');
  expect(flat).toContain('迁徙率矩阵');
  expect(flat).toContain(close!.figuresSha256);
  expect(flat).toContain(close!.auditHead);
  expect(flat).toContain('支行负责人（签字）');

  // Per page: the first has the title and the headline; the hashes are on one page whole.
  const perPage = text.split('\f').map((p) => p.replace(/\s+/g, ''));
  expect(perPage[0]).toContain('一、主要指标');
  expect(
    perPage.some((p) => p.includes(close!.figuresSha256) && p.includes(close!.auditHead)),
  ).toBe(true);
  pagesToPng(pdf, 'monthly-report-pdf');
});
