import { z } from 'zod';
import { isoDate, localDateTime } from '../validation';
import { documentLangSchema, letterheadSchema } from './notices';
import { month, summaryOutput } from './reports';

/**
 * The monthly branch summary as a print document (月度汇总报告): what `reports:summary`
 * answers for the month (frozen figures of a standing close, live ones otherwise, with every
 * definition), the branch's letterhead, and when and by whom it was printed, in branch time.
 * It names officers, never borrowers, so it is not numbered or logged like a notice.
 */
export const monthlyReportData = z.object({
  kind: z.literal('monthlyReport'),
  lang: documentLangSchema,
  month,
  /** The report has no print-log number; the key a print route lists documents by. */
  referenceNo: z.literal(''),
  issueDate: isoDate,
  /** YYYY-MM-DDTHH:MM in the branch's time zone. */
  printedAt: localDateTime,
  printedBy: z.object({ name: z.string(), staffNo: z.string() }),
  letterhead: letterheadSchema,
  summary: summaryOutput,
  /** The close's and the checkpoint's instants as branch wall-clock times (YYYY-MM-DDTHH:MM). */
  closedAtLocal: localDateTime.nullable(),
  checkpointAtLocal: localDateTime.nullable(),
});
export type MonthlyReportData = z.infer<typeof monthlyReportData>;

export const monthlyReportRequest = z.object({ month, lang: documentLangSchema.default('zh') });

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2026-05 → 2026年5月 / May 2026: how a month is named on paper, in the workbook and on screen. */
export function monthLabel(month: string, lang: 'zh' | 'en'): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return lang === 'zh' ? `${year}年${m}月` : `${MONTH_NAMES[m - 1]} ${year}`;
}
