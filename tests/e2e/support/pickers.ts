import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Types a date, time or month into the MUI X field labelled `label` (a group of sections, not
 * an <input>), as a clerk does: click the first section, type the digits (2026-12-07 →
 * 20261207, 14:30 → 1430), leave with Tab.
 *
 * The field selects the clicked section a moment after the click; on a loaded machine the first
 * digits could arrive before that and land on the whole field, leaving `YYYY-MM-08`. So the
 * first section must have the focus before typing, and the field must show the digits typed
 * (in whatever order its sections are, e.g. March 2026 for 032026) before leaving it; a field
 * that does not is typed into again, a few times at most.
 */
export async function typeInPicker(scope: Page | Locator, label: string, text: string) {
  const field = scope.getByRole('group', { name: label, exact: true });
  const first = field.getByRole('spinbutton').first();
  const page = 'keyboard' in scope ? scope : scope.page();
  const digits = text.replace(/\D/g, '');
  for (let attempt = 1; ; attempt++) {
    await first.click();
    await expect(first).toBeFocused();
    await page.keyboard.type(digits);
    const shown = await field.getByRole('spinbutton').allInnerTexts();
    // A month shown by name (March) cannot be compared digit for digit.
    const named = shown.some((section) => /^[A-Z][a-z]+$/.test(section.trim()));
    if (named || shown.join('').replace(/\D/g, '') === digits || attempt === 3) break;
  }
  await page.keyboard.press('Tab');
}
