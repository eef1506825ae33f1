import Papa from 'papaparse';
import type { ImportEncodingChoice } from '../../shared/schemas/imports';
import { decodeCsvBytes } from './encoding';
import type { ReadProblem, SourceRow, SourceTable } from './table';

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Counts line breaks in text[from, to), treating CRLF, LF and a lone CR each as one. */
function breaksBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/**
 * Parses decoded CSV text into rows with the line number each row starts on, as a text editor
 * shows it (a quoted cell may span lines). Blank lines are skipped; they are never data.
 */
export function parseCsvText(text: string): { rows: SourceRow[]; problems: ReadProblem[] } {
  const rows: SourceRow[] = [];
  const problems: ReadProblem[] = [];
  let line = 1;
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', '\t', ';'],
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const cells = result.data;
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes') {
          problems.push({ line, reason: 'v.import.unterminatedQuote' });
        }
      }
      if (!(cells.length === 1 && cells[0] === '')) rows.push({ line, cells });
      line += breaksBetween(text, rowStart, end);
      rowStart = end;
    },
  });
  return { rows, problems };
}

/** Reads CSV bytes: decodes them (see encoding.ts), refuses NULs, then parses. */
export function readCsv(bytes: Uint8Array, encoding: ImportEncodingChoice = 'auto'): SourceTable {
  const decoded = decodeCsvBytes(bytes, encoding);
  if (!decoded.ok) {
    return {
      ok: false,
      kind: 'csv',
      encoding: null,
      problem: { line: 0, column: '', reason: decoded.reason },
    };
  }
  const nul = decoded.text.indexOf('\0');
  if (nul !== -1) {
    // A NUL is never part of a text table; it means a binary or UTF-16 file was picked.
    return {
      ok: false,
      kind: 'csv',
      encoding: decoded.encoding,
      problem: { line: lineOf(decoded.text, nul), column: '', reason: 'v.import.nul' },
    };
  }
  const { rows, problems } = parseCsvText(decoded.text);
  return { ok: true, kind: 'csv', encoding: decoded.encoding, rows, problems };
}
