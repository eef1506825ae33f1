import type { Locator, Page } from '@playwright/test';

/**
 * Types a date, time or month into the MUI X field labelled `label` (a group of sections, not
 * an <input>), as a clerk does: click the first section, type the digits (2026-12-07 →
 * 20261207, 14:30 → 1430), leave with Tab.
 */
export async function typeInPicker(scope: Page | Locator, label: string, text: string) {
  const field = scope.getByRole('group', { name: label, exact: true });
  await field.getByRole('spinbutton').first().click();
  const page = 'keyboard' in scope ? scope : scope.page();
  await page.keyboard.type(text.replace(/\D/g, ''));
  await page.keyboard.press('Tab');
}
