import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/**
 * The MUI X date and time fields as a test drives them: a group named by the label, one
 * spin button per section (year, month, day; hours, minutes), typed on the keyboard.
 */
export function pickerField(label: string | RegExp, container?: HTMLElement): HTMLElement {
  return (container ? within(container) : screen).getByRole('group', { name: label });
}

/** What the field shows, e.g. 2026-12-07, 14:30, 2026年12月, or YYYY-MM-DD while empty. */
export function pickerText(field: HTMLElement): string {
  return field.querySelector('.MuiPickersSectionList-root')?.textContent ?? '';
}

/**
 * Types into the field from its first section, as a clerk does: the digits fill the sections
 * in turn, replacing what they held; then leaves the field.
 */
export async function typeInPicker(user: UserEvent, field: HTMLElement, keys: string) {
  await user.click(within(field).getAllByRole('spinbutton')[0]!);
  await user.keyboard(keys);
  await user.tab();
}

/** Empties the field from the keyboard: select every section, delete. */
export async function clearPicker(user: UserEvent, field: HTMLElement) {
  await user.click(within(field).getAllByRole('spinbutton')[0]!);
  await user.keyboard('{Control>}a{/Control}{Backspace}');
  await user.tab();
}
