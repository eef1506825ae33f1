import type { Locator, Page } from '@playwright/test';
import { documentKindLabels } from '../../../electron/shared/schemas/notices';
import { seedMarch2026On } from '../../unit/reports/dataset';
import {
  expect,
  openSection,
  planningIds,
  planningWeek,
  screenshotSteps,
  type ScreenshotStep,
} from './screens';
import type { Ui } from './screens-text';
import { addDays, insertVisit, ok, shanghaiToday } from './seed';
import { typeInPicker } from './pickers';

/**
 * The walk after planning and cases: visits awaiting results, the outcome form, a record and
 * its receipt, an approved plan's agreement, the Notices screen (batch, print log, templates,
 * letters), reports with their charts, closed, and as printed, the audit viewer and Settings.
 * Every printed document is saved as a PDF through the screen that prints it.
 */

/**
 * Presses 保存为 PDF in `scope` and reads the saved file back from the outcome the screen shows
 * (in `outcomeIn`: the page, or the dialog that printed).
 */
export async function savePdf(
  { page, t, keyRe }: Ui,
  scope: Locator,
  outcomeIn: Page | Locator = page,
): Promise<{ pdf: string }> {
  await scope.getByRole('button', { name: t('保存为 PDF') }).click();
  const outcome = outcomeIn.getByTestId('print-outcome');
  await expect(outcome).toBeVisible();
  const pdf = keyRe('notices.saved').exec((await outcome.textContent()) ?? '')?.[1];
  if (!pdf) throw new Error(`no file in the print outcome: ${await outcome.textContent()}`);
  return { pdf };
}

const kindLabel = ({ lang }: Ui, kind: keyof typeof documentKindLabels) =>
  documentKindLabels[kind][lang];

const past = { liSiVisit: 0, liSiRecord: 0 };

/** Past visits (yesterday, so every outcome lies in the past) for three planning borrowers. */
async function seedPastVisits({ core }: Ui) {
  const yesterday = addDays(shanghaiToday(), -1);
  const [, liSi, wangWu, zhaoLiu] = planningIds.borrowers;
  // The manager goes along: the list of visits awaiting results is the signed-in person's own.
  const pair = [1, planningIds.officers[0]!];
  for (const [borrowerId, village] of [
    [wangWu!, '东村'],
    [zhaoLiu!, '东村'],
    [liSi!, '西村'],
  ] as const) {
    const visitId = await insertVisit(core, borrowerId, yesterday, pair, { village });
    if (borrowerId === liSi) past.liSiVisit = visitId;
  }
}

/** Opens the outcome form of `name`'s visit from the list of visits awaiting results. */
async function openOutcomeForm(ui: Ui, name: string) {
  const { page, t } = ui;
  await openSection(ui, '走访');
  await page
    .getByRole('region', { name: t('待记录结果的走访') })
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('link', { name: t('记录结果') })
    .click();
  await expect(page.getByRole('heading', { name: t('记录走访结果') })).toBeVisible();
}

async function fillOutcome(
  { page, t, k }: Ui,
  outcome: 'promise_to_pay' | 'partial_payment',
  words: string,
  ref: string,
) {
  await page.getByRole('radio', { name: t('借款人本人') }).check();
  await page.getByRole('combobox', { name: k('visits.form.outcome') }).click();
  await page.getByRole('option', { name: k(`visits.outcome.${outcome}`) }).click();
  await page.getByLabel(k('visits.form.words')).fill(words);
  await page.getByLabel(t('已出示工作证'), { exact: true }).check();
  await page.getByLabel(t('已告知借款人的权利（查验证件、拒绝入户、投诉渠道）')).check();
  await page.getByLabel(t('未向第三人透露债务信息'), { exact: true }).check();
  await page.getByLabel(t('全程录音录像'), { exact: true }).check();
  await page.getByLabel(t('录音录像编号'), { exact: true }).fill(ref);
}

async function saveRecord({ page, t }: Ui) {
  await page.getByRole('button', { name: t('保存记录') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('已保存走访记录') })).toBeVisible();
}

