/**
 * Text a spreadsheet would run as a formula (OWASP CSV injection): a cell starting with
 * = + - @, tab, CR or LF. Such text is stored unchanged and neutralised at every export by a
 * leading apostrophe, which Excel and LibreOffice show as plain text.
 */
const formulaStart = /^[=+\-@\t\r\n]/;

export function isFormulaLike(text: string): boolean {
  return formulaStart.test(text);
}

export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

type Cell = string | number | boolean | null | undefined;

/** One CSV field: neutralised if text, always quoted, quotes doubled. Numbers stay numbers. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === 'number' || typeof value === 'boolean') return `"${String(value)}"`;
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}

/** CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, every field quoted. */
export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
