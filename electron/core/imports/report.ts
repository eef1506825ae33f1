import { translate } from '../../shared/messages';
import type { ImportProblem } from '../../shared/schemas/imports';
import { toCsv } from '../../shared/spreadsheet';
import { MORE_PROBLEMS } from './problem-list';

/** The closing entry of a bounded warning list (the count as detail). */
export const MORE_WARNINGS = 'v.import.moreWarnings';

/** The reason in one language; "and N more" carries its count. */
function reasonText(p: ImportProblem, lang: 'zh' | 'en'): string {
  const more = p.reason === MORE_PROBLEMS || p.reason === MORE_WARNINGS;
  if (!more || !p.detail) return translate(p.reason, lang);
  const n = Number(p.detail).toLocaleString('en-US');
  if (p.reason === MORE_WARNINGS) {
    return lang === 'zh' ? `另有 ${n} 条提醒未列出` : `and ${n} more warnings not listed`;
  }
  return lang === 'zh' ? `另有 ${n} 条问题未列出` : `and ${n} more problems not listed`;
}

export const SEVERITY_TEXT = { error: '错误 Error', warning: '提醒 Warning' } as const;

/**
 * The validation report as CSV for Excel: UTF-8 with BOM, every field quoted, text that could
 * run as a formula (a borrower name like =HYPERLINK(...) echoed back) neutralised. Each line
 * says whether it is an error (the row was rejected) or a warning (the row was imported, not
 * quite as the file said): errors first, then warnings, each by line. The reason is written in
 * both languages, so the file reads the same for whoever opens it.
 */
export function validationReportCsv(
  errors: readonly ImportProblem[],
  warnings: readonly ImportProblem[] = [],
): string {
  const line = (severity: keyof typeof SEVERITY_TEXT) => (p: ImportProblem) => [
    SEVERITY_TEXT[severity],
    p.line === 0 ? '' : p.line,
    p.column,
    reasonText(p, 'zh'),
    reasonText(p, 'en'),
    p.reason === MORE_PROBLEMS || p.reason === MORE_WARNINGS ? '' : (p.detail ?? ''),
  ];
  return toCsv([
    ['级别 Severity', '行号 Line', '列 Column', '原因', 'Reason', '详情 Detail'],
    ...errors.map(line('error')),
    ...warnings.map(line('warning')),
  ]);
}

/** A report file name that says what it is and when, e.g. `导入校验报告-cases-20260103.csv`. */
export function reportFileName(sourceFileName: string, day: string): string {
  const base = sourceFileName.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|\r\n\t]/g, '_');
  return `导入校验报告-${base.slice(0, 60)}-${day.replace(/-/g, '')}.csv`;
}
