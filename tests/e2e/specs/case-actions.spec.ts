import type { Page } from '@playwright/test';
import { expect, setUpAndSignIn, test } from '../support/fixtures';
import { typeInPicker } from '../support/pickers';
import { certifiedOfficer, ok, planningDays, seedBorrower, type Invoke } from '../support/seed';

/**
 * Acting from the case page, on the real core: a visit planned there (the plan form opens with
 * the borrower filled in, no search) shows in the calendar in its week, with both officers on
 * it; the case's 通知书 tab then offers the visit's notice.
 */

async function pickStaff(page: Page, names: string[]) {
  const dialog = page.getByRole('dialog');
  for (const name of names) {
    await dialog.getByLabel('走访人员').click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
  }
  // Closes the staff list by clicking beside it (Esc would ask about the dialog).
  await dialog.getByRole('heading').first().click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

test('a visit planned from the case page', async ({ app, core, shot }) => {
  test.setTimeout(120_000);
  await setUpAndSignIn(app, core);
  const invoke: Invoke = core.invoke;
  const [day1] = await planningDays(invoke);
  await certifiedOfficer(invoke, 'C001', '李明');
  await certifiedOfficer(invoke, 'C002', '赵芳');
  const zhangSan = await seedBorrower(core, 1, '张三');

  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${zhangSan}`);
  const actions = app.getByRole('group', { name: '案件操作' });
  await expect(actions.getByRole('button', { name: '安排走访' })).toBeVisible();
  await shot('cases-07-case-actions');

  // The plan form opens with 张三 chosen: nobody searches for the borrower again.
  await actions.getByRole('button', { name: '安排走访' }).click();
  const dialog = app.getByRole('dialog', { name: '安排走访' });
  await expect(dialog.getByLabel('借款人', { exact: true })).toHaveValue('张三');
  await typeInPicker(dialog, '日期', day1);
  await typeInPicker(dialog, '开始时间', '10:00');
  await typeInPicker(dialog, '结束时间', '11:00');
  await pickStaff(app, ['李明', '赵芳']);
  await expect(dialog.getByTestId('plan-check-ok')).toHaveText('符合全部走访规则');

  // Esc on a filled form asks first; keeping it loses nothing.
  await app.keyboard.press('Escape');
  const ask = app.getByRole('dialog', { name: '放弃未保存的内容？' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: '继续填写' }).click();
  await expect(ask).toBeHidden();
  await expect(dialog.getByRole('group', { name: '开始时间', exact: true })).toContainText('10:00');

  await dialog.getByRole('button', { name: '安排', exact: true }).click();
  await expect(dialog).toBeHidden();
  const banner = app.getByTestId('case-planned');
  await expect(banner).toContainText(`已安排 ${day1} 10:00–11:00 的走访`);
  const visits = (await ok(invoke('planning:calendar', { from: day1, to: day1 }))).visits;
  expect(visits).toHaveLength(1);
  const planned = visits[0]!;
  expect(planned).toMatchObject({ borrowerId: zhangSan, start: '10:00', end: '11:00' });
  expect(planned.staffIds).toHaveLength(2);

  // The 通知书 tab offers the new visit's notice.
  await app.getByRole('tab', { name: '通知书' }).click();
  await expect(
    app
      .getByRole('table', { name: '可打印的文书' })
      .getByRole('row', { name: new RegExp(`上门走访通知书.*${day1} 10:00–11:00`) }),
  ).toBeVisible();

  // The calendar opens on the visit's week, the visit marked, both officers on it.
  await banner.getByRole('link', { name: '在日历中查看' }).click();
  await expect(app.locator(`td.fc-timegrid-col[data-date="${day1}"]`)).toBeVisible();
  const event = app.locator(`.fc-event[data-visit-id="${planned.id}"]`);
  await expect(event).toContainText('张三');
  await expect(event.getByTestId('visit-team')).toContainText('李明');
  await expect(event.getByTestId('visit-team')).toContainText('赵芳');
  await expect(event).toHaveClass(/visit-fresh/);
  const legend = app.getByLabel('图例');
  await expect(legend).toContainText('李明（C001）');
  await expect(legend).toContainText('赵芳（C002）');
  await shot('planning-10-team-colours');
});
