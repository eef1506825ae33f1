import type { Page } from '@playwright/test';
import { expect, setUpAndSignIn, test } from '../support/fixtures';
import { unwrap } from '../support/seed';

/**
 * The case list is the first screen: at 1366 × 768 (the office PC's screen, the viewport of
 * these specs) a filter set keeps the filter row on one line, its clear button included, and
 * the list's pager on the screen; where the row must wrap, the list gives up the height.
 */

/** Where the filter row's fields and the pager sit, in CSS pixels. */
async function layout(app: Page) {
  return app.evaluate(() => {
    const group = document.querySelector('[role="group"][aria-label="筛选"]');
    const fields = group ? [...group.children].map((c) => c.getBoundingClientRect()) : [];
    const pager = document.querySelector('.MuiTablePagination-root')!.getBoundingClientRect();
    return {
      // Fields that start below the first one's bottom are on a line of their own.
      wrapped: fields.filter((r) => r.top >= fields[0]!.bottom).length,
      lastRight: Math.round(fields.at(-1)?.right ?? 0),
      rowRight: Math.round(group?.getBoundingClientRect().right ?? 0),
      pagerBottom: Math.round(pager.bottom),
      viewportHeight: window.innerHeight,
      // The page scrolls inside the shell's main area, if at all.
      pageScrolls: (() => {
        const main = document.querySelector('main')!;
        return main.scrollHeight > main.clientHeight;
      })(),
    };
  });
}

test('with filters set, the clear button stays in the filter row and the pager on screen', async ({
  app,
  core,
  shot,
}) => {
  await setUpAndSignIn(app, core);
  await app.getByRole('button', { name: '载入演示网点' }).click();
  await expect(app.getByText(/已载入演示网点：\d+ 位借款人/)).toBeVisible({ timeout: 60_000 });
  await expect(app.getByRole('grid').getByRole('row').nth(5)).toBeVisible();
  const filters = app.getByRole('group', { name: '筛选', exact: true });
  await expect(filters).toBeVisible();
  // The pager comes a moment after the rows (its code loads once they have painted).
  await expect(app.getByRole('button', { name: '下一页' })).toBeVisible();
  const unfiltered = await layout(app);
  expect(unfiltered.pagerBottom).toBeLessThanOrEqual(unfiltered.viewportHeight);

  // A filter of the row and one beside the search box: the clear button appears.
  const [first] = unwrap(await core.invoke('cases:list', { pageSize: 1 })).rows;
  await filters.getByLabel('乡镇').fill(first!.township);
  // The box follows the address the list keeps its view in, a moment after the click.
  await app.getByLabel('仅特殊群体').click();
  await expect(app.getByLabel('仅特殊群体')).toBeChecked();
  const clear = app.getByRole('button', { name: '清除筛选' });
  await expect(clear).toBeVisible();
  // The typed township settles into the list.
  const expected = unwrap(
    await core.invoke('cases:list', { township: first!.township, vulnerable: true }),
  ).total;
  await expect(app.getByText(new RegExp(`共 ${expected} 条`))).toBeVisible();
  await expect(app.getByRole('grid').getByRole('row').nth(1)).toContainText(first!.township);
  await shot('case-list-fit-01-filtered');
  const filtered = await layout(app);
  expect(filtered).toMatchObject({ wrapped: 0, pageScrolls: false });
  expect(filtered.lastRight).toBeLessThanOrEqual(filtered.rowRight);
  expect(filtered.pagerBottom).toBeLessThanOrEqual(filtered.viewportHeight);
  await expect(app.locator('.MuiTablePagination-root')).toBeInViewport({ ratio: 1 });

  // A narrower window wraps the row: the list starts lower and is shorter, the pager stays.
  await app.setViewportSize({ width: 1200, height: 768 });
  await expect
    .poll(async () => {
      const narrow = await layout(app);
      return [narrow.wrapped > 0, narrow.pagerBottom <= narrow.viewportHeight, narrow.pageScrolls];
    })
    .toEqual([true, true, false]);
  await shot('case-list-fit-03-narrow-wrapped');
  await app.setViewportSize({ width: 1366, height: 768 });

  // An icon: its name shows on hover.
  await clear.hover();
  await expect(app.getByRole('tooltip', { name: '清除筛选' })).toBeVisible();
  await shot('case-list-fit-02-clear-tooltip');
  await clear.click();
  await expect(clear).toHaveCount(0);
  await expect(filters.getByLabel('乡镇')).toHaveValue('');
});
