import type { Page } from '@playwright/test';
import { evaluateAfterPayments } from '../../../electron/core/records/evaluate';
import { expect, MANAGER, setUpAndSignIn, test } from '../support/fixtures';
import {
  addDays,
  importLoans,
  insertVisit,
  ok,
  residentId,
  shanghaiToday,
  type ImportedBorrower,
  type ImportOptions,
} from '../support/seed';
import { typeInPicker } from '../support/pickers';

/**
 * Visit records end to end, on the real core and the real clock: record a visit with a promise,
 * import a payment that keeps it and see it marked kept; record a refused visit; an officer
 * proposes a repayment plan and the manager approves it.
 *
 * Borrowers and loans arrive through the case import (the importer's own function), visits are
 * written as the planning feature leaves them (dated yesterday, so every time of the visit is
 * in the past whenever the test runs).
 */

/** 东村's borrowers, one loan each (QS-E2E-<seq>), through the case importer. */
const dongcun: ImportOptions = {
  village: '东村',
  loanPrefix: 'QS-E2E',
  idNumber: (seq) =>
    residentId(seq, { region: '331121', birthYear: 1975, birthDay: 15, serialFrom: 100 }),
};

async function openOutcomeForm(page: Page, name: string) {
  await page.getByRole('navigation').getByText('走访').click();
  const toRecord = page.getByRole('region', { name: '待记录结果的走访' });
  await toRecord
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('link', { name: '记录结果' })
    .click();
  await expect(page.getByRole('heading', { name: '记录走访结果' })).toBeVisible();
}

async function confirmChecklist(page: Page, ref: string) {
  await page.getByLabel('已出示工作证').check();
  await page.getByLabel('已告知借款人的权利（查验证件、拒绝入户、投诉渠道）').check();
  await page.getByLabel('未向第三人透露债务信息').check();
  await page.getByLabel('全程录音录像').check();
  await page.getByLabel('录音录像编号').fill(ref);
}

async function chooseOutcome(page: Page, outcome: string) {
  await page.getByRole('combobox', { name: '走访结果' }).click();
  await page.getByRole('option', { name: outcome }).click();
}

