import { checkResidentId, isValidMobile, normaliseMobile } from '../../shared/idcard';
import { parseYuanToFen } from '../../shared/money';
import type { SourceCell } from './table';

/** A parsed value, or the message key saying why the cell is not one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

/**
 * Only ordinary and full-width spaces are trimmed: text is otherwise kept exactly as written,
 * including a leading = + - @ or tab (neutralised at export, never rewritten on the way in).
 */
const edgeSpaces = /^[ \u3000\u00a0]+|[ \u3000\u00a0]+$/g;
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A calendar date from a Date cell (exceljs gives midnight UTC of the day Excel shows). */
function isoFromDateCell(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** The cell as text the way the user sees it; numbers keep their digits, dates become ISO. */
export function cellText(cell: SourceCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.replace(edgeSpaces, '');
  if (typeof cell === 'number') return String(cell);
  return isoFromDateCell(cell) ?? '';
}

export function isBlank(cell: SourceCell | undefined): boolean {
  return (
    cell === null ||
    cell === undefined ||
    (typeof cell === 'string' && cell.replace(edgeSpaces, '') === '')
  );
}

export function parseText(cell: SourceCell, max: number): Parsed<string> {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell) && Number.isInteger(cell)) {
    return bad('v.import.numberAsText');
  }
  const text = cellText(cell);
  if (text.length > max) return bad('v.tooLong');
  if (controlChars.test(text)) return bad('v.import.controlChars');
  return good(text);
}

/** Codes (loan numbers) are identifiers: no spaces or line breaks inside. */
export function parseCode(cell: SourceCell, max: number): Parsed<string> {
  const text = parseText(cell, max);
  if (!text.ok) return text;
  return /[\s\u3000]/.test(text.value) ? bad('v.import.loanNo') : text;
}

const dateDash = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const dateHan = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in for serials after Feb 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** 2026-10-03, 2026/10/03, 2026.10.3, 2026年10月3日, an XLSX date cell or a date serial. */
export function parseDate(cell: SourceCell): Parsed<string> {
  if (cell instanceof Date) {
    const iso = isoFromDateCell(cell);
    return iso ? good(iso) : bad('v.import.date');
  }
  if (typeof cell === 'number') {
    // A date column formatted as a number in Excel shows the day serial.
    if (!Number.isInteger(cell) || cell < 1 || cell > 109_574) return bad('v.import.date');
    return good(isoFromDateCell(new Date(EXCEL_EPOCH_MS + cell * 86_400_000))!);
  }
  const text = cellText(cell);
  const m = dateDash.exec(text) ?? dateHan.exec(text);
  if (!m) return bad('v.import.date');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return bad('v.import.date');
  return good(`${year}-${pad2(month)}-${pad2(day)}`);
}

/** Amounts as people write them (see parseYuanToFen), never negative here. */
export function parseAmount(cell: SourceCell): Parsed<number> {
  if (cell instanceof Date) return bad('v.import.amount');
  const fen = parseYuanToFen(typeof cell === 'number' ? cell : cellText(cell));
  if (fen === null) return bad('v.import.amount');
  return fen < 0 ? bad('v.nonNegative') : good(fen);
}

/** Mobile numbers: spaces and hyphens dropped, a +86 or 86 prefix removed; 1[3-9] + 9 digits. */
export function parseMobile(cell: SourceCell): Parsed<string> {
  const digits = normaliseMobile(cellText(cell));
  return isValidMobile(digits) ? good(digits) : bad('v.mobile');
}

/** Resident IDs: a lowercase x is read as X; an ID stored as a number has lost its digits. */
export function parseResidentId(cell: SourceCell): Parsed<string> {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) return bad('v.import.numberAsText');
  const checked = checkResidentId(cellText(cell));
  return checked.ok ? good(checked.facts.idNumber) : bad('v.idNumber');
}
