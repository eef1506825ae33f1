import { appImportDesk } from '../../../electron/core/imports/desk';
import { importSourceFor } from '../../../electron/core/imports/prepare';
import { importCasesOn } from '../../../electron/core/imports/service';
import {
  closeToasts,
  expect,
  MANAGER,
  openSection,
  planningIds,
  screenshotSteps,
  signIn,
  type ScreenshotStep,
} from './screens';
import type { Ui } from './screens-text';
import { addDays, ok, shanghaiToday } from './seed';
import { typeInPicker } from './pickers';

/**
 * The walk's portfolio part (issue 18): the bank's five-tier classification (五级分类) in the
 * case list, its filter and the case page, then waivers and settlements (减免与和解) proposed by
 * the officer 李明 from a case and from a visit record, decided by the manager and the auditor
 * 孙慧 from the tasks page, and the approved settlement's agreement printed; the two settings
 * cards, and this month's summary with its tier table and waiver figures, on screen and printed.
 */

/** The planning steps' borrowers, in the order they were seeded. */
const planned = (i: number) => planningIds.borrowers[i]!;
const ZHANG_SAN = 0;
const WANG_WU = 2;
const ZHAO_LIU = 3;

const who = {
  officer: { username: 'li.ming', passphrase: 'li.ming passphrase' },
  auditor: { username: 'sun.hui', passphrase: 'sun.hui passphrase' },
};

/**
 * Today's file from head office: the planning borrowers' loans again, now with the balances,
 * interest, penalty and the bank's classification (张三 关注, 李四 and 王五 次级, 赵六 可疑), and
 * 周建平's 正常, so the list, the case page and the summary's tier table have a spread of tiers.
 */
async function importTiers(ui: Ui) {
  const header = [
    '姓名',
    '身份证号',
    '乡镇',
    '村',
    '贷款编号',
    '贷款本金',
    '放款日期',
    '剩余本金',
    '逾期本金',
    '逾期利息',
    '罚息',
    '逾期起始日',
    '五级分类',
  ];
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const tiers: [number, string, string, string][] = [
    // borrower id, tier, interest, penalty
    [planned(ZHANG_SAN), '关注', '86.00', '12.50'],
    [planned(1), '次级', '210.00', '48.00'],
    [planned(WANG_WU), '次级', '200.00', '150.00'],
    [planned(ZHAO_LIU), '可疑', '1320.50', '286.00'],
  ];
  const db = ui.core.app.engine.db;
  const zhou = await db
    .selectFrom('borrowers')
    .select('id')
    .where('name', '=', '周建平')
    .orderBy('id')
    .executeTakeFirst();
  if (zhou) tiers.push([zhou.id, '正常', '0', '0']);
  const rows: string[] = [];
  for (const [id, tier, interest, penalty] of tiers) {
    const l = await db
      .selectFrom('borrowers as b')
      .innerJoin('loans as l', 'l.borrower_id', 'b.id')
      .select([
        'b.name',
        'b.id_number',
        'b.township',
        'b.village',
        'l.loan_no',
        'l.principal_fen',
        'l.disbursed_on',
        'l.outstanding_principal_fen',
        'l.overdue_principal_fen',
        'l.overdue_since',
      ])
      .where('b.id', '=', id)
      .orderBy('l.id')
      .executeTakeFirstOrThrow();
    const overdue = Number(l.overdue_principal_fen);
    rows.push(
      [
        l.name,
        l.id_number,
        l.township,
        l.village,
        l.loan_no,
        yuan(Number(l.principal_fen)),
        l.disbursed_on,
        // The walk's loans carry overdue principal with no outstanding figure; head office's do.
        yuan(Math.max(Number(l.outstanding_principal_fen), overdue * 12, 1_500_000)),
        yuan(overdue),
        interest,
        penalty,
        l.overdue_since ?? '',
        tier,
      ].join(','),
    );
  }
  // The importer's own function on the app's engine and its writes, as imports:run runs it.
  const fileName = '总行下发-五级分类.csv';
  const bytes = new Uint8Array(Buffer.from([header.join(','), ...rows].join('\r\n'), 'utf8'));
  const result = await importCasesOn(appImportDesk(ui.core.app), {
    fileName,
    source: await importSourceFor(fileName, bytes, 'auto'),
    mode: 'all-or-nothing',
    asOf: shanghaiToday(),
    staffId: 1,
  });
  expect(result.written, JSON.stringify(result.errors)).toBe(true);
}

