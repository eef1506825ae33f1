import type { Page } from '@playwright/test';
import { expect, setUpAndSignIn, test } from '../support/fixtures';
import { unwrap } from '../support/seed';

/**
 * The main screens hold at the office's screens and Windows scaling, in CSS pixels: 1366×768
 * and 1920×1080 at 100 %, 1366×768 at 125 % (1093×614), 1920×1080 at 125 % (1536×864) and at
 * 150 % (1280×720). Nothing is cut: the page never scrolls sideways, the case list's grid needs
 * no sideways scroll and none of its headers is cut short, the staff table's row actions sit
 * inside their cell and the card.
 */
const viewports = [
  { name: '1366×768', width: 1366, height: 768 },
  { name: '1920×1080', width: 1920, height: 1080 },
  { name: '1366×768 at 125 %', width: 1093, height: 614 },
  { name: '1920×1080 at 125 %', width: 1536, height: 864 },
  { name: '1920×1080 at 150 %', width: 1280, height: 720 },
];

const screens = [
  { path: '/cases', ready: 'table[role=grid] tbody tr' },
  { path: '/calendar', ready: '.fc' },
  { path: '/visits', ready: 'main h1' },
  { path: '/notices', ready: 'main h1' },
  { path: '/staff', ready: '[data-testid^="staff-"]' },
  { path: '/reports', ready: 'main .MuiCard-root' },
  { path: '/settings', ready: 'main h1' },
  { path: '/audit', ready: 'main h1' },
];

/** How far the page and the shell's main area reach past their width (0 when nothing does). */
function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('main')!;
    const root = document.documentElement;
    return {
      page: root.scrollWidth - root.clientWidth,
      main: main.scrollWidth - main.clientWidth,
    };
  });
}

test('the main screens hold at 1366 and 1920 px and at 125 % and 150 % scaling', async ({
  app,
  core,
}) => {
  test.setTimeout(180_000);
  await setUpAndSignIn(app, core);
  unwrap(await core.invoke('cases:loadDemo', {}));
  // The shell opened on the empty list before the demo branch was loaded: read it afresh.
  await app.reload();

  for (const viewport of viewports) {
    await app.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const screen of screens) {
      await app.evaluate((path) => (window.location.hash = `#${path}`), screen.path);
      await expect(
        app.locator(screen.ready).first(),
        `${screen.path} at ${viewport.name}`,
      ).toBeVisible();
      // Let late data (lists, charts) settle before measuring; the pointer off the headers (a
      // hovered header shows its menu button, which shortens the title as designed).
      await app.mouse.move(1, viewport.height - 1);
      await app.waitForTimeout(300);
      expect(await sidewaysOverflow(app), `${screen.path} at ${viewport.name}`).toEqual({
        page: 0,
        main: 0,
      });

      if (screen.path === '/cases') {
        const grid = await app.evaluate(() => {
          const table = document.querySelector('table[role=grid]')!;
          const scroller = table.parentElement!;
          const box = scroller.getBoundingClientRect();
          const headers = [...table.querySelectorAll('th')];
          const last = headers.at(-1)!.getBoundingClientRect();
          return {
            // The list scrolls sideways when its columns are wider than it.
            scrollsSideways: scroller.scrollWidth > scroller.clientWidth,
            lastHeaderInside: last.right <= box.right + 0.5,
            cutTitles: headers
              .filter((th) => th.scrollWidth > th.clientWidth)
              .map((th) => th.textContent),
            // A name or a masked ID cut short with an ellipsis.
            cutCells: [...table.querySelectorAll('tbody tr:first-child td')]
              .slice(0, 2)
              .filter((td) => td.scrollWidth > td.clientWidth)
              .map((td) => td.textContent),
            columns: headers.length,
          };
        });
        expect(grid, `case list at ${viewport.name}`).toMatchObject({
          scrollsSideways: false,
          lastHeaderInside: true,
          cutTitles: [],
          cutCells: [],
        });
        // Narrow screens leave out the least needed columns, never who, how much or how late.
        expect(grid.columns).toBeGreaterThanOrEqual(6);
        for (const kept of [
          '姓名',
          '身份证号',
          '乡镇 / 村',
          '逾期总额（元）',
          '逾期天数',
          '标记',
        ]) {
          await expect(app.getByRole('columnheader', { name: kept })).toBeVisible();
        }
      }

      if (screen.path === '/staff') {
        const cut = await app.evaluate(() => {
          const card = document.querySelector('[data-testid^="staff-"]')!.closest('.MuiCard-root')!;
          const cardRight = card.getBoundingClientRect().right;
          const problems: string[] = [];
          for (const row of document.querySelectorAll('[data-testid^="staff-"]')) {
            const cell = row.lastElementChild!;
            const cellBox = cell.getBoundingClientRect();
            for (const button of cell.querySelectorAll('button')) {
              const b = button.getBoundingClientRect();
              if (b.right > cellBox.right + 0.5 || b.right > cardRight + 0.5 || b.top < cellBox.top)
                problems.push(
                  `${row.getAttribute('data-testid')}: ${button.getAttribute('aria-label')}`,
                );
            }
          }
          const table = card.querySelector('table')!;
          if (table.getBoundingClientRect().right > cardRight + 0.5) problems.push('table');
          return problems;
        });
        expect(cut, `staff actions at ${viewport.name}`).toEqual([]);
        await expect(app.getByRole('button', { name: '添加证书' }).first()).toBeVisible();
      }
    }
  }
});

/**
 * Motion follows the office PC's setting (Windows: "Show animations in Windows" off, which
 * Chromium reads as prefers-reduced-motion: reduce): buttons change colour without a
 * transition and dialogs appear without fading in. With the setting on, they animate as MUI
 * draws them. The other specs run with animations off (playwright.config.ts).
 */
test('motion follows the system’s reduce-motion setting', async ({ app, core }) => {
  await setUpAndSignIn(app, core);
  const button = app.getByRole('button', { name: '新建借款人' });
  const transition = () =>
    button.evaluate((el) => {
      const style = getComputedStyle(el);
      return { property: style.transitionProperty, duration: style.transitionDuration };
    });
  const openDialog = async () => {
    await button.click();
    const dialog = app.getByRole('dialog');
    await expect(dialog).toBeVisible();
    // MUI's Fade writes the backdrop's transition inline when the dialog opens.
    const fade = await app
      .locator('.MuiDialog-root .MuiBackdrop-root')
      .evaluate((el) => (el as HTMLElement).style.transition);
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    return fade;
  };

  await app.emulateMedia({ reducedMotion: 'no-preference' });
  const animated = await transition();
  expect(animated.property).toContain('background-color');
  expect(animated.duration.split(', ').some((d) => parseFloat(d) > 0)).toBe(true);
  expect(await openDialog()).toMatch(/opacity [1-9]\d*ms/);

  await app.emulateMedia({ reducedMotion: 'reduce' });
  expect(await transition()).toMatchObject({ property: 'none' });
  // A zero duration, which the browser leaves out when it reads the style back.
  expect(await openDialog()).not.toMatch(/[1-9]\d*m?s/);
});
