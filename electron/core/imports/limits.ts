/**
 * Bounds that keep a malformed or hostile import file from eating the PC's memory. None of
 * them is near a real head-office file: they only decide how soon a broken one is refused.
 */

/** A CSV row longer than this (in characters) is no table row: the file is refused there. */
export const MAX_CSV_ROW_CHARS = 1024 * 1024;

/** The header is looked for in the first rows (headers.ts looks at the same ten). */
export const HEADER_WINDOW_ROWS = 10;

/** Problems kept for the report; the rest are counted in one closing "and N more" entry. */
export const MAX_REPORTED_PROBLEMS = 1000;

/** An XLSX may unpack to at most this much in all (its XML is what the reader holds). */
export const MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * Real workbooks compress about 5–20:1; XML of one repeated byte compresses 1000:1. An entry
 * this large that packs tighter than the ratio is a bomb, whatever its declared size.
 */
export const MAX_XLSX_RATIO = 100;
export const XLSX_RATIO_CHECK_FROM_BYTES = 1024 * 1024;
