import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, pagesToPng, pdfPages, pdfText, setUpAndSignIn, test } from '../support/fixtures';
import { certifiedOfficer, ok, seedBorrower, visitDay, type Invoke } from '../support/seed';

/**
 * Paper in the screen's order: a day with a route planned in the afternoon (route_order 1, 2)
 * and single visits before and after it, across two villages. The day-route screen lists the
 * stops by time, grouped by village in the order the pair reaches them; the route sheet saved
 * from that screen and the day's batch of notices come out in exactly that order (read back
 * from the PDFs with pdftotext), where they used to put the planned route first.
 */

const flat = (text: string) => text.replace(/\s+/g, '');

/** Where each name first appears in the text, in the order given; fails if one is missing. */
function orderIn(text: string, names: readonly string[]): string[] {
  const at = names.map((name) => [name, flat(text).indexOf(name)] as const);
  for (const [name, index] of at) expect(index, `${name} is on the paper`).toBeGreaterThan(-1);
  return [...at].sort((a, b) => a[1] - b[1]).map(([name]) => name);
}

test('the route sheet and the day’s notices print in the day-route screen’s order', async ({
  app,
  core,
  shot,
}) => {
  test.setTimeout(240_000);
  await setUpAndSignIn(app, core);
  const invoke: Invoke = core.invoke;
  const day = await visitDay(invoke);
  const liMing = await certifiedOfficer(invoke, 'C001', '李明');
  const zhaoFang = await certifiedOfficer(invoke, 'C002', '赵芳');
  const pair = [liMing, zhaoFang];
  const borrower = (seed: number, name: string, village: string) =>
    seedBorrower(core, seed, name, { village, mobile: `1385711${String(seed).padStart(4, '0')}` });
  const wangWu = await borrower(1, '王五', '西村');
  const zhangSan = await borrower(2, '张三', '东村');
  const liSi = await borrower(3, '李四', '西村');
  const zhaoLiu = await borrower(4, '赵六', '东村');
  const qianQi = await borrower(5, '钱七', '西村');

  const single = (borrowerId: number, start: string, end: string) =>
    ok(
      invoke('planning:planVisit', {
        date: day,
        start,
        end,
        borrowerId,
        staffIds: pair,
        purpose: 'negotiation',
      }),
    );
  await single(wangWu, '09:00', '09:45');
  await single(zhangSan, '10:30', '11:15');
  // The afternoon planned as a route: 李四 14:00, 赵六 15:00 (route_order 1 and 2).
  await ok(
    invoke('planning:planRoute', {
      date: day,
      borrowerIds: [liSi, zhaoLiu],
      staffIds: pair,
      firstStart: '14:00',
      visitMinutes: 45,
      gapMinutes: 15,
      purpose: 'negotiation',
    }),
  );
  await single(qianQi, '16:30', '17:15');

  // The screen: by time, grouped by village as first reached (西村 at 09:00, 东村 at 10:30).
  await app.getByRole('navigation').getByText('日程').click();
  await app.getByRole('tab', { name: '走访路线' }).click();
  // The date is a sectioned picker field (year, month, day): type into its first section.
  const dateField = app.getByRole('group', { name: '日期' });
  await dateField.getByRole('spinbutton').first().click();
  await app.keyboard.type(day.replace(/-/g, ''));
  await expect(dateField.locator('input')).toHaveValue(day);
  await app.getByLabel(/走访小组/).click();
  await app.getByRole('option', { name: /李明/ }).click();
  await app.keyboard.press('Escape');
  const west = app.getByRole('table', { name: '石桥镇 西村' });
  const east = app.getByRole('table', { name: '石桥镇 东村' });
  await expect(west).toBeVisible();
  const rows = app.locator('main table tbody tr');
  await expect(rows).toHaveCount(5);
  const onScreen = (await rows.locator('td:nth-child(3)').allInnerTexts()).map((t) => t.trim());
  const seqs = (await rows.locator('td:nth-child(1)').allInnerTexts()).map((t) => t.trim());
  expect(onScreen).toEqual(['王五', '李四', '钱七', '张三', '赵六']);
  expect(seqs).toEqual(['1', '2', '3', '4', '5']);
  await expect(east).toContainText('赵六');
  // The screen's purpose label, which the sheet repeats.
  await expect(west).toContainText('协商还款');
  await shot('paper-order-screen');

  // The route sheet, saved from that screen.
  await app.getByRole('button', { name: '保存为 PDF' }).click();
  const saved = app.getByText(/路线单已保存：/);
  await expect(saved).toBeVisible({ timeout: 60_000 });
  const name = (await saved.innerText()).replace(/^.*路线单已保存：/, '').trim();
  const sheetFile = path.join(core.dir, name);
  pagesToPng(sheetFile, 'paper-order-route-sheet');
  const sheet = pdfText(sheetFile);
  expect(orderIn(sheet, onScreen)).toEqual(onScreen);
  for (const expected of ['电话', '门牌号', '结果（手填）', '走访组长（签字）', '行长（签字）']) {
    expect(flat(sheet)).toContain(flat(expected));
  }
  expect(flat(sheet)).toContain('13857110001');
  expect(flat(sheet)).toContain('协商还款');
  // Each masked ID on one line: the whole 18 characters read back on a single line.
  expect(sheet.split('\n').filter((line) => /\d{6}\*{8}\d{3}[\dX]/.test(line))).toHaveLength(5);
  expect(pdfPages(sheetFile)).toBe(1);

  // The day's notices through the same print route: one page each, in the same order.
  const printed = await ok(
    invoke('notices:print', {
      lang: 'zh',
      documents: [{ kind: 'dayNotices', date: day, staffId: liMing }],
    }),
  );
  const { jobId } = await ok(invoke('print:stage', { documents: printed.documents }));
  const result = (await app.evaluate(
    (args) =>
      (window as unknown as { visitdesk: Record<string, (a: unknown) => Promise<unknown>> })
        .visitdesk['print:savePdf']!(args),
    { jobId, fileName: `notices-${day}.pdf` },
  )) as { ok: boolean; data: { file: string; pages: number } };
  expect(result.ok).toBe(true);
  const noticesFile = result.data.file;
  expect(pdfPages(noticesFile)).toBe(5);
  const pages = Array.from({ length: 5 }, (_, i) => flat(pdfPageText(noticesFile, i + 1)));
  pages.forEach((page, i) => {
    expect(page).toContain('上门走访通知书');
    expect(page).toContain(onScreen[i]!);
  });
  // The notice itemises the overdue amount (王五: ¥810.00 principal, no interest or penalty).
  expect(pages[0]).toContain('逾期本金');
  expect(pages[0]).toContain('罚息');
  expect(pages[0]).toContain('人民币捌佰壹拾元整');
  expect(pages[0]).toContain('PX-C001');
  pagesToPng(noticesFile, 'paper-order-notices', { firstPageOnly: true });
});

/** The text of one page of a PDF. */
const pdfPageText = (file: string, page: number) =>
  execFileSync('pdftotext', [
    '-layout',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    '-',
  ]).toString();
