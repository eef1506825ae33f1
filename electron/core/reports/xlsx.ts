import ExcelJS from 'exceljs';
import { neutraliseFormula, toCsv } from '../../shared/spreadsheet';
import type {
  FigureBlock,
  MonthClose,
  MonthFigures,
  Ratio,
  RollRate,
} from '../../shared/schemas/reports';
import { CURRENT_DEFINITIONS, figureKeys } from '../../shared/schemas/reports';
import { monthLabel } from '../../shared/schemas/monthly-report';
import { definitionOf, figureDefinitions } from './definitions';
import { word } from './labels';
import { visitColumns } from './drilldown';
import { tierNames, unclassifiedName } from '../../shared/classification';

/**
 * The head-office workbook: every sheet starts with a title row (branch, month, closed or not:
 * a sheet printed or forwarded on its own still says what it is), then its column headings;
 * summary (with the close's anchor), per officer, the roll-rate matrix of the branch (in the
 * branch's buckets), the balances by five-tier classification, each officer's matrix, the definitions of every figure (definitions.ts, the same
 * words as the screen's tooltips and the printed report) and the month's visit list. Amounts
 * are yuan numbers formatted #,##0.00; rates are numbers formatted 0.0%; a rate without a
 * denominator is the text "—". Text is neutralised against formula injection.
 */
export type Lang = 'zh' | 'en';
const YUAN = '#,##0.00';
const PERCENT = '0.0%';
export const NO_RATE = '—';

type CellValue = string | number | null;
type Row = Record<string, string | number | null>;

export interface ExportData {
  /** The branch's name, for each sheet's title row. */
  branchName: string;
  figures: MonthFigures;
  frozen: boolean;
  close: MonthClose | null;
  previous: FigureBlock | null;
  lastYear: FigureBlock | null;
  visits: Row[];
}

/** The cell value of a figure: counts as is, fen as yuan, ratios as a fraction or "—". */
export function figureValue(block: FigureBlock, key: keyof FigureBlock): CellValue {
  const value = block[key];
  const kind = definitionOf(key).kind;
  if (value === null) return null;
  if (kind === 'rate') {
    const r = value as Ratio;
    return r.den === 0 ? NO_RATE : r.num / r.den;
  }
  if (kind === 'fen') return (value as number) / 100;
  return value as number;
}

const formatOf = (key: string) => {
  const kind = definitionOf(key).kind;
  return kind === 'rate' ? PERCENT : kind === 'fen' ? YUAN : '0';
};

const safe = (v: CellValue): CellValue => (typeof v === 'string' ? neutraliseFormula(v) : v);

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** 青山农商银行石桥支行 · 2026年3月 月度汇总 · 已结账（冻结数据）: the first row of every sheet. */
const stateText = (data: ExportData, lang: Lang) =>
  data.frozen
    ? t(lang, '已结账（冻结数据）', 'Closed (frozen figures)')
    : t(lang, '未结账（实时数据）', 'Not closed (live figures)');

function titleLine(data: ExportData, lang: Lang): string {
  const state = stateText(data, lang);
  const what = t(
    lang,
    `${monthLabel(data.figures.month, 'zh')} 月度汇总`,
    `Monthly summary, ${monthLabel(data.figures.month, 'en')}`,
  );
  return [data.branchName, what, state].filter(Boolean).join(' · ');
}

