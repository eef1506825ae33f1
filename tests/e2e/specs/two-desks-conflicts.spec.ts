import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import { branchOfTwoOfficers, goTo, onTwoDesks } from '../support/desks';
import { expect, MANAGER, setUpBranch, test } from '../support/fixtures';
import { typeInPicker } from '../support/pickers';
import { ok, planNegotiationVisits, seedBorrower, staffAccount, visitDay } from '../support/seed';

/**
 * Two desks change one visit, and one notice template, at once (issue 20): each record carries
 * an optimistic version, so the desk that saves second is refused (STALE_VERSION) with who
 * changed what, keeps what it typed, and goes on: the visit's by loading the latest (desk A
 * rescheduled it, so desk B's cancel cannot be saved and is not offered), the template's by
 * saving its wording onto the latest (which replaces desk A's wording whole, as the alert
 * says; desk A's version stays in the history). What the server holds afterwards is read
 * through the core's channels and its audit log.
 */

test.describe.configure({ timeout: 120_000 });

test('two desks change one visit: the second is told it was rescheduled and loads the latest', async ({
  browser,
  core,
  engine,
  rendererUrl,
}) => {
  const { liMing, zhaoFang } = await branchOfTwoOfficers(core);
  const zhouDafu = await seedBorrower(core, 1, '周大福');
  const day = await visitDay(core.invoke);
  await planNegotiationVisits(
    core.invoke,
    day,
    [liMing.staffId, zhaoFang.staffId],
    [[zhouDafu, '09:00', '10:00']],
  );
  const [planned] = (await ok(core.invoke('planning:calendar', { from: day, to: day }))).visits;
  const visitId = planned!.id;

  const desks = { browser, core, engine, rendererUrl };
  await onTwoDesks(desks, [liMing, zhaoFang], async (a, b, { shot }) => {
    // Both desks open the visit from the calendar.
    const dialogs = [];
    for (const page of [a, b]) {
      await goTo(page, `#/calendar?view=timeGridWeek&date=${day}`);
      await page.locator(`.fc-event[data-visit-id="${visitId}"]`).click();
      const dialog = page.getByRole('dialog', { name: '走访：周大福' });
      await expect(dialog.getByRole('table', { name: '走访详情' })).toContainText(
        `${day} 09:00–10:00`,
      );
      dialogs.push(dialog);
    }
    const [dialogA, dialogB] = dialogs as [(typeof dialogs)[0], (typeof dialogs)[0]];

    // Desk A moves it to the afternoon (a reschedule: a new visit, the old one kept).
    await dialogA.getByRole('button', { name: '改期' }).click();
    const move = dialogA.getByRole('form', { name: '改期' });
    await typeInPicker(move, '开始时间', '14:00');
    await typeInPicker(move, '结束时间', '15:00');
    await move.getByLabel('改期原因').fill('借款人上午在镇上赶集');
    await move.getByRole('button', { name: '确认改期' }).click();
    await expect(a.getByText('已改期，原走访保留在记录中')).toBeVisible();

    // Desk B, still on the visit as it opened, cancels it and is refused.
    await dialogB.getByRole('button', { name: '取消走访' }).click();
    await dialogB.getByLabel('取消原因').fill('借款人已到网点协商还款');
    await dialogB.getByRole('button', { name: '确认取消' }).click();
    const told = dialogB.getByTestId('edited-elsewhere');
    await expect(told).toContainText('这条记录在您打开后已被修改，您的修改尚未保存');
    await expect(told).toContainText(/李明 于 \d{4}-\d\d-\d\d \d\d:\d\d 修改/);
    await expect(told).toContainText('被改动的内容：状态（现为“已改期”）、状态说明');
    // A rescheduled visit takes no cancel: the alert says so and offers only the latest.
    await expect(told).toContainText('这次走访现为“已改期”，不能再修改，您的改动无法保存。');
    await expect(told.getByRole('button', { name: '在最新内容上保存我的改动' })).toHaveCount(0);
    await expect(dialogB.getByLabel('取消原因')).toHaveValue('借款人已到网点协商还款');
    // Nothing of desk B's cancel was written: the visit is rescheduled with A's reason.
    const between = await ok(core.invoke('planning:visit', { id: visitId }));
    expect([between.status, between.statusNote]).toEqual(['rescheduled', '借款人上午在镇上赶集']);
    await told.scrollIntoViewIfNeeded();
    await shot(b, 'two-desks-visit-edited-elsewhere');

    // Desk B drops its cancel and loads the visit as it now is: rescheduled, closed.
    await told.getByRole('button', { name: '放弃我的修改，载入最新内容' }).click();
    await expect(told).toHaveCount(0);
    await expect(dialogB.getByLabel('取消原因')).toHaveCount(0);
    const details = dialogB.getByRole('table', { name: '走访详情' });
    await expect(details).toContainText('已改期');
    await expect(details).toContainText('借款人上午在镇上赶集');
    await expect(dialogB.getByRole('button', { name: '确认取消' })).toHaveCount(0);
    await shot(b, 'two-desks-visit-latest-loaded');

    // The server holds desk A's reschedule alone: the old visit points to the new one at 14:00.
    const old = await ok(core.invoke('planning:visit', { id: visitId }));
    expect(old.status).toBe('rescheduled');
    const moved = await ok(core.invoke('planning:visit', { id: old.rescheduledTo! }));
    expect([moved.date, moved.start, moved.end, moved.status, moved.rescheduledFrom]).toEqual([
      day,
      '14:00',
      '15:00',
      'planned',
      visitId,
    ]);
    const actions = await core.app.engine.db
      .selectFrom('audit_log')
      .select(['action', 'staff_id'])
      .where('entity', '=', 'visit')
      .where('action', 'in', ['visit.reschedule', 'visit.cancel'])
      .orderBy('id')
      .execute();
    expect(actions.map((r) => [r.action, Number(r.staff_id)])).toEqual([
      ['visit.reschedule', liMing.staffId],
    ]);
    // Desk B's calendar shows the visit at its new time.
    await dialogB.getByRole('button', { name: '关闭' }).click();
    await expect(b.locator(`.fc-event[data-visit-id="${moved.id}"]`)).toContainText('14:00');
  });
});