const visitSteps: ScreenshotStep[] = [
  {
    name: 'visits-01-awaiting-results',
    go: async (ui) => {
      await seedPastVisits(ui);
      await openSection(ui, '走访');
      await expect(
        ui.page.getByRole('region', { name: ui.t('待记录结果的走访') }).getByRole('row'),
      ).toHaveCount(4);
    },
  },
  {
    name: 'visits-02-outcome-form',
    go: async (ui) => {
      const { page, t } = ui;
      const today = shanghaiToday();
      await openOutcomeForm(ui, '王五');
      await fillOutcome(ui, 'promise_to_pay', '下周卖了生猪就还一千。', `REC-${today}-01`);
      const promise = page.getByRole('region', { name: ui.k('visits.form.promise') });
      await promise.getByLabel(t('金额（元）')).fill('1000');
      await typeInPicker(promise, t('承诺还款日期'), addDays(today, 7));
      await page.getByLabel(t('生产生活情况')).fill('家中养猪十余头，妻子在镇上打零工');
      await page.getByLabel(t('下一步安排')).fill('到期后电话确认');
      await page.getByRole('heading', { name: t('记录走访结果') }).scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'visits-03-record',
    go: async (ui) => {
      await saveRecord(ui);
      await expect(ui.page.getByText(ui.t('待到期')).first()).toBeVisible();
    },
  },
  {
    name: 'visits-04-receipt-dialog',
    go: async (ui) => {
      const { page, t } = ui;
      await openOutcomeForm(ui, '赵六');
      await fillOutcome(ui, 'partial_payment', '先还一千零五块，其余下月。', 'REC-02');
      await page
        .getByRole('region', { name: t('现场收款') })
        .getByLabel(t('金额（元）'))
        .fill('1005');
      await saveRecord(ui);
      await page.getByRole('button', { name: t('打印收据') }).click();
      await expect(page.getByRole('dialog').getByTestId('document-preview')).toContainText(
        '1,005.00',
      );
    },
  },
  {
    name: 'print-05-receipt',
    go: async (ui) => {
      const dialog = ui.page.getByRole('dialog');
      const saved = await savePdf(ui, dialog, dialog);
      await dialog.getByRole('button', { name: ui.t('关闭') }).click();
      await expect(dialog).toBeHidden();
      return saved;
    },
  },
  {
    name: 'visits-05-plan-awaiting-approval',
    go: async (ui) => {
      const { page, core, t } = ui;
      const today = shanghaiToday();
      const yesterday = addDays(today, -1);
      const recorded = await ok(
        core.invoke('records:record', {
          visitId: past.liSiVisit,
          date: yesterday,
          start: '09:05',
          end: '09:50',
          staffIds: [1, planningIds.officers[0]!],
          met: 'borrower',
          outcome: 'plan_proposed',
          borrowerWords: '一次拿不出，分四个月可以。',
          situation: { livelihood: '家中种茶，农闲时在镇上打零工' },
          checklist: {
            staffCardsShown: true,
            rightsExplained: true,
            noThirdPartyDisclosure: true,
            recorded: true,
            recordingRef: `REC-${yesterday}-03`,
          },
          plan: {
            loanId: null,
            mode: 'equal',
            count: 4,
            firstDueOn: addDays(today, 10),
            totalFen: 155_000,
            amountsFen: [],
            shortfallReason: '',
          },
        }),
      );
      past.liSiRecord = recorded.effective.id;
      await openSection(ui, '走访');
      await expect(
        page
          .getByRole('region', { name: t('待审批的还款计划') })
          .getByRole('row', { name: /李四/ }),
      ).toBeVisible();
    },
  },
  {
    name: 'visits-06-plan-approved',
    go: async ({ page, t }) => {
      const waiting = page.getByRole('region', { name: t('待审批的还款计划') });
      await waiting.getByRole('button', { name: t('批准') }).click();
      await page.getByLabel(t('审批意见（可选）')).fill('同意，按月跟进');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: t('批准') })
        .click();
      await expect(page.getByText(t('已批准还款计划'))).toBeVisible();
    },
  },
  {
    name: 'visits-07-agreement-dialog',
    go: async ({ page, t }) => {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, `#/visits/records/${past.liSiRecord}`);
      await page.getByRole('button', { name: t('打印还款计划协议') }).click();
      await expect(page.getByRole('dialog').getByTestId('document-preview')).toContainText('李四');
    },
  },
  {
    name: 'print-06-plan-agreement',
    go: async (ui) => {
      const dialog = ui.page.getByRole('dialog');
      const saved = await savePdf(ui, dialog, dialog);
      await dialog.getByRole('button', { name: ui.t('关闭') }).click();
      await expect(dialog).toBeHidden();
      return saved;
    },
  },
];

/** Picks a letter kind and two borrowers on the Letters tab, then saves the letters. */
async function letters(ui: Ui, kind: 'reminderLetter' | 'demandLetter') {
  const { page, t, k } = ui;
  await page.getByLabel(t('函件类型')).click();
  await page.getByRole('option', { name: kindLabel(ui, kind) }).click();
  for (const name of ['李四', '张三']) {
    await page.getByLabel(t('搜索借款人（姓名、拼音、证件号）')).fill(name);
    await page.getByRole('option', { name: new RegExp(name) }).click();
  }
  await expect(page.getByText(k('notices.selected', { count: 2 }))).toBeVisible();
  return savePdf(ui, page.getByRole('main'));
}

