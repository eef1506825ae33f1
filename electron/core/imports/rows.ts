import type { CaseUpsertRow } from '../cases/upsert';
import {
  importFields,
  type ColumnMapping,
  type ImportField,
  type ImportFieldKind,
  type ImportProblem,
} from '../../shared/schemas/imports';
import { locateHeader, type HeaderLayout } from './headers';
import { HEADER_WINDOW_ROWS } from './limits';
import type { ProblemList } from './problem-list';
import { columnLetter, MAX_CELL_CHARS, type ReadProblem, type SourceRow } from './table';
import {
  Bad,
  isBlank,
  readAmount,
  readCode,
  readDate,
  readMobile,
  readResidentId,
  readText,
  readTier,
} from './values';
import type { LoanTier } from '../../shared/classification';

/**
 * One valid row of the import: a borrower and one of their loans (money in fen), in the shape
 * the cases feature's upsert takes, plus the line it came from.
 */
export interface CaseImportRow extends CaseUpsertRow {
  line: number;
}

/** Field positions in importFields, so a row's values live in a plain array. */
const at = Object.fromEntries(importFields.map((f, i) => [f.field, i])) as Record<
  ImportField,
  number
>;

type FieldValue = string | number | null;
type Cell = SourceRow['cells'][number];

function parseField(
  kind: ImportFieldKind,
  cell: Cell,
  max: number,
  today: string,
): string | number | Bad {
  switch (kind) {
    case 'idNumber':
      return readResidentId(cell, today);
    case 'mobile':
      return readMobile(cell);
    case 'amount':
      return readAmount(cell);
    case 'date':
      return readDate(cell);
    case 'code':
      return readCode(cell, max);
    case 'text':
      return readText(cell, max);
    case 'tier':
      return readTier(cell);
  }
}

const text = (v: FieldValue | undefined) => (v ?? '') as string;
const optional = (v: FieldValue | undefined) => (v ?? null) as string | null;
const fen = (v: FieldValue | undefined) => (v ?? 0) as number;

/**
 * Today in UTC: only for callers that check a file with no branch at hand (tests, tools).
 * The import itself always passes the branch's day (prepare.ts).
 */
const utcToday = () => new Date().toISOString().slice(0, 10);

/**
 * Checks every data row against the header layout: shape (ragged CSV rows, oversized cells,
 * cell errors), each field's format, and the relations between fields of one row. Problems
 * carry the line the user sees and the column's header.
 */
export class RowChecker {
  private readonly fieldColumns: {
    spec: (typeof importFields)[number];
    at: number;
    index: number;
  }[];
  private readonly headers: readonly string[];
  private readonly readProblems = new Map<number, ReadProblem[]>();

  /** `today` (the branch's, ISO) bounds birth dates in resident IDs, as the case form does. */
  constructor(
    private readonly layout: HeaderLayout,
    private readonly kind: 'csv' | 'xlsx',
    readProblems: ReadProblem[],
    private readonly today: string,
  ) {
    this.fieldColumns = importFields.flatMap((spec, fieldAt) => {
      const index = layout.columns.indexOf(spec.field);
      return index === -1 ? [] : [{ spec, at: fieldAt, index }];
    });
    this.headers = layout.headers.map((h, i) => h || columnLetter(i));
    for (const p of readProblems) {
      const list = this.readProblems.get(p.line) ?? [];
      list.push(p);
      this.readProblems.set(p.line, list);
    }
  }

  private columnName(index: number): string {
    return this.headers[index] ?? columnLetter(index);
  }

