import { expect, setUpAndSignIn, test } from '../support/fixtures';

/**
 * Retention reaches the audit log: after a closed case is anonymised, the audit viewer shows
 * its earlier rows as 已匿名化 while another borrower's rows still open, and the chain verifies.
 */
test('the audit viewer shows an anonymised borrower’s earlier details as 已匿名化', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  const create = (name: string, idNumber: string, mobile: string) =>
    core.invoke('cases:create', {
      name,
      idNumber,
      mobile,
      township: '东源镇',
      village: '桃花坞村',
      addressDetail: '后山 17 号',
    });
  const gone = await create('张三丰', '331121195608172132', '13912345678');
  const kept = await create('李秀英', '11010519491231002X', '13800138000');
  if (!gone.ok || !kept.ok) throw new Error('could not create the cases');
  await core.invoke('cases:addNote', { borrowerId: gone.data.id, text: '张三丰住武当山脚' });
  // Closed long ago (the case screens cannot backdate a closure).
  await core.app.write((tx) =>
    tx
      .updateTable('borrowers')
      .set({ status: 'closed', closed_at: '2018-01-01T00:00:00.000Z' })
      .where('id', '=', gone.data.id)
      .execute(),
  );
  const head = await core.invoke('audit:verify', {});
  // Anonymise through Settings: preview, then the confirmation says what stays and what goes.
  await app.getByRole('button', { name: '设置' }).click();
  await app.getByRole('button', { name: '预览' }).click();
  await expect(app.getByTestId('retention-preview')).toContainText('共 1 件');
  await app.getByRole('button', { name: '匿名化' }).click();
  const confirm = app.getByRole('dialog', { name: '匿名化 1 件案件？' });
  await expect(confirm.getByText(/无法再读取/)).toBeVisible();
  await expect(confirm.getByText(/备份文件仍含原数据/)).toBeVisible();
  await expect(app.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');
  await shot('retention-00-confirm');
  await confirm.getByRole('button', { name: '匿名化' }).click();
  await expect(app.getByText('已匿名化 1 件案件')).toBeVisible();
  const borrower = await core.app.engine.db
    .selectFrom('borrowers')
    .select('name')
    .where('id', '=', gone.data.id)
    .executeTakeFirstOrThrow();
  expect(borrower).not.toEqual({ name: '张三丰' });

  await app.getByRole('button', { name: '审计' }).click();
  const grid = app.getByRole('grid');
  // Actions read as words; the stored code is on hover.
  await expect(grid.getByText('到期匿名化')).toBeVisible();
  await expect(grid.getByText('已匿名化').first()).toBeVisible();
  await shot('retention-01-audit-anonymised');

  const goneRow = grid.getByRole('row').filter({ hasText: '新增备注' });
  await goneRow.getByText('新增备注').click();
  await expect(app.getByTestId('audit-details-anonymised')).toContainText('已匿名化');
  // The dialog fades in: shoot it once it is fully there.
  await expect(app.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');
  await shot('retention-02-audit-details-anonymised');
  await app.getByRole('button', { name: '关闭' }).click();

  const keptRow = grid
    .getByRole('row')
    .filter({ hasText: '新建案件' })
    .filter({ hasNotText: '已匿名化' });
  await keptRow.getByText('新建案件').click();
  await expect(app.getByTestId('audit-details-after')).toContainText('李秀英');
  await app.getByRole('button', { name: '关闭' }).click();

  await app.getByRole('button', { name: '验证哈希链' }).first().click();
  await app.getByLabel(/外部保存的链头哈希/).fill(head.ok ? head.data.head : '');
  await app.getByRole('dialog').getByRole('button', { name: '验证哈希链' }).click();
  await expect(app.getByTestId('audit-verify-result')).toContainText('审计链完整');
  await expect(app.getByTestId('audit-verify-result')).toContainText('找到：第');
});
