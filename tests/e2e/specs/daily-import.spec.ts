import type { Page } from '@playwright/test';
import { readFlag } from '../../../electron/core/db/columns';
import { startCoreOn, type BridgedCore } from '../support/bridge';
import {
  beijing,
  CoreClock,
  insertAnnouncedVisit,
  writeDailyFile,
  yuanText,
} from '../support/daily-import';
import { test as base, expect, MANAGER, setUpAndSignIn } from '../support/fixtures';
import { typeInPicker } from '../support/pickers';
import { addDays, ok, shanghaiToday } from '../support/seed';

/**
 * Issue 15's proof, end to end: a small daily file from head office, imported into the demo
 * branch through the import screen, settles a borrower's open promise, and the money it shows
 * is counted once beside the cash an officer took on a visit the day before.
 *
 * The demo branch is loaded a day back (its loans' last file is dated yesterday), so today's
 * file is the next one. The story, for the demo borrower with an open promise of P on one loan:
 * - yesterday, on a visit, the borrower paid ¥300.00 cash (receipt): P − ¥300 still owed;
 * - today's file shows the loan's principal P lower than yesterday's, repaid yesterday
 *   (上次还款日期). The ¥300.00 is inside that fall: the file confirms the cash and only
 *   P − ¥300 is new money. Together they are P: the promise is kept, the payments on file add
 *   up to P (not P + ¥300), and the month's amount collected grows by P.
 * P comes from the demo (it depends on the day it is loaded); ¥300.00 is ours.
 */

const CASH_FEN = 300_00;

/** The usual fixtures, with a core whose clock the spec can set back. */
const test = base.extend<{ coreClock: CoreClock }>({
  coreClock: async ({}, use) => {
    await use(new CoreClock());
  },
  core: async ({ engine, coreClock }, use) => {
    const core = await startCoreOn(engine, { now: coreClock.now });
    await use(core);
    await core.dispose();
  },
});

interface OpenPromise {
  promiseId: number;
  recordId: number;
  borrowerId: number;
  name: string;
  idNumber: string;
  officerId: number;
  officerName: string;
  amountFen: number;
  loanId: number;
  loanNo: string;
  product: string;
  principalFen: number;
  disbursedOn: string;
  maturityOn: string | null;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  penaltyFen: number;
  overdueSince: string | null;
  loanAsOf: string | null;
}

/**
 * A demo borrower's open promise on one loan: a borrower without vulnerability first, then the
 * latest promised, then the first made (read on the app's engine; the flags counted here).
 */
async function openPromise(core: BridgedCore): Promise<OpenPromise> {
  const rows = await core.app.engine.db
    .selectFrom('promises as p')
    .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
    .innerJoin('loans as l', 'l.id', 'p.loan_id')
    .innerJoin('staff as s', 's.id', 'b.assigned_officer_id')
    .where('p.status', '=', 'pending')
    .select([
      'p.id as promiseId',
      'p.visit_record_id as recordId',
      'b.id as borrowerId',
      'b.name',
      'b.id_number as idNumber',
      's.id as officerId',
      's.name as officerName',
      'p.amount_fen as amountFen',
      'l.id as loanId',
      'l.loan_no as loanNo',
      'l.product',
      'l.principal_fen as principalFen',
      'l.disbursed_on as disbursedOn',
      'l.maturity_on as maturityOn',
      'l.outstanding_principal_fen as outstandingPrincipalFen',
      'l.overdue_principal_fen as overduePrincipalFen',
      'l.overdue_interest_fen as overdueInterestFen',
      'l.penalty_fen as penaltyFen',
      'l.overdue_since as overdueSince',
      'l.as_of as loanAsOf',
      'p.promised_on as promisedOn',
      'b.vulnerable_ill',
      'b.vulnerable_elderly',
      'b.vulnerable_disabled',
      'b.vulnerable_disaster',
    ])
    .execute();
  const vulnerabilities = (r: (typeof rows)[number]) =>
    [r.vulnerable_ill, r.vulnerable_elderly, r.vulnerable_disabled, r.vulnerable_disaster].filter(
      readFlag,
    ).length;
  const [found] = rows.sort(
    (x, y) =>
      vulnerabilities(x) - vulnerabilities(y) ||
      y.promisedOn.localeCompare(x.promisedOn) ||
      x.promiseId - y.promiseId,
  );
  if (!found) throw new Error('the demo branch has no open promise on a loan');
  return found;
}

