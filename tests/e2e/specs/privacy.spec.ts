import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Result } from '../../../electron/shared/result';
import type { BridgedCore } from '../support/bridge';
import { expect, setUpAndSignIn, shotsDir, test } from '../support/fixtures';

/**
 * Privacy on the screens, on the real core: borrowers whose names a spreadsheet would run as
 * formulas are shown literally on the case list and the case page, printed literally on visit
 * notices (pdftotext of the saved PDF), and exported from the case list only after a stated
 * purpose, neutralised and audited.
 */

type Invoke = BridgedCore['invoke'];
const HYPERLINK = '=HYPERLINK("http://x","y")';
const SUM = '@SUM(A1)';

async function ok<T>(result: Promise<Result<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(`core refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A working day at least three days ahead (the notice rule wants 24 hours' notice). */
async function visitDay(invoke: Invoke): Promise<string> {
  const today = shanghaiToday();
  const holidays = await ok(invoke('planning:holidays', { from: today, to: addDays(today, 40) }));
  const closed = new Set(holidays.days.filter((d) => d.kind === 'holiday').map((d) => d.date));
  for (let k = 3; k < 40; k++) {
    const d = addDays(today, k);
    if (weekday(d) >= 1 && weekday(d) <= 5 && !closed.has(d)) return d;
  }
  throw new Error('no working day in the next 40');
}

function residentId(seed: number): string {
  const body = `3301021970${String(1 + (seed % 12)).padStart(2, '0')}15${String(seed).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/** A borrower through the case channel, with one overdue loan as an import leaves it. */
async function seedBorrower(core: BridgedCore, seed: number, name: string) {
  const { id } = await ok(
    core.invoke('cases:create', {
      name,
      idNumber: residentId(seed),
      mobile: `1380000${String(seed).padStart(4, '0')}`,
      township: '石桥镇',
      village: '东村',
    }),
  );
  const at = new Date().toISOString();
  core.app.db
    .prepare(
      `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, overdue_principal_fen,
         overdue_since, created_at, updated_at)
       VALUES (?, ?, 5000000, '2024-06-01', 90000, '2025-11-20', ?, ?)`,
    )
    .run(`PV-${seed}`, id, at, at);
  core.app.db
    .prepare(
      `UPDATE borrowers SET overdue_since = '2025-11-20', total_overdue_fen = 90000 WHERE id = ?`,
    )
    .run(id);
  return id;
}

async function certifiedOfficer(invoke: Invoke, staffNo: string, name: string) {
  const staff = await ok(invoke('staff:create', { staffNo, name, role: 'officer' }));
  await ok(
    invoke('staff:addCertificate', {
      staffId: staff.id,
      kind: 'training',
      number: `PX-${staffNo}`,
      issuedOn: '2025-01-01',
      expiresOn: addDays(shanghaiToday(), 700),
    }),
  );
  return staff.id;
}

async function saveAsPdf(app: Page): Promise<string> {
  await app.locator('main').getByRole('button', { name: '保存为 PDF' }).click();
  const outcome = app.getByTestId('print-outcome');
  await expect(outcome).toBeVisible({ timeout: 60_000 });
  const file = /已保存 (.+\.pdf)，共 \d+ 页/.exec((await outcome.textContent()) ?? '')?.[1];
  expect(file).toBeTruthy();
  return file!;
}

test('formula-like names: shown and printed literally, exported only with a purpose and neutralised', async ({
  app,
  core,
  shot,
}) => {
  test.setTimeout(180_000);
  await setUpAndSignIn(app, core);
  const invoke: Invoke = core.invoke;
  const day = await visitDay(invoke);
  const liMing = await certifiedOfficer(invoke, 'C001', '李明');
  const zhaoFang = await certifiedOfficer(invoke, 'C002', '赵芳');
  const hyperlink = await seedBorrower(core, 1, HYPERLINK);
  const sum = await seedBorrower(core, 2, SUM);
  for (const [borrowerId, start, end] of [
    [hyperlink, '09:30', '10:30'],
    [sum, '14:00', '15:00'],
  ] as const) {
    await ok(
      invoke('visits:plan', {
        date: day,
        start,
        end,
        borrowerId,
        staffIds: [liMing, zhaoFang],
        purpose: 'negotiation',
      }),
    );
  }

  // The case list, reloaded by opening the section again.
  await app.getByRole('navigation').getByText('通知书').click();
  await app.getByRole('navigation').getByText('案件').click();
  const grid = app.getByRole('grid', { name: '案件' });
  await expect(grid.getByRole('gridcell', { name: HYPERLINK, exact: true })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: SUM, exact: true })).toBeVisible();
  await shot('privacy-01-case-list');

  // Export the list: the purpose is asked first, the file is neutralised, the export audited.
  await app.getByRole('button', { name: '导出清单' }).click();
  const dialog = app.getByRole('dialog', { name: '导出案件清单 CSV' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  await expect(dialog.getByText('请写明用途（至少 4 个字）')).toBeVisible();
  await dialog.getByRole('button', { name: '报送总行月度报表' }).click();
  // The picked purpose is highlighted (once its colour transition has settled).
  await app.mouse.move(0, 0);
  await expect(dialog.getByRole('button', { name: '报送总行月度报表' })).toHaveCSS(
    'background-color',
    'rgb(31, 95, 139)',
  );
  await shot('privacy-02-purpose-dialog');
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  expect(csv).toContain(`"'@SUM(A1)"`);
  expect(csv).not.toContain(residentId(1));
  await expect(dialog).toBeHidden();
  const audited = core.app.db
    .prepare("SELECT after FROM audit_log WHERE action = 'cases.export'")
    .all() as { after: string }[];
  expect(audited.map((r) => JSON.parse(r.after) as Record<string, unknown>)).toEqual([
    expect.objectContaining({ rows: 2, fullNumbers: false, purpose: '报送总行月度报表' }),
  ]);

  // The case page shows the name as written.
  await grid.getByRole('gridcell', { name: HYPERLINK, exact: true }).dblclick();
  await expect(app.getByRole('heading', { level: 1, name: HYPERLINK })).toBeVisible();
  await shot('privacy-03-case-page');

  // The day's visit notices, saved as a PDF through the Notices screen.
  await app.getByRole('navigation').getByText('通知书').click();
  await app.getByLabel('走访日期').fill(day);
  const preview = app.getByRole('table', { name: '预览' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  await expect(preview).toContainText(HYPERLINK);
  const pdf = await saveAsPdf(app);
  const text = execFileSync('pdftotext', ['-raw', pdf, '-']).toString();
  expect(text).toContain(HYPERLINK);
  expect(text).toContain(SUM);
  fs.mkdirSync(shotsDir, { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    pdf,
    path.join(shotsDir, 'privacy-04-notice-pdf'),
  ]);
});

test('Settings: the promise grace days are validated, saved and audited; the audit log export asks the purpose', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('navigation').getByText('设置').click();
  const card = app.getByRole('form', { name: '承诺还款规则' });
  const grace = card.getByLabel('到期后宽限天数');
  await expect(grace).toHaveValue('3');
  await grace.fill('32');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card.getByText('应为 0–31 天')).toBeVisible();
  await grace.fill('5');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(app.getByText('已保存')).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot('privacy-05-records-settings');
  expect(await ok(core.invoke('records:settings', {}))).toEqual({ promiseGraceDays: 5 });
  const change = core.app.db
    .prepare("SELECT before, after FROM audit_log WHERE action = 'records.settings.update'")
    .get() as { before: string; after: string };
  expect([JSON.parse(change.before), JSON.parse(change.after)]).toEqual([
    { promiseGraceDays: 3 },
    { promiseGraceDays: 5 },
  ]);

  // The audit page's export uses the same purpose dialog.
  await app.getByRole('navigation').getByText('审计').click();
  await app.getByRole('button', { name: '导出 CSV' }).click();
  const dialog = app.getByRole('dialog', { name: '导出 CSV' });
  await dialog.getByLabel('导出用途').fill('内部稽核季度检查');
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('records.settings.update');
  const exported = core.app.db
    .prepare("SELECT after FROM audit_log WHERE action = 'audit.export'")
    .get() as { after: string };
  expect(JSON.parse(exported.after)).toMatchObject({ purpose: '内部稽核季度检查' });
});
