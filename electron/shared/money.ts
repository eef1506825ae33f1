/** Money is integer fen (分) everywhere; yuan with two decimals only at the edges. */

/** 123456 → "1,234.56" (no currency sign). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** 123456 → "¥1,234.56". */
export function formatYuan(fen: number): string {
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

/**
 * Parses an amount as people and spreadsheets write it: 1234.5, 1,234.50, ¥1,234.50 or
 * ￥1,234.50 (the full-width sign Excel uses in GBK files), optional spaces and a trailing 元.
 * Returns integer fen, or null when the text is not an amount (more than 2 decimals, letters…).
 */
export function parseYuanToFen(text: string | number): number | null {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return null;
    const fen = Math.round(text * 100);
    return Math.abs(text * 100 - fen) < 1e-6 && Number.isSafeInteger(fen) ? fen : null;
  }
  const cleaned = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
    .trim();
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(cleaned)) return null;
  const negative = cleaned.startsWith('-');
  const [whole, decimals = ''] = cleaned.replace(/^-/, '').replace(/,/g, '').split('.');
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return negative ? -fen : fen;
}