test('record a promise, import the payment that keeps it; record a refusal; plan approved by the manager', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  const today = shanghaiToday();
  const yesterday = addDays(today, -1);
  const at = new Date().toISOString();
  const { id: officerId } = await core.app.write((tx) =>
    tx
      .insertInto('staff')
      .values({ staff_no: 'C101', name: '李明', role: 'officer', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  await ok(
    core.invoke('accounts:create', {
      staffId: officerId,
      username: 'li.ming',
      passphrase: 'li ming passphrase',
      confirm: 'li ming passphrase',
    }),
  );
  const borrowers: ImportedBorrower[] = [
    { seq: 1, name: '张秀英', outstanding: '30000' },
    { seq: 2, name: '陈国强', outstanding: '30000' },
    { seq: 3, name: '刘桂兰', outstanding: '30000' },
  ];
  const [zhang, chen, liu] = (await importLoans(core, borrowers, addDays(today, -30), dongcun)) as [
    number,
    number,
    number,
  ];
  for (const borrowerId of [zhang, chen, liu]) {
    await insertVisit(core, borrowerId, yesterday, [1, officerId], { village: '东村' });
  }

  // 1. A promise to pay ¥1,000 within a week.
  await openOutcomeForm(app, '张秀英');
  await app.getByLabel('借款人本人').check();
  await chooseOutcome(app, '承诺还款');
  const promise = app.getByRole('region', { name: '承诺还款' });
  await promise.getByLabel('金额（元）').fill('1000');
  await typeInPicker(promise, '承诺还款日期', addDays(today, 7));
  await app.getByLabel('借款人原话').fill('下周卖了生猪就还一千。');
  await app.getByLabel('生产生活情况').fill('家中养猪十余头，妻子在镇上打零工');
  await confirmChecklist(app, `REC-${yesterday}-01`);
  await app.getByLabel('下一步安排').fill('到期后电话确认');
  await shot('records-01-promise-form');
  await app.getByRole('button', { name: '保存记录' }).click();
  await expect(app.getByRole('status').filter({ hasText: '已保存走访记录' })).toBeVisible();
  await expect(app.getByText('待到期').first()).toBeVisible();

  // The next import shows principal down by ¥1,000 today: the importer records the payment,
  // and the evaluation it runs for the borrowers it touched finds the promise kept.
  borrowers[0]!.outstanding = '29000';
  await importLoans(core, [borrowers[0]!], today, dongcun);
  // The import judged the promise in its own transaction; judging again changes nothing.
  const status = await core.app.engine.db
    .selectFrom('promises')
    .select('status')
    .where('borrower_id', '=', zhang)
    .execute();
  expect(status).toEqual([{ status: 'kept' }]);
  const judged = await core.app.write((tx) => evaluateAfterPayments(core.app, tx, [zhang]));
  expect(judged.promisesChanged).toBe(0);
  await app.reload();
  await expect(app.getByText('已兑现').first()).toBeVisible();
  await shot('records-02-promise-kept');

  // 2. A refused visit.
  await openOutcomeForm(app, '陈国强');
  await app.getByLabel('借款人本人').check();
  await chooseOutcome(app, '拒绝还款');
  await app.getByLabel('借款人原话').fill('我没钱，你们别再来了。');
  await confirmChecklist(app, `REC-${yesterday}-02`);
  await typeInPicker(app, '跟进日期', addDays(today, 14));
  await app.keyboard.press('Control+Enter');
  await expect(app.getByRole('status').filter({ hasText: '已保存走访记录' })).toBeVisible();
  await expect(app.getByText('拒绝还款')).toBeVisible();
  await shot('records-03-refused');
  expect(
    await core.app.engine.db
      .selectFrom('visits')
      .select('status')
      .where('borrower_id', '=', chen)
      .execute(),
  ).toEqual([{ status: 'done' }]);

  // 3. The officer proposes a plan; the manager approves it.
  core.app.lock('signOut');
  await app.reload();
  await app.getByLabel('用户名').fill('li.ming');
  await app.getByLabel('口令', { exact: true }).fill('li ming passphrase');
  await app.getByRole('button', { name: '登录' }).click();
  await openOutcomeForm(app, '刘桂兰');
  await app.getByLabel('借款人本人').check();
  await chooseOutcome(app, '提出还款计划');
  const plan = app.getByRole('region', { name: '还款计划（提交经理审批）' });
  await plan.getByLabel('期数').fill('3');
  await typeInPicker(plan, '首期还款日（之后每月同日）', addDays(today, 10));
  const preview = plan.getByRole('table', { name: '还款计划预览' });
  await expect(preview.getByRole('row')).toHaveCount(4);
  await expect(plan.getByText('计划覆盖全部逾期金额')).toBeVisible();
  await app.getByLabel('借款人原话').fill('一次拿不出三千二，分三个月可以。');
  await confirmChecklist(app, `REC-${yesterday}-03`);
  await plan.scrollIntoViewIfNeeded();
  await shot('records-04-plan-form');
  await app.getByRole('button', { name: '保存记录' }).click();
  await expect(app.getByRole('status').filter({ hasText: '已保存走访记录' })).toBeVisible();
  await expect(app.getByText('待审批')).toBeVisible();

  core.app.lock('signOut');
  await app.reload();
  await app.getByLabel('用户名').fill(MANAGER.username);
  await app.getByLabel('口令', { exact: true }).fill(MANAGER.passphrase);
  await app.getByRole('button', { name: '登录' }).click();
  await app.getByRole('navigation').getByText('走访').click();
  const waiting = app.getByRole('region', { name: '待审批的还款计划' });
  await expect(waiting.getByRole('row', { name: /刘桂兰/ })).toBeVisible();
  await shot('records-05-plans-awaiting');
  await waiting.getByRole('button', { name: '批准' }).click();
  await app.getByLabel('审批意见（可选）').fill('同意，按月跟进');
  await app.getByRole('dialog').getByRole('button', { name: '批准' }).click();
  await expect(app.getByText('已批准还款计划')).toBeVisible();
  await expect(waiting.getByText('没有待审批的还款计划')).toBeVisible();
  const approved = await ok(core.invoke('records:plans', { borrowerId: liu }));
  expect(approved[0]).toMatchObject({ status: 'approved', decisionReason: '同意，按月跟进' });
  expect(approved[0]!.instalments.map((i) => i.amountFen)).toEqual([106666, 106666, 106668]);
  await shot('records-06-plan-approved');
});
