import { expect, type Page } from '@playwright/test';
import type { BridgedCore } from './bridge';

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
      await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
      await page.getByRole('button', { name: '立即备份' }).click();
      await expect(page.getByText('备份完成')).toBeVisible();
    },
  },
];

// ---- Visit planning: staff and training, rules, calendar, plan form, worklist, day route ----

/** Days the planning screens show: Monday to Wednesday of a week at least four days ahead. */
function planningWeek(): [string, string, string] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  let k = 4;
  while (new Date(`${day(k)}T00:00:00Z`).getUTCDay() !== 1) k++;
  return [day(k), day(k + 1), day(k + 2)];
}

const planningIds = { officers: [] as number[], borrowers: [] as number[] };

async function planningSeed(core: BridgedCore) {
  const expect200 = <T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data;
  };
  const soon = planningWeek()[0];
  const staff: [string, string, string][] = [
    ['C101', '李明', '2028-06-30'],
    ['C102', '赵芳', '2028-06-30'],
    ['C103', '孙磊', soon],
  ];
  for (const [staffNo, name, expiresOn] of staff) {
    const row = expect200(await core.invoke('staff:create', { staffNo, name, role: 'officer' }));
    expect200(
      await core.invoke('staff:addCertificate', {
        staffId: row.id,
        kind: 'training',
        number: `PX-${staffNo}`,
        issuedOn: '2025-01-01',
        expiresOn,
      }),
    );
    planningIds.officers.push(row.id);
  }
  expect200(
    await core.invoke('staff:addLeave', {
      staffId: planningIds.officers[2]!,
      from: planningWeek()[2],
      reason: '年假',
    }),
  );
  // Borrowers with an overdue loan, as the case import leaves them.
  const people: [string, string][] = [
    ['张三', '东村'],
    ['李四', '西村'],
    ['王五', '东村'],
    ['赵六', '东村'],
    ['钱七', '南村'],
  ];
  const at = new Date().toISOString();
  people.forEach(([name, village], i) => {
    const body = `33010219700${i + 1}1580${i}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((acc, d, j) => acc + Number(d) * weights[j]!, 0);
    const id = Number(
      core.app.db
        .prepare(
          `INSERT INTO borrowers (name, id_number, birth_date, sex, township, village,
             overdue_since, total_overdue_fen, broken_promises, created_at, updated_at)
           VALUES (?, ?, '1970-01-15', 'M', '石桥镇', ?, '2025-10-08', ?, ?, ?, ?)`,
        )
        .run(name, body + '10X98765432'[sum % 11], village, 120_000 + i * 35_000, i % 3, at, at)
        .lastInsertRowid,
    );
    core.app.db
      .prepare(
        `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on,
           overdue_principal_fen, overdue_since, created_at, updated_at)
         VALUES (?, ?, 5000000, '2024-03-01', ?, '2025-10-08', ?, ?)`,
      )
      .run(`SHOT-${i + 1}`, id, 120_000 + i * 35_000, at, at);
    planningIds.borrowers.push(id);
  });
  const [monday, tuesday] = planningWeek();
  const pair = planningIds.officers.slice(0, 2);
  const plans: [number, string, string, string][] = [
    [0, monday, '09:00', '10:00'],
    [1, monday, '14:00', '15:00'],
    [2, tuesday, '10:00', '11:00'],
  ];
  for (const [b, date, start, end] of plans) {
    expect200(
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
      await dialog.getByLabel('借款人编号').fill(String(planningIds.borrowers[4]));
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
