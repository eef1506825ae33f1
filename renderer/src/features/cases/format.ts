import { formatFen } from '../../../../electron/shared/money';

/** Yuan with two decimals and the sign, e.g. ¥12,345.67 (money travels as integer fen). */
export function yuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}

/** Fen → the yuan text a form field shows ("" for none). */
export function fenToInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '' : formatFen(fen).replace(/,/g, '');
}

/** A date or date-time from the core as the reader expects it; a bare date stays a date. */
export function formatWhen(value: string | null, language: string): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Only the date part, for narrow columns. */
export function formatDay(value: string | null): string {
  return value ? value.slice(0, 10) : '';
}
