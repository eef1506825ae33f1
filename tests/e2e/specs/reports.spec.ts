import fs from 'node:fs';
import path from 'node:path';
import { seedMarch2026On } from '../../unit/reports/dataset';
import { expect, exportFrom, pickQuickPurpose, setUpAndSignIn, test } from '../support/fixtures';
import { typeInPicker } from '../support/pickers';
import { auditAfter } from '../support/seed';

test('open March, see the figures, close the month, export XLSX and CSV', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await seedMarch2026On(core.app);
  // The March branch's figures as worked out by hand (tests/unit/reports/figures.test.ts), on
  // this project's engine.
  const expected = await core.invoke('reports:summary', { month: '2026-03' });
  expect(expected.ok ? expected.data.figures.branch : expected.error).toMatchObject({
    visitsPlanned: 6,
    visitsDone: 3,
    visitsCancelled: 1,
    contacts: 3,
    promisesDue: 3,
    promisesKept: 2,
    promisedFen: 300000,
    collectedFen: 125000,
    targetFen: 500000,
    loansCured: 1,
    ruleOverrides: 2,
    completionRate: { num: 4, den: 5 },
  });

  await app.getByRole('button', { name: '报表' }).click();
  await typeInPicker(app, '月份', '2026-03');
  const plannedCard = app.locator('text=计划走访').first();
  await expect(plannedCard).toBeVisible();
  // Six visits planned.
  await expect(app.getByText('6', { exact: true }).first()).toBeVisible();
  await shot('reports-open-month');

  await app.getByRole('button', { name: '结账' }).click();
  await expect(app.getByTestId('frozen-banner')).toBeVisible();
  const closed = await core.invoke('reports:summary', { month: '2026-03' });
  const head = closed.ok && closed.data.close ? closed.data.close.auditHead : '';
  expect(head).toMatch(/^[0-9a-f]{64}$/);
  await expect(app.getByTestId('frozen-banner')).toContainText(head);
  await shot('reports-closed');

  // The workbook names borrowers: the purpose is asked first and audited with the export.
  await app.getByRole('button', { name: '导出 XLSX' }).click();
  const purpose = app.getByRole('dialog', { name: '导出 XLSX' });
  await expect(purpose.getByText(/2026-03 月度汇总工作簿/)).toBeVisible();
  await pickQuickPurpose(app, purpose, '报送总行月度报表');
  await shot('reports-export-purpose');
  const download = await exportFrom(app, purpose);
  const xlsx = path.join(core.dir, download.suggestedFilename());
  await download.saveAs(xlsx);
  expect(fs.statSync(xlsx).size).toBeGreaterThan(2000);
  expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  await expect(purpose).toBeHidden();
  const [exported] = await auditAfter(core, 'reports.export');
  expect(exported!.after).toMatchObject({ format: 'xlsx', purpose: '报送总行月度报表' });

  // The CSV next: the dialog starts from the purpose just stated.
  await app.getByRole('button', { name: '导出 CSV' }).click();
  const again = app.getByRole('dialog', { name: '导出 CSV' });
  await expect(again.getByLabel('导出用途')).toHaveValue('报送总行月度报表');
  expect((await exportFrom(app, again)).suggestedFilename()).toBe('走访清单-2026-03.csv');
  // The printed report is a document of its own: monthly-report.spec.ts reads it back.
});
