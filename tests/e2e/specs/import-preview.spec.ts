import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { expect, setUpAndSignIn, test } from '../support/fixtures';
import { residentId, unwrap } from '../support/seed';

/**
 * Issue 17, "Import that tells before it writes": a head office's daily file, saved by Excel
 * as GBK, with one bad row and a column the branch does not use. Before anything is written the
 * screen names the encoding in a clerk's words, shows the column as ignored (not an error),
 * says one row will be refused and marks it in the preview, and shows the report the import
 * will give; the import then refuses exactly that row and says what money the file showed.
 */

const id = (n: number) =>
  residentId(n, { birthYear: 1975, birthMonth: 6, birthDay: 1, serialFrom: 300 });
// The check character of row 3's ID is wrong.
const badId = (() => {
  const good = id(3);
  return `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
})();

const lines = [
  '姓名,身份证号,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,担保方式',
  `赵一,${id(1)},D26-001,50000,2025-03-01,40000,5000,信用`,
  `钱二,${id(2)},D26-002,30000,2025-05-10,28000,2000,保证`,
  `孙三,${badId},D26-003,20000,2025-06-01,15000,0,信用`,
  `李四,${id(4)},D26-004,20000,2025-06-01,15000,0,抵押`,
];

test('the preview flags a bad row before importing, and the import refuses just that row', async ({
  app,
  core,
  shot,
}, testInfo) => {
  await setUpAndSignIn(app, core);
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-preview-')),
    '日增量.csv',
  );
  // Excel on a Chinese Windows saves "CSV" as GBK, without a byte-order mark.
  fs.writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));

  await app.getByRole('button', { name: '导入表格' }).first().click();
  await expect(app.getByRole('heading', { name: '导入表格' })).toBeVisible();
  await app.getByTestId('import-file').setInputFiles(file);

  await expect(app.getByTestId('import-encoding')).toHaveText('识别为 简体中文（GBK，Excel 默认）');
  await expect(app.getByText('共 4 行数据')).toBeVisible();
  // The column no field takes reads as ignored, and is not marked as an error.
  const ignored = app.getByRole('combobox', { name: '对应字段: 担保方式' });
  await expect(ignored).toHaveText('忽略此列');
  await expect(ignored.locator('xpath=..')).not.toHaveClass(/Mui-error/);

  // Told before writing: one row will be refused, and which one, and why.
  const verdict = app.getByTestId('preview-verdict');
  await expect(verdict).toContainText('1 行有错误，导入时将被拒绝（共 4 行）');
  await expect(verdict).toContainText('整份文件都不会写入');
  const table = app.getByRole('table', { name: /预览/ });
  const badRow = table.getByRole('row').filter({ hasText: '孙三' });
  await expect(badRow).toHaveAttribute('data-flagged', 'error');
  await expect(badRow.getByLabel(/^有错误，将被拒绝：身份证号：身份证号不正确/)).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '赵一' })).not.toHaveAttribute(
    'data-flagged',
  );
  const report = app.getByRole('grid', { name: '校验报告' });
  await expect(report.getByRole('row', { name: /身份证号不正确/ })).toContainText('4');
  await expect(app.getByRole('button', { name: '开始导入' })).toBeEnabled();
  await shot('import-preview-flagged');
  // Nothing written by looking.
  expect(unwrap(await core.invoke('cases:list', { search: '赵一' })).rows).toHaveLength(0);

  await app.getByLabel('只导入有效行，跳过错误行').check();
  await expect(verdict).toContainText('其余 3 行将被导入');
  const started = Date.now();
  await app.getByRole('button', { name: '开始导入' }).click();
  const result = app.getByTestId('import-result');
  await expect(result).toContainText('新增 3');
  // How long the clerk waited, from the click to the counts (recorded, not asserted).
  testInfo.annotations.push({ type: 'import-ms', description: String(Date.now() - started) });
  await expect(result).toContainText('拒绝 1');
  // The first file of a branch shows no repayments (no earlier file to compare with).
  await expect(app.getByTestId('import-money')).toContainText('文件未显示新的还款');
  // The import's report is the preview's.
  await expect(
    app.getByRole('grid', { name: '校验报告' }).getByRole('row', { name: /身份证号不正确/ }),
  ).toContainText('4');
  await shot('import-preview-result');
  expect(unwrap(await core.invoke('cases:list', { search: '赵一' })).rows).toHaveLength(1);
  expect(unwrap(await core.invoke('cases:list', { search: '孙三' })).rows).toHaveLength(0);
});
