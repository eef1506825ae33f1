import { translate } from '../../shared/messages';
import type { ImportProblem } from '../../shared/schemas/imports';
import { toCsv } from '../../shared/spreadsheet';
import { MORE_PROBLEMS } from './problem-list';

/** The reason in one language; "and N more" carries its count. */
function reasonText(p: ImportProblem, lang: 'zh' | 'en'): string {
  if (p.reason !== MORE_PROBLEMS || !p.detail) return translate(p.reason, lang);
  const n = Number(p.detail).toLocaleString('en-US');
  return lang === 'zh' ? `另有 ${n} 条问题未列出` : `and ${n} more problems not listed`;
}

/**
 * The validation report as CSV for Excel: UTF-8 with BOM, every field quoted, text that could
 * run as a formula (a borrower name like =HYPERLINK(...) echoed back) neutralised. The reason
 * is written in both languages, so the file reads the same for whoever opens it.
 */
export function validationReportCsv(problems: readonly ImportProblem[]): string {
  const rows = problems.map((p) => [
    p.line === 0 ? '' : p.line,
    p.column,
    reasonText(p, 'zh'),
    reasonText(p, 'en'),
    p.reason === MORE_PROBLEMS ? '' : (p.detail ?? ''),
  ]);
  return toCsv([['行号 Line', '列 Column', '原因', 'Reason', '详情 Detail'], ...rows]);
}

/** A report file name that says what it is and when, e.g. `导入校验报告-cases-20260103.csv`. */
export function reportFileName(sourceFileName: string, day: string): string {
  const base = sourceFileName.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|\r\n\t]/g, '_');
  return `导入校验报告-${base.slice(0, 60)}-${day.replace(/-/g, '')}.csv`;
}
