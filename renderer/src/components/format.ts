import { formatFen } from '../../../../electron/shared/money';

/** Yuan with two decimals and the sign, e.g. ¥12,345.67 (money travels as integer fen). */
export function yuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}

/**
 * A date or date-time from the core as "2026-06-17 15:22" (local time), the same in both
 * languages; a bare date stays a date.
 */
export function formatWhen(value: string | null, { seconds = false } = {}): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${time}${seconds ? `:${two(date.getSeconds())}` : ''}`;
}

/** Only the date part, for narrow columns. */
export function formatDay(value: string | null): string {
  return value ? value.slice(0, 10) : '';
}