/** Row 1 the title across the columns, row 2 the column headings; both stay in view. */
function header(
  sheet: ExcelJS.Worksheet,
  title: string,
  columns: { title: string; width: number }[],
) {
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const titleRow = sheet.addRow([safe(title)]);
  titleRow.font = { bold: true, size: 13 };
  titleRow.height = 22;
  sheet.mergeCells(1, 1, 1, Math.max(1, Math.min(columns.length, 8)));
  const heads = sheet.addRow(columns.map((c) => safe(c.title)));
  heads.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

function summarySheet(book: ExcelJS.Workbook, data: ExportData, lang: Lang) {
  const sheet = book.addWorksheet(t(lang, '汇总', 'Summary'));
  header(sheet, titleLine(data, lang), [
    { title: t(lang, '指标', 'Figure'), width: 28 },
    { title: t(lang, '本月', 'This month'), width: 16 },
    { title: t(lang, '上月', 'Previous month'), width: 16 },
    { title: t(lang, '去年同月', 'Same month last year'), width: 18 },
    { title: t(lang, '定义', 'Definition'), width: 90 },
  ]);
  for (const key of figureKeys) {
    const d = definitionOf(key);
    const row = sheet.addRow([
      safe(d.label[lang]),
      figureValue(data.figures.branch, key),
      data.previous ? figureValue(data.previous, key) : null,
      data.lastYear ? figureValue(data.lastYear, key) : null,
      safe(d.definition[lang]),
    ]);
    for (const c of [2, 3, 4]) row.getCell(c).numFmt = formatOf(key);
  }
  sheet.addRow([]);
  const info: [string, string][] = [
    [t(lang, '月份', 'Month'), data.figures.month],
    [t(lang, '口径版本', 'Definitions version'), definitionsNote(data.figures, lang)],
    [t(lang, '状态', 'State'), stateText(data, lang)],
  ];
  if (data.close) {
    info.push(
      [
        t(lang, '结账人', 'Closed by'),
        `${data.close.closedBy.name} (${data.close.closedBy.staffNo})`,
      ],
      [t(lang, '结账时间', 'Closed at'), data.close.closedAt],
      [t(lang, '数据 SHA-256', 'Figures SHA-256'), data.close.figuresSha256],
      [t(lang, '审计链头哈希', 'Audit chain head'), data.close.auditHead],
    );
  }
  for (const [label, value] of info) sheet.addRow([safe(label), safe(value)]);
}

function officerSheet(book: ExcelJS.Workbook, data: ExportData, lang: Lang) {
  const sheet = book.addWorksheet(t(lang, '按催收员', 'Per officer'));
  header(sheet, titleLine(data, lang), [
    { title: t(lang, '工号', 'Staff no.'), width: 10 },
    { title: t(lang, '姓名', 'Name'), width: 12 },
    ...figureKeys.map((k) => ({ title: definitionOf(k).label[lang], width: 14 })),
  ]);
  for (const officer of data.figures.officers) {
    const row = sheet.addRow([
      safe(officer.staffNo),
      safe(officer.name),
      ...figureKeys.map((k) => figureValue(officer.figures, k)),
    ]);
    figureKeys.forEach((k, i) => (row.getCell(i + 3).numFmt = formatOf(k)));
  }
}

/** Months closed before issue 15 keep the figures of the definitions they were closed with. */
export function definitionsNote(figures: MonthFigures, lang: Lang): string {
  const v = figures.definitionsVersion;
  return v === CURRENT_DEFINITIONS
    ? String(v)
    : t(
        lang,
        `${v}（结账时的旧口径；重新打开并结账即按现行口径 ${CURRENT_DEFINITIONS} 重算）`,
        `${v} (the definitions in force when it was closed; reopen and close it again for the current definitions, ${CURRENT_DEFINITIONS})`,
      );
}

/** The matrix's columns after any leading ones: rates by balance and count, then amounts. */
function rollRateColumns(rollRate: RollRate, lang: Lang) {
  const paidOff = definitionOf('loansPaidOff').label[lang];
  const ends = [...rollRate.buckets.map((b) => `→ ${b}`), paidOff];
  return [
    { title: t(lang, '月初账龄', 'Start bucket'), width: 12 },
    { title: t(lang, '月初笔数', 'Loans at start'), width: 12 },
    { title: t(lang, '月初余额（元）', 'Start balance (yuan)'), width: 18 },
    ...ends.flatMap((e) => [
      { title: t(lang, `${e} 余额比`, `${e} by balance`), width: 14 },
      { title: t(lang, `${e} 笔数比`, `${e} by count`), width: 14 },
    ]),
    ...ends.flatMap((e, j) => [
      {
        title:
          j < rollRate.buckets.length
            ? t(lang, `${e} 月末余额（元）`, `${e} end balance (yuan)`)
            : t(lang, `${e} 月初余额（元）`, `${e} start balance (yuan)`),
        width: 18,
      },
      { title: t(lang, `${e} 笔数`, `${e} loans`), width: 12 },
    ]),
  ];
}

/**
 * One row per start bucket, after `lead` cells (the per-officer sheet's staff number and name):
 * its loans and principal, then per end column (M0 … M4+, paid off) the rate by balance with
 * the rate by count beside it, then the amounts and counts the rates come from. A bucket with
 * no loans (or no balance) at the start has no rates ("—").
 */
function addRollRateRows(sheet: ExcelJS.Worksheet, rollRate: RollRate, lead: CellValue[]) {
  rollRate.buckets.forEach((bucket, i) => {
    const startFen = rollRate.startFen[i]!;
    const startLoans = rollRate.startLoans[i]!;
    const fen = [...rollRate.cellsFen[i]!, rollRate.paidOffFen[i]!];
    const loans = [...rollRate.cellsLoans[i]!, rollRate.paidOffLoans[i]!];
    const rate = (num: number, den: number) => (den === 0 ? NO_RATE : num / den);
    const row = sheet.addRow([
      ...lead.map(safe),
      bucket,
      startLoans,
      startFen / 100,
      ...fen.flatMap((f, j) => [rate(f, startFen), rate(loans[j]!, startLoans)]),
      ...fen.flatMap((f, j) => [f / 100, loans[j]!]),
    ]);
    const first = lead.length + 1;
    row.getCell(first + 2).numFmt = YUAN;
    fen.forEach((_, j) => {
      row.getCell(first + 3 + 2 * j).numFmt = PERCENT;
      row.getCell(first + 4 + 2 * j).numFmt = PERCENT;
      row.getCell(first + 3 + 2 * fen.length + 2 * j).numFmt = YUAN;
    });
  });
}

/** The branch's matrix. */
function rollRateSheet(book: ExcelJS.Workbook, data: ExportData, lang: Lang) {
  const sheet = book.addWorksheet(t(lang, '迁徙率矩阵', 'Roll rates'));
  const { rollRate } = data.figures;
  header(sheet, titleLine(data, lang), rollRateColumns(rollRate, lang));
  addRollRateRows(sheet, rollRate, []);
}

/**
 * Balances by the bank's five-tier classification at the month's end (schemas/reports.ts
 * `tierRows`): per tier its loans, principal and share of the principal, then the total. A
 * month closed before the classification was kept says so in one row.
 */
function tierSheet(book: ExcelJS.Workbook, data: ExportData, lang: Lang) {
  const sheet = book.addWorksheet(t(lang, '五级分类', 'Classification'));
  header(sheet, titleLine(data, lang), [
    { title: t(lang, '五级分类（月末）', 'Classification (month end)'), width: 22 },
    { title: t(lang, '笔数', 'Loans'), width: 10 },
    { title: t(lang, '贷款余额（元）', 'Outstanding principal (yuan)'), width: 24 },
    { title: t(lang, '余额占比', 'Share of principal'), width: 16 },
  ]);
  const rows = data.figures.tiers;
  if (rows === null) {
    sheet.addRow([
      safe(
        t(
          lang,
          '本月结账时尚未保存五级分类；重新打开并结账即可补上。',
          'This month was closed before the classification was kept; reopen and close it again to add it.',
        ),
      ),
    ]);
    return;
  }
  const totalFen = rows.reduce((sum, r) => sum + r.balanceFen, 0);
  const totalLoans = rows.reduce((sum, r) => sum + r.loans, 0);
  const add = (name: string, loans: number, fen: number) => {
    const row = sheet.addRow([
      safe(name),
      loans,
      fen / 100,
      totalFen === 0 ? NO_RATE : fen / totalFen,
    ]);
    row.getCell(3).numFmt = YUAN;
    row.getCell(4).numFmt = PERCENT;
    return row;
  };
  for (const r of rows) {
    add((r.tier === 'none' ? unclassifiedName : tierNames[r.tier])[lang], r.loans, r.balanceFen);
  }
  add(t(lang, '合计', 'Total'), totalLoans, totalFen).font = { bold: true };
}

/**
 * Each officer's matrix (the loans of their borrowers), five rows an officer, in the per-officer
 * sheet's order. A month closed before officers had matrices says so in one row.
 */
function officerRollRateSheet(book: ExcelJS.Workbook, data: ExportData, lang: Lang) {
  const sheet = book.addWorksheet(t(lang, '按催收员迁徙率', 'Roll rates per officer'));
  header(sheet, titleLine(data, lang), [
    { title: t(lang, '工号', 'Staff no.'), width: 10 },
    { title: t(lang, '姓名', 'Name'), width: 12 },
    ...rollRateColumns(data.figures.rollRate, lang),
  ]);
  const officers = data.figures.officers;
  if (officers.length > 0 && officers.every((o) => o.rollRate === null)) {
    sheet.addRow([
      safe(
        t(
          lang,
          '本月结账时的口径没有按催收员的迁徙率；重新打开并结账即按现行口径重算。',
          'This month was closed under definitions without roll rates per officer; reopen and close it again to recompute it.',
        ),
      ),
    ]);
    return;
  }
  for (const officer of officers) {
    if (officer.rollRate) addRollRateRows(sheet, officer.rollRate, [officer.staffNo, officer.name]);
  }
}

/** Every figure's definition, with what a rate divides by what. */
function definitionsSheet(book: ExcelJS.Workbook, data: ExportData, lang: Lang) {
  const sheet = book.addWorksheet(t(lang, '指标定义', 'Definitions'));
  header(sheet, titleLine(data, lang), [
    { title: t(lang, '编号', 'Key'), width: 20 },
    { title: t(lang, '指标', 'Figure'), width: 24 },
    { title: t(lang, '定义', 'Definition'), width: 90 },
    { title: t(lang, '分子', 'Numerator'), width: 40 },
    { title: t(lang, '分母', 'Denominator'), width: 40 },
  ]);
  for (const d of figureDefinitions) {
    const row = sheet.addRow(
      [
        d.key,
        d.label[lang],
        d.definition[lang],
        d.numerator?.[lang] ?? '',
        d.denominator?.[lang] ?? '',
      ].map(safe),
    );
    row.alignment = { wrapText: true, vertical: 'top' };
  }
}

/** The visit list as rows of display values, the same for the sheet and the CSV. */
export function visitTable(rows: readonly Row[], lang: Lang): CellValue[][] {
  const head = visitColumns.map((c) => c.label[lang]);
  const body = rows.map((r) =>
    visitColumns.map((c) => {
      const value = r[c.key] ?? null;
      return ['status', 'met', 'outcome'].includes(c.key) ? word(value, lang) : value;
    }),
  );
  return [head, ...body];
}

function visitSheet(book: ExcelJS.Workbook, data: ExportData, lang: Lang) {
  const sheet = book.addWorksheet(t(lang, '走访清单', 'Visits'));
  const [head, ...body] = visitTable(data.visits, lang);
  const widths = [8, 12, 13, 12, 20, 20, 10, 10, 14, 30];
  header(
    sheet,
    titleLine(data, lang),
    head!.map((title, i) => ({ title: String(title), width: widths[i] ?? 12 })),
  );
  for (const row of body) sheet.addRow(row.map(safe));
}

export async function summaryWorkbook(data: ExportData, lang: Lang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Visitdesk';
  summarySheet(book, data, lang);
  officerSheet(book, data, lang);
  rollRateSheet(book, data, lang);
  tierSheet(book, data, lang);
  officerRollRateSheet(book, data, lang);
  definitionsSheet(book, data, lang);
  visitSheet(book, data, lang);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function visitCsv(rows: readonly Row[], lang: Lang): string {
  return toCsv(visitTable(rows, lang));
}
