import type { ColumnMapping, ImportPreview, ImportProblem } from '../../shared/schemas/imports';
import { locateHeader } from './headers';
import { checkRows } from './rows';
import { columnLetter, type SourceTable } from './table';
import { cellText } from './values';

/**
 * What the import screen shows before anything is written: the detected encoding, which
 * column fills which field, the first rows as text, and every problem the file has.
 */
export function previewTable(
  table: SourceTable,
  mapping: ColumnMapping | undefined,
  rowCount: number,
): ImportPreview {
  if (!table.ok) {
    return {
      kind: table.kind,
      encoding: table.encoding,
      headerLine: 0,
      headers: [],
      columns: [],
      missingFields: [],
      rows: [],
      totalRows: 0,
      problems: [table.problem],
    };
  }
  const layout = locateHeader(table.rows, mapping);
  let problems: ImportProblem[] = [...layout.problems];
  let totalRows = layout.dataRows.length;
  if (layout.problems.length === 0) {
    const checked = checkRows(layout, table.kind, table.problems);
    problems = checked.problems;
    totalRows = checked.total;
  }
  if (totalRows === 0 && problems.length === 0) {
    problems.push({ line: 0, column: '', reason: 'v.import.empty' });
  }
  return {
    kind: table.kind,
    encoding: table.encoding,
    headerLine: layout.headerLine,
    headers: layout.headers.map((h, i) => h || columnLetter(i)),
    columns: layout.columns,
    missingFields: layout.missingFields,
    rows: layout.dataRows.slice(0, rowCount).map((r) => ({
      line: r.line,
      // Preview cells are shortened: the screen needs a glance, not a 50,000-character cell.
      cells: r.cells.map((c) => cellText(c).slice(0, 200)),
    })),
    totalRows,
    problems,
  };
}
