import type { Locator } from '@playwright/test';
import { expect, openSection, planningIds, screenshotSteps, type ScreenshotStep } from './screens';
import type { Ui } from './screens-text';
import { addDays, insertVisit, ok, shanghaiToday, weekday } from './seed';

/**
 * The walk's last part (issue 18): who works which case (the workload view and its suggested
 * rebalance, one case and a filtered list reassigned, the timeline's entry), a file whose
 * officer differs from a manager's reassignment (the preview and the report), a case leaving
 * doorstep collection (the dialog and the case's banner), and visit money handed in at the
 * branch (the manager's late card, the hand-in screen, a short hand-in explained, the sign-off
 * and the printed hand-in sheet).
 */

/** The first borrower called `name`, read on the app's engine. */
async function byName(ui: Ui, name: string): Promise<number> {
  // The planning steps' borrower: the March report's data set has its own 张三 and 李四.
  const row = await ui.core.app.engine.db
    .selectFrom('borrowers')
    .select('id')
    .where('name', '=', name)
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw new Error(`the walk seeds ${name}`);
  return row.id;
}

/** Every open case to 李明 by hand, so the workload is lopsided and the history manual. */
async function everyCaseToLiMing(ui: Ui) {
  const rows = await ui.core.app.engine.db
    .selectFrom('borrowers')
    .select('id')
    .orderBy('id')
    .execute();
  await ok(
    ui.core.invoke('assignments:reassign', {
      by: 'cases',
      borrowerIds: rows.map((r) => r.id),
      toOfficerId: planningIds.officers[0]!,
      reason: '建档时统一分配',
    }),
  );
}

/** Opens `name`'s case page by its address (the list has two of some names by now). */
async function openCase(ui: Ui, name: string) {
  await openSection(ui, '案件');
  await ui.page.evaluate(
    (hash) => {
      window.location.hash = hash;
    },
    `#/cases/${await byName(ui, name)}`,
  );
  await expect(ui.page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/**
 * Picks `name` (`staffNo`: the March report's data set has another 李明 and 赵芳) in the
 * reassign dialog's officer list and gives the reason.
 */
async function fillReassign(
  { page, k }: Ui,
  dialog: Locator,
  [name, staffNo]: [string, string],
  reason: string,
) {
  const officer = dialog.getByRole('combobox', { name: new RegExp(k('assignments.toOfficer')) });
  await officer.click();
  // The list is drawn again when the officers' case counts arrive; a click on an option being
  // replaced leaves the list open, so the pick is retried until the field shows it.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.getByRole('option', { name: new RegExp(`^${name}.*${staffNo}`) }).click();
    try {
      await expect(page.getByRole('listbox')).toBeHidden({ timeout: 3_000 });
      break;
    } catch {
      // Still open: pick again.
    }
  }
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(officer).toContainText(staffNo);
  await dialog.getByRole('textbox', { name: new RegExp(k('assignments.reason')) }).fill(reason);
}

const assignmentSteps: ScreenshotStep[] = [
  {
    name: 'assignments-01-workload',
    go: async (ui) => {
      await everyCaseToLiMing(ui);
      await ui.page
        .getByRole('navigation')
        .getByText(ui.k('nav.workload'), { exact: true })
        .click();
      await expect(ui.page.getByTestId('workload-table')).toBeVisible();
      await expect(ui.page.getByTestId('workload-C101')).toBeVisible();
    },
  },
  {
    name: 'assignments-02-rebalance-dialog',
    go: async ({ page, k }) => {
      await page.getByRole('button', { name: k('assignments.suggest.accept') }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('button', { name: k('assignments.submit') })).toBeVisible();
    },
  },
  {
    name: 'assignments-03-reassign-case',
    go: async (ui) => {
      const { page, k } = ui;
      await page
        .getByRole('dialog')
        .getByRole('button', { name: k('common.cancel') })
        .click();
      await expect(page.getByRole('dialog')).toBeHidden();
      await openCase(ui, '张三');
      await page.getByRole('button', { name: k('assignments.reassign'), exact: true }).click();
      const dialog = page.getByRole('dialog');
      await fillReassign(ui, dialog, ['赵芳', 'C102'], '张三家离赵芳负责的片区更近');
    },
  },
  {
    name: 'assignments-04-timeline',
    go: async ({ page, k, re }) => {
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('assignments.submit') }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('tab', { name: re('时间线', 'starts') }).click();
      await expect(page.getByTestId('case-timeline')).toContainText('张三家离赵芳负责的片区更近');
    },
  },
  {
    name: 'assignments-05-reassign-filtered',
    go: async (ui) => {
      const { page, k } = ui;
      await openSection(ui, '案件');
      await page
        .getByRole('textbox', { name: k('cases.filter.village'), exact: true })
        .fill('西村');
      await expect(page.getByRole('grid').getByRole('row', { name: /李四/ }).first()).toBeVisible();
      await page.getByRole('button', { name: k('assignments.reassignFiltered') }).click();
      const dialog = page.getByRole('dialog');
      await fillReassign(ui, dialog, ['孙磊', 'C103'], '西村整村移交孙磊，路线更顺');
    },
  },
];

