import { expect, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import type { BridgedCore } from './bridge';
import {
  addDays,
  certifiedOfficer,
  residentId,
  seedBorrower,
  shanghaiToday,
  unwrap,
  weekday,
} from './seed';

export const MANAGER = { username: 'admin', passphrase: 'correct horse battery' };

export interface ScreenshotStep {
  name: string;
  go: (page: Page, core: BridgedCore) => Promise<void>;
}

/** The main screens in order; each feature appends its own steps. */
export const screenshotSteps: ScreenshotStep[] = [
  {
    name: '01-setup',
    go: async (page) => {
      await expect(page.getByRole('heading', { name: '欢迎使用 Visitdesk' })).toBeVisible();
    },
  },
  {
    name: '02-recovery-key',
    go: async (page) => {
      await page.getByLabel(/^网点名称/).fill('青山农商银行石桥支行');
      await page.getByLabel(/^机构代码/).fill('QS001');
      await page.getByLabel(/^地址/).fill('浙江省青山县石桥镇人民路 8 号');
      await page.getByLabel(/^联系电话/).fill('0571-88886666');
      await page.getByLabel(/^投诉热线/).fill('0571-88889999');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel(/^姓名/).fill('王建国');
      await page.getByLabel(/^工号/).fill('M001');
      await page.getByLabel(/^口令/).fill(MANAGER.passphrase);
      await page.getByLabel(/^再次输入口令/).fill(MANAGER.passphrase);
      await page.getByRole('button', { name: '创建' }).click();
      await expect(page.getByTestId('recovery-key')).toBeVisible();
    },
  },
  {
    name: '03-sign-in',
    go: async (page, core) => {
      await page.getByLabel('我已打印并妥善保管').check();
      await page.getByRole('button', { name: '进入系统' }).click();
      await expect(page.getByRole('navigation')).toBeVisible();
      core.app.lock('signOut');
      await page.reload();
      await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    },
  },
  {
    name: '04-settings',
    go: async (page) => {
      await page.getByLabel('用户名').fill(MANAGER.username);
      await page.getByLabel('口令', { exact: true }).fill(MANAGER.passphrase);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('button', { name: '设置' }).click();
      await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
      await page.getByRole('button', { name: '立即备份' }).click();
      await expect(page.getByText('备份完成')).toBeVisible();
    },
  },
];

// ---- Visit planning: staff and training, rules, calendar, plan form, worklist, day route ----

/** Days the planning screens show: Monday to Wednesday of a week at least four days ahead. */
function planningWeek(): [string, string, string] {
  const today = shanghaiToday();
  let k = 4;
  while (weekday(addDays(today, k)) !== 1) k++;
  return [addDays(today, k), addDays(today, k + 1), addDays(today, k + 2)];
}

const planningIds = { officers: [] as number[], borrowers: [] as number[] };

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
      await core.invoke('visits:plan', {
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

screenshotSteps.push(
  {
    name: 'planning-1-staff',
    go: async (page, core) => {
      await planningSeed(core);
      await page.getByRole('navigation').getByText('员工').click();
      await expect(page.getByRole('table', { name: '员工与培训' })).toContainText('即将到期');
    },
  },
  {
    name: 'planning-2-rules',
    go: async (page) => {
      await page.getByRole('tab', { name: '走访规则' }).click();
      await expect(page.getByLabel('最晚结束')).toHaveValue('20:00');
    },
  },
  {
    name: 'planning-3-calendar-week',
    go: async (page) => {
      await page.getByRole('navigation').getByText('日程').click();
      await page.evaluate((date) => {
        window.location.hash = `#/calendar?view=timeGridWeek&date=${date}`;
      }, planningWeek()[0]);
      await expect(page.locator('.fc-event', { hasText: '李四' })).toBeVisible();
    },
  },
  {
    name: 'planning-4-calendar-month',
    go: async (page) => {
      await page.getByRole('button', { name: '按状态着色' }).click();
      await page.getByRole('button', { name: '月', exact: true }).click();
      await expect(page.locator('.fc-daygrid-event', { hasText: '张三' })).toBeVisible();
    },
  },
  {
    name: 'planning-5-plan-refused',
    go: async (page) => {
      await page.getByRole('button', { name: '安排走访' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('借款人', { exact: true }).fill('钱七');
      await page.getByRole('option', { name: /钱七/ }).click();
      await dialog.getByLabel('日期').fill(planningWeek()[0]);
      await dialog.getByLabel('开始时间').fill('21:30');
      await dialog.getByLabel('结束时间').fill('22:00');
      for (const name of ['李明', '赵芳']) {
        await dialog.getByLabel('走访人员').click();
        await page.getByRole('option', { name: new RegExp(name) }).click();
      }
      await expect(dialog.getByTestId('plan-violations')).toContainText('08:00–20:00');
      await dialog.getByRole('button', { name: '安排', exact: true }).click();
      await expect(dialog.getByText('未能安排，原因：')).toBeVisible();
      await dialog.getByLabel(/以经理身份批准例外/).check();
    },
  },
  {
    name: 'planning-6-worklist',
    go: async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: '待访清单' }).click();
      await page.getByRole('row', { name: /赵六/ }).getByRole('checkbox').check();
      await page.getByRole('row', { name: /钱七/ }).getByRole('checkbox').check();
      await expect(page.getByText('按路线安排时，请只选择同一个村的借款人')).toBeVisible();
    },
  },
  {
    name: 'planning-7-day-route',
    go: async (page) => {
      await page.getByRole('tab', { name: '走访路线' }).click();
      await page.getByLabel('日期').fill(planningWeek()[0]);
      await page.getByLabel(/走访小组/).click();
      await page.getByRole('option', { name: /李明/ }).click();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('heading', { name: '石桥镇' })).toBeVisible();
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
    name: 'cases-1-list',
    go: async (page, core) => {
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
      await page.getByRole('navigation').getByText('案件').click();
      await expect(page.getByRole('heading', { name: '案件', exact: true })).toBeVisible();
      await expect(page.getByRole('row', { name: /张三/ })).toBeVisible();
    },
  },
  {
    name: 'cases-2-case-page',
    go: async (page) => {
      await page.getByRole('row', { name: /张三/ }).dblclick();
      await expect(page.getByRole('heading', { level: 1, name: '张三' })).toBeVisible();
      await page.getByRole('button', { name: '显示 身份证号' }).click();
      await expect(page.getByTestId('case-id-number')).not.toContainText('*');
    },
  },
  {
    name: 'cases-3-timeline',
    go: async (page) => {
      await page.getByRole('tab', { name: /时间线/ }).click();
      await expect(page.getByTestId('case-timeline')).toContainText('承诺月底前');
    },
  },
  {
    name: 'cases-4-household',
    go: async (page) => {
      await page.getByRole('tab', { name: /家庭与经济状况/ }).click();
      await expect(page.getByTestId('assessment')).toContainText('¥800.00');
    },
  },
  {
    name: 'cases-5-import-preview',
    go: async (page) => {
      await page.getByRole('button', { name: '返回案件列表' }).click();
      await page.getByRole('button', { name: '导入表格' }).first().click();
      await page.getByTestId('import-file').setInputFiles({
        name: '总行下发-逾期清单.csv',
        mimeType: 'text/csv',
        buffer: gbkImportFile(),
      });
      await expect(page.getByRole('table', { name: /预览/ })).toContainText('孙小梅');
    },
  },
  {
    name: 'cases-6-import-report',
    go: async (page) => {
      await page.getByLabel('只导入有效行，跳过错误行').check();
      await page.getByRole('button', { name: '开始导入' }).click();
      await expect(page.getByTestId('import-result')).toContainText('拒绝 2');
    },
  },
);
