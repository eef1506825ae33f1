import { parseTier, type LoanTier } from '../../shared/classification';
import { checkResidentId, isValidMobile, normaliseMobile } from '../../shared/idcard';
import { parseYuanToFen } from '../../shared/money';
import { isCalendarDay, isYearInRange } from '../../shared/validation';
import type { SourceCell } from './table';

/**
 * Why a cell is not a value. Parsers return the value itself or one of these shared
 * instances: the import checks 100,000 rows × 20 cells, so a result object per cell would be
 * two million allocations for nothing.
 */
export class Bad {
  constructor(readonly reason: string) {}
}
const bad = {
  tooLong: new Bad('v.tooLong'),
  numberAsText: new Bad('v.import.numberAsText'),
  controlChars: new Bad('v.import.controlChars'),
  loanNo: new Bad('v.import.loanNo'),
  date: new Bad('v.import.date'),
  amount: new Bad('v.import.amount'),
  negative: new Bad('v.nonNegative'),
  mobile: new Bad('v.mobile'),
  idNumber: new Bad('v.idNumber'),
  idBirthDate: new Bad('v.import.idBirthDate'),
  tier: new Bad('v.import.tier'),
};

/**
 * Only ordinary, no-break and full-width spaces are trimmed: text is otherwise kept exactly
 * as written, including a leading = + - @ or tab (neutralised at export, never rewritten on
 * the way in).
 */
const edgeSpaces = /^[ \u3000\u00a0]+|[ \u3000\u00a0]+$/g;
const isSpace = (code: number) => code === 32 || code === 0x3000 || code === 0xa0;
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const innerSpace = /[\s\u3000]/;

function trimSpaces(text: string): string {
  const n = text.length;
  if (n === 0 || (!isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(n - 1)))) return text;
  return text.replace(edgeSpaces, '');
}

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
  if (typeof cell === 'string') return trimSpaces(cell);
  if (typeof cell === 'number') return String(cell);
  return isoFromDateCell(cell) ?? '';
}

const onlyWhitespace = /^[\s\u3000]*$/;

/** Empty, or nothing but whitespace (a lone tab is not a name). */
export function isBlank(cell: SourceCell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && onlyWhitespace.test(cell);
}

export function readText(cell: SourceCell, max: number): string | Bad {
  if (typeof cell === 'number' && Number.isInteger(cell) && !Number.isSafeInteger(cell)) {
    return bad.numberAsText;
  }
  const text = cellText(cell);
  if (text.length > max) return bad.tooLong;
  return controlChars.test(text) ? bad.controlChars : text;
}

/** Codes (loan numbers) are identifiers: no spaces or line breaks inside. */
export function readCode(cell: SourceCell, max: number): string | Bad {
  const text = readText(cell, max);
  return typeof text === 'string' && innerSpace.test(text) ? bad.loanNo : text;
}

/** A day of the calendar (the years a spreadsheet could mean; the branch's range is checked apart). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2200 && isCalendarDay(year, month, day);
}

const dateDash = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const dateHan = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in for serials after Feb 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A real day outside 2000–2099 is refused with its own reason: loans of these lenders are not
 * that old and none matures in the next century, so 1926 or 2126 is a typo, and the app's
 * schemas would refuse the stored date everywhere after.
 */
const dateOutOfRange = new Bad('v.import.dateRange');

/** 2026-10-03, 2026/10/03, 2026.10.3, 2026年10月3日, an XLSX date cell or a date serial. */
export function readDate(cell: SourceCell): string | Bad {
  if (cell instanceof Date || typeof cell === 'number') {
    // A date column formatted as a number in Excel shows the day serial.
    if (typeof cell === 'number' && (!Number.isInteger(cell) || cell < 1 || cell > 109_574)) {
      return bad.date;
    }
    const date = typeof cell === 'number' ? new Date(EXCEL_EPOCH_MS + cell * 86_400_000) : cell;
    if (Number.isNaN(date.getTime())) return bad.date;
    return isYearInRange(date.getUTCFullYear()) ? isoFromDateCell(date)! : dateOutOfRange;
  }
  const text = cellText(cell);
  // The ISO form is by far the most common: read it without a regular expression.
  if (text.length === 10 && isoDate.test(text)) {
    return checkedDay(
      Number(text.slice(0, 4)),
      Number(text.slice(5, 7)),
      Number(text.slice(8, 10)),
      text,
    );
  }
  const m = dateDash.exec(text) ?? dateHan.exec(text);
  if (!m) return bad.date;
  return checkedDay(Number(m[1]), Number(m[2]), Number(m[3]), null);
}

