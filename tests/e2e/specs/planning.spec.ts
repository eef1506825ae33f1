import path from 'node:path';
import type { Page } from '@playwright/test';
import type { BridgedCore } from '../support/bridge';
import { expect, pdfText, setUpAndSignIn, test } from '../support/fixtures';
import { certifiedOfficer, ok, planningDays, seedBorrower, type Invoke } from '../support/seed';
import { typeInPicker } from '../support/pickers';

/**
 * Visit planning end to end, on the real core: plan a visit, see a plan at 21:30 refused with
 * its reason and override it as the manager, drag a visit to another day (and see a move onto
 * a colleague's leave snap back), and plan a route from the worklist.
 *
 * The core runs on the real clock, so the test picks its days from today: three consecutive
 * weekdays at least three days ahead (the notice rule wants 24 hours) that are not holidays.
 */

/** A borrower of `village` with earlier broken promises (0 to 2, by seed) to rank the worklist. */
const seedPlanningBorrower = (core: BridgedCore, seed: number, name: string, village: string) =>
  seedBorrower(core, seed, name, { village, brokenPromises: seed % 3 });

/** Finds a borrower through the case search in the plan form. */
async function pickBorrower(page: Page, name: string) {
  await page.getByRole('dialog').getByLabel('借款人', { exact: true }).fill(name);
  await page.getByRole('option', { name: new RegExp(name) }).click();
}

async function pickStaff(page: Page, label: string, names: string[]) {
  for (const name of names) {
    await page.getByRole('dialog').getByLabel(label).click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
  }
}

async function openCalendarAt(page: Page, date: string) {
  await page.evaluate((d) => {
    window.location.hash = `#/calendar?view=timeGridWeek&date=${d}`;
  }, date);
  await expect(page.locator(`td.fc-timegrid-col[data-date="${date}"]`)).toBeVisible();
}

async function visitsOn(invoke: Invoke, date: string) {
  return (await ok(invoke('planning:calendar', { from: date, to: date }))).visits;
}

/** Drags an event to another day's column at the same height, in small steps as a hand would. */
async function dragToDay(page: Page, visitId: number, date: string) {
  const event = page.locator(`.fc-event[data-visit-id="${visitId}"]`);
  const from = (await event.boundingBox())!;
  const column = (await page.locator(`td.fc-timegrid-col[data-date="${date}"]`).boundingBox())!;
  const startX = from.x + from.width / 2;
  const startY = from.y + Math.min(10, from.height / 2);
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 5, startY + 5, { steps: 3 });
  await page.mouse.move(column.x + column.width / 2, startY, { steps: 15 });
  await page.mouse.up();
}

