import fs from 'node:fs';
import type { BridgedCore } from '../support/bridge';
import {
  expect,
  exportFrom,
  pagesToPng,
  pdfText,
  pickQuickPurpose,
  saveAsPdf,
  setUpAndSignIn,
  test,
} from '../support/fixtures';
import {
  auditAfter,
  certifiedOfficer,
  ok,
  planNegotiationVisits,
  residentId,
  seedBorrower,
  visitDay,
  type Invoke,
} from '../support/seed';
import { typeInPicker } from '../support/pickers';

/**
 * Privacy on the screens, on the real core: borrowers whose names a spreadsheet would run as
 * formulas are shown literally on the case list and the case page, printed literally on visit
 * notices (pdftotext of the saved PDF), and exported from the case list only after a stated
 * purpose, neutralised and audited.
 */

const HYPERLINK = '=HYPERLINK("http://x","y")';
const SUM = '@SUM(A1)';

/** The borrowers' IDs (born in 1970): the exported list must not contain them in full. */
const privacyId = (seed: number) => residentId(seed, { birthYear: 1970 });

/** A borrower of 东村 with a mobile and a ¥900.00 overdue loan (PV-<seed>). */
const seedPrivacyBorrower = (core: BridgedCore, seed: number, name: string) =>
  seedBorrower(core, seed, name, {
    idNumber: privacyId(seed),
    mobile: `1380000${String(seed).padStart(4, '0')}`,
    overdueFen: 90_000,
    loanPrefix: 'PV',
  });

test('formula-like names: shown and printed literally, exported only with a purpose and neutralised', async ({
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
  const hyperlink = await seedPrivacyBorrower(core, 1, HYPERLINK);
  const sum = await seedPrivacyBorrower(core, 2, SUM);
  await planNegotiationVisits(
    invoke,
    day,
    [liMing, zhaoFang],
    [
      [hyperlink, '09:30', '10:30'],
      [sum, '14:00', '15:00'],
    ],
  );

  // The case list, reloaded by opening the section again.
  await app.getByRole('navigation').getByText('通知书').click();
  await app.getByRole('navigation').getByText('案件').click();
  const grid = app.getByRole('grid', { name: '案件' });
  await expect(grid.getByRole('gridcell', { name: HYPERLINK, exact: true })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: SUM, exact: true })).toBeVisible();
  await shot('privacy-01-case-list');

  // Export the list: the purpose is asked first, the file is neutralised, the export audited.
  await app.getByRole('button', { name: '导出清单' }).click();
  const dialog = app.getByRole('dialog', { name: '导出案件清单 CSV' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  await expect(dialog.getByText('请写明用途（至少 3 个字）')).toBeVisible();
  await pickQuickPurpose(app, dialog, '报送总行月度报表');
  await shot('privacy-02-purpose-dialog');
  const csv = fs.readFileSync(await (await exportFrom(app, dialog)).path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  expect(csv).toContain(`"'@SUM(A1)"`);
  expect(csv).not.toContain(privacyId(1));
  await expect(dialog).toBeHidden();
  const audited = await auditAfter(core, 'cases.export');
  expect(audited.map((r) => r.after)).toEqual([
    expect.objectContaining({ rows: 2, fullNumbers: false, purpose: '报送总行月度报表' }),
  ]);

  // The case page shows the name as written.
  await grid.getByRole('gridcell', { name: HYPERLINK, exact: true }).dblclick();
  await expect(app.getByRole('heading', { level: 1, name: HYPERLINK })).toBeVisible();
  await shot('privacy-03-case-page');

  // The day's visit notices, saved as a PDF through the Notices screen.
  await app.getByRole('navigation').getByText('通知书').click();
  await typeInPicker(app, '走访日期', day);
  const preview = app.getByRole('table', { name: '预览' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  await expect(preview).toContainText(HYPERLINK);
  const pdf = await saveAsPdf(app);
  const text = pdfText(pdf, '-raw');
  expect(text).toContain(HYPERLINK);
  expect(text).toContain(SUM);
  pagesToPng(pdf, 'privacy-04-notice-pdf', { firstPageOnly: true });
});

test('Settings: the promise grace days are validated, saved and audited; the audit log export asks the purpose', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('navigation').getByText('设置').click();
  const card = app.getByRole('form', { name: '承诺还款规则' });
  const grace = card.getByLabel('到期后宽限天数');
  await expect(grace).toHaveValue('3');
  await grace.fill('32');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card.getByText('应为 0–31 天')).toBeVisible();
  await grace.fill('5');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(app.getByText('已保存')).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot('privacy-05-records-settings');
  expect(await ok(core.invoke('records:settings', {}))).toEqual({ promiseGraceDays: 5 });
  const [change] = await auditAfter(core, 'records.settings.update');
  expect([change!.before, change!.after]).toEqual([
    { promiseGraceDays: 3 },
    { promiseGraceDays: 5 },
  ]);

  // The audit page's export uses the same purpose dialog.
  await app.getByRole('navigation').getByText('审计').click();
  await app.getByRole('button', { name: '导出 CSV' }).click();
  const dialog = app.getByRole('dialog', { name: '导出 CSV' });
  await dialog.getByLabel('导出用途').fill('内部稽核季度检查');
  const csv = fs.readFileSync(await (await exportFrom(app, dialog)).path(), 'utf8');
  expect(csv).toContain('records.settings.update');
  const [exported] = await auditAfter(core, 'audit.export');
  expect(exported!.after).toMatchObject({ purpose: '内部稽核季度检查' });
});
