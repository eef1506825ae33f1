import { expect, setUpAndSignIn, test } from '../support/fixtures';
import { certifiedOfficer, planningDays, seedBorrower, type Invoke } from '../support/seed';

/**
 * A case leaves doorstep collection, on the real core: the manager sets it from the case page
 * (where it goes, the reference), the page says why and offers no visit, the core refuses a
 * visit planned anyway, and the case list finds the case by where it went.
 */
test('a case written off leaves doorstep collection', async ({ app, core, shot }) => {
  test.setTimeout(120_000);
  await setUpAndSignIn(app, core);
  const invoke: Invoke = core.invoke;
  const [day1] = await planningDays(invoke);
  const li = await certifiedOfficer(invoke, 'C001', '李明');
  const zhao = await certifiedOfficer(invoke, 'C002', '赵芳');
  const zhangSan = await seedBorrower(core, 1, '张三');
  await seedBorrower(core, 2, '李四');

  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${zhangSan}`);
  const actions = app.getByRole('group', { name: '案件操作' });
  await actions.getByRole('button', { name: '转出催收' }).click();
  const dialog = app.getByRole('dialog', { name: '张三：退出上门催收' });
  await dialog.getByLabel(/去向/).click();
  await app.getByRole('option', { name: '转入诉讼' }).click();
  await expect(app.getByRole('listbox')).toBeHidden();
  await dialog.getByLabel(/文号/).fill('(2026)浙0102民初1234号');
  await shot('cases-08-exit-dialog');
  await dialog.getByRole('button', { name: '确认退出' }).click();
  await expect(dialog).toBeHidden();

  const banner = app.getByTestId('case-exit');
  await expect(banner).toContainText('转入诉讼（文号 (2026)浙0102民初1234号），已退出上门催收');
  await expect(actions.getByRole('button', { name: '安排走访' })).toHaveCount(0);
  await shot('cases-09-exited');

  // Planned anyway (another desk, an old form): refused with the exit's words, not overridable.
  const refused = await invoke('planning:planVisit', {
    borrowerId: zhangSan,
    staffIds: [li, zhao],
    date: day1,
    start: '10:00',
    end: '11:00',
    purpose: 'reminder',
    override: { reason: '经理坚持上门了解情况' },
  });
  expect(refused.ok).toBe(false);
  const violations = (
    refused as unknown as {
      error: { details: { violations: { code: string; message: { zh: string } }[] } };
    }
  ).error.details.violations;
  expect(violations.map((v) => v.code)).toEqual(['CASE_EXITED']);
  expect(violations[0]!.message.zh).toContain('转入诉讼（文号 (2026)浙0102民初1234号）');

  // The list finds it by where it went.
  await app.getByRole('navigation').getByText('案件').click();
  // Where a case went is chosen in the status list, below the statuses.
  await app.getByLabel('状态').click();
  await app.getByRole('option', { name: '转入诉讼' }).click();
  await app.keyboard.press('Escape');
  const grid = app.getByRole('grid', { name: '案件' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(grid.getByRole('row').nth(1)).toContainText('张三');
  await expect(grid.getByRole('row').nth(1)).toContainText('转入诉讼');

  // Undone by the manager with a reason: visits may be planned again.
  await grid.getByRole('row').nth(1).dblclick();
  await app.getByRole('button', { name: '撤销退出' }).click();
  const undo = app.getByRole('dialog', { name: '张三：撤销退出上门催收' });
  await undo.getByLabel(/撤销理由/).fill('法院未受理，收回网点催收');
  await undo.getByRole('button', { name: '撤销退出' }).click();
  await expect(app.getByTestId('case-exit')).toHaveCount(0);
  await expect(actions.getByRole('button', { name: '安排走访' })).toBeVisible();
});
