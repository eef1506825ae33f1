import { importFields, type ImportField, type ImportProblem } from '../../shared/schemas/imports';
import type { HeaderLayout } from './headers';
import { columnLetter, MAX_CELL_CHARS, type ReadProblem, type SourceRow } from './table';
import {
  isBlank,
  parseAmount,
  parseCode,
  parseDate,
  parseMobile,
  parseResidentId,
  parseText,
  type Parsed,
} from './values';

/** One valid row of the import: a borrower and one of their loans. Money in fen. */
export interface CaseImportRow {
  line: number;
  name: string;
  idNumber: string;
  mobile: string | null;
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
  address: string;
  loanNo: string;
  product: string;
  principalFen: number;
  disbursedOn: string;
  maturityOn: string | null;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  penaltyFen: number;
  overdueSince: string | null;
  /** Staff number or name as written; resolved against the staff table when importing. */
  officer: string | null;
}

export interface CheckedRows {
  valid: CaseImportRow[];
  /** Every data row that was looked at (valid + rejected). */
  total: number;
  rejectedLines: Set<number>;
  problems: ImportProblem[];
}

type FieldValues = Partial<Record<ImportField, string | number | null>>;

function parseField(
  kind: (typeof importFields)[number]['kind'],
  cell: Parameters<typeof parseText>[0],
  max: number,
): Parsed<string | number> {
  switch (kind) {
    case 'idNumber':
      return parseResidentId(cell);
    case 'mobile':
      return parseMobile(cell);
    case 'amount':
      return parseAmount(cell);
    case 'date':
      return parseDate(cell);
    case 'code':
      return parseCode(cell, max);
    case 'text':
      return parseText(cell, max);
  }
}

/**
 * Checks every data row against the header layout: shape (ragged CSV rows, oversized cells,
 * cell errors), each field's format, and the relations between fields of one row. Problems
 * carry the line the user sees and the column's header.
 */
export class RowChecker {
  private readonly fieldColumns: { spec: (typeof importFields)[number]; index: number }[];
  private readonly columnName: (index: number) => string;
  private readonly readProblems = new Map<number, ReadProblem[]>();

  constructor(
    private readonly layout: HeaderLayout,
    private readonly kind: 'csv' | 'xlsx',
    readProblems: ReadProblem[],
  ) {
    this.fieldColumns = importFields.flatMap((spec) => {
      const index = layout.columns.indexOf(spec.field);
      return index === -1 ? [] : [{ spec, index }];
    });
    this.columnName = (i) => layout.headers[i] || columnLetter(i);
    for (const p of readProblems) {
      const list = this.readProblems.get(p.line) ?? [];
      list.push(p);
      this.readProblems.set(p.line, list);
    }
  }