const noticeSteps: ScreenshotStep[] = [
  {
    name: 'notices-01-batch',
    go: async (ui) => {
      const { page, t } = ui;
      await openSection(ui, '通知书');
      await expect(page.getByRole('heading', { name: t('通知书与函件') })).toBeVisible();
      await typeInPicker(page, ui.k('notices.date'), planningWeek()[0]);
      await expect(page.getByRole('table', { name: t('预览') }).getByRole('row')).toHaveCount(3);
    },
  },
  {
    name: 'print-02-visit-notice',
    go: (ui) => savePdf(ui, ui.page.getByRole('main')),
  },
  {
    name: 'notices-02-print-log',
    go: async ({ page, t }) => {
      await page.getByRole('tab', { name: t('打印记录') }).click();
      await expect(
        page.getByRole('table', { name: t('打印记录') }).getByRole('row'),
      ).not.toHaveCount(1);
    },
  },
  {
    name: 'notices-03-template-editor',
    go: async (ui) => {
      await ui.page.getByRole('tab', { name: ui.t('模板') }).click();
      await expect(ui.page.getByTestId('template-preview')).toContainText(
        kindLabel({ ...ui, lang: 'zh' }, 'visitNotice'),
      );
    },
  },
  {
    name: 'print-03-reminder-letter',
    go: async (ui) => {
      await ui.page.getByRole('tab', { name: ui.t('函件') }).click();
      return letters(ui, 'reminderLetter');
    },
  },
  {
    name: 'notices-04-letters',
    go: async ({ page }) => {
      await expect(page.getByTestId('print-outcome')).toBeVisible();
    },
  },
  {
    name: 'print-04-demand-letter',
    go: async (ui) => {
      await ui.page.getByRole('tab', { name: ui.t('批量打印') }).click();
      await ui.page.getByRole('tab', { name: ui.t('函件') }).click();
      return letters(ui, 'demandLetter');
    },
  },
];

const reportSteps: ScreenshotStep[] = [
  {
    name: 'reports-01-month',
    go: async (ui) => {
      const { page, core, k, kre, lang } = ui;
      await seedMarch2026On(core.app);
      await openSection(ui, '报表');
      // The month picker takes the month on the keyboard, section by section in the order it
      // shows them: 2026年03月 in Chinese (year first), March 2026 in English (month first, where
      // 202603 would read February 2603 and leave the report on the current month).
      const month = page.getByRole('group', { name: kre('reports.month') });
      await month.getByRole('spinbutton').first().click();
      await page.keyboard.type(lang === 'zh' ? '202603' : '032026');
      await expect(month).toContainText(lang === 'zh' ? /2026\D*03/ : /March\D*2026/);
      await expect(page.getByRole('heading', { name: k('reports.headline') })).toBeVisible();
      await expect(page.getByRole('heading', { name: k('reports.byWeek') })).toBeVisible();
      await expect(page.locator('.MuiChartsSurface-root').first()).toBeVisible();
    },
  },
  {
    name: 'reports-02-closed',
    go: async ({ page, t }) => {
      await page.getByRole('button', { name: t('结账') }).click();
      await expect(page.getByTestId('frozen-banner')).toBeVisible();
    },
  },
  {
    name: 'reports-03-charts',
    go: async ({ page, k }) => {
      // The charts follow the week heading; the first of them is brought into view.
      await page.getByRole('heading', { name: k('reports.byWeek') }).scrollIntoViewIfNeeded();
      const chart = page.locator('.MuiChartsSurface-root').first();
      await chart.scrollIntoViewIfNeeded();
      await expect(chart).toBeInViewport();
    },
  },
  {
    name: 'print-07-monthly-report',
    go: async ({ page, core, k, lang }) => {
      // The report as a document of its own, saved as PDF from the screen through the print route.
      await page.getByRole('button', { name: k('reports.savePdf') }).click();
      const file = `${lang === 'zh' ? '月度汇总' : 'monthly-summary'}-2026-03.pdf`;
      await expect(page.getByText(k('reports.saved', { file }))).toBeVisible();
      return { pdf: `${core.dir}/${file}` };
    },
  },
];

const closingSteps: ScreenshotStep[] = [
  {
    name: 'audit-01-viewer',
    go: async (ui) => {
      await openSection(ui, '审计');
      await expect(ui.page.getByRole('grid').getByRole('row').nth(1)).toBeVisible();
    },
  },
  {
    name: 'audit-02-verified',
    go: async ({ page, t }) => {
      await page.getByRole('button', { name: t('验证哈希链') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: t('验证哈希链') }).click();
      await expect(dialog.getByTestId('audit-verify-result')).toBeVisible();
    },
  },
  {
    name: 'settings-01-settings',
    go: async (ui) => {
      const { page, t } = ui;
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();
      await openSection(ui, '设置');
      await expect(page.getByRole('heading', { name: t('设置') })).toBeVisible();
      if (ui.core.app.engine.kind === 'sqlite') {
        await page.getByRole('button', { name: t('立即备份') }).click();
        await expect(page.getByText(t('备份完成'))).toBeVisible();
      } else {
        // A server desk's backups are the server's: the card names it and offers no button.
        const { server } = await ok(ui.core.invoke('auth:state', {}));
        await expect(page.getByText(server!, { exact: false }).first()).toBeVisible();
        await expect(page.getByRole('button', { name: t('立即备份') })).toHaveCount(0);
      }
    },
  },
];

screenshotSteps.push(...visitSteps, ...noticeSteps, ...reportSteps, ...closingSteps);