/** The amount the reports screen shows for a figure card, in fen. */
async function figureFen(app: Page, key: string): Promise<number> {
  const text = (await app.locator(`[data-figure="${key}"]`).innerText()).trim();
  const match = /^¥([\d,]+)\.(\d{2})$/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  return Number(match[1]!.replace(/,/g, '')) * 100 + Number(match[2]);
}

async function signIn(app: Page) {
  await app.getByLabel('用户名').fill(MANAGER.username);
  await app.getByLabel('口令', { exact: true }).fill(MANAGER.passphrase);
  await app.getByRole('button', { name: '登录' }).click();
  await expect(app.getByRole('navigation')).toBeVisible();
}

/**
 * An officer's amount collected, from the reports screen's collected-vs-target chart: the
 * chart's tooltip names the officer whose bar the pointer is over and says the amount.
 */
async function officerCollectedFen(app: Page, officer: string): Promise<number> {
  const chart = app.getByRole('heading', { name: '回收与目标' }).locator('xpath=..');
  await chart.scrollIntoViewIfNeeded();
  const bars = chart.locator('.MuiBarChart-series').first().locator('rect');
  const tooltip = app.locator('.MuiChartsTooltip-root');
  for (let i = 0; i < (await bars.count()); i++) {
    const bar = (await bars.nth(i).boundingBox())!;
    // Just above the bar's top: inside the plot even when the bar is ¥0.00 high.
    await app.mouse.move(bar.x + bar.width / 2, bar.y - 4);
    await expect(tooltip).toBeVisible();
    const text = await tooltip.innerText();
    if (text.split('\n')[0]!.trim() !== officer) continue;
    const match = /回收\s+¥([\d,]+)\.(\d{2})/.exec(text);
    if (!match) throw new Error(`no amount collected in the tooltip: ${text}`);
    await app.mouse.move(0, 0);
    return Number(match[1]!.replace(/,/g, '')) * 100 + Number(match[2]);
  }
  throw new Error(`no bar for ${officer} in the collected chart`);
}

/**
 * The record of a visit, where its promise shows with what kept it. The case page lists no
 * promises and links to no record, so the spec goes to the record's address.
 */
async function openRecord(app: Page, recordId: number) {
  await app.evaluate((id) => {
    window.location.hash = `#/visits/records/${id}`;
  }, recordId);
  await expect(app.getByRole('heading', { name: '走访记录' })).toBeVisible();
}

async function openReports(app: Page, month: string) {
  await app.getByRole('navigation').getByText('报表').click();
  await typeInPicker(app, '月份', month);
  await expect(app.locator('[data-figure="collectedFen"]')).toBeVisible();
}