/** Accounts for the officer 李明 (a planning officer) and a new auditor, 孙慧. */
async function accounts({ core }: Ui) {
  const at = new Date().toISOString();
  const { id: auditorId } = await core.app.write((tx) =>
    tx
      .insertInto('staff')
      .values({ staff_no: 'A301', name: '孙慧', role: 'auditor', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  for (const [staffId, account] of [
    [planningIds.officers[0]!, who.officer],
    [auditorId, who.auditor],
  ] as const) {
    await ok(
      core.invoke('accounts:create', {
        staffId,
        username: account.username,
        passphrase: account.passphrase,
        confirm: account.passphrase,
      }),
    );
  }
}

/** Signs the current person out and `account` in. */
async function signInAs(ui: Ui, account: { username: string; passphrase: string }) {
  ui.core.app.lock('signOut');
  await ui.page.reload();
  await expect(ui.page.getByRole('heading', { name: ui.t('登录') })).toBeVisible();
  await signIn(ui, account);
}

/** Opens a case page by its address. */
async function openCaseById({ page }: Ui, id: number, name: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/cases/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

const waiversTable = ({ page, k }: Ui) => page.getByRole('table', { name: k('waivers.section') });
const tasksCard = ({ page, k }: Ui) => page.getByRole('region', { name: k('waivers.tasks') });
/** A label with brackets in it (金额（元）) as a pattern. */
const labelRe = (text: string) => new RegExp(text.replace(/[()（）]/g, '.'));

const tierSteps: ScreenshotStep[] = [
  {
    name: 'cases-13-tier-filter',
    go: async (ui) => {
      const { page, k } = ui;
      await importTiers(ui);
      await openSection(ui, '案件');
      await expect(page.getByRole('columnheader', { name: k('cases.col.tier') })).toBeVisible();
      await page.getByRole('combobox', { name: k('cases.filter.bucketTier') }).click();
      await page.getByRole('option', { name: k('cases.tier.substandard') }).click();
      await expect(
        page.getByRole('option', { name: k('cases.tier.substandard') }).getByRole('checkbox'),
      ).toBeChecked();
    },
  },
  {
    name: 'cases-14-list-by-tier',
    go: async ({ page, k }) => {
      await page.keyboard.press('Escape');
      await expect(page.locator('.MuiPopover-root')).toHaveCount(0);
      const grid = page.getByRole('grid');
      await expect(grid.getByRole('row').filter({ hasText: '王五' })).toContainText(
        k('cases.tier.short.substandard'),
      );
      await expect(grid.getByRole('row').filter({ hasText: '张三' })).toHaveCount(0);
    },
  },
  {
    name: 'cases-15-case-tier',
    go: async (ui) => {
      await openCaseById(ui, planned(WANG_WU), '王五');
      // The loans tab, open by default, says it per loan.
      await expect(ui.page.getByTestId('case-tier')).toContainText(ui.k('cases.tier.substandard'));
      await expect(ui.page.getByRole('table').filter({ hasText: 'SHOT-3' })).toContainText(
        ui.k('cases.tier.substandard'),
      );
    },
  },
];

const waiverSteps: ScreenshotStep[] = [
  {
    name: 'waivers-01-propose-dialog',
    go: async (ui) => {
      const { page, k } = ui;
      await accounts(ui);
      await signInAs(ui, who.officer);
      await openCaseById(ui, planned(WANG_WU), '王五');
      const actions = page.getByRole('group', { name: k('cases.actions.label') });
      await actions.getByRole('button', { name: k('waivers.propose') }).click();
      const dialog = page.getByRole('dialog', {
        name: k('waivers.proposeTitle', { name: '王五' }),
      });
      await expect(dialog.getByRole('status')).toContainText('¥150.00');
      await dialog.getByLabel(labelRe(k('waivers.waived'))).fill('150');
      await dialog
        .getByLabel(labelRe(k('waivers.reason')))
        .fill('生猪因疫病扑杀，家中当季无收入，附乡兽医站证明');
    },
  },
  {
    name: 'waivers-02-case-tab',
    go: async (ui) => {
      const { page, k, kre } = ui;
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('waivers.submit') }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('tab', { name: kre('cases.case.tab.waivers') }).click();
      const row = waiversTable(ui).getByRole('row').nth(1);
      await expect(row).toContainText(k('waivers.status.proposed'));
      await expect(row.getByRole('button', { name: k('waivers.withdraw') })).toBeVisible();
    },
  },
  {
    name: 'waivers-03-propose-from-record',
    go: async (ui) => {
      const { page, k } = ui;
      const record = await ui.core.app.engine.db
        .selectFrom('visit_records')
        .select('id')
        .where('borrower_id', '=', planned(ZHAO_LIU))
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, `#/visits/records/${record.id}`);
      const card = page.getByRole('heading', { name: k('waivers.fromRecord') });
      await expect(card).toBeVisible();
      await page.getByRole('button', { name: k('waivers.propose') }).click();
      const dialog = page.getByRole('dialog', {
        name: k('waivers.proposeTitle', { name: '赵六' }),
      });
      await dialog.getByRole('combobox', { name: k('waivers.kind') }).click();
      await page.getByRole('option', { name: k('waivers.kind.settlement') }).click();
      await expect(page.getByRole('listbox')).toBeHidden();
      await dialog.getByLabel(labelRe(k('waivers.settlePay'))).fill('15000');
      await typeInPicker(dialog, k('waivers.payBy'), addDays(shanghaiToday(), 20));
      await dialog
        .getByLabel(labelRe(k('waivers.reason')))
        .fill('借款人腰伤不能务农，子女愿一次性代还一万五千元结清');
      await expect(dialog.getByRole('status')).toContainText('¥15,000.00');
    },
  },
  {
    name: 'waivers-04-record-card',
    go: async (ui) => {
      const { page, k } = ui;
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('waivers.submit') }).click();
      await expect(dialog).toBeHidden();
      const table = page.getByRole('table', { name: k('waivers.fromRecord') });
      await expect(table.getByRole('row').nth(1)).toContainText(k('waivers.status.proposed'));
      await table.scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'waivers-05-tasks',
    go: async (ui) => {
      await signInAs(ui, MANAGER);
      await openSection(ui, '走访');
      const card = tasksCard(ui);
      await expect(card.getByRole('row')).toHaveCount(3);
      await card.scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'waivers-06-approve-dialog',
    go: async (ui) => {
      const { page, k } = ui;
      await tasksCard(ui)
        .getByRole('row', { name: /赵六/ })
        .getByRole('button', { name: k('waivers.approve') })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(labelRe(k('waivers.note'))).fill('情况属实，同意按期一次性结清');
    },
  },
  {
    name: 'waivers-07-reject-dialog',
    go: async (ui) => {
      const { page, k } = ui;
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('waivers.approve') }).click();
      await expect(dialog).toBeHidden();
      await tasksCard(ui)
        .getByRole('row', { name: /王五/ })
        .getByRole('button', { name: k('waivers.reject') })
        .click();
      await page
        .getByRole('dialog')
        .getByLabel(labelRe(k('waivers.rejectReason')))
        .fill('兽医站证明未盖章，请补齐材料后重新申请');
    },
  },
  {
    name: 'waivers-08-auditor-tasks',
    go: async (ui) => {
      const { page, k } = ui;
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('waivers.reject') }).click();
      await expect(dialog).toBeHidden();
      await expect(tasksCard(ui).getByText(k('waivers.tasksEmpty'))).toBeVisible();
      await signInAs(ui, who.auditor);
      await openSection(ui, '走访');
      const row = tasksCard(ui).getByRole('row', { name: /赵六/ });
      await expect(row).toContainText(k('waivers.status.first_approved'));
      await tasksCard(ui).scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'waivers-09-approved',
    go: async (ui) => {
      const { page, k, kre } = ui;
      await tasksCard(ui)
        .getByRole('row', { name: /赵六/ })
        .getByRole('button', { name: k('waivers.approve') })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: k('waivers.approve') }).click();
      await expect(dialog).toBeHidden();
      await signInAs(ui, MANAGER);
      await openCaseById(ui, planned(ZHAO_LIU), '赵六');
      await page.getByRole('tab', { name: kre('cases.case.tab.waivers') }).click();
      const row = waiversTable(ui).getByRole('row').nth(1);
      await expect(row).toContainText(k('waivers.status.approved'));
      await expect(row).toContainText('孙慧');
    },
  },
  {
    name: 'print-09-settlement-agreement',
    go: async (ui) => {
      const { page, core, k, keyRe } = ui;
      await waiversTable(ui)
        .getByRole('row')
        .nth(1)
        .getByRole('button', { name: k('waivers.print') })
        .click();
      const saved = page.getByText(keyRe('waivers.saved'));
      await expect(saved).toBeVisible();
      const name = keyRe('waivers.saved').exec((await saved.textContent()) ?? '')?.[1];
      if (!name) throw new Error('the settlement agreement was not saved');
      await closeToasts(page);
      return { pdf: `${core.dir}/${name}` };
    },
  },
  {
    name: 'waivers-10-rejected',
    go: async (ui) => {
      const { page, k, kre } = ui;
      await openCaseById(ui, planned(WANG_WU), '王五');
      await page.getByRole('tab', { name: kre('cases.case.tab.waivers') }).click();
      await expect(waiversTable(ui).getByRole('row').nth(1)).toContainText(
        k('waivers.status.rejected'),
      );
    },
  },
];

