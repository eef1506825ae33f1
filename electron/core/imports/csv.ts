import Papa from 'papaparse';
import type { ImportEncodingChoice } from '../../shared/schemas/imports';
import { decodePieces, decodesCleanly, planDecoding, UndecodableText } from './encoding';
import { headerKey } from './headers';
import { HEADER_WINDOW_ROWS, MAX_CSV_ROW_CHARS } from './limits';
import type { ReadProblem, SourceRow, SourceTable } from './table';

/** Characters read before the delimiter and line break are guessed (Papa looks at 1 MB too). */
const GUESS_CHARS = 1024 * 1024;

/**
 * Bytes decoded at a time. A piece and the text Papa parses with it stay under V8's large-object
 * size (128 KB, even as two-byte text), so they die young instead of piling up in the old
 * generation until a full collection: 45 MB less at the peak for a 27 MB file, and faster.
 */
const PIECE_BYTES = 32 * 1024;

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

/** Could this row name columns? A header needs at least two cells with some text. */
function couldBeHeader(cells: string[]): boolean {
  let named = 0;
  for (const cell of cells) {
    if (headerKey(cell.trim().slice(0, 100)) !== '' && ++named >= 2) return true;
  }
  return false;
}

/** Why reading stopped early: one problem for the whole file instead of one per row. */
export interface CsvRefusal {
  line: number;
  reason: 'v.import.rowTooLong' | 'v.import.noHeader';
}

export type ParsedCsv =
  { ok: true; rows: SourceRow[]; problems: ReadProblem[] } | { ok: false; refusal: CsvRefusal };

/**
 * Takes each row as it is read, with the problems found on it (an unterminated quote), in
 * place of the parse keeping them: the rows and problems of the result are then empty, and
 * memory follows what the receiver keeps. On a refusal, rows already handed over are void.
 */
export type CsvRowReceiver = (row: SourceRow, problems: ReadProblem[]) => void;

/**
 * Parses decoded CSV text, given in pieces, into rows with the line number each row starts on,
 * as a text editor shows it (a quoted cell may span lines). Blank lines are skipped; they are
 * never data. Papa's own parser does the work, fed one piece at a time as its streaming mode
 * does (a row split between pieces is parsed again with the next piece), so the rows are the
 * ones a whole-text parse gives. Reading stops early, with one problem, at a row longer than
 * MAX_CSV_ROW_CHARS, or when none of the first ten rows could be a header.
 */