test('a daily file settles a demo promise: kept, and the money counted once', async ({
  app,
  core,
  coreClock,
  shot,
}) => {
  test.setTimeout(180_000);
  await setUpAndSignIn(app, core);
  const today = shanghaiToday();
  const yesterday = addDays(today, -1);
  const month = yesterday.slice(0, 7);

  // The demo branch, loaded through its button with the core's clock a day back.
  coreClock.setBackDays(1);
  await app.getByRole('button', { name: '载入演示网点' }).click();
  await expect(app.getByText(/已载入演示网点：\d+ 位借款人/)).toBeVisible({ timeout: 60_000 });
  // Today: the session of yesterday has lapsed; the manager signs in again.
  coreClock.reset();
  core.app.lock('signOut');
  await app.reload();
  await signIn(app);

  const promise = await openPromise(core);
  const P = promise.amountFen;
  expect(promise.loanAsOf).toBe(yesterday);
  // The fall the file shows must fit in the loan: P of principal repaid.
  expect(promise.outstandingPrincipalFen).toBeGreaterThan(P);
  expect(P).toBeGreaterThan(CASH_FEN);

  // The month's amount collected before anything happens, as the reports screen shows it.
  await openReports(app, month);
  const collectedBefore = await figureFen(app, 'collectedFen');
  const officerBefore = await officerCollectedFen(app, promise.officerName);

  // Yesterday's visit, announced three days ahead, by the manager and the borrower's officer.
  await ok(
    core.invoke('staff:addCertificate', {
      staffId: 1,
      kind: 'training',
      number: 'PX-M001',
      issuedOn: '2025-01-01',
      expiresOn: addDays(today, 700),
    }),
  );
  await insertAnnouncedVisit(core, {
    borrowerId: promise.borrowerId,
    date: yesterday,
    start: '10:40',
    end: '11:20',
    staffIds: [1, promise.officerId],
    loanIds: [promise.loanId],
    noticeAt: beijing(addDays(yesterday, -3), '10:00'),
    plannedAt: beijing(addDays(yesterday, -4), '16:00'),
  });

  // 1. The visit's outcome through the form: ¥300.00 cash on the promised loan.
  await app.getByRole('navigation').getByText('走访').click();
  await app
    .getByRole('region', { name: '待记录结果的走访' })
    .getByRole('row', { name: new RegExp(`${promise.name}.*${yesterday} 10:40`) })
    .getByRole('link', { name: '记录结果' })
    .click();
  await expect(app.getByRole('heading', { name: '记录走访结果' })).toBeVisible();
  await app.getByLabel('借款人本人').check();
  await app.getByRole('combobox', { name: '走访结果' }).click();
  await app.getByRole('option', { name: '部分还款' }).click();
  const cash = app.getByRole('region', { name: '现场收款' });
  await cash.getByLabel('金额（元）').fill('300');
  await cash.getByRole('combobox', { name: '贷款' }).click();
  await app.getByRole('option', { name: new RegExp(`^${promise.loanNo} ·`) }).click();
  await app.getByLabel('借款人原话').fill('先交三百块现金，其余明天转账还上。');
  await app.getByLabel('已出示工作证').check();
  await app.getByLabel('已告知借款人的权利（查验证件、拒绝入户、投诉渠道）').check();
  await app.getByLabel('未向第三人透露债务信息').check();
  await app.getByLabel('全程录音录像').check();
  await app.getByLabel('录音录像编号').fill(`REC-${yesterday}-31`);
  await app.getByRole('button', { name: '保存记录' }).click();
  await expect(app.getByRole('status').filter({ hasText: '已保存走访记录' })).toBeVisible();
  const { receiptNo } = await core.app.engine.db
    .selectFrom('receipts as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .select('r.receipt_no as receiptNo')
    .where('p.borrower_id', '=', promise.borrowerId)
    .where('p.source', '=', 'visit')
    .where('p.paid_on', '=', yesterday)
    .executeTakeFirstOrThrow();
  await shot('daily-import-01-cash-recorded');

  // The cash alone does not keep the promise: ¥300.00 of P.
  await openRecord(app, promise.recordId);
  const promised = app.getByText(`承诺 ${yuanText(P)}，`);
  await expect(promised).toContainText('待到期');
  const keptBy = app.getByRole('list', { name: '兑现情况' }).getByRole('listitem');
  await expect(keptBy).toHaveText([`由收据 ${receiptNo} 兑现 ¥300.00（${yesterday} 还款）`]);

  // 2. Today's daily file: this loan only, principal P lower, repaid yesterday.
  const file = writeDailyFile(`总行日终-逾期贷款变动-${today}.csv`, [
    {
      name: promise.name,
      idNumber: promise.idNumber,
      loanNo: promise.loanNo,
      product: promise.product,
      principalFen: promise.principalFen,
      disbursedOn: promise.disbursedOn,
      maturityOn: promise.maturityOn,
      outstandingPrincipalFen: promise.outstandingPrincipalFen - P,
      overduePrincipalFen: Math.max(0, promise.overduePrincipalFen - P),
      overdueInterestFen: promise.overdueInterestFen,
      penaltyFen: promise.penaltyFen,
      overdueSince: promise.overdueSince,
      officer: promise.officerName,
      lastPaidOn: yesterday,
    },
  ]);

  // 3. Through the import screen: choose the file, map the column it does not know, import.
  await app.getByRole('navigation').getByText('案件').click();
  await app.getByRole('button', { name: '导入表格' }).first().click();
  await expect(app.getByRole('heading', { name: '导入表格' })).toBeVisible();
  await app.getByTestId('import-file').setInputFiles(file);
  await expect(app.getByTestId('import-encoding')).toHaveText('识别为 UTF-8（带 BOM）');
  await expect(app.getByText('共 1 行数据')).toBeVisible();
  await expect(app.getByText(/有无法识别的表头/)).toBeVisible();
  await shot('daily-import-02-preview');
  await app.getByRole('combobox', { name: '对应字段: 当前本金余额' }).click();
  await app.getByRole('option', { name: '剩余本金 *' }).click();
  // While the menu is open (or closing) the rest of the page is hidden from the roles below.
  await expect(app.getByRole('listbox')).toBeHidden();
  await expect(app.getByRole('combobox', { name: '对应字段: 当前本金余额' })).toHaveText(
    '剩余本金 *',
  );
  await expect(app.getByRole('combobox', { name: '对应字段: 上次还款日期' })).toHaveText(
    '最近还款日',
  );
  await app.getByRole('button', { name: '开始导入' }).click();
  const result = app.getByTestId('import-result');
  await expect(result).toContainText('更新 1');
  await expect(result).toContainText('新增 0');
  await expect(result).toContainText('拒绝 0');
  await expect(app.getByText('所有行均通过校验')).toBeVisible();
  await shot('daily-import-03-report');

  // 4. The promise, on the record of the visit where it was made: kept, and by what.
  await openRecord(app, promise.recordId);
  await expect(promised).toContainText('已兑现');
  await expect(keptBy).toHaveText([
    `由收据 ${receiptNo} 兑现 ¥300.00（${yesterday} 还款；总行 ${today} 文件已确认）`,
    `由总行 ${today} 文件所示还款兑现 ${yuanText(P - CASH_FEN)}（${yesterday} 还款）`,
  ]);
  await shot('daily-import-04-promise-kept');

  // 5. The case page: yesterday's money is two payments that add up to P, each with its sources.
  await app.getByRole('link', { name: promise.name }).first().click();
  await expect(app.getByRole('heading', { level: 1, name: promise.name })).toBeVisible();
  await app.getByRole('tab', { name: /时间线/ }).click();
  const payments = app
    .getByTestId('case-timeline')
    .getByRole('listitem')
    .filter({ hasText: `· ${promise.loanNo}` })
    .filter({ hasText: /^还款 / })
    .filter({ hasText: yesterday });
  await expect(payments).toHaveCount(2);
  const visitCash = payments.filter({
    hasText: `还款 ¥300.00 · ${promise.loanNo} · 收据 ${receiptNo}`,
  });
  await expect(visitCash).toContainText(`总行 ${today} 文件已确认 ¥300.00`);
  await expect(visitCash).not.toContainText('未见于总行文件');
  const fileMoney = payments.filter({
    hasText: `还款 ${yuanText(P - CASH_FEN)} · ${promise.loanNo}`,
  });
  await expect(fileMoney).toContainText(
    `总行 ${today} 文件：本金较 ${yesterday} 减少 ${yuanText(P)}`,
  );
  await expect(fileMoney).toContainText(
    `其中 ¥300.00 为上门收款（收据 ${receiptNo}），已另列，不重复计算`,
  );
  await expect(fileMoney).toContainText(`还款日 ${yesterday}（文件所载）`);
  await shot('daily-import-05-timeline');

  // 6. The month's amount collected grew by P, once: for the branch, in the payments behind
  // it, and for the borrower's officer.
  await openReports(app, month);
  await expect(app.locator('[data-figure="collectedFen"]')).toHaveText(
    yuanText(collectedBefore + P),
  );
  expect(await officerCollectedFen(app, promise.officerName)).toBe(officerBefore + P);
  await app.locator('[data-figure="collectedFen"]').click();
  const behind = app.getByRole('dialog').getByRole('row').filter({ hasText: promise.loanNo });
  await expect(behind).toHaveCount(2);
  const cells = (amount: string) => [/^\d+$/, yesterday, promise.name, promise.loanNo, amount];
  await expect(behind.nth(0).getByRole('cell')).toHaveText(cells('¥300.00'));
  await expect(behind.nth(1).getByRole('cell')).toHaveText(cells(yuanText(P - CASH_FEN)));
  await shot('daily-import-06-reports');
});
