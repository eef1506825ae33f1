import { expect, setUpAndSignIn, test } from '../support/fixtures';
import { writeFlag } from '../../../electron/core/db/columns';
import { unwrap } from '../support/seed';

/**
 * Who works which case (issue 18): the manager moves a whole village from one officer to another
 * from the case list's filter, with a reason; the case's timeline shows the change, and the
 * workload view shows the officers after it.
 */
test('the manager reassigns a village from the case list and the timeline keeps it', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('button', { name: '载入演示网点' }).click();
  await expect(app.getByText(/已载入演示网点：\d+ 位借款人/)).toBeVisible({ timeout: 60_000 });

  // The demo's busiest village of one officer, and another officer to take it.
  // Read on the app's engine, so the spec runs on either.
  const db = core.app.engine.db;
  const busiest = await db
    .selectFrom('borrowers as b')
    .innerJoin('staff as s', 's.id', 'b.assigned_officer_id')
    .select((eb) => [
      'b.assigned_officer_id as officerId',
      's.name',
      'b.village',
      eb.fn.countAll().as('cases'),
    ])
    .where('b.village', '<>', '')
    .where('s.role', '=', 'officer')
    .groupBy(['b.assigned_officer_id', 's.name', 'b.village'])
    .having((eb) => eb.fn.countAll(), '>=', 2)
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('b.village')
    .executeTakeFirstOrThrow();
  const from = { ...busiest, officerId: busiest.officerId!, cases: Number(busiest.cases) };
  const to = await db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('role', '=', 'officer')
    .where('active', '=', writeFlag(true))
    .where('id', '<>', from.officerId)
    .orderBy('staff_no')
    .executeTakeFirstOrThrow();
  const moving = (
    await db
      .selectFrom('borrowers')
      .select('id')
      .where('assigned_officer_id', '=', from.officerId)
      .where('village', '=', from.village)
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  expect(moving.length).toBe(from.cases);

  // Filter the list: the officer, then the village.
  await app.getByRole('combobox', { name: '客户经理' }).click();
  await app.getByRole('option', { name: new RegExp(from.name) }).click();
  await app.getByRole('textbox', { name: '村', exact: true }).fill(from.village);
  await expect(app.getByRole('grid').getByRole('row')).toHaveCount(from.cases + 1);
  await app.getByRole('button', { name: '改派筛选出的案件' }).click();
  const dialog = app.getByRole('dialog', { name: `改派筛选出的 ${from.cases} 件案件` });
  await expect(dialog).toBeVisible();
  // Without a reason nothing moves.
  await dialog.getByRole('combobox', { name: /改派给/ }).click();
  await app.getByRole('option', { name: new RegExp(`^${to.name}（`) }).click();
  await dialog.getByRole('button', { name: '确认改派' }).click();
  await expect(dialog.getByRole('textbox', { name: /改派原因/ })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await dialog
    .getByRole('textbox', { name: /改派原因/ })
    .fill(`${from.name}调往总行，${from.village}整村移交`);
  // Typing the reason takes its error away.
  await expect(dialog.getByText('必填', { exact: true })).toBeHidden();
  await shot('assignments-01-reassign-village');
  await dialog.getByRole('button', { name: '确认改派' }).click();
  await expect(app.getByText(`已改派 ${from.cases} 件案件`)).toBeVisible();
  await expect(dialog).toBeHidden();
  // The list under the same filter is empty now; every case is the new officer's.
  await expect(app.getByRole('grid').getByRole('row')).toHaveCount(1);
  for (const id of moving) {
    const page = unwrap(await core.invoke('cases:get', { borrowerId: id }));
    expect(page.header.officer?.id).toBe(to.id);
  }

  // The new officer's list has them at once; one case's timeline tells the change and why.
  await app.getByRole('combobox', { name: '客户经理' }).click();
  await app.getByRole('option', { name: new RegExp(to.name) }).click();
  await expect(app.getByRole('grid').getByRole('row')).toHaveCount(from.cases + 1);
  await shot('assignments-02-list-after');
  await app.getByRole('grid').getByRole('row').nth(1).dblclick();
  await expect(app.getByRole('tab', { name: /时间线/ })).toBeVisible();
  await expect(app.getByText(`${to.name}（`).first()).toBeVisible();
  await app.getByRole('tab', { name: /时间线/ }).click();
  const entry = app
    .getByTestId('case-timeline')
    .getByRole('listitem')
    .filter({ hasText: `改派 · ${from.name} → ${to.name}` });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(`${from.name}调往总行，${from.village}整村移交`);
  await expect(entry).toContainText('王建国');
  await shot('assignments-03-timeline');

  // The workload view, where the manager looks at everyone's load.
  await app.getByRole('button', { name: '工作量' }).click();
  await expect(app.getByRole('heading', { name: '工作量与改派' })).toBeVisible();
  await expect(app.getByTestId('workload-table')).toBeVisible();
  await shot('assignments-04-workload');
  // The suggested rebalance below it, by whole villages, with the import rule.
  const rule = app.getByRole('combobox', { name: /导入文件中的客户经理/ });
  await rule.scrollIntoViewIfNeeded();
  await expect(rule).toBeVisible();
  await expect(app.getByRole('heading', { name: /建议调整/ })).toBeVisible();
  await shot('assignments-05-suggestion');
});