/** The day as ISO text (`iso` when the cell already was), or why it is not a branch date. */
function checkedDay(year: number, month: number, day: number, iso: string | null): string | Bad {
  if (!isRealDate(year, month, day)) return bad.date;
  if (!isYearInRange(year)) return dateOutOfRange;
  return iso ?? `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The common written forms ([¥￥]digits with optional thousands commas, up to two decimals)
 * in one pass, giving exactly what parseYuanToFen gives; anything else (spaces, 元, a minus,
 * a malformed amount) returns NaN and goes to parseYuanToFen, the one definition of an amount.
 */
export function quickFen(text: string): number {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 0xa5 || c === 0xffe5) i = 1;
  let whole = 0;
  let digits = 0;
  let group = -1; // digits since the last comma; -1 before any comma
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
      if (group >= 0) group++;
    } else if (c === 44) {
      if (group === -1 ? digits === 0 || digits > 3 : group !== 3) return NaN;
      group = 0;
    } else break;
  }
  if (digits === 0 || (group !== -1 && group !== 3)) return NaN;
  let fen = whole * 100;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return NaN;
    const d1 = text.charCodeAt(i + 1) - 48;
    if (!(d1 >= 0 && d1 <= 9)) return NaN;
    fen += d1 * 10;
    if (i + 2 < n) {
      const d2 = text.charCodeAt(i + 2) - 48;
      if (!(d2 >= 0 && d2 <= 9) || i + 3 < n) return NaN;
      fen += d2;
    }
  }
  return Number.isSafeInteger(fen) ? fen : NaN;
}

/** Amounts as people write them (see parseYuanToFen), never negative here. */
export function readAmount(cell: SourceCell): number | Bad {
  if (cell instanceof Date) return bad.amount;
  let fen: number | null;
  if (typeof cell === 'number') fen = parseYuanToFen(cell);
  else {
    const text = cellText(cell);
    fen = quickFen(text);
    if (Number.isNaN(fen)) fen = parseYuanToFen(text);
  }
  if (fen === null) return bad.amount;
  return fen < 0 ? bad.negative : fen;
}

/** The five-tier classification: 次级, Substandard, 3 (classification.ts `parseTier`). */
export function readTier(cell: SourceCell): LoanTier | Bad {
  if (cell instanceof Date) return bad.tier;
  return parseTier(typeof cell === 'number' ? cell : cellText(cell)) ?? bad.tier;
}

/** Mobile numbers: spaces and hyphens dropped, a +86 or 86 prefix removed; 1[3-9] + 9 digits. */
export function readMobile(cell: SourceCell): string | Bad {
  const digits = normaliseMobile(cellText(cell));
  return isValidMobile(digits) ? digits : bad.mobile;
}

/**
 * Resident IDs: a lowercase x is read as X; an ID stored as a number has lost its digits. The
 * check is the case form's (checkResidentId) against the branch's `today`: a birth date after
 * it, or more than 120 years before it, has its own reason.
 */
export function readResidentId(cell: SourceCell, today: string): string | Bad {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) return bad.numberAsText;
  const text = cellText(cell);
  const checked = checkResidentId(text, today);
  if (checked.ok) return checked.facts.idNumber;
  // Valid but for the day (a real date after today, or too long ago): say so.
  return checked.problem === 'birthDate' && checkResidentId(text).ok
    ? bad.idBirthDate
    : bad.idNumber;
}

/** A parsed value, or the message key saying why the cell is not one (for callers outside the hot loop). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function parsed<T>(value: T | Bad): Parsed<T> {
  return value instanceof Bad ? { ok: false, reason: value.reason } : { ok: true, value };
}

export const parseDate = (cell: SourceCell) => parsed(readDate(cell));
export const parseMobile = (cell: SourceCell) => parsed(readMobile(cell));
export const parseResidentId = (cell: SourceCell, today: string) =>
  parsed(readResidentId(cell, today));