test('two managers save one notice template: the second is told and saves onto the latest', async ({
  browser,
  core,
  engine,
  rendererUrl,
}) => {
  await setUpBranch(core);
  // Only a manager edits templates: 王建国 (set up with the branch) and a second, 陈静.
  const chenJing = await staffAccount(core, 'M002', '陈静', 'manager', 'chen.jing');
  const builtIn = defaultTemplates.visitNotice.zh;
  const theirs = builtIn.replace('请在走访前致电', '请至少在走访前一天致电');
  const mine = builtIn.replace(
    '走访全程录音录像，仅用于记录和核查。',
    '走访全程录音录像，保存五年，仅用于记录和核查。',
  );
  expect(new Set([builtIn, theirs, mine]).size).toBe(3);

  const desks = { browser, core, engine, rendererUrl };
  await onTwoDesks(desks, [MANAGER, chenJing], async (a, b, { shot }) => {
    // Both open the visit notice's Chinese template (the editor's first).
    const editors = [];
    for (const page of [a, b]) {
      await goTo(page, '#/notices');
      await page.getByRole('tab', { name: '模板' }).click();
      const editor = page.getByRole('textbox', { name: '模板内容' });
      await expect(editor).toHaveValue(builtIn);
      editors.push(editor);
    }
    const [editorA, editorB] = editors as [(typeof editors)[0], (typeof editors)[0]];

    // Desk A saves a new wording: version 1.
    await editorA.fill(theirs);
    await a.getByRole('button', { name: '保存为新版本' }).click();
    await expect(a.getByText('已保存第 1 版')).toBeVisible();

    // Desk B, still on the built-in wording as it opened, saves its own and is refused.
    await editorB.fill(mine);
    await b.getByRole('button', { name: '保存为新版本' }).click();
    const told = b.getByTestId('edited-elsewhere');
    await expect(told).toContainText('这条记录在您打开后已被修改，您的修改尚未保存');
    await expect(told).toContainText(/王建国 于 \d{4}-\d\d-\d\d \d\d:\d\d 修改/);
    await expect(told).toContainText('被改动的内容：上门走访通知书（中文）的模板内容，现为第 1 版');
    // One text, not fields: saving B's replaces A's wording, which the alert says.
    await expect(told).toContainText(
      '在最新内容上保存您的改动，将以您的全文替换第 1 版（第 1 版仍保留在版本记录中）。',
    );
    // The page names the version now in force, not the built-in one it opened on.
    await expect(b.getByText('当前版本：第 1 版')).toBeVisible();
    await expect(editorB).toHaveValue(mine);
    const between = await ok(core.invoke('notices:templates', {}));
    const inForce = () => between.find((r) => r.kind === 'visitNotice' && r.lang === 'zh')!;
    expect([inForce().version, inForce().body]).toEqual([1, theirs]);
    await shot(b, 'two-desks-template-edited-elsewhere');

    // Desk B saves its wording onto version 1: version 2; desk A's stays in the history.
    await told.getByRole('button', { name: '在最新内容上保存我的改动' }).click();
    await expect(b.getByText('已保存第 2 版')).toBeVisible();
    await expect(told).toHaveCount(0);
    await expect(editorB).toHaveValue(mine);
    const history = b.getByRole('list', { name: '版本记录' });
    await expect(history.getByRole('listitem')).toHaveCount(3);
    await expect(history.getByRole('listitem').first()).toContainText('现行');
    await shot(b, 'two-desks-template-saved-onto-latest');
    const versions = await ok(
      core.invoke('notices:templateVersions', { kind: 'visitNotice', lang: 'zh' }),
    );
    expect(versions.map((v) => [v.version, v.body, v.createdBy, v.isCurrent])).toEqual([
      [2, mine, '陈静', true],
      [1, theirs, '王建国', false],
      [0, builtIn, null, false],
    ]);
  });
});