  /** The row's values, or its problems. */
  check(row: SourceRow): { row: CaseImportRow } | { problems: ImportProblem[] } {
    const problems: ImportProblem[] = [];
    const { line, cells } = row;
    for (const p of this.readProblems.get(line) ?? []) {
      // A cell error matters only in a column we read; a broken quote always does.
      if (p.columnIndex !== undefined && this.layout.columns[p.columnIndex] === null) continue;
      const column = p.columnIndex === undefined ? '' : this.columnName(p.columnIndex);
      problems.push({ line, column, reason: p.reason, ...(p.detail ? { detail: p.detail } : {}) });
    }
    const width = this.layout.headers.length;
    if (this.kind === 'csv' && cells.length !== width) {
      const extraBlank = cells.length > width && cells.slice(width).every((c) => c === '');
      if (!extraBlank) {
        problems.push({
          line,
          column: '',
          reason: 'v.import.ragged',
          detail: `${cells.length}/${width}`,
        });
        return { problems };
      }
    }
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
        problems.push({ line, column: this.columnName(i), reason: 'v.import.cellTooLong' });
      }
    }
    if (problems.length) return { problems };

    const values: FieldValues = {};
    for (const { spec, index } of this.fieldColumns) {
      const cell = cells[index] ?? null;
      if (isBlank(cell)) {
        if (spec.required)
          problems.push({ line, column: this.columnName(index), reason: 'v.required' });
        values[spec.field] = null;
        continue;
      }
      const parsed = parseField(spec.kind, cell, spec.max);
      if (parsed.ok) values[spec.field] = parsed.value;
      else problems.push({ line, column: this.columnName(index), reason: parsed.reason });
    }
    if (problems.length) return { problems };
    const result = this.toRow(line, values);
    const relation = this.relationProblem(result);
    return relation ? { problems: [relation] } : { row: result };
  }

  private header(field: ImportField): string {
    const index = this.layout.columns.indexOf(field);
    return index === -1 ? field : this.columnName(index);
  }

  private relationProblem(row: CaseImportRow): ImportProblem | null {
    const { line } = row;
    if (row.maturityOn !== null && row.maturityOn < row.disbursedOn) {
      return {
        line,
        column: this.header('maturity_on'),
        reason: 'v.import.maturityBeforeDisbursed',
      };
    }
    if (row.outstandingPrincipalFen > row.principalFen) {
      return {
        line,
        column: this.header('outstanding_principal'),
        reason: 'v.import.outstandingOverPrincipal',
      };
    }
    if (row.overduePrincipalFen > row.outstandingPrincipalFen) {
      return {
        line,
        column: this.header('overdue_principal'),
        reason: 'v.import.overdueOverOutstanding',
      };
    }
    return null;
  }

  private toRow(line: number, v: FieldValues): CaseImportRow {
    const text = (f: ImportField) => (v[f] as string | null | undefined) ?? '';
    const optional = (f: ImportField) => (v[f] as string | null | undefined) ?? null;
    const fen = (f: ImportField) => (v[f] as number | null | undefined) ?? 0;
    return {
      line,
      name: text('name'),
      idNumber: text('id_number'),
      mobile: optional('mobile'),
      province: text('province'),
      city: text('city'),
      county: text('county'),
      township: text('township'),
      village: text('village'),
      address: text('address'),
      loanNo: text('loan_no'),
      product: text('product'),
      principalFen: fen('principal'),
      disbursedOn: text('disbursed_on'),
      maturityOn: optional('maturity_on'),
      outstandingPrincipalFen: fen('outstanding_principal'),
      overduePrincipalFen: fen('overdue_principal'),
      overdueInterestFen: fen('overdue_interest'),
      penaltyFen: fen('penalty'),
      overdueSince: optional('overdue_since'),
      officer: optional('officer') || null,
    };
  }

  /** The header for a field (for problems found later, e.g. against the database). */
  columnFor(field: ImportField): string {
    return this.header(field);
  }
}

/**
 * Checks all rows, then what only the whole file shows: a loan number twice, or one resident
 * ID under two names. The later row is the one rejected.
 */
export function checkRows(
  layout: HeaderLayout,
  kind: 'csv' | 'xlsx',
  readProblems: ReadProblem[],
  onProgress?: (done: number, total: number) => void,
): CheckedRows & { checker: RowChecker } {
  const checker = new RowChecker(layout, kind, readProblems);
  const valid: CaseImportRow[] = [];
  const problems: ImportProblem[] = [];
  const rejectedLines = new Set<number>();
  const loans = new Map<string, number>();
  const names = new Map<string, string>();
  const rows = layout.dataRows;
  for (let i = 0; i < rows.length; i++) {
    const outcome = checker.check(rows[i]!);
    if ('problems' in outcome) {
      problems.push(...outcome.problems);
      rejectedLines.add(rows[i]!.line);
    } else {
      const row = outcome.row;
      const firstLine = loans.get(row.loanNo);
      const knownName = names.get(row.idNumber);
      if (firstLine !== undefined) {
        problems.push({
          line: row.line,
          column: checker.columnFor('loan_no'),
          reason: 'v.import.duplicateLoan',
          detail: String(firstLine),
        });
        rejectedLines.add(row.line);
      } else if (knownName !== undefined && knownName !== row.name) {
        problems.push({
          line: row.line,
          column: checker.columnFor('name'),
          reason: 'v.import.conflictingBorrower',
        });
        rejectedLines.add(row.line);
      } else {
        loans.set(row.loanNo, row.line);
        names.set(row.idNumber, row.name);
        valid.push(row);
      }
    }
    if (onProgress && i % 5000 === 0) onProgress(i, rows.length);
  }
  return { valid, total: rows.length, rejectedLines, problems, checker };
}