  /**
   * The row's values, or its problems. `readProblems` are those the reader found on the row,
   * when they come with it (a streamed CSV); otherwise the ones given to the constructor.
   */
  check(row: SourceRow, readProblems?: ReadProblem[]): CaseImportRow | ImportProblem[] {
    const problems: ImportProblem[] = [];
    const { line, cells } = row;
    readProblems ??= this.readProblems.size ? this.readProblems.get(line) : undefined;
    for (const p of readProblems ?? []) {
      // A cell error matters only in a column we read; a broken quote always does.
      if (p.columnIndex !== undefined && this.layout.columns[p.columnIndex] === null) continue;
      const column = p.columnIndex === undefined ? '' : this.columnName(p.columnIndex);
      problems.push({ line, column, reason: p.reason, ...(p.detail ? { detail: p.detail } : {}) });
    }
    const width = this.headers.length;
    if (this.kind === 'csv' && cells.length !== width) {
      const extraBlank = cells.length > width && cells.slice(width).every((c) => c === '');
      if (!extraBlank) {
        problems.push({
          line,
          column: '',
          reason: 'v.import.ragged',
          detail: `${cells.length}/${width}`,
        });
        return problems;
      }
    }
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
        problems.push({ line, column: this.columnName(i), reason: 'v.import.cellTooLong' });
      }
    }
    if (problems.length) return problems;

    const values: FieldValue[] = new Array<FieldValue>(importFields.length).fill(null);
    for (const { spec, at: fieldAt, index } of this.fieldColumns) {
      const cell = cells[index] ?? null;
      if (isBlank(cell)) {
        if (spec.required) {
          problems.push({ line, column: this.columnName(index), reason: 'v.required' });
        }
        continue;
      }
      const parsed = parseField(spec.kind, cell, spec.max, this.today);
      if (parsed instanceof Bad) {
        problems.push({ line, column: this.columnName(index), reason: parsed.reason });
      } else values[fieldAt] = parsed;
    }
    if (problems.length) return problems;
    const result = toRow(line, values);
    const relation = this.relationProblem(result);
    return relation ? [relation] : result;
  }

  private relationProblem(row: CaseImportRow): ImportProblem | null {
    const { line } = row;
    if (row.maturityOn !== null && row.maturityOn < row.disbursedOn) {
      return {
        line,
        column: this.columnFor('maturity_on'),
        reason: 'v.import.maturityBeforeDisbursed',
      };
    }
    if (row.outstandingPrincipalFen > row.principalFen) {
      return {
        line,
        column: this.columnFor('outstanding_principal'),
        reason: 'v.import.outstandingOverPrincipal',
      };
    }
    if (row.overduePrincipalFen > row.outstandingPrincipalFen) {
      return {
        line,
        column: this.columnFor('overdue_principal'),
        reason: 'v.import.overdueOverOutstanding',
      };
    }
    return null;
  }

  /** The header for a field (for problems found later, e.g. against the database). */
  columnFor(field: ImportField): string {
    const index = this.layout.columns.indexOf(field);
    return index === -1 ? field : this.columnName(index);
  }
}

function toRow(line: number, v: FieldValue[]): CaseImportRow {
  return {
    line,
    name: text(v[at.name]),
    idNumber: text(v[at.id_number]),
    mobile: optional(v[at.mobile]),
    province: text(v[at.province]),
    city: text(v[at.city]),
    county: text(v[at.county]),
    township: text(v[at.township]),
    village: text(v[at.village]),
    address: text(v[at.address]),
    loanNo: text(v[at.loan_no]),
    product: text(v[at.product]),
    principalFen: fen(v[at.principal]),
    disbursedOn: text(v[at.disbursed_on]),
    maturityOn: optional(v[at.maturity_on]),
    outstandingPrincipalFen: fen(v[at.outstanding_principal]),
    overduePrincipalFen: fen(v[at.overdue_principal]),
    overdueInterestFen: fen(v[at.overdue_interest]),
    penaltyFen: fen(v[at.penalty]),
    overdueSince: optional(v[at.overdue_since]),
    officer: optional(v[at.officer]) || null,
    lastPaidOn: optional(v[at.last_paid_on]),
    // An empty cell (or no such column) is "not said in this file": the loan keeps what an
    // earlier file said (cases/upsert.ts). Every loan on a bank's books has a tier, so a blank
    // is a gap in the export, never "no longer classified".
    classification: (v[at.classification] ?? null) as LoanTier | null,
  };
}

/**
 * Takes checked rows one at a time and adds what only the whole file shows: a loan number
 * twice, or one resident ID under two names. The later row is the one rejected. Only valid
 * rows are kept; problems go to a bounded list.
 */
export class RowCollector {
  readonly valid: CaseImportRow[] = [];
  /** Data rows looked at (valid + rejected). */
  total = 0;
  /** A count, not a set of lines: a million bad rows need no million-entry set. */
  rejected = 0;
  private readonly loans = new Map<string, number>();
  private readonly names = new Map<string, string>();

  constructor(
    readonly checker: RowChecker,
    private readonly problems: ProblemList,
  ) {}

