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
import {
  addDays,
  importLoans,
  insertVisit,
  ok,
  residentId,
  shanghaiToday,
  type ImportOptions,
  staffAccount,
} from '../support/seed';

/**
 * A day's visit money handed in at the branch (缴款, issue 18), on the real core: yesterday 李明
 * (C101) and 赵磊 (C102) took ¥1,234.56 in cash and ¥800.00 by transfer on two visits. The
 * clerk hands in 李明's day ¥100.00 short (¥1,934.56 counted of ¥2,034.56), is asked for the
 * explanation and gives it; the manager signs the difference off and prints the hand-in sheet,
 * read back from the PDF with pdftotext.
 */

const dongcun: ImportOptions = {
  village: '东村',
  loanPrefix: 'QS-JK',
  idNumber: (seq) =>
    residentId(seq, { region: '331121', birthYear: 1970, birthDay: 14, serialFrom: 400 }),
};

test('a day’s receipts handed in one short, explained, signed off and printed', async ({
  app,
  core,
  shot,
}) => {
  test.setTimeout(240_000);
  await setUpAndSignIn(app, core);
  const today = shanghaiToday();
  const yesterday = addDays(today, -1);
  const li = await staffAccount(core, 'C101', '李明', 'officer', 'li.ming');
  const zhao = await staffAccount(core, 'C102', '赵磊', 'officer', 'zhao.lei');
  const clerk = await staffAccount(core, 'K001', '周敏', 'clerk', 'zhou.min');
  const borrowers = await importLoans(
    core,
    [
      { seq: 1, name: '张秀英' },
      { seq: 2, name: '王大山' },
    ],
    addDays(today, -30),
    dongcun,
  );
  const paid: [number, 'cash' | 'transfer', string][] = [
    [123_456, 'cash', '09:05'],
    [80_000, 'transfer', '14:05'],
  ];
  const receiptNos: string[] = [];
  for (const [i, borrowerId] of borrowers.entries()) {
    const visitId = await insertVisit(core, borrowerId, yesterday, [li.staffId, zhao.staffId], {
      village: '东村',
    });
    const loan = await core.app.engine.db
      .selectFrom('loans')
      .select('id')
      .where('borrower_id', '=', borrowerId)
      .executeTakeFirstOrThrow();
    const [amountFen, method, start] = paid[i]!;
    const saved = await ok(
      core.invoke('records:record', {
        visitId,
        date: yesterday,
        start,
        end: start.replace(/:05$/, ':45'),
        staffIds: [li.staffId, zhao.staffId],
        met: 'borrower',
        outcome: 'partial_payment',
        borrowerWords: '先还一部分。',
        situation: { livelihood: '务农', householdSize: 4 },
        checklist: {
          staffCardsShown: true,
          rightsExplained: true,
          noThirdPartyDisclosure: true,
          recorded: true,
          recordingRef: `REC-${yesterday}-${i + 1}`,
        },
        nextAction: '',
        followUpOn: null,
        payment: { amountFen, method, loanId: loan.id },
      }),
    );
    receiptNos.push(saved.effective.receipt!.receiptNo);
  }

  // The clerk: 走访 → the hand-in screen, 李明's day.
  await signInAs(app, core, clerk);
  await app.getByRole('navigation').getByText('走访').click();
  await app.getByRole('link', { name: '缴款登记' }).click();
  const due = app.getByRole('table', { name: '未缴款项' });
  const liRow = due.getByRole('row', { name: /李明/ });
  await expect(liRow).toContainText('¥2,034.56');
  await expect(due.getByRole('row', { name: /赵磊/ })).toContainText('¥2,034.56');
  await shot('cash-00-due');
  await liRow.getByRole('button', { name: '登记缴款' }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByText(receiptNos[1]!)).toBeVisible();
  await expect(dialog.getByText('应缴金额（所选收据合计）：¥2,034.56')).toBeVisible();
  await dialog.getByLabel(/实缴金额/).fill('1934.56');
  await expect(dialog.getByRole('status')).toHaveText('差额：−¥100.00');
  await dialog.getByRole('button', { name: '确认缴款' }).click();
  await expect(dialog.getByText('实缴金额与应缴金额不符，请书面说明原因')).toBeVisible();
  await dialog.getByLabel(/差额说明/).fill('找零时多找给借款人 100 元，已联系退回');
  await shot('cash-01-handin-dialog');
  await dialog.getByRole('button', { name: '确认缴款' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText('所有收据均已缴款')).toBeVisible();
  const list = app.getByRole('table', { name: '缴款记录' });
  await expect(list.getByRole('row', { name: /李明/ })).toContainText('待经理签核');
  await expect(list.getByRole('button', { name: '签核差额' })).toHaveCount(0);
  // The month's summary counts the money and the open difference (none of it late).
  const cash = async () => {
    const { figures } = await ok(core.invoke('reports:summary', { month: yesterday.slice(0, 7) }));
    const li = figures.officers.find((o) => o.staffNo === 'C101')!.figures;
    return [
      figures.branch.cashCollectedFen,
      figures.branch.cashHandedInLate,
      figures.branch.cashOpenDifferences,
      li.cashOpenDifferences,
    ];
  };
  expect(await cash()).toEqual([203_456, 0, 1, 1]);

  // The manager signs off and prints the sheet.
  await signInAs(app, core, MANAGER);
  await app.getByRole('navigation').getByText('走访').click();
  await app.getByRole('link', { name: '缴款登记' }).click();
  const row = app.getByRole('table', { name: '缴款记录' }).getByRole('row', { name: /李明/ });
  await expect(row).toContainText('−¥100.00');
  await row.getByRole('button', { name: '签核差额' }).click();
  const signOff = app.getByRole('dialog');
  await signOff.getByLabel('签核意见').fill('已核实，差额由李明补缴');
  await signOff.getByRole('button', { name: '签核' }).click();
  await expect(row).toContainText('王建国 已签核');
  await shot('cash-02-signed-off');
  expect(await cash()).toEqual([203_456, 0, 0, 0]);
  await row.getByRole('button', { name: '打印缴款单' }).click();
  const fileName = `缴款单-C101-${yesterday}-1.pdf`;
  await expect(app.getByText(`已保存 ${fileName}`)).toBeVisible({ timeout: 60_000 });
  const file = path.join(core.dir, fileName);
  expect(pdfPages(file)).toBe(1);
  const text = flat(pdfText(file));
  for (const expected of [
    '青山农商银行石桥支行',
    '缴款单',
    'QS001-JK-000001',
    '李明（C101）',
    ...receiptNos,
    '张秀英',
    '王大山',
    '¥1,234.56',
    '¥800.00',
    '¥2,034.56',
    '¥1,934.56',
    '−¥100.00',
    '人民币贰仟零叁拾肆元伍角陆分',
    '人民币壹仟玖佰叁拾肆元伍角陆分',
    '找零时多找给借款人100元，已联系退回',
    '王建国：已核实，差额由李明补缴',
    '缴款人（签字）',
    '收款人/复核（签字）',
  ]) {
    expect(text).toContain(flat(expected));
  }
  pagesToPng(file, 'cash-handin-sheet');

  // In English the screen and the sheet speak English.
  await app.getByRole('button', { name: 'English' }).click();
  const enRow = app.getByRole('table', { name: 'Hand-ins' }).getByRole('row', { name: /李明/ });
  await expect(enRow).toContainText('Signed off by 王建国');
  await shot('cash-03-english');
  await enRow.getByRole('button', { name: 'Print hand-in sheet' }).click();
  const enName = `cash-handin-C101-${yesterday}-1.pdf`;
  await expect(app.getByText(`Saved ${enName}`)).toBeVisible({ timeout: 60_000 });
  const enFile = path.join(core.dir, enName);
  const enText = flat(pdfText(enFile));
  for (const expected of [
    'Cash hand-in sheet',
    'Handed in by (signature)',
    'Received / checked by (signature)',
    '−¥100.00',
  ]) {
    expect(enText).toContain(flat(expected));
  }
  pagesToPng(enFile, 'cash-handin-sheet-en');
});