/**
 * Head office's file still has 张三 (赵芳's by hand now), 李四 (孙磊's by hand) and 王五 (李明's)
 * with 李明, every other column as the database has them: two conflicts.
 */
async function conflictFile(ui: Ui): Promise<Buffer> {
  const header =
    '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款产品,贷款本金,放款日期,剩余本金,逾期本金,逾期利息,罚息,逾期起始日,客户经理';
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const rows: string[] = [];
  for (const name of ['张三', '李四', '王五']) {
    const l = await ui.core.app.engine.db
      .selectFrom('borrowers as b')
      .innerJoin('loans as l', 'l.borrower_id', 'b.id')
      .select([
        'b.name',
        'b.id_number',
        'b.mobile',
        'b.township',
        'b.village',
        'l.loan_no',
        'l.product',
        'l.principal_fen',
        'l.disbursed_on',
        'l.outstanding_principal_fen',
        'l.overdue_principal_fen',
        'l.overdue_interest_fen',
        'l.penalty_fen',
        'l.overdue_since',
      ])
      .where('b.name', '=', name)
      .orderBy('b.id')
      .orderBy('l.id')
      .executeTakeFirstOrThrow();
    rows.push(
      [
        l.name,
        l.id_number,
        l.mobile ?? '',
        l.township,
        l.village,
        l.loan_no,
        l.product,
        yuan(Number(l.principal_fen)),
        l.disbursed_on,
        // The walk's loans carry overdue principal with no outstanding figure; a file may not.
        yuan(Math.max(Number(l.outstanding_principal_fen), Number(l.overdue_principal_fen))),
        yuan(Number(l.overdue_principal_fen)),
        yuan(Number(l.overdue_interest_fen)),
        yuan(Number(l.penalty_fen)),
        l.overdue_since ?? '',
        // Head office still has every case with 李明.
        'C101',
      ].join(','),
    );
  }
  return Buffer.from(`\ufeff${[header, ...rows].join('\r\n')}\r\n`, 'utf8');
}

const importSteps: ScreenshotStep[] = [
  {
    name: 'cases-09-import-officer-conflicts',
    go: async (ui) => {
      const { page, k, t } = ui;
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('assignments.submit') }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('textbox', { name: k('cases.filter.village'), exact: true }).fill('');
      await page
        .getByRole('button', { name: t('导入表格') })
        .first()
        .click();
      await page.getByTestId('import-file').setInputFiles({
        name: '总行下发-客户经理.csv',
        mimeType: 'text/csv',
        buffer: await conflictFile(ui),
      });
      const ahead = page.getByTestId('import-officer-conflicts-ahead');
      await expect(ahead).toBeVisible();
      await ahead.scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'cases-10-import-officer-report',
    go: async ({ page, t }) => {
      await page.getByRole('button', { name: t('开始导入') }).click();
      const conflicts = page.getByTestId('import-officer-conflicts');
      await expect(conflicts).toBeVisible();
      await conflicts.scrollIntoViewIfNeeded();
    },
  },
];

const exitSteps: ScreenshotStep[] = [
  {
    name: 'cases-11-exit-dialog',
    go: async (ui) => {
      const { page, k } = ui;
      await openCase(ui, '钱七');
      const actions = page.getByRole('group', { name: k('cases.actions.label') });
      await actions.getByRole('button', { name: k('cases.exit.action') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(new RegExp(k('cases.exit.kind'))).click();
      await page.getByRole('option', { name: k('cases.exit.kind.litigation') }).click();
      await expect(page.getByRole('listbox')).toBeHidden();
      await dialog.getByLabel(new RegExp(k('cases.exit.reference'))).fill('(2026)浙0523民初1234号');
    },
  },
  {
    name: 'cases-12-exited-banner',
    go: async ({ page, k }) => {
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('cases.exit.submit') }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('case-exit')).toBeVisible();
    },
  },
];

