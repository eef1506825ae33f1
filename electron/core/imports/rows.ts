import type { CaseUpsertRow } from '../cases/upsert';
import {
  importFields,
  type ImportField,
  type ImportFieldKind,
  type ImportProblem,
} from '../../shared/schemas/imports';
import type { HeaderLayout } from './headers';
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
} from './values';

/**
 * One valid row of the import: a borrower and one of their loans (money in fen), in the shape
 * the cases feature's upsert takes, plus the line it came from.
 */
export interface CaseImportRow extends CaseUpsertRow {
  line: number;
}

export interface CheckedRows {
  valid: CaseImportRow[];
  /** Every data row that was looked at (valid + rejected). */
  total: number;
  rejectedLines: Set<number>;
  problems: ImportProblem[];
}

/** Field positions in importFields, so a row's values live in a plain array. */
const at = Object.fromEntries(importFields.map((f, i) => [f.field, i])) as Record<
  ImportField,
  number
>;

type FieldValue = string | number | null;
type Cell = SourceRow['cells'][number];

function parseField(kind: ImportFieldKind, cell: Cell, max: number): string | number | Bad {
  switch (kind) {
    case 'idNumber':
      return readResidentId(cell);
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
  }
}

const text = (v: FieldValue | undefined) => (v ?? '') as string;
const optional = (v: FieldValue | undefined) => (v ?? null) as string | null;
const fen = (v: FieldValue | undefined) => (v ?? 0) as number;

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

  constructor(
    private readonly layout: HeaderLayout,
    private readonly kind: 'csv' | 'xlsx',
    readProblems: ReadProblem[],
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

  /** The row's values, or its problems. */
  check(row: SourceRow): CaseImportRow | ImportProblem[] {
    const problems: ImportProblem[] = [];
    const { line, cells } = row;
    const readProblems = this.readProblems.size ? this.readProblems.get(line) : undefined;
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
      const parsed = parseField(spec.kind, cell, spec.max);
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
  };
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
    if (Array.isArray(outcome)) {
      problems.push(...outcome);
      rejectedLines.add(rows[i]!.line);
    } else {
      const row = outcome;
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
