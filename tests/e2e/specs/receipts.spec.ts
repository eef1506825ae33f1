import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import type { BridgedCore } from '../support/bridge';
import {
  expect,
  pagesToPng,
  pdfPages,
  pdfText,
  saveAsPdf,
  setUpAndSignIn,
  test,
} from '../support/fixtures';
import { addDays, importLoans, insertVisit, ok, residentId, shanghaiToday } from '../support/seed';
import { typeInPicker } from '../support/pickers';

/**
 * Receipts and plan agreements end to end, on the real core: the manager renames the branch in
 * Settings, records a visit where ¥1,005.00 was paid through the outcome form, prints the
 * receipt from the visit record as a PDF (receipt number, payer, amount in capitals, staff
 * numbers, the new letterhead) and again as a copy (副本); a plan proposed and approved through
 * the records channels is printed as an agreement from its record; a visit notice printed from
 * the Notices screen carries the same letterhead (a print style once hid it).
 *
 * Borrowers and loans arrive through the case importer, visits are written as the planning
 * feature leaves them (dated yesterday, so the outcome lies in the past whenever this runs).
 */

const NEW_BRANCH_NAME = '青山农村商业银行石桥支行溪口分理处';

/** 溪口村's borrowers, one loan each (QS-RC-<seq>), through the case importer. */
const importXikouLoans = (core: BridgedCore, names: string[], asOf: string) =>
  importLoans(
    core,
    names.map((name, i) => ({ seq: i + 1, name })),
    asOf,
    {
      village: '溪口村',
      loanPrefix: 'QS-RC',
      idNumber: (seq) =>
        residentId(seq, { region: '331121', birthYear: 1978, birthDay: 21, serialFrom: 200 }),
    },
  );

const flat = (text: string) => text.replace(/\s+/g, '');

/** The letterhead opens the page: the branch's name is on the first line of text. */
function expectLetterhead(text: string) {
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  expect(flat(firstLine)).toContain(NEW_BRANCH_NAME);
  expect(flat(text)).toContain('投诉热线：0571-88889999');
}