/** The last working day at least `back` days before today (no weekend). */
function workingDayBefore(back: number) {
  let day = addDays(shanghaiToday(), -back);
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, -1);
  return day;
}

/** 李四 paid ¥500.00 in cash to 李明 and the manager on a visit a week ago: not handed in. */
async function seedLateCash(ui: Ui) {
  const day = workingDayBefore(7);
  const liSi = await byName(ui, '李四');
  const pair = [1, planningIds.officers[0]!];
  const visitId = await insertVisit(ui.core, liSi, day, pair, { village: '西村' });
  const loan = await ui.core.app.engine.db
    .selectFrom('loans')
    .select('id')
    .where('borrower_id', '=', liSi)
    .executeTakeFirstOrThrow();
  await ok(
    ui.core.invoke('records:record', {
      visitId,
      date: day,
      start: '09:10',
      end: '09:50',
      staffIds: pair,
      met: 'borrower',
      outcome: 'partial_payment',
      borrowerWords: '先还五百，其余等茶叶卖了再还。',
      situation: { livelihood: '家中种茶' },
      checklist: {
        staffCardsShown: true,
        rightsExplained: true,
        noThirdPartyDisclosure: true,
        recorded: true,
        recordingRef: `REC-${day}-09`,
      },
      nextAction: '',
      followUpOn: null,
      payment: { amountFen: 50_000, method: 'cash', loanId: loan.id },
    }),
  );
  return day;
}

const cash = { lateDay: '' };

const cashSteps: ScreenshotStep[] = [
  {
    name: 'visits-08-late-cash-card',
    go: async (ui) => {
      cash.lateDay = await seedLateCash(ui);
      await openSection(ui, '走访');
      const card = ui.page.getByRole('region', { name: ui.k('cash.flag.title') });
      await expect(card).toBeVisible();
      await card.scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'visits-09-cash',
    go: async ({ page, k }) => {
      await page
        .getByRole('link', { name: k('cash.open') })
        .first()
        .click();
      await expect(page.getByRole('table', { name: k('cash.due.title') })).toBeVisible();
    },
  },
  {
    name: 'visits-10-cash-short',
    go: async ({ page, k }) => {
      const row = page
        .getByRole('table', { name: k('cash.due.title') })
        .getByRole('row', { name: /李明/ })
        .filter({ hasText: cash.lateDay });
      await row.getByRole('button', { name: k('cash.handIn') }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel(new RegExp(k('cash.form.counted').replace(/[()（）]/g, '.')))
        .fill('450');
      await dialog.getByRole('button', { name: k('cash.form.save') }).click();
      await dialog
        .getByLabel(new RegExp(k('cash.form.explanation')))
        .fill('路上遗失 50 元，经办人自愿补缴');
    },
  },
  {
    name: 'visits-11-cash-sign-off',
    go: async ({ page, k }) => {
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('cash.form.save') }).click();
      await expect(dialog).toBeHidden();
      const row = page
        .getByRole('table', { name: k('cash.list.title') })
        .getByRole('row', { name: /李明/ });
      await row.getByRole('button', { name: k('cash.signOff') }).click();
      await page
        .getByRole('dialog')
        .getByLabel(k('cash.signOff.note'))
        .fill('已核实，差额由李明补缴');
    },
  },
  {
    name: 'visits-12-cash-signed',
    go: async ({ page, k }) => {
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('cash.signOff.save'), exact: true }).click();
      await expect(dialog).toBeHidden();
      const row = page
        .getByRole('table', { name: k('cash.list.title') })
        .getByRole('row', { name: /李明/ });
      await expect(row).toContainText('王建国');
    },
  },
  {
    name: 'print-08-hand-in-sheet',
    go: async ({ page, core, k, keyRe }) => {
      const row = page
        .getByRole('table', { name: k('cash.list.title') })
        .getByRole('row', { name: /李明/ });
      await row.getByRole('button', { name: k('cash.print') }).click();
      const saved = page.getByText(keyRe('cash.saved'));
      await expect(saved).toBeVisible();
      const name = keyRe('cash.saved').exec((await saved.textContent()) ?? '')?.[1];
      if (!name) throw new Error('the hand-in sheet was not saved');
      return { pdf: `${core.dir}/${name}` };
    },
  },
];

screenshotSteps.push(...assignmentSteps, ...importSteps, ...exitSteps, ...cashSteps);
