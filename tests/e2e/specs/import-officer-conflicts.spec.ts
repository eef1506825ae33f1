import type { Page } from '@playwright/test';
import { expect, setUpAndSignIn, test } from '../support/fixtures';
import { certifiedOfficer, residentId, unwrap } from '../support/seed';

/**
 * Issue 18: a head-office file that names another officer than a manager's reassignment is told
 * before the import is committed. 周一 and 吴二 came in with 李明 (C101); the manager moved 周一 to
 * 赵芳 by hand. The next file still says 李明: the preview names 周一's row, who has the case
 * and what the branch's rule will do; nothing moves by looking, and the import then does what
 * the preview said, in either rule.
 */

const id = (n: number) =>
  residentId(n, { birthYear: 1972, birthMonth: 3, birthDay: 9, serialFrom: 500 });

const header = '姓名,身份证号,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,客户经理';
const file = (officer: string) =>
  Buffer.from(
    [
      header,
      `周一,${id(1)},GX-001,50000,2025-03-01,40000,5000,${officer}`,
      `吴二,${id(2)},GX-002,30000,2025-05-10,28000,2000,${officer}`,
    ].join('\r\n') + '\r\n',
    'utf8',
  );

async function previewFile(app: Page, name: string) {
  await app.getByRole('navigation').getByText('案件', { exact: true }).click();
  await app.getByRole('button', { name: '导入表格' }).first().click();
  await app.getByTestId('import-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: file('C101'),
  });
  await expect(app.getByText('共 2 行数据')).toBeVisible();
}

test('the import preview names the rows whose officer differs from a manual reassignment', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  const li = await certifiedOfficer(core.invoke, 'C101', '李明');
  const zhao = await certifiedOfficer(core.invoke, 'C102', '赵芳');
  unwrap(
    await core.invoke('imports:run', {
      fileName: 'day1.csv',
      contentBase64: file('C101').toString('base64'),
      mode: 'all-or-nothing',
    }),
  );
  const zhouRow = () =>
    core.app.engine.db
      .selectFrom('borrowers')
      .select(['id', 'assigned_officer_id'])
      .where('name', '=', '周一')
      .executeTakeFirstOrThrow();
  const officerOfZhou = async () => (await zhouRow()).assigned_officer_id;
  const zhou = (await zhouRow()).id;
  unwrap(
    await core.invoke('assignments:reassign', {
      by: 'cases',
      borrowerIds: [zhou as number],
      toOfficerId: zhao,
      reason: '周一家在赵芳的片区',
    }),
  );

  // Branch wins (the default): told before importing, and the case stays with 赵芳.
  await previewFile(app, 'day2.csv');
  const ahead = app.getByTestId('import-officer-conflicts-ahead');
  await expect(ahead).toContainText('1 个案件：文件中的客户经理与手工改派不一致');
  await expect(ahead).toContainText('以本网点为准：导入后这些案件仍由手工改派的客户经理负责');
  const rows = ahead.getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveText(['2', '周一', '李明', '赵芳', '赵芳'].join(''));
  await shot('import-officer-conflicts-preview');
  expect(await officerOfZhou()).toBe(zhao);
  await app.getByRole('button', { name: '开始导入' }).click();
  const report = app.getByTestId('import-officer-conflicts');
  await expect(report).toContainText('第 2 行 周一：文件为 李明，手工改派为 赵芳 —— 保留 赵芳');
  expect(await officerOfZhou()).toBe(zhao);

  // Head office wins: the preview says the file's officer will take the case, and it does.
  unwrap(await core.invoke('assignments:setImportRule', { wins: 'headOffice' }));
  await previewFile(app, 'day3.csv');
  await expect(ahead).toContainText('以总行文件为准：导入后这些案件改由文件中的客户经理负责');
  await expect(ahead.getByRole('row').nth(1)).toHaveText(
    ['2', '周一', '李明', '赵芳', '李明'].join(''),
  );
  expect(await officerOfZhou()).toBe(zhao);
  await app.getByRole('button', { name: '开始导入' }).click();
  await expect(app.getByTestId('import-officer-conflicts')).toContainText('已改为 李明');
  expect(await officerOfZhou()).toBe(li);
});