test('plan, refuse at 21:30 and override, drag to another day, plan a route', async ({
  app,
  core,
  shot,
}) => {
  test.setTimeout(120_000);
  await setUpAndSignIn(app, core);
  const invoke: Invoke = core.invoke;
  const [day1, day2, day3] = await planningDays(invoke);
  const liMing = await certifiedOfficer(invoke, 'C001', '李明');
  await certifiedOfficer(invoke, 'C002', '赵芳');
  const zhangSan = await seedPlanningBorrower(core, 1, '张三', '东村');
  const liSi = await seedPlanningBorrower(core, 2, '李四', '西村');
  const wangWu = await seedPlanningBorrower(core, 3, '王五', '东村');
  const zhaoLiu = await seedPlanningBorrower(core, 4, '赵六', '东村');
  await ok(invoke('staff:addLeave', { staffId: liMing, from: day3, reason: '年假' }));

  await app.getByRole('navigation').getByText('日程').click();
  await openCalendarAt(app, day1);

  // 1. Plan a visit that meets every rule.
  await app.getByRole('button', { name: '安排走访' }).click();
  const dialog = app.getByRole('dialog');
  await pickBorrower(app, '张三');
  await typeInPicker(dialog, '日期', day1);
  await typeInPicker(dialog, '开始时间', '10:00');
  await typeInPicker(dialog, '结束时间', '11:00');
  await pickStaff(app, '走访人员', ['李明', '赵芳']);
  await expect(dialog.getByTestId('plan-check-ok')).toHaveText('符合全部走访规则');
  await dialog.getByRole('button', { name: '安排', exact: true }).click();
  await expect(app.getByText(`已安排 ${day1} 走访张三`)).toBeVisible();
  const [planned] = await visitsOn(invoke, day1);
  expect(planned).toMatchObject({ borrowerId: zhangSan, start: '10:00' });
  await expect(app.locator(`.fc-event[data-visit-id="${planned!.id}"]`)).toContainText('张三');

  // 2. A visit at 21:30 is refused with its reason; the manager overrides it in writing.
  await app.getByRole('button', { name: '安排走访' }).click();
  await pickBorrower(app, '李四');
  await typeInPicker(dialog, '日期', day1);
  await typeInPicker(dialog, '开始时间', '21:30');
  await typeInPicker(dialog, '结束时间', '22:00');
  await pickStaff(app, '走访人员', ['李明', '赵芳']);
  const reason = '走访须在 08:00–20:00 之间开始并结束（计划为 21:30–22:00）';
  await expect(dialog.getByTestId('plan-violations')).toContainText(reason);
  await dialog.getByRole('button', { name: '安排', exact: true }).click();
  await expect(dialog.getByText('未能安排，原因：')).toBeVisible();
  await expect(dialog.getByTestId('plan-violations')).toContainText(reason);
  await shot('planning-refused-2130');
  // Past 22:00 is the law's limit: the manager is offered no override at all.
  await typeInPicker(dialog, '结束时间', '22:30');
  await expect(dialog.getByTestId('plan-violations')).toContainText('法定限制');
  await expect(dialog.getByLabel(/以经理身份批准例外/)).toHaveCount(0);
  await typeInPicker(dialog, '结束时间', '22:00');
  await dialog.getByLabel(/以经理身份批准例外/).check();
  await dialog.getByLabel('批准例外的书面理由').fill('借款人白天在外务工，只在晚上下班后在家');
  await dialog.getByRole('button', { name: '批准例外并安排' }).click();
  await expect(app.getByText(`已安排 ${day1} 走访李四`)).toBeVisible();
  const late = (await visitsOn(invoke, day1)).find((v) => v.borrowerId === liSi)!;
  const detail = await ok(invoke('planning:visit', { id: late.id }));
  expect(detail.override?.reason).toBe('借款人白天在外务工，只在晚上下班后在家');

  // 3. Drag the morning visit to the next day: the rules run again and it moves.
  await dragToDay(app, planned!.id, day2);
  await expect(app.getByText('走访时间已调整')).toBeVisible();
  await expect
    .poll(async () => (await visitsOn(invoke, day2)).map((v) => v.id))
    .toEqual([planned!.id]);
  // Onto a day when 李明 is on leave: refused, and the visit snaps back.
  await dragToDay(app, planned!.id, day3);
  await expect(app.getByText(/未能保存：李明（C001）\s*在 \S+ 休假/)).toBeVisible();
  await shot('planning-calendar-refused-move');
  expect((await visitsOn(invoke, day2)).map((v) => v.id)).toEqual([planned!.id]);
  expect(await visitsOn(invoke, day3)).toEqual([]);

  // 4. Plan two cases of one village as a route from the worklist.
  await app.getByRole('tab', { name: '待访清单' }).click();
  await expect(app.getByRole('row', { name: /王五/ })).toBeVisible();
  await app.getByRole('row', { name: /王五/ }).getByRole('checkbox').check();
  await app.getByRole('row', { name: /赵六/ }).getByRole('checkbox').check();
  await shot('planning-worklist');
  await app.getByRole('button', { name: '按路线安排' }).click();
  await typeInPicker(dialog, '日期', day2);
  await typeInPicker(dialog, '第一户开始时间', '14:00');
  await pickStaff(app, '走访小组', ['李明', '赵芳']);
  // The worklist ranks 赵六 first; the pair reaches 王五's house first, so he moves up.
  await expect(dialog.getByRole('listitem').first()).toContainText('赵六');
  await dialog.getByTestId(`route-case-${wangWu}`).getByRole('button', { name: '上移' }).click();
  await dialog.getByRole('button', { name: '安排整条路线' }).click();
  await expect(dialog.getByText('已安排 2 次走访')).toBeVisible();
  await expect(dialog.getByTestId(`route-case-${wangWu}`)).toContainText('已安排 14:00–14:45');
  await expect(dialog.getByTestId(`route-case-${zhaoLiu}`)).toContainText('已安排 15:00–15:45');
  await shot('planning-route-planned');
  await dialog.getByRole('button', { name: '关闭' }).click();
  const day2Visits = await visitsOn(invoke, day2);
  expect(day2Visits.map((v) => v.borrowerId).sort()).toEqual([zhangSan, wangWu, zhaoLiu].sort());

  // The pair's day, grouped by township and village.
  await app.getByRole('tab', { name: '走访路线' }).click();
  await typeInPicker(app, '日期', day2);
  await app.getByLabel(/走访小组/).click();
  await app.getByRole('option', { name: /赵芳/ }).click();
  await expect(app.getByRole('heading', { name: '石桥镇' })).toBeVisible();
  await expect(app.getByRole('table', { name: '石桥镇 东村' })).toContainText('王五');
  await shot('planning-day-route');
  // The route sheet, assembled by the notices core and printed through the print route.
  await app.getByRole('button', { name: '保存为 PDF' }).click();
  // The toast names the file; the bridge saves it in the core's folder.
  const saved = app.getByText(/路线单已保存：/);
  // Laying the sheet out in a second page and printing it to PDF takes as long as the machine
  // lets it: the same time limit as the route sheet in paper-order.spec.ts.
  await expect(saved).toBeVisible({ timeout: 60_000 });
  const name = (await saved.innerText()).replace(/^.*路线单已保存：/, '').trim();
  expect(name).toBe(`route-${day2}.pdf`);
  const file = path.join(core.dir, name);
  const text = pdfText(file);
  expect(text).toContain('王五');
  expect(text).toContain('赵六');
});