  add(row: SourceRow, readProblems?: ReadProblem[]): void {
    this.total++;
    const outcome = this.checker.check(row, readProblems);
    if (Array.isArray(outcome)) {
      this.problems.push(...outcome);
      this.rejected++;
      return;
    }
    const firstLine = this.loans.get(outcome.loanNo);
    const knownName = this.names.get(outcome.idNumber);
    if (firstLine !== undefined) {
      this.reject({
        line: outcome.line,
        column: this.checker.columnFor('loan_no'),
        reason: 'v.import.duplicateLoan',
        detail: String(firstLine),
      });
    } else if (knownName !== undefined && knownName !== outcome.name) {
      this.reject({
        line: outcome.line,
        column: this.checker.columnFor('name'),
        reason: 'v.import.conflictingBorrower',
      });
    } else {
      this.loans.set(outcome.loanNo, outcome.line);
      this.names.set(outcome.idNumber, outcome.name);
      this.valid.push(outcome);
    }
  }

  private reject(problem: ImportProblem): void {
    this.problems.push(problem);
    this.rejected++;
  }
}

/** The header found in a file's first rows: its layout without the rows after it. */
export type HeaderInfo = Omit<HeaderLayout, 'dataRows'>;

/** A file checked as it was read (see FileCheck). */
export interface CheckedFile {
  layout: HeaderInfo;
  /** Data rows in the file. */
  total: number;
  /** Rows that passed every check of the file alone; none when the header is unusable. */
  valid: CaseImportRow[];
  /** Data rows rejected so far: every one when the header is unusable. */
  rejected: number;
  /** Null when the header is unusable. */
  checker: RowChecker | null;
  /** The first data rows as read, for a preview. */
  sample: SourceRow[];
}

/**
 * Checks a file's rows as they are read, so that memory follows the valid rows and a bounded
 * problem list, not the file: the first ten rows are held until the header is found among
 * them (the same ten headers.ts looks at, so the layout is the one the whole table gives),
 * then every row goes straight to the checker and a rejected one is dropped. When the header
 * itself is unusable (a column missing or twice), its problems are the file's and the data
 * rows are only counted, as rejected.
 */
export class FileCheck {
  private readonly window: { row: SourceRow; problems: ReadProblem[] | undefined }[] = [];
  private layout: HeaderInfo | null = null;
  private collector: RowCollector | null = null;
  private readonly sample: SourceRow[] = [];
  private dataRows = 0;

  /**
   * `sampleRows` data rows are kept as read (the preview's); `onProgress` hears the count of
   * data rows after every row (the caller throttles: progress.ts).
   */
  constructor(
    private readonly kind: 'csv' | 'xlsx',
    private readonly mapping: ColumnMapping | undefined,
    private readonly problems: ProblemList,
    private readonly sampleRows = 0,
    private readonly onProgress?: (done: number) => void,
    private readonly today: string = utcToday(),
  ) {}

  /** The next row of the file, with the problems the reader found on it. */
  add(row: SourceRow, readProblems?: ReadProblem[]): void {
    if (this.layout) {
      this.addData(row, readProblems);
      return;
    }
    this.window.push({ row, problems: readProblems });
    if (this.window.length === HEADER_WINDOW_ROWS) this.locate();
  }

  private locate(): void {
    const found = locateHeader(
      this.window.map((w) => w.row),
      this.mapping,
    );
    const { dataRows, ...layout } = found;
    this.layout = layout;
    this.problems.push(...layout.problems);
    if (!layout.problems.length) {
      this.collector = new RowCollector(
        new RowChecker(found, this.kind, [], this.today),
        this.problems,
      );
    }
    // The header's own row and any title rows above it are no data.
    const first = this.window.length - dataRows.length;
    for (const held of this.window.splice(0).slice(first)) this.addData(held.row, held.problems);
  }

  private addData(row: SourceRow, readProblems: ReadProblem[] | undefined): void {
    this.dataRows++;
    if (this.sample.length < this.sampleRows) this.sample.push(row);
    this.collector?.add(row, readProblems ?? []);
    this.onProgress?.(this.dataRows);
  }

  /** The whole file has been read. */
  finish(): CheckedFile {
    if (!this.layout) this.locate();
    const collector = this.collector;
    return {
      layout: this.layout!,
      total: this.dataRows,
      valid: collector?.valid ?? [],
      rejected: collector?.rejected ?? this.dataRows,
      checker: collector?.checker ?? null,
      sample: this.sample,
    };
  }
}
