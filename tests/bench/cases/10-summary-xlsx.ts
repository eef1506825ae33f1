import ExcelJS from 'exceljs';
import type { Result } from '../../../electron/shared/result';
import { defineCase, type BenchContext } from '../harness';
import { recordStatements, Replay } from '../replay';
import { expectOk } from '../seed';

/**
 * The monthly summary as a head-office workbook: `reports:exportXlsx` through the dispatcher
 * (summary figures, per officer, roll-rate matrix and the month's visit list, number formats,
 * formula-safe text, the audited export, base64 for the renderer).
 *
 * Baseline, the floor under the same file: the read statements the export ran, replayed bare on
 * the plain copy, then ExcelJS writing a workbook with the same sheets and the same cell values
 * (read back from the app's own file once, in setup) without styles or number formats. Left
 * out of the floor: encryption, computing the figures from the rows, formatting and formula
 * neutralising, the audit row, base64 and the dispatcher.
 */
type Cells = { name: string; rows: ExcelJS.CellValue[][] }[];

interface ExportAnswer {
  fileName: string;
  base64: string;
}

interface State {
  ctx: BenchContext;
  input: { month: string; lang: 'zh'; purpose: string };
  reads: Replay;
  sheets: Cells;
}

/** The month before the branch date: the last whole month, as in the monthly summary case. */
function previousMonth(asOf: string): string {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function cellsOf(base64: string): Promise<Cells> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      // ExcelJS rows are 1-based: index 0 is always empty.
      rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    });
    return { name: sheet.name, rows };
  });
}

export default defineCase<State>({
  name: 'summary XLSX export',
  about:
    'reports:exportXlsx for the month before the branch date (4 sheets: summary, per officer, roll rates, visit list); baseline: the same reads bare on the plain copy + ExcelJS writing the same cells unstyled',
  needs: ['visits', 'loan_snapshots', 'payments'],
  iterations: 5,
  warmup: 1,
  quick: { iterations: 3, warmup: 1 },
  async setup(ctx) {
    const input = {
      month: previousMonth(ctx.branch.asOf),
      lang: 'zh' as const,
      purpose: '按总行要求报送月度走访汇总（性能测试）',
    };
    const { result, calls } = await recordStatements(ctx.branch.app.db, () =>
      ctx.branch.invoke('reports:exportXlsx', input),
    );
    const answer = expectOk(result as Result<ExportAnswer>);
    const sheets = await cellsOf(answer.base64);
    // The visit list is the last sheet, after the summary's own (their number grows with the
    // summary: tiers and roll rates per officer came later).
    const last = sheets[sheets.length - 1]!;
    const visits = last.rows.length - 1;
    if (last.name !== '走访清单' || visits === 0) {
      throw new Error(`the export's last sheet is ${last.name} with ${visits} rows`);
    }
    // The one write, the export's audit row, is the app's layer: the floor reads only.
    return {
      ctx,
      input,
      reads: new Replay(
        ctx.branch.plain,
        calls.filter((c) => c.reader),
      ),
      sheets,
    };
  },
  run: (s) => s.ctx.branch.invoke('reports:exportXlsx', s.input),
  afterRun(_s, result) {
    const answer = expectOk(result as Result<ExportAnswer>);
    if (!answer.fileName.endsWith('.xlsx') || answer.base64.length === 0) {
      throw new Error(`no workbook in the answer (${answer.fileName})`);
    }
  },
  async baseline(s) {
    s.reads.run();
    const book = new ExcelJS.Workbook();
    for (const sheet of s.sheets) {
      const out = book.addWorksheet(sheet.name);
      for (const row of sheet.rows) out.addRow(row);
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  },
  afterBaseline(_s, result) {
    if (!(result instanceof Buffer) || result.length === 0) throw new Error('no baseline workbook');
  },
});