export function parseCsvPieces(pieces: Iterable<string>, receive?: CsvRowReceiver): ParsedCsv {
  const rows: SourceRow[] = [];
  let rowCount = 0;
  const problems: ReadProblem[] = [];
  // Rows of nothing but delimiters are common at the end of Excel exports: one array each.
  const blankRows = new Map<number, string[]>();
  let line = 1;
  let rowStart = 0;
  let headerSeen = false;
  let refusal: CsvRefusal | null = null;

  let aggregate = '';
  let base = 0;
  let config: { delimiter: string; newline: Papa.ParseConfig['newline'] } | null = null;
  let parser: Papa.Parser | null = null;

  // Papa's Parser (unlike Papa.parse) hands each step the row wrapped in an array.
  const onRow = (result: { data: string[][]; errors: Papa.ParseError[]; meta: Papa.ParseMeta }) => {
    const end = result.meta.cursor;
    const cells = result.data[0] ?? [''];
    const found: ReadProblem[] = [];
    for (const error of result.errors) {
      if (error.code === 'MissingQuotes') {
        found.push({ line, reason: 'v.import.unterminatedQuote' });
      }
    }
    // Kept by line for the checker, or handed over with the row. One on a blank line is
    // never reported either way: no row has its line.
    if (!receive) problems.push(...found);
    if (!(cells.length === 1 && cells[0] === '')) {
      let row: SourceRow;
      if (cells.every((c) => c === '')) {
        const shared = blankRows.get(cells.length) ?? cells;
        blankRows.set(cells.length, shared);
        row = { line, cells: shared };
      } else {
        row = { line, cells };
      }
      rowCount++;
      if (!headerSeen && rowCount <= HEADER_WINDOW_ROWS) headerSeen = couldBeHeader(cells);
      if (!headerSeen && rowCount > HEADER_WINDOW_ROWS) {
        // headers.ts looks for the header in the first ten rows; without one, every row of
        // the file would be refused anyway. Say so once.
        refusal = { line: 0, reason: 'v.import.noHeader' };
        parser?.abort();
      } else if (receive) {
        receive(row, found);
      } else {
        rows.push(row);
      }
    }
    line += breaksBetween(aggregate, rowStart - base, end - base);
    rowStart = end;
  };

  const parse = (last: boolean) => {
    if (!config) {
      // Papa guesses the line break from the first 1 MB and the delimiter from the first ten
      // rows; both lie in this prefix, so the guess is the one a whole-text parse makes.
      const guess = Papa.parse<string[]>(aggregate, {
        delimitersToGuess: [',', '\t', ';'],
        preview: 1,
      }).meta;
      config = {
        delimiter: guess.delimiter,
        newline: guess.linebreak as Papa.ParseConfig['newline'],
      };
    }
    parser = new Papa.Parser({ ...config, step: onRow as never });
    const result = parser.parse(aggregate, base, !last) as Papa.ParseResult<string[]>;
    if (refusal || last) return;
    const cursor = result.meta.cursor;
    aggregate = aggregate.slice(cursor - base);
    base = cursor;
    if (aggregate.length > MAX_CSV_ROW_CHARS) refusal = { line, reason: 'v.import.rowTooLong' };
  };

  for (const piece of pieces) {
    aggregate += piece;
    if (!config && aggregate.length < GUESS_CHARS) continue;
    parse(false);
    if (refusal) return { ok: false, refusal };
  }
  if (aggregate || config) parse(true);
  if (refusal) return { ok: false, refusal };
  return { ok: true, rows, problems };
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

const refused = (encoding: SourceTable['encoding'], line: number, reason: string): SourceTable => ({
  ok: false,
  kind: 'csv',
  encoding,
  problem: { line, column: '', reason },
});

/**
 * Reads CSV bytes: chooses the decoding (see encoding.ts), refuses NULs, then decodes and
 * parses piece by piece, so memory follows the rows kept, not the size of the file. With a
 * receiver, each row goes to it as it is read and the table's rows stay empty.
 */
export function readCsv(
  bytes: Uint8Array,
  encoding: ImportEncodingChoice = 'auto',
  receive?: CsvRowReceiver,
): SourceTable {
  const plan = planDecoding(bytes, encoding);
  if (!plan.ok) return refused(null, 0, plan.reason);
  const body = bytes.subarray(plan.skip);
  const nul = body.indexOf(0);
  if (nul !== -1) {
    // A NUL is never part of a text table; it means a binary or UTF-16 file was picked. In
    // UTF-8 and GB18030 a zero byte is always U+0000 and 0x0A always a line feed, so bytes
    // give the line; a file that does not decode at all is named as such first.
    const decodes = plan.encoding === 'utf8' || decodesCleanly(plan.label, body);
    return decodes
      ? refused(plan.encoding, lineOfByte(body, nul), 'v.import.nul')
      : refused(null, 0, 'v.import.notText');
  }
  try {
    const parsed = parseCsvPieces(decodePieces(plan.label, body, PIECE_BYTES), receive);
    if (!parsed.ok) return refused(plan.encoding, parsed.refusal.line, parsed.refusal.reason);
    return {
      ok: true,
      kind: 'csv',
      encoding: plan.encoding,
      rows: parsed.rows,
      problems: parsed.problems,
    };
  } catch (error) {
    if (error instanceof UndecodableText) return refused(null, 0, 'v.import.notText');
    throw error;
  }
}
