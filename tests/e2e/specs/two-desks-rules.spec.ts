import type { Page } from '@playwright/test';
import { branchOfTwoOfficers, goTo, onTwoDesks } from '../support/desks';
import { expect, test } from '../support/fixtures';
import { typeInPicker } from '../support/pickers';
import {
  addDays,
  certifiedOfficer,
  insertVisit,
  ok,
  planNegotiationVisits,
  seedBorrower,
  shanghaiToday,
  weekday,
  type Invoke,
} from '../support/seed';

/**
 * The branch's rules hold across desks (issue 20): two officers, each at a desk of their own
 * (a Chromium page bridged to its desk as Electron main wires the window), on one branch server
 * on loopback. Each fills in a plan the rules accept on its own; together they break a rule, so
 * the desk that saves second is refused with the same reason the single-desk screen gives: a
 * borrower's fifth visit of a month (the cap is four), and one colleague booked for two visits
 * at once. Then both desks record a visit with cash taken, saved at the same moment: the two
 * receipts are numbered one after the other, with no gap and no number twice. And two desks
 * edit one borrower: the second save is refused with who changed what (an optimistic version),
 * keeps what was typed, and saves it onto the latest without undoing the first desk's change.
 */

/**
 * Five working days (Monday to Friday, no public holiday) of one month wholly ahead of today,
 * each at least three days after the one before, so the rule of one visit per borrower in any
 * three days never speaks: only the monthly cap does.
 */
async function spacedDaysOfAMonth(invoke: Invoke): Promise<string[]> {
  const month = addDays(shanghaiToday(), 35).slice(0, 7);
  const first = `${month}-01`;
  const holidays = await ok(invoke('planning:holidays', { from: first, to: addDays(first, 30) }));
  const closed = new Set(holidays.days.filter((d) => d.kind === 'holiday').map((d) => d.date));
  const picked: string[] = [];
  for (let day = first; day.startsWith(month); day = addDays(day, 1)) {
    const working = weekday(day) >= 1 && weekday(day) <= 5 && !closed.has(day);
    const spaced = picked.length === 0 || day >= addDays(picked.at(-1)!, 3);
    if (working && spaced) picked.push(day);
  }
  expect(picked.length).toBeGreaterThanOrEqual(5);
  return picked.slice(0, 5);
}