test('print a visit receipt and an approved plan’s agreement from the record; a notice carries the letterhead', async ({
  app,
  core,
  shot,
}) => {
  test.setTimeout(240_000);
  await setUpAndSignIn(app, core);
  const today = shanghaiToday();
  const yesterday = addDays(today, -1);

  // The branch's name as Settings sets it is what every letterhead prints.
  await app.getByRole('navigation').getByText('设置').click();
  const branchName = app.getByLabel('网点名称');
  await expect(branchName).toHaveValue('青山农商银行石桥支行');
  await branchName.fill(NEW_BRANCH_NAME);
  await app.getByRole('button', { name: '保存', exact: true }).first().click();
  await expect(app.getByText('已保存').first()).toBeVisible();

  const officer = await ok(
    core.invoke('staff:create', { staffNo: 'C101', name: '李明', role: 'officer' }),
  );
  const [zhang, liu, chen] = await importXikouLoans(
    core,
    ['张秀英', '刘桂兰', '陈国强'],
    addDays(today, -30),
  );
  await insertVisit(core, zhang!, yesterday, [1, officer.id], { village: '溪口村' });
  const planVisit = await insertVisit(core, liu!, yesterday, [1, officer.id], {
    village: '溪口村',
  });

  // 1. Record the visit where ¥1,005.00 was paid in cash, through the outcome form.
  await app.getByRole('navigation').getByText('走访').click();
  await app
    .getByRole('region', { name: '待记录结果的走访' })
    .getByRole('row', { name: /张秀英/ })
    .getByRole('link', { name: '记录结果' })
    .click();
  await expect(app.getByRole('heading', { name: '记录走访结果' })).toBeVisible();
  await app.getByLabel('借款人本人').check();
  await app.getByRole('combobox', { name: '走访结果' }).click();
  await app.getByRole('option', { name: '部分还款' }).click();
  await app.getByRole('region', { name: '现场收款' }).getByLabel('金额（元）').fill('1005');
  await app.getByLabel('借款人原话').fill('先还一千零五块，其余下月。');
  await app.getByLabel('已出示工作证').check();
  await app.getByLabel('已告知借款人的权利（查验证件、拒绝入户、投诉渠道）').check();
  await app.getByLabel('未向第三人透露债务信息').check();
  await app.getByLabel('全程录音录像').check();
  await app.getByLabel('录音录像编号').fill(`REC-${yesterday}-11`);
  await app.getByRole('button', { name: '保存记录' }).click();
  await expect(app.getByRole('status').filter({ hasText: '已保存走访记录' })).toBeVisible();
  await expect(app.getByRole('button', { name: '打印收据' })).toBeVisible();
  await shot('receipts-00-record');
  const receipt = await core.app.engine.db
    .selectFrom('receipts as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .select('r.receipt_no as no')
    .where('p.borrower_id', '=', zhang!)
    .executeTakeFirstOrThrow();
  expect(receipt.no).toMatch(/^QS001-SJ-\d{4}-000001$/);

  // 2. Print the receipt from the record: preview, then save as PDF.
  await app.getByRole('button', { name: '打印收据' }).click();
  const dialog = app.getByRole('dialog', { name: `收据 ${receipt.no}` });
  await expect(dialog.getByTestId('document-preview')).toContainText('人民币壹仟零伍元整');
  await shot('receipts-01-preview');
  const receiptPdf = await saveAsPdf(app, dialog, dialog);
  await expect(dialog).toContainText('已出具正本');
  expect(pdfPages(receiptPdf)).toBe(1);
  const receiptText = pdfText(receiptPdf);
  expectLetterhead(receiptText);
  for (const expected of [
    receipt.no,
    '张秀英',
    '人民币壹仟零伍元整',
    'M001',
    'C101',
    '王建国',
    '李明',
  ]) {
    expect(flat(receiptText)).toContain(flat(expected));
  }
  expect(flat(receiptText)).toContain('¥1,005.00');
  expect(flat(pdfText(receiptPdf, '-raw'))).not.toContain('副本');
  pagesToPng(receiptPdf, 'receipts-receipt-pdf');
  await dialog.getByRole('button', { name: '关闭' }).click();

  // A second print of the same receipt is a copy, with the first print's number.
  await app.getByRole('button', { name: '打印收据' }).click();
  await expect(dialog.getByText(/此文书已打印过/)).toBeVisible();
  await shot('receipts-02-already-printed');
  const copyPdf = await saveAsPdf(app, dialog, dialog);
  await expect(dialog).toContainText('本次打印件已标为“副本”');
  const copyText = flat(pdfText(copyPdf, '-raw'));
  expect(copyText).toContain('副本');
  expect(copyText).toContain(receipt.no);
  pagesToPng(copyPdf, 'receipts-receipt-copy-pdf');
  await dialog.getByRole('button', { name: '关闭' }).click();
  const log = await ok(core.invoke('notices:log', { kind: 'paymentReceipt' }));
  expect(log.map((row) => row.isCopy)).toEqual([true, false]);
  expect(log[0]!.referenceNo).toBe(log[1]!.referenceNo);

  // The case page's timeline offers the same receipt, already printed, so a copy.
  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${zhang}`);
  await app.getByRole('tab', { name: '时间线' }).click();
  const timeline = app.getByTestId('case-timeline');
  await expect(timeline).toContainText(receipt.no);
  await timeline.getByRole('button', { name: '打印收据' }).click();
  await expect(dialog.getByText(/此文书已打印过/)).toBeVisible();
  await shot('receipts-02b-case-timeline');
  await dialog.getByRole('button', { name: '关闭' }).click();

  // 3. A plan proposed on a visit and approved, through the records channels.
  const recorded = await ok(
    core.invoke('records:record', {
      visitId: planVisit,
      date: yesterday,
      start: '09:05',
      end: '09:50',
      staffIds: [1, officer.id],
      met: 'borrower',
      outcome: 'plan_proposed',
      borrowerWords: '一次拿不出三千二，分四个月可以。',
      situation: { livelihood: '家中种茶，农闲时在镇上打零工' },
      checklist: {
        staffCardsShown: true,
        rightsExplained: true,
        noThirdPartyDisclosure: true,
        recorded: true,
        recordingRef: `REC-${yesterday}-12`,
      },
      plan: {
        loanId: null,
        mode: 'equal',
        count: 4,
        firstDueOn: addDays(today, 10),
        totalFen: 320_000,
        amountsFen: [],
        shortfallReason: '',
      },
    }),
  );
  const planId = recorded.effective.plan!.id;
  await app.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/visits/records/${recorded.effective.id}`);
  // Waiting for approval: the agreement cannot be printed yet, and the screen says why.
  await expect(app.getByText('审批通过后可打印还款计划协议')).toBeVisible();
  await expect(app.getByRole('button', { name: '打印还款计划协议' })).toBeDisabled();
  await ok(core.invoke('records:approvePlan', { id: planId, reason: '同意，按月跟进' }));
  await app.reload();
  await app.getByRole('button', { name: '打印还款计划协议' }).click();
  const planDialog = app.getByRole('dialog', { name: '还款计划协议（刘桂兰）' });
  await expect(planDialog.getByTestId('document-preview')).toContainText('人民币叁仟贰佰元整');
  await shot('receipts-03-agreement-preview');
  const agreementPdf = await saveAsPdf(app, planDialog, planDialog);
  expect(pdfPages(agreementPdf)).toBe(1);
  const agreementText = pdfText(agreementPdf);
  expectLetterhead(agreementText);
  for (const expected of [
    '还款计划协议',
    '刘桂兰',
    '人民币叁仟贰佰元整',
    '¥800.00',
    'M001',
    'C101',
  ]) {
    expect(flat(agreementText)).toContain(flat(expected));
  }
  pagesToPng(agreementPdf, 'receipts-agreement-pdf');
  await planDialog.getByRole('button', { name: '关闭' }).click();

  // 4. A visit notice from the Notices screen carries the same letterhead.
  const noticeDay = addDays(today, 3);
  await insertVisit(core, chen!, noticeDay, [1, officer.id], {
    village: '溪口村',
    status: 'planned',
  });
  await app.getByRole('navigation').getByText('通知书').click();
  await typeInPicker(app, '走访日期', noticeDay);
  await expect(app.getByRole('table', { name: '预览' }).getByRole('row')).toHaveCount(2);
  const noticePdf = await saveAsPdf(app, app.locator('main'), app.locator('main'));
  const noticeText = pdfText(noticePdf);
  expectLetterhead(noticeText);
  expect(flat(noticeText)).toContain('上门走访通知书');
  expect(flat(noticeText)).toContain('陈国强');
  expect(flat(noticeText)).toMatch(/编号：QS001-\d{4}-\d{6}/);
  pagesToPng(noticePdf, 'receipts-notice-pdf');

  // 5. Template history: the manager reads the built-in receipt wording again and restores it.
  await ok(
    core.invoke('notices:saveTemplate', {
      kind: 'paymentReceipt',
      lang: 'zh',
      body: defaultTemplates.paymentReceipt.zh.replace(
        '本收据由付款人保存。',
        '请妥善保存本收据。',
      ),
    }),
  );
  await app.getByRole('tab', { name: '模板' }).click();
  await app.getByLabel('文书类型').click();
  await app.getByRole('option', { name: '收据' }).click();
  const history = app.getByRole('list', { name: '版本记录' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('现行');
  await history.scrollIntoViewIfNeeded();
  await shot('receipts-04-template-history');
  await history.getByRole('button', { name: '查看 v0' }).click();
  const version = app.getByRole('dialog', { name: /收据（中文）第 0 版/ });
  await expect(version.getByTestId('template-version-text')).toContainText('本收据由付款人保存。');
  await shot('receipts-05-template-version');
  await version.getByRole('button', { name: '恢复此版本' }).click();
  await expect(app.getByText('已恢复第 0 版，保存为第 2 版')).toBeVisible();
  await expect(history.getByRole('listitem')).toHaveCount(3);
  await expect(app.getByRole('textbox', { name: '模板内容' })).toHaveValue(
    defaultTemplates.paymentReceipt.zh,
  );
});
