import { defineText } from '../i18n/define';

/**
 * Texts of the date and time fields (components/DateField.tsx) beyond the pickers' own locale
 * texts: an entry that is no whole date or time, and one outside the field's bounds.
 */
export const dateFieldText = defineText(
  {
    'dateField.invalid.date': '不是完整、有效的日期（如 2026-12-07）',
    'dateField.invalid.time': '不是完整、有效的时间（24 小时制，如 14:30）',
    'dateField.invalid.month': '不是完整、有效的月份（如 2026年12月）',
    'dateField.invalid.dateTime': '不是完整、有效的日期和时间（如 2026-12-07 14:30）',
    'dateField.min': '不得早于 {{limit}}',
    'dateField.max': '不得晚于 {{limit}}',
  },
  {
    'dateField.invalid.date': 'Not a whole, real date (e.g. 2026-12-07)',
    'dateField.invalid.time': 'Not a whole, real time (24-hour, e.g. 14:30)',
    'dateField.invalid.month': 'Not a whole, real month (e.g. December 2026)',
    'dateField.invalid.dateTime': 'Not a whole, real date and time (e.g. 2026-12-07 14:30)',
    'dateField.min': 'Must not be before {{limit}}',
    'dateField.max': 'Must not be after {{limit}}',
  },
);
