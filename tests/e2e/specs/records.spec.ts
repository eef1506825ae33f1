import type { Page } from '@playwright/test';
import { importCaseFile } from '../../../electron/core/imports/service';
import { evaluateBorrowersInDb } from '../../../electron/core/records/evaluate';
import { residentIdCheckChar } from '../../../electron/shared/idcard';
import { importFields } from '../../../electron/shared/schemas/imports';
import type { Result } from '../../../electron/shared/result';
import type { BridgedCore } from '../support/bridge';
import { expect, MANAGER, setUpAndSignIn, test } from '../support/fixtures';

/**
 * Visit records end to end, on the real core and the real clock: record a visit with a promise,
 * import a payment that keeps it and see it marked kept; record a refused visit; an officer
 * proposes a repayment plan and the manager approves it.
 *
 * Borrowers and loans arrive through the case import (the importer's own function), visits are
 * written as the planning feature leaves them (dated yesterday, so every time of the visit is
 * in the past whenever the test runs).
 */

async function ok<T>(result: Promise<Result<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(`core refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

function residentId(seq: number): string {
  const first17 = `33112119750${String(1 + (seq % 9))}15${String(100 + seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

interface Borrower {
  seq: number;
  name: string;
  outstanding: string;
}

/** Imports one row per borrower, as of `asOf`, through the case importer. */
async function importLoans(core: BridgedCore, borrowers: Borrower[], asOf: string) {
  const cells = (b: Borrower): Record<string, string> => ({
    name: b.name,
    id_number: residentId(b.seq),
    township: '石桥镇',
    village: '东村',
    loan_no: `QS-E2E-${b.seq}`,
    principal: '50000',
    disbursed_on: '2024-03-01',
    outstanding_principal: b.outstanding,
    overdue_principal: '3000',
    overdue_interest: '200',
    overdue_since: '2026-01-15',
  });
  const lines = [importFields.map((f) => f.zh).join(',')];
  for (const b of borrowers) lines.push(importFields.map((f) => cells(b)[f.field] ?? '').join(','));
  const result = await importCaseFile(core.app.db, {
    fileName: `loans-${asOf}.csv`,
    bytes: new Uint8Array(Buffer.from(lines.join('\r\n'), 'utf8')),
    mode: 'all-or-nothing',
    asOf,
    staffId: 1,
  });
  expect(result.written, JSON.stringify(result.errors)).toBe(true);
}

function borrowerId(core: BridgedCore, seq: number): number {
  return (
    core.app.db.prepare('SELECT id FROM borrowers WHERE id_number = ?').get(residentId(seq)) as {
      id: number;
    }
  ).id;
}

function plannedVisit(core: BridgedCore, borrower: number, date: string, staffIds: number[]) {
  const at = new Date().toISOString();
  const id = Number(
    core.app.db
      .prepare(
        `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, township, village,
           status, notice_status, notice_at, planned_by, planned_at, updated_at)
         VALUES (?, ?, '09:00', '10:00', 'negotiation', '石桥镇', '东村', 'notified', 'printed',
           ?, 1, ?, ?)`,
      )
      .run(borrower, date, at, at, at).lastInsertRowid,
  );
  for (const staffId of staffIds) {
    core.app.db
      .prepare('INSERT INTO visit_staff (visit_id, staff_id) VALUES (?, ?)')
      .run(id, staffId);
  }
  return id;
}

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
  const officerId = Number(
    core.app.db
      .prepare(
        "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('C101', '李明', 'officer', ?, ?)",
      )
      .run(at, at).lastInsertRowid,
  );
  await ok(
    core.invoke('accounts:create', {
      staffId: officerId,
      username: 'li.ming',
      passphrase: 'li ming passphrase',
      confirm: 'li ming passphrase',
    }),
  );
  const borrowers: Borrower[] = [
    { seq: 1, name: '张秀英', outstanding: '30000' },
    { seq: 2, name: '陈国强', outstanding: '30000' },
    { seq: 3, name: '刘桂兰', outstanding: '30000' },
  ];
  await importLoans(core, borrowers, addDays(today, -30));
  const [zhang, chen, liu] = [1, 2, 3].map((seq) => borrowerId(core, seq)) as [
    number,
    number,
    number,
  ];
  plannedVisit(core, zhang, yesterday, [1, officerId]);
  plannedVisit(core, chen, yesterday, [1, officerId]);
  plannedVisit(core, liu, yesterday, [1, officerId]);

  // 1. A promise to pay ¥1,000 within a week.
  await openOutcomeForm(app, '张秀英');
  await app.getByLabel('借款人本人').check();
  await chooseOutcome(app, '承诺还款');
  const promise = app.getByRole('region', { name: '承诺还款' });
  await promise.getByLabel('金额（元）').fill('1000');
  await promise.getByLabel('承诺还款日期').fill(addDays(today, 7));
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
  await importLoans(core, [borrowers[0]!], today);
  // The import judged the promise in its own transaction; judging again changes nothing.
  const status = core.app.db
    .prepare('SELECT status FROM promises WHERE borrower_id = ?')
    .get(zhang);
  expect(status).toEqual({ status: 'kept' });
  const judged = evaluateBorrowersInDb(core.app.db, { borrowerIds: [zhang], staffId: 1 });
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
  await app.getByLabel('跟进日期').fill(addDays(today, 14));
  await app.keyboard.press('Control+Enter');
  await expect(app.getByRole('status').filter({ hasText: '已保存走访记录' })).toBeVisible();
  await expect(app.getByText('拒绝还款')).toBeVisible();
  await shot('records-03-refused');
  expect(core.app.db.prepare('SELECT status FROM visits WHERE borrower_id = ?').get(chen)).toEqual({
    status: 'done',
  });

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
  await plan.getByLabel('首期还款日（之后每月同日）').fill(addDays(today, 10));
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
  const approved = await ok(core.invoke('plans:list', { borrowerId: liu }));
  expect(approved[0]).toMatchObject({ status: 'approved', decisionReason: '同意，按月跟进' });
  expect(approved[0]!.instalments.map((i) => i.amountFen)).toEqual([106666, 106666, 106668]);
  await shot('records-06-plan-approved');
});
