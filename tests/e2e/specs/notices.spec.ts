import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Result } from '../../../electron/shared/result';
import type { BridgedCore } from '../support/bridge';
import { expect, setUpAndSignIn, shotsDir, test } from '../support/fixtures';

/**
 * The Notices screen end to end, on the real core: two certified officers and two planned
 * visits on one day, the day's notices saved as one PDF through the screen (one page per visit,
 * in route order, with names, the amount in capitals and the staff numbers), then one notice
 * reprinted from the print log and marked 副本.
 *
 * Seeding follows planning.spec.ts: borrowers through the case channel, one overdue loan each
 * written as the import leaves it, visits through `visits:plan` on a working day ahead.
 */

type Invoke = BridgedCore['invoke'];

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

/** A weekday at least three days ahead (the notice rule wants 24 hours) that is no holiday. */
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

/** Checked resident IDs (GB 11643-1999), distinct per seed. */
function residentId(seed: number): string {
  const body = `3301021962${String(1 + (seed % 12)).padStart(2, '0')}15${String(seed).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

async function seedBorrower(core: BridgedCore, seed: number, name: string, village: string) {
  const { id } = await ok(
    core.invoke('cases:create', { name, idNumber: residentId(seed), township: '石桥镇', village }),
  );
  const at = new Date().toISOString();
  const fen = 80_000 + seed * 1000;
  core.app.db
    .prepare(
      `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, overdue_principal_fen,
         overdue_since, created_at, updated_at)
       VALUES (?, ?, 5000000, '2024-06-01', ?, '2025-11-20', ?, ?)`,
    )
    .run(`E2E-${seed}`, id, fen, at, at);
  core.app.db
    .prepare(
      `UPDATE borrowers SET overdue_since = '2025-11-20', total_overdue_fen = ? WHERE id = ?`,
    )
    .run(fen, id);
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

const pdfText = (file: string, mode = '-layout') =>
  execFileSync('pdftotext', [mode, file, '-']).toString();
const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);

/** Saves through the screen and reads the file name back from the result it shows. */
async function saveAsPdf(app: Page, scope: ReturnType<Page['locator']>): Promise<string> {
  await scope.getByRole('button', { name: '保存为 PDF' }).click();
  const outcome = app.getByTestId('print-outcome');
  await expect(outcome).toBeVisible({ timeout: 60_000 });
  const file = /已保存 (.+\.pdf)，共 \d+ 页/.exec((await outcome.textContent()) ?? '')?.[1];
  expect(file).toBeTruthy();
  return file!;
}

test('print a day of notices as one PDF, then reprint one as a copy', async ({
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
  const zhangSan = await seedBorrower(core, 1, '张三', '东村');
  const liSi = await seedBorrower(core, 2, '李四', '西村');
  for (const [borrowerId, start, end] of [
    [liSi, '14:00', '15:00'],
    [zhangSan, '09:30', '10:30'],
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

  await app.getByRole('navigation').getByText('通知书').click();
  await expect(app.getByRole('heading', { name: '通知书与函件' })).toBeVisible();
  await app.getByLabel('走访日期').fill(day);
  const preview = app.getByRole('table', { name: '预览' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  // Route order: the morning visit first, whatever order they were planned in.
  await expect(preview.getByRole('row').nth(1)).toContainText('张三');
  await expect(preview.getByRole('row').nth(2)).toContainText('李四');
  await shot('notices-batch-preview');

  const batch = await saveAsPdf(app, app.locator('main'));
  await expect(app.getByTestId('print-outcome')).toContainText('共 2 页');
  await shot('notices-batch-saved');
  expect(pdfPages(batch)).toBe(2);
  const text = pdfText(batch);
  for (const expected of ['上门走访通知书', '张三', '李四', 'C001', 'C002', '李明', '赵芳']) {
    expect(text).toContain(expected);
  }
  // 张三 owes 810.00 yuan, 李四 820.00 yuan.
  expect(text.replace(/\s+/g, '')).toContain('人民币捌佰壹拾元整');
  expect(text.replace(/\s+/g, '')).toContain('人民币捌佰贰拾元整');
  expect(pdfText(batch, '-raw').replace(/\s+/g, '')).not.toContain('副本');
  fs.mkdirSync(shotsDir, { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    batch,
    path.join(shotsDir, 'notices-batch-pdf'),
  ]);

  // Both notices are in the log; reprint the first and the copy says so.
  await app.getByRole('tab', { name: '打印记录' }).click();
  const log = app.getByRole('table', { name: '打印记录' });
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log).toContainText('正本');
  await log.getByRole('row').nth(1).getByRole('button', { name: '重印' }).click();
  const reprint = await saveAsPdf(app, app.getByRole('alert').filter({ hasText: '重印' }));
  expect(pdfPages(reprint)).toBe(1);
  // In layout mode the rotated watermark's characters land among other lines; raw mode keeps
  // the page's drawing order, where the stamp and the watermark are whole words.
  const copyText = pdfText(reprint, '-raw').replace(/\s+/g, '');
  expect(copyText).toContain('副本');
  expect(copyText).toMatch(/张三|李四/);
  await expect(log.getByRole('row')).toHaveCount(4);
  await expect(log.getByRole('row').nth(1)).toContainText('副本');
  await shot('notices-log-reprinted');
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    reprint,
    path.join(shotsDir, 'notices-reprint-pdf'),
  ]);

  await app.getByRole('tab', { name: '模板' }).click();
  await expect(app.getByTestId('template-preview')).toContainText('上门走访通知书');
  await shot('notices-templates');
  await app.getByTestId('template-preview').scrollIntoViewIfNeeded();
  await shot('notices-template-preview');

  // Letters for borrowers chosen through the case search: a demand letter for each.
  await app.getByRole('tab', { name: '函件' }).click();
  await app.getByLabel('函件类型').click();
  await app.getByRole('option', { name: '催收函' }).click();
  for (const name of ['李四', '张三']) {
    await app.getByLabel('搜索借款人（姓名、拼音、证件号）').fill(name);
    await app.getByRole('option', { name: new RegExp(name) }).click();
  }
  await expect(app.getByText('已选 2 人')).toBeVisible();
  const letters = await saveAsPdf(app, app.locator('main'));
  await shot('notices-letters-saved');
  expect(pdfPages(letters)).toBe(2);
  const letterText = pdfText(letters, '-raw').replace(/\s+/g, '');
  expect(letterText).toContain('催收函');
  // In the order chosen: 李四 first.
  expect(letterText.indexOf('李四')).toBeLessThan(letterText.indexOf('张三'));
  expect(letterText).toContain('人民币捌佰壹拾元整');
});