/** Opens the plan form on the calendar and fills it in; the live check says the plan is fine. */
async function fillPlan(
  page: Page,
  plan: { borrower: string; date: string; start: string; end: string; staff: string[] },
) {
  await page.getByRole('button', { name: '安排走访' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('借款人', { exact: true }).fill(plan.borrower);
  await page.getByRole('option', { name: new RegExp(plan.borrower) }).click();
  await typeInPicker(dialog, '日期', plan.date);
  await typeInPicker(dialog, '开始时间', plan.start);
  await typeInPicker(dialog, '结束时间', plan.end);
  for (const name of plan.staff) {
    await dialog.getByLabel('走访人员').click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
  }
  await expect(dialog.getByTestId('plan-check-ok')).toHaveText('符合全部走访规则');
  return dialog;
}

type Plan = Parameters<typeof fillPlan>[1];

/**
 * Both desks fill in a plan the rules accept on its own; desk A saves first and is told it is
 * planned; desk B saves second and is refused with exactly `reason`, the single-desk screen's
 * words. `shoot` records desk B's refusal; desk B's form is then cancelled.
 */
async function refusedAtSecondDesk(
  [a, planA]: [Page, Plan],
  [b, planB]: [Page, Plan],
  reason: string,
  shoot: () => Promise<unknown>,
) {
  const first = await fillPlan(a, planA);
  const second = await fillPlan(b, planB);
  await first.getByRole('button', { name: '安排', exact: true }).click();
  await expect(a.getByText(`已安排 ${planA.date} 走访${planA.borrower}`)).toBeVisible();
  await second.getByRole('button', { name: '安排', exact: true }).click();
  await expect(second.getByText('未能安排，原因：')).toBeVisible();
  const violations = second.getByTestId('plan-violations');
  await expect(violations.getByRole('listitem')).toHaveText([reason]);
  await violations.scrollIntoViewIfNeeded();
  await shoot();
  await second.getByRole('button', { name: '取消' }).click();
  await expect(b.getByRole('dialog')).toHaveCount(0);
}

async function openCalendarAt(page: Page, date: string) {
  await goTo(page, `#/calendar?view=timeGridWeek&date=${date}`);
  await expect(page.locator(`td.fc-timegrid-col[data-date="${date}"]`)).toBeVisible();
}

/** Fills in the outcome form of the signed-in officer's visit to `borrower`: cash taken. */
async function fillCashRecord(page: Page, borrower: string, yuan: string, recordingRef: string) {
  await page.getByRole('navigation').getByText('走访').click();
  await page
    .getByRole('region', { name: '待记录结果的走访' })
    .getByRole('row', { name: new RegExp(borrower) })
    .getByRole('link', { name: '记录结果' })
    .click();
  await expect(page.getByRole('heading', { name: '记录走访结果' })).toBeVisible();
  await page.getByLabel('借款人本人').check();
  await page.getByRole('combobox', { name: '走访结果' }).click();
  await page.getByRole('option', { name: '部分还款' }).click();
  await page.getByRole('region', { name: '现场收款' }).getByLabel('金额（元）').fill(yuan);
  await page.getByLabel('借款人原话').fill('先还一部分，其余下月。');
  await page.getByLabel('已出示工作证').check();
  await page.getByLabel('已告知借款人的权利（查验证件、拒绝入户、投诉渠道）').check();
  await page.getByLabel('未向第三人透露债务信息').check();
  await page.getByLabel('全程录音录像').check();
  await page.getByLabel('录音录像编号').fill(recordingRef);
}

/** The receipt number the saved record's message shows. */
async function shownReceiptNo(page: Page): Promise<string> {
  const saved = page.getByRole('status').filter({ hasText: '已保存走访记录' });
  await expect(saved).toContainText('收据编号：');
  return /收据编号：(\S+)/.exec(await saved.innerText())![1]!;
}

test('two desks: a cap and a double booking refused at the second desk, receipts gapless', async ({
  browser,
  core,
  engine,
  rendererUrl,
}) => {
  test.setTimeout(180_000);
  const { liMing, zhaoFang } = await branchOfTwoOfficers(core);
  const invoke: Invoke = core.invoke;
  const zhouQiang = await certifiedOfficer(invoke, 'C003', '周强');
  const wuMin = await certifiedOfficer(invoke, 'C004', '吴敏');
  const zhouDafu = await seedBorrower(core, 1, '周大福');
  const wuXiulan = await seedBorrower(core, 2, '吴秀兰');
  await seedBorrower(core, 3, '郑国华');
  const zhangXiuying = await seedBorrower(core, 4, '张秀英');
  const liuGuilan = await seedBorrower(core, 5, '刘桂兰');
  // 周大福 already has three visits in the month: one more is the cap (four a month).
  const [d1, d2, d3, d4, d5] = (await spacedDaysOfAMonth(invoke)) as [
    string,
    string,
    string,
    string,
    string,
  ];
  for (const day of [d1, d2, d3]) {
    await planNegotiationVisits(invoke, day, [zhouQiang, wuMin], [[zhouDafu, '09:00', '10:00']]);
  }
  // Yesterday's visits, one for each officer, waiting for their outcome.
  const yesterday = addDays(shanghaiToday(), -1);
  await insertVisit(core, zhangXiuying, yesterday, [liMing.staffId, zhouQiang], {
    village: '东村',
  });
  await insertVisit(core, liuGuilan, yesterday, [zhaoFang.staffId, wuMin], { village: '东村' });

  const desks = { browser, core, engine, rendererUrl };
  await onTwoDesks(desks, [liMing, zhaoFang], async (a, b, { shot }) => {
    // 1. The monthly cap: each desk's plan of a fourth visit is fine on its own. Desk B saves
    // second: 周大福 now has four visits in the month, desk A's among them.
    await openCalendarAt(a, d4);
    await openCalendarAt(b, d5);
    const month = d5.slice(0, 7);
    await refusedAtSecondDesk(
      [a, { borrower: '周大福', date: d4, start: '10:00', end: '11:00', staff: ['李明', '周强'] }],
      [b, { borrower: '周大福', date: d5, start: '10:00', end: '11:00', staff: ['赵芳', '吴敏'] }],
      `该借款人 ${month} 已有 4 次走访，每月最多 4 次`,
      () => shot(b, 'two-desks-cap-refused'),
    );

    // 2. One colleague, 吴敏, put on two visits at once, one from each desk.
    await refusedAtSecondDesk(
      [a, { borrower: '吴秀兰', date: d4, start: '14:00', end: '15:00', staff: ['李明', '吴敏'] }],
      [b, { borrower: '郑国华', date: d4, start: '14:30', end: '15:30', staff: ['赵芳', '吴敏'] }],
      `吴敏（C004） 在 ${d4} 14:00–15:00 已有其他走访`,
      () => shot(b, 'two-desks-double-booked-refused'),
    );

    // Desk B's calendar shows what stands: on d4 desk A's two visits, on d5 nothing.
    await openCalendarAt(b, d4);
    const onD4 = b.locator(`td.fc-timegrid-col[data-date="${d4}"] .fc-event`);
    await expect(onD4).toHaveCount(2);
    await expect(onD4.filter({ hasText: '周大福' })).toHaveCount(1);
    await expect(onD4.filter({ hasText: '吴秀兰' })).toHaveCount(1);
    await openCalendarAt(b, d5);
    await expect(b.locator(`td.fc-timegrid-col[data-date="${d5}"] .fc-event`)).toHaveCount(0);
    const planned = await ok(invoke('planning:calendar', { from: `${month}-01`, to: d5 }));
    expect(
      planned.visits
        .map((v) => [v.date, v.borrowerId, v.start])
        .sort((x, y) => `${x[0]}${x[2]}`.localeCompare(`${y[0]}${y[2]}`)),
    ).toEqual([
      [d1, zhouDafu, '09:00'],
      [d2, zhouDafu, '09:00'],
      [d3, zhouDafu, '09:00'],
      [d4, zhouDafu, '10:00'],
      [d4, wuXiulan, '14:00'],
    ]);

    // 3. Cash taken on both desks' visits, both saved at once: receipts 1 and 2 of the year.
    await fillCashRecord(a, '张秀英', '1005', `REC-${yesterday}-21`);
    await fillCashRecord(b, '刘桂兰', '2000.50', `REC-${yesterday}-22`);
    await Promise.all([
      a.getByRole('button', { name: '保存记录' }).click(),
      b.getByRole('button', { name: '保存记录' }).click(),
    ]);
    const [onA, onB] = await Promise.all([shownReceiptNo(a), shownReceiptNo(b)]);
    const year = yesterday.slice(0, 4);
    expect([onA, onB].sort()).toEqual([`QS001-SJ-${year}-000001`, `QS001-SJ-${year}-000002`]);
    await shot(a, 'two-desks-receipt-a');
    await shot(b, 'two-desks-receipt-b');

    // In the server's database: each desk's number is its borrower's, the sequence at 2.
    const receipts = await core.app.engine.db
      .selectFrom('receipts as r')
      .innerJoin('payments as p', 'p.id', 'r.payment_id')
      .select(['r.receipt_no', 'r.year', 'r.seq', 'p.borrower_id', 'p.amount_fen'])
      .orderBy('r.seq')
      .execute();
    expect(
      receipts.map((r) => ({
        receiptNo: r.receipt_no,
        year: Number(r.year),
        seq: Number(r.seq),
        borrowerId: Number(r.borrower_id),
        amountFen: Number(r.amount_fen),
      })),
    ).toEqual(
      [
        { receiptNo: onA, borrowerId: zhangXiuying, amountFen: 100_500 },
        { receiptNo: onB, borrowerId: liuGuilan, amountFen: 200_050 },
      ]
        .map((r) => ({ ...r, year: Number(year), seq: Number(r.receiptNo.slice(-6)) }))
        .sort((x, y) => x.seq - y.seq),
    );
    expect(receipts.map((r) => Number(r.seq))).toEqual([1, 2]);
    const sequence = await core.app.engine.db
      .selectFrom('receipt_sequences')
      .select(['branch_code', 'year', 'last_seq'])
      .execute();
    expect(sequence.map((s) => [s.branch_code, Number(s.year), Number(s.last_seq)])).toEqual([
      ['QS001', Number(year), 2],
    ]);
  });
});

test('two desks edit one borrower: the second save is told what changed, and nothing is lost', async ({
  browser,
  core,
  engine,
  rendererUrl,
}) => {
  test.setTimeout(120_000);
  const { liMing, zhaoFang } = await branchOfTwoOfficers(core);
  const zhouDafu = await seedBorrower(core, 1, '周大福');

  const desks = { browser, core, engine, rendererUrl };
  await onTwoDesks(desks, [liMing, zhaoFang], async (a, b, { shot, stopServer }) => {
    // Both desks open the same borrower's edit form.
    const forms = [];
    for (const page of [a, b]) {
      await goTo(page, `#/cases/${zhouDafu}`);
      await expect(page.getByRole('heading', { level: 1, name: '周大福' })).toBeVisible();
      await page.getByRole('button', { name: '编辑借款人' }).click();
      forms.push(page.getByRole('dialog', { name: '编辑借款人' }));
    }
    const [formA, formB] = forms as [(typeof forms)[0], (typeof forms)[0]];

    // Desk A saves a street address; desk B, still on the borrower as it opened, an occupation.
    await formA.getByLabel('详细地址').fill('红光村 12 号');
    await formA.getByRole('button', { name: '保存' }).click();
    await expect(a.getByText('已保存借款人资料')).toBeVisible();
    await formB.getByLabel('职业或经营').fill('养殖');
    await formB.getByRole('button', { name: '保存' }).click();
    const told = formB.getByTestId('edited-elsewhere');
    await expect(told).toContainText('这条记录在您打开后已被修改，您的修改尚未保存');
    await expect(told).toContainText(/李明 于 \d{4}-\d\d-\d\d \d\d:\d\d 修改/);
    await expect(told).toContainText('被改动的内容：详细地址');
    // What desk B typed is still in its form, and nothing of it was written.
    await expect(formB.getByLabel('职业或经营')).toHaveValue('养殖');
    const between = await ok(core.invoke('cases:get', { borrowerId: zhouDafu }));
    expect(between.borrower.addressDetail).toBe('红光村 12 号');
    expect(between.borrower.occupation).not.toBe('养殖');
    await shot(b, 'two-desks-borrower-edited-elsewhere');

    // Desk B saves its change onto the latest: desk A's address stays, B's occupation lands.
    await told.getByRole('button', { name: '在最新内容上保存我的改动' }).click();
    await expect(b.getByText('已保存借款人资料')).toBeVisible();
    const after = await ok(core.invoke('cases:get', { borrowerId: zhouDafu }));
    expect(after.borrower.addressDetail).toBe('红光村 12 号');
    expect(after.borrower.occupation).toBe('养殖');
    // Each save is in the audit log once, with the desk it came from.
    const saves = await core.app.engine.db
      .selectFrom('audit_log')
      .select(['staff_id', 'desk_id'])
      .where('entity', '=', 'borrower')
      .where('entity_id', '=', String(zhouDafu))
      .where('action', '=', 'case.update')
      .orderBy('id')
      .execute();
    expect(saves.map((s) => Number(s.staff_id))).toEqual([liMing.staffId, zhaoFang.staffId]);
    expect(new Set(saves.map((s) => s.desk_id)).size).toBe(2);

    // The server goes away while desk B edits again: the desk says so, keeps what was typed,
    // and nothing is written or queued.
    await expect(b.getByRole('dialog')).toHaveCount(0);
    await b.getByRole('button', { name: '编辑借款人' }).click();
    const again = b.getByRole('dialog', { name: '编辑借款人' });
    await again.getByLabel('职业或经营').fill('种养结合');
    await stopServer();
    await again.getByRole('button', { name: '保存' }).click();
    await expect(b.getByTestId('server-unreachable')).toContainText('无法连接支行服务器');
    await expect(again.getByLabel('职业或经营')).toHaveValue('种养结合');
    await shot(b, 'two-desks-server-unreachable');
    const unsent = await ok(core.invoke('cases:get', { borrowerId: zhouDafu }));
    expect(unsent.borrower.occupation).toBe('养殖');
  });
});
