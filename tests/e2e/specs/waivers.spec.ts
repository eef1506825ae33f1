import path from 'node:path';
import {
  expect,
  MANAGER,
  pagesToPng,
  pdfPages,
  pdfText,
  flat,
  setUpAndSignIn,
  signInAs,
  test,
} from '../support/fixtures';
import { ok, seedBorrower, shanghaiToday, staffAccount } from '../support/seed';

/**
 * A penalty waiver (减免罚息, issue 18) on the real core: the officer 李明 proposes to waive the
 * ¥150.00 penalty of 张秀英's loan from the case page; the manager approves it from the tasks
 * page, then the auditor 孙慧 (the second approver by default); the agreement prints with both
 * names, read back from the PDF with pdftotext and looked at as PNG.
 */

test('a penalty waiver proposed, approved by the manager and the auditor, and printed', async ({
  app,
  core,
  shot,
}) => {
  test.setTimeout(240_000);
  await setUpAndSignIn(app, core);
  const li = await staffAccount(core, 'C101', '李明', 'officer', 'li.ming');
  const sun = await staffAccount(core, 'A301', '孙慧', 'auditor', 'sun.hui');
  const borrowerId = await seedBorrower(core, 1, '张秀英', { loanPrefix: 'QS-JM' });
  // The loan as head office's file leaves it: ¥30,000.00 principal, ¥200.00 interest, ¥150.00
  // penalty owed.
  await core.app.write((tx) =>
    tx
      .updateTable('loans')
      .set({
        outstanding_principal_fen: 3_000_000,
        overdue_interest_fen: 20_000,
        penalty_fen: 15_000,
      })
      .where('borrower_id', '=', borrowerId)
      .execute(),
  );

  // The officer proposes it from the case page.
  await signInAs(app, core, li);
  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${borrowerId}`);
  const actions = app.getByRole('group', { name: '案件操作' });
  await actions.getByRole('button', { name: '申请减免/和解' }).click();
  const dialog = app.getByRole('dialog', { name: '张秀英：申请减免或和解结清' });
  await expect(dialog.getByRole('status')).toHaveText(
    '所欠：本金 ¥30,000.00，利息 ¥200.00，罚息 ¥150.00，合计 ¥30,350.00',
  );
  await dialog.getByLabel(/减免金额/).fill('150');
  await dialog.getByLabel(/申请理由/).fill('借款人因病住院三个月，家中无其他收入，附县医院证明');
  await shot('waivers-01-propose');
  await dialog.getByRole('button', { name: '提交申请' }).click();
  await expect(dialog).toBeHidden();
  await app.getByRole('tab', { name: '减免与和解' }).click();
  const table = app.getByRole('table', { name: '减免与和解' });
  await expect(table.getByRole('row').nth(1)).toContainText('待审批');
  await expect(table.getByRole('row').nth(1)).toContainText('¥150.00');
  // The proposer may withdraw, not approve.
  await expect(table.getByRole('button', { name: '批准' })).toHaveCount(0);
  await expect(table.getByRole('button', { name: '撤回' })).toBeVisible();
  await shot('waivers-02-case-tab');

  // The manager approves from the tasks page.
  await signInAs(app, core, MANAGER);
  await app.getByRole('navigation').getByText('走访').click();
  const card = app.getByRole('region', { name: '待我审批的减免与和解' });
  await expect(card.getByRole('row', { name: /张秀英/ })).toContainText('减免罚息');
  await shot('waivers-03-manager-tasks');
  await card.getByRole('button', { name: '批准' }).click();
  const approve = app.getByRole('dialog', { name: '批准 张秀英 的减免罚息申请' });
  await approve.getByLabel(/审批意见/).fill('情况属实，同意');
  await approve.getByRole('button', { name: '批准' }).click();
  await expect(approve).toBeHidden();
  await expect(card.getByText('没有等待您审批的减免或和解')).toBeVisible();

  // The auditor gives the second approval.
  await signInAs(app, core, sun);
  await app.getByRole('navigation').getByText('走访').click();
  const auditorCard = app.getByRole('region', { name: '待我审批的减免与和解' });
  const row = auditorCard.getByRole('row', { name: /张秀英/ });
  await expect(row).toContainText('待第二人审批');
  await expect(row).toContainText('王建国（经理）');
  await row.getByRole('button', { name: '批准' }).click();
  const second = app.getByRole('dialog', { name: '批准 张秀英 的减免罚息申请' });
  await second.getByRole('button', { name: '批准' }).click();
  await expect(second).toBeHidden();
  await shot('waivers-04-auditor-approved');

  // The officer prints the agreement from the case page.
  await signInAs(app, core, li);
  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${borrowerId}`);
  await app.getByRole('tab', { name: '减免与和解' }).click();
  const approved = app.getByRole('table', { name: '减免与和解' }).getByRole('row').nth(1);
  await expect(approved).toContainText('已批准');
  await expect(approved).toContainText('孙慧（稽核）');
  await shot('waivers-05-approved');
  await approved.getByRole('button', { name: '打印协议' }).click();
  const { id: waiverId } = await core.app.engine.db
    .selectFrom('waivers')
    .select('id')
    .executeTakeFirstOrThrow();
  const fileName = `减免协议-QS-JM-1-${waiverId}.pdf`;
  await expect(app.getByText(`已保存 ${fileName}`)).toBeVisible({ timeout: 60_000 });
  const file = path.join(core.dir, fileName);
  expect(pdfPages(file)).toBe(1);
  const text = flat(pdfText(file));
  for (const expected of [
    '青山农商银行石桥支行',
    '罚息减免协议',
    `-JM-${String(waiverId).padStart(6, '0')}`,
    '张秀英',
    'QS-JM-1',
    '¥150.00',
    '人民币壹佰伍拾元整',
    '¥30,350.00',
    '人民币叁万零叁佰伍拾元整',
    '王建国',
    '孙慧（A301）',
    '乙方（签字）',
  ]) {
    expect(text, expected).toContain(expected);
  }
  // The ID is masked on paper.
  expect(text).not.toMatch(/\d{17}[\dX]/);
  pagesToPng(file, 'waivers-06-agreement');

  // The month's summary counts it.
  const month = shanghaiToday().slice(0, 7);
  const { figures } = await ok(core.invoke('reports:summary', { month }));
  expect([figures.branch.waiversApproved, figures.branch.penaltyWaivedFen]).toEqual([1, 15_000]);
  await signInAs(app, core, MANAGER);
  await app.getByRole('navigation').getByText('报表').click();
  const group = app.getByRole('heading', { name: '减免与和解' });
  await group.scrollIntoViewIfNeeded();
  await expect(group).toBeVisible();
  await shot('waivers-07-summary');
  // The printed monthly report carries the group too.
  await app.getByRole('button', { name: '保存为 PDF' }).click();
  const reportName = `月度汇总-${month}.pdf`;
  await expect(app.getByText(`已保存 ${reportName}`)).toBeVisible({ timeout: 60_000 });
  const report = path.join(core.dir, reportName);
  const reportText = flat(pdfText(report));
  for (const expected of ['减免与和解', '批准减免与和解', '减免金额合计', '减免罚息金额']) {
    expect(reportText, expected).toContain(expected);
  }
  pagesToPng(report, 'waivers-10-monthly-report');

  // In English: the case's tab and the agreement printed in English.
  await app.getByRole('button', { name: 'English' }).click();
  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${borrowerId}`);
  await app.getByRole('tab', { name: 'Waivers' }).click();
  const enRow = app.getByRole('table', { name: 'Waivers and settlements' }).getByRole('row').nth(1);
  await expect(enRow).toContainText('Approved');
  await expect(enRow).toContainText('孙慧 (auditor)');
  await shot('waivers-08-case-tab-en');
  await enRow.getByRole('button', { name: 'Print agreement' }).click();
  const enName = `waiver-agreement-QS-JM-1-${waiverId}.pdf`;
  await expect(app.getByText(`Saved ${enName}`)).toBeVisible({ timeout: 60_000 });
  const enFile = path.join(core.dir, enName);
  const enText = pdfText(enFile).replace(/\s+/g, ' ');
  for (const expected of ['Penalty waiver agreement', 'Amount waived', '¥150.00', 'Party B']) {
    expect(enText, expected).toContain(expected);
  }
  pagesToPng(enFile, 'waivers-09-agreement-en');
});
