import path from 'node:path';
import { expect as baseExpect, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import type { BridgedCore } from './bridge';
import type { Ui } from './screens-text';
import {
  addDays,
  certifiedOfficer,
  residentId,
  seedBorrower,
  shanghaiToday,
  unwrap,
  weekday,
} from './seed';
import { typeInPicker } from './pickers';

/**
 * Outside the test runner, expect gives up after 5 seconds, which a loaded machine exceeds while
 * the encrypted database is created or a PDF is laid out: the walk waits on the same conditions
 * with the e2e suite's generous bound instead.
 */
export const expect = baseExpect.configure({ timeout: 60_000 });

export const MANAGER = { username: 'admin', passphrase: 'correct horse battery' };

/**
 * A screen of the walk. `go` brings it up (seeding what it needs) and waits until it shows what
 * the picture is for; a step that prints returns the PDF it saved, whose pages are the picture.
 */
export interface ScreenshotStep {
  /** Sorts by section and screen: `cases-01-list`, saved as `cases-01-list.zh.png`. */
  name: string;
  go: (ui: Ui) => Promise<void | { pdf: string }>;
}

/** Signs in as the manager from the sign-in screen and waits for the navigation. */
export async function signIn({ page, t }: Ui, who = MANAGER) {
  await page.getByLabel(t('用户名')).fill(who.username);
  await page.getByLabel(t('口令'), { exact: true }).fill(who.passphrase);
  await page.getByRole('button', { name: t('登录'), exact: true }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/**
 * Closes the toasts on screen (one at a time, as the app queues them): they speak of the step
 * before, and a picture should show the screen, not a toast over it.
 */
export async function closeToasts(page: Page) {
  const toasts = page.locator('.MuiSnackbar-root');
  for (let i = 0; i < 10 && (await toasts.count()) > 0; i += 1) {
    // Under an open dialog the toast is aria-hidden (the dialog hides everything beside it
    // from assistive technology) and behind the backdrop: its close button is found hidden
    // included and gets its own click event, as a mouse click would land on the backdrop and
    // close the dialog. Before, the button was not found, and the toast stayed till it hid by
    // itself (4 s). A toast that hides by itself meanwhile leaves no button: closed too.
    const toast = await toasts
      .last()
      .elementHandle({ timeout: 1_000 })
      .catch(() => null);
    await toasts
      .last()
      .getByRole('button', { includeHidden: true })
      .first()
      .dispatchEvent('click', undefined, { timeout: 5_000 })
      .catch(() => undefined);
    // Each toast is its own element (Toasts.tsx keys the Snackbar by the toast): closing it
    // removes it and mounts the next queued one, if any, in the same render. So wait for this
    // one to go, not for a fixed time (400 ms before, a toast).
    await toast?.waitForElementState('hidden', { timeout: 5_000 }).catch(() => undefined);
    await toast?.dispose();
  }
  await expect(toasts).toHaveCount(0);
}

/** Opens a section from the navigation. */
export async function openSection({ page, t }: Ui, label: string) {
  await page.getByRole('navigation').getByText(t(label), { exact: true }).click();
}

/** The main screens in order; each feature appends its own steps. */
export const screenshotSteps: ScreenshotStep[] = [
  {
    name: 'foundation-01-setup',
    go: async ({ page, t }) => {
      await expect(page.getByRole('heading', { name: t('欢迎使用 Visitdesk') })).toBeVisible();
    },
  },
  {
    name: 'foundation-02-recovery-sheet',
    go: async ({ page, re, k, kre }) => {
      await page.getByLabel(re('网点名称', 'starts')).fill('青山农商银行石桥支行');
      await page.getByLabel(re('机构代码', 'starts')).fill('QS001');
      await page.getByLabel(re('地址', 'starts')).fill('浙江省青山县石桥镇人民路 8 号');
      await page.getByLabel(re('联系电话', 'starts')).fill('0571-88886666');
      await page
        .getByLabel(new RegExp(`^${k('setup.branch.complaintHotline')}`))
        .fill('0571-88889999');
      await page.getByRole('button', { name: k('common.next') }).click();
      await page.getByLabel(re('姓名', 'starts')).fill('王建国');
      await page.getByLabel(kre('setup.manager.staffNo')).fill('M001');
      await page
        .getByRole('textbox', { name: k('setup.manager.passphrase'), exact: true })
        .fill(MANAGER.passphrase);
      await page.getByLabel(re('再次输入口令', 'starts')).fill(MANAGER.passphrase);
      await page.getByRole('button', { name: k('setup.create') }).click();
      await expect(page.getByTestId('recovery-key')).toBeVisible();
    },
  },
  {
    name: 'foundation-03-sign-in',
    go: async ({ page, core, t }) => {
      await page.getByLabel(t('我已打印并妥善保管')).check();
      await page.getByRole('button', { name: t('进入系统') }).click();
      await expect(page.getByRole('navigation')).toBeVisible();
      core.app.lock('signOut');
      await page.reload();
      await expect(page.getByRole('heading', { name: t('登录') })).toBeVisible();
    },
  },
];

// ---- Visit planning: staff and training, rules, calendar, plan form, worklist, day route ----

/** Days the planning screens show: Monday to Wednesday of a week at least four days ahead. */
export function planningWeek(): [string, string, string] {
  const today = shanghaiToday();
  let k = 4;
  while (weekday(addDays(today, k)) !== 1) k++;
  return [addDays(today, k), addDays(today, k + 1), addDays(today, k + 2)];
}

export const planningIds = { officers: [] as number[], borrowers: [] as number[] };

async function planningSeed(core: BridgedCore) {
  const soon = planningWeek()[0];
  const staff: [string, string, string][] = [
    ['C101', '李明', '2028-06-30'],
    ['C102', '赵芳', '2028-06-30'],
    ['C103', '孙磊', soon],
  ];
  for (const [staffNo, name, expiresOn] of staff) {
    planningIds.officers.push(await certifiedOfficer(core.invoke, staffNo, name, expiresOn));
  }
  unwrap(
    await core.invoke('staff:addLeave', {
      staffId: planningIds.officers[2]!,
      from: planningWeek()[2],
      reason: '年假',
    }),
  );
  const people: [string, string][] = [
    ['张三', '东村'],
    ['李四', '西村'],
    ['王五', '东村'],
    ['赵六', '东村'],
    ['钱七', '南村'],
  ];
  for (const [i, [name, village]] of people.entries()) {
    const id = await seedBorrower(core, i + 1, name, {
      village,
      idNumber: residentId(i, { birthYear: 1970, serialFrom: 800 }),
      overdueFen: 120_000 + i * 35_000,
      brokenPromises: i % 3,
      loanPrefix: 'SHOT',
      disbursedOn: '2024-03-01',
      overdueSince: '2025-10-08',
    });
    planningIds.borrowers.push(id);
  }
  const [monday, tuesday] = planningWeek();
  const pair = planningIds.officers.slice(0, 2);
  const plans: [number, string, string, string][] = [
    [0, monday, '09:00', '10:00'],
    [1, monday, '14:00', '15:00'],
    [2, tuesday, '10:00', '11:00'],
  ];
  for (const [b, date, start, end] of plans) {
    unwrap(
      await core.invoke('planning:planVisit', {
        borrowerId: planningIds.borrowers[b]!,
        date,
        start,
        end,
        staffIds: pair,
        purpose: b === 1 ? 'negotiation' : 'reminder',
      }),
    );
  }
}

/** Opens the calendar at `view` on `date` through its address, as a bookmark would. */
async function calendarAt({ page }: Ui, view: string, date: string) {
  await page.evaluate(
    ([v, d]) => {
      window.location.hash = `#/calendar?view=${v}&date=${d}`;
    },
    [view, date] as const,
  );
}

/** Fills the plan dialog for 钱七 with the two certified officers, at `start`–`end`. */
async function fillPlan({ page, t, k }: Ui, start: string, end: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(t('借款人'), { exact: true }).fill('钱七');
  await page.getByRole('option', { name: /钱七/ }).click();
  await typeInPicker(dialog, k('visitPlan.date'), planningWeek()[0]);
  await typeInPicker(dialog, t('开始时间'), start);
  await typeInPicker(dialog, t('结束时间'), end);
  for (const name of ['李明', '赵芳']) {
    await dialog.getByLabel(k('visitPlan.staff')).click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
  }
  // Closes the staff list by clicking beside it (Escape would close the dialog).
  await dialog.getByRole('heading').first().click();
  await expect(page.getByRole('listbox')).toBeHidden();
  return dialog;
}

screenshotSteps.push(
  {
    name: 'planning-01-staff',
    go: async (ui) => {
      const { page, core, t, keyRe } = ui;
      await signIn(ui);
      await planningSeed(core);
      // 员工 names several things (the section, an audit column, the import's officers).
      await page.getByRole('navigation').getByText(ui.k('nav.staff'), { exact: true }).click();
      await expect(page.getByRole('table', { name: t('员工与培训') })).toContainText(
        keyRe('staff.certificateSoon'),
      );
    },
  },
  {
    name: 'planning-02-rules',
    go: async ({ page, t }) => {
      await page.getByRole('tab', { name: t('走访规则') }).click();
      await expect(page.getByRole('group', { name: t('最晚结束') })).toContainText('20:00');
    },
  },
  {
    name: 'planning-03-calendar-week',
    go: async (ui) => {
      await openSection(ui, '日程');
      await calendarAt(ui, 'timeGridWeek', planningWeek()[0]);
      await expect(ui.page.locator('.fc-event', { hasText: '李四' })).toBeVisible();
    },
  },
  {
    name: 'planning-04-calendar-month',
    go: async (ui) => {
      await ui.page.getByRole('button', { name: ui.t('按状态着色') }).click();
      await calendarAt(ui, 'dayGridMonth', planningWeek()[0]);
      await expect(ui.page.locator('.fc-daygrid-event', { hasText: '张三' })).toBeVisible();
    },
  },
  {
    name: 'planning-05-calendar-day',
    go: async (ui) => {
      await calendarAt(ui, 'timeGridDay', planningWeek()[0]);
      await expect(ui.page.locator('.fc-timeGridDay-view')).toBeVisible();
      await expect(ui.page.locator('.fc-event', { hasText: '李四' })).toBeVisible();
    },
  },
  {
    name: 'planning-06-plan-dialog',
    go: async (ui) => {
      await ui.page.getByRole('button', { name: ui.t('安排走访') }).click();
      const dialog = await fillPlan(ui, '15:30', '16:30');
      await expect(dialog.getByTestId('plan-violations')).toBeHidden();
    },
  },
  {
    name: 'planning-07-plan-refused',
    go: async ({ page, t, k }) => {
      const dialog = page.getByRole('dialog');
      await typeInPicker(dialog, t('开始时间'), '21:30');
      await typeInPicker(dialog, t('结束时间'), '22:00');
      await expect(dialog.getByTestId('plan-violations')).toContainText(/08:00.+20:00/);
      await dialog.getByRole('button', { name: t('安排'), exact: true }).click();
      await expect(dialog.getByText(t('未能安排，原因：'))).toBeVisible();
      await dialog.getByLabel(k('visitPlan.overrideAsManager')).check();
    },
  },
  {
    name: 'planning-08-worklist',
    go: async ({ page, t, k, lang }) => {
      await page.keyboard.press('Escape');
      // A filled plan form asks before Esc throws it away (FormDialog).
      await page
        .getByRole('dialog', {
          name: lang === 'zh' ? '放弃未保存的内容？' : 'Discard unsaved changes?',
        })
        .getByRole('button', { name: lang === 'zh' ? '放弃' : 'Discard', exact: true })
        .click();
      await expect(page.getByRole('dialog')).toBeHidden();
      await page.getByRole('tab', { name: k('worklist.tab') }).click();
      await page.getByRole('row', { name: /赵六/ }).getByRole('checkbox').check();
      await page.getByRole('row', { name: /钱七/ }).getByRole('checkbox').check();
      await expect(page.getByText(t('按路线安排时，请只选择同一个村的借款人'))).toBeVisible();
    },
  },
  {
    name: 'planning-09-day-route',
    go: async ({ page, t, k, kre }) => {
      await page.getByRole('tab', { name: t('走访路线') }).click();
      await typeInPicker(page, k('dayRoute.date'), planningWeek()[0]);
      await page.getByLabel(kre('dayRoute.pair')).click();
      await page.getByRole('option', { name: /李明/ }).click();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('heading', { name: '石桥镇' })).toBeVisible();
    },
  },
  {
    name: 'print-01-day-route-sheet',
    go: async (ui) => {
      const { page, core, t, keyRe } = ui;
      await page.getByRole('button', { name: t('保存为 PDF') }).click();
      const saved = page.getByText(keyRe('dayRoute.saved'));
      await expect(saved).toBeVisible();
      // The toast names the file; the bridge saves it in the core's folder.
      const name = keyRe('dayRoute.saved').exec((await saved.textContent()) ?? '')?.[1];
      if (!name) throw new Error('the day route sheet was not saved');
      await closeToasts(page);
      return { pdf: path.join(core.dir, name) };
    },
  },
);

// ---- Case files: the list, one case (header, timeline), the import and its report ----

/** A small head-office file as Excel on a Chinese Windows saves it: GBK, no BOM, two bad rows. */
function gbkImportFile(): Buffer {
  const id = (n: number) =>
    residentId(n, { birthYear: 1980, birthMonth: 1, birthDay: 1, serialFrom: 200 });
  const rows = [
    '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款产品,贷款本金,放款日期,剩余本金,逾期本金,逾期利息,罚息,逾期起始日',
    `孙小梅,${id(1)},13811112222,石桥镇,东村,SHOT-101,农户小额贷款,"￥30,000.00",2025/04/01,"25,000",3000,120.5,0,2026年1月10日`,
    `周建平,${id(2)},13922223333,石桥镇,西村,SHOT-102,创业贷,50000,2025-05-20,42000,0,0,0,`,
    `吴六,110105194912310021,13733334444,石桥镇,南村,SHOT-103,农户小额贷款,20000,2025-06-01,15000,0,0,0,`,
    `郑七,${id(4)},13644445555,石桥镇,南村,SHOT-104,农户小额贷款,两万,2025-06-01,15000,0,0,0,`,
  ];
  return iconv.encode(`${rows.join('\r\n')}\r\n`, 'gbk');
}

screenshotSteps.push(
  {
    name: 'cases-01-list',
    go: async (ui) => {
      const { page, core, t } = ui;
      // A little history for one borrower, recorded as an officer would.
      const list = await core.invoke('cases:list', { pageSize: 100 });
      const zhang = list.ok ? list.data.rows.find((r) => r.name === '张三') : undefined;
      if (!zhang) throw new Error('the planning steps seed 张三');
      const events: [
        string,
        'call' | 'sms' | 'visit',
        'no_answer' | 'reached' | 'promised',
        string,
      ][] = [
        ['2026-01-05T02:10:00Z', 'call', 'no_answer', '上午致电无人接听。'],
        ['2026-01-06T09:30:00Z', 'sms', 'reached', '发送还款提醒短信（未提及第三方）。'],
        [
          '2026-01-12T03:00:00Z',
          'call',
          'promised',
          '本人接听，说明家中老人住院，承诺月底前先还 2,000 元。',
        ],
      ];
      for (const [at, kind, outcome, note] of events) {
        unwrap(
          await core.invoke('cases:addContactEvent', {
            borrowerId: zhang.id,
            at,
            kind,
            outcome,
            note,
          }),
        );
      }
      unwrap(
        await core.invoke('cases:addAssessment', {
          borrowerId: zhang.id,
          assessedOn: '2026-01-12',
          livelihood: '种植茶叶三亩，配偶在镇上打零工；父亲住院两周。',
          monthlyIncomeFen: 420_000,
          monthlyExpensesFen: 310_000,
          capacityFen: 80_000,
          hardship: ['illness'],
        }),
      );
      unwrap(
        await core.invoke('cases:addNote', {
          borrowerId: zhang.id,
          text: '建议先协商分期方案，暂不安排上门。',
        }),
      );
      unwrap(
        await core.invoke('cases:addContact', {
          borrowerId: zhang.id,
          name: '张小红',
          relation: 'spouse',
          phone: '13900001111',
          isGuarantor: true,
          consentToContact: true,
          consentEvidence: '2025 年 3 月签订的担保合同',
        }),
      );
      await openSection(ui, '案件');
      await expect(page.getByRole('heading', { name: t('案件'), exact: true })).toBeVisible();
      await expect(page.getByRole('row', { name: /张三/ })).toBeVisible();
    },
  },
  {
    name: 'cases-02-case-page',
    go: async ({ page, t, k }) => {
      await page.getByRole('row', { name: /张三/ }).dblclick();
      await expect(page.getByRole('heading', { level: 1, name: '张三' })).toBeVisible();
      // 身份证号 is also the printed waiver agreement's label, in other English words.
      await page.getByRole('button', { name: `${t('显示')} ${k('cases.case.idNumber')}` }).click();
      await expect(page.getByTestId('case-id-number')).not.toContainText('*');
    },
  },
  {
    name: 'cases-03-timeline',
    go: async ({ page, re }) => {
      await page.getByRole('tab', { name: re('时间线', 'starts') }).click();
      await expect(page.getByTestId('case-timeline')).toContainText('承诺月底前');
    },
  },
  {
    name: 'cases-04-household',
    go: async ({ page, kre }) => {
      await page.getByRole('tab', { name: kre('cases.case.tab.household') }).click();
      await expect(page.getByTestId('assessment')).toContainText('¥800.00');
    },
  },
  {
    name: 'cases-05-contacts',
    go: async ({ page, re }) => {
      await page.getByRole('tab', { name: re('联系人与担保人', 'starts') }).click();
      await expect(page.getByRole('main')).toContainText('张小红');
    },
  },
  {
    name: 'cases-06-notices',
    go: async ({ page, k }) => {
      await page.getByRole('tab', { name: k('cases.case.tab.notices') }).click();
      await expect(page.getByRole('tab', { selected: true })).toHaveText(
        k('cases.case.tab.notices'),
      );
    },
  },
  {
    name: 'cases-06b-case-print-menu',
    go: async ({ page, k }) => {
      const actions = page.getByRole('group', { name: k('cases.actions.label') });
      await actions.getByRole('button', { name: k('cases.actions.print') }).click();
      await expect(page.getByRole('menu', { name: k('cases.actions.print') })).toBeVisible();
    },
  },
  {
    name: 'cases-06c-plan-from-case',
    go: async ({ page, t, k }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toBeHidden();
      const actions = page.getByRole('group', { name: k('cases.actions.label') });
      await actions.getByRole('button', { name: k('cases.actions.plan') }).click();
      const dialog = page.getByRole('dialog', { name: k('visitPlan.title') });
      await expect(dialog.getByLabel(t('借款人'), { exact: true })).toHaveValue('张三');
    },
  },
  {
    name: 'cases-06d-case-actions',
    go: async ({ page, t, k }) => {
      // Nothing typed yet: Cancel closes the plan form at once.
      await page
        .getByRole('dialog')
        .getByRole('button', { name: t('取消') })
        .click();
      await expect(page.getByRole('dialog')).toBeHidden();
      await expect(page.getByRole('group', { name: k('cases.actions.label') })).toBeVisible();
    },
  },
  {
    name: 'cases-07-import-preview',
    go: async ({ page, t, re }) => {
      await page.getByRole('button', { name: t('返回案件列表') }).click();
      await page
        .getByRole('button', { name: t('导入表格') })
        .first()
        .click();
      await page.getByTestId('import-file').setInputFiles({
        name: '总行下发-逾期清单.csv',
        mimeType: 'text/csv',
        buffer: gbkImportFile(),
      });
      await expect(page.getByRole('table', { name: re('预览', 'contains') })).toContainText(
        '孙小梅',
      );
    },
  },
  {
    name: 'cases-08-import-report',
    go: async ({ page, t }) => {
      await page.getByLabel(t('只导入有效行，跳过错误行')).check();
      await page.getByRole('button', { name: t('开始导入') }).click();
      await expect(page.getByTestId('import-result')).toContainText(`${t('拒绝')} 2`);
    },
  },
);