const settingsAndSummarySteps: ScreenshotStep[] = [
  {
    name: 'settings-02-waiver-approver',
    go: async (ui) => {
      const { page, k } = ui;
      await openSection(ui, '设置');
      const card = page.getByRole('form', { name: k('waivers.settings.title') });
      await expect(card.getByRole('combobox', { name: k('waivers.settings.role') })).toHaveText(
        k('waivers.settings.role.auditor'),
      );
      await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'settings-03-report-buckets',
    go: async ({ page, k }) => {
      const card = page.getByRole('form', { name: k('reportBuckets.title') });
      await card.getByRole('combobox', { name: k('reportBuckets.extra') }).click();
      await page.getByRole('option', { name: k('reportBuckets.extra.M6_M12') }).click();
      await card.getByRole('button', { name: k('common.save') }).click();
      await expect(page.getByText(k('common.saved'), { exact: true }).first()).toBeVisible();
      await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'reports-04-tiers',
    go: async (ui) => {
      const { page, k } = ui;
      await openSection(ui, '报表');
      const tiers = page.getByTestId('tier-table');
      await expect(
        tiers.getByRole('row', { name: new RegExp(`^${k('cases.tier.doubtful')}`) }),
      ).toContainText('1');
      await tiers.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'reports-05-waivers',
    go: async ({ page, k }) => {
      const group = page.getByRole('heading', { name: k('reports.group.waivers') });
      await group.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await expect(group).toBeInViewport();
    },
  },
  {
    name: 'print-10-monthly-report-tiers',
    go: async ({ page, core, k, lang }) => {
      await page.getByRole('button', { name: k('reports.savePdf') }).click();
      const month = shanghaiToday().slice(0, 7);
      const file = `${lang === 'zh' ? '月度汇总' : 'monthly-summary'}-${month}.pdf`;
      await expect(page.getByText(k('reports.saved', { file }))).toBeVisible();
      return { pdf: `${core.dir}/${file}` };
    },
  },
];

screenshotSteps.push(...tierSteps, ...waiverSteps, ...settingsAndSummarySteps);
