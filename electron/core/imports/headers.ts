import {
  importFields,
  type ColumnMapping,
  type ImportField,
  type ImportProblem,
} from '../../shared/schemas/imports';
import { columnLetter, type SourceRow } from './table';

/** Comparable form of a header: no BOM, spaces, case or punctuation differences. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-\u3000（）()：:*＊]/g, '');
}

/** Everyday variants seen in head-office exports, beside the template's own headers. */
const aliases: Record<ImportField, string[]> = {
  name: ['客户姓名', '借款人', '借款人姓名', '客户名称'],
  id_number: ['身份证号码', '证件号码', '身份证', '证件号'],
  mobile: ['手机号码', '手机', '联系电话'],
  province: ['省份'],
  city: ['城市', '地市'],
  county: ['区县', '县区', '区/县'],
  township: ['乡镇街道', '镇'],
  village: ['村社区', '行政村', '村居'],
  address: ['地址', '家庭住址', '住址'],
  loan_no: ['借据号', '借据编号', '贷款账号', '合同号'],
  product: ['产品', '产品名称'],
  principal: ['本金', '贷款金额', '放款金额'],
  disbursed_on: ['放款日', '发放日期'],
  maturity_on: ['到期日'],
  outstanding_principal: ['贷款余额', '本金余额'],
  overdue_principal: ['逾期本金金额'],
  overdue_interest: ['欠息', '逾期利息金额'],
  penalty: ['罚息金额'],
  overdue_since: ['逾期日期', '逾期开始日期'],
  officer: ['管户经理', '客户经理工号', '管户人'],
  last_paid_on: [
    '最近还款日期',
    '上次还款日期',
    '上次还款日',
    '最后还款日期',
    'last repayment date',
    'last payment date',
  ],
  classification: [
    '贷款五级分类',
    '五级分类结果',
    '风险分类',
    '贷款风险分类',
    '资产分类',
    '分类',
    'loan classification',
    'risk classification',
    'five-tier classification',
  ],
};

const recognised = new Map<string, ImportField>();
for (const f of importFields) {
  for (const text of [f.zh, f.en, ...aliases[f.field]]) recognised.set(headerKey(text), f.field);
}

/** The field a standard (or commonly seen) header names, or null. */
export function fieldForHeader(header: string): ImportField | null {
  return recognised.get(headerKey(header)) ?? null;
}

export interface HeaderLayout {
  headerLine: number;
  headers: string[];
  /** Per column: the field it fills, or null when ignored. */
  columns: (ImportField | null)[];
  missingFields: ImportField[];
  /** Problems that make every row unusable (duplicated or missing columns). */
  problems: ImportProblem[];
  /** Rows after the header. */
  dataRows: SourceRow[];
}

function headerText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  // Headers name columns in reports; a runaway header cell must not flood them.
  return String(cell).trim().slice(0, 100);
}

function columnsFor(headers: string[], mapping: ColumnMapping | undefined): (ImportField | null)[] {
  if (!mapping) return headers.map(fieldForHeader);
  const byKey = new Map(Object.entries(mapping).map(([h, f]) => [headerKey(h), f] as const));
  // A mapping covers the headers it names; the rest still match the standard names.
  return headers.map((h) => byKey.get(headerKey(h)) ?? fieldForHeader(h));
}

/**
 * Finds the header row (the first of the first ten rows that names at least two fields, so a
 * title line above the table is skipped) and decides which column fills which field.
 */
export function locateHeader(rows: SourceRow[], mapping?: ColumnMapping): HeaderLayout {
  let index = 0;
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const headers = rows[i]!.cells.map(headerText);
    if (columnsFor(headers, mapping).filter(Boolean).length >= 2) {
      index = i;
      break;
    }
  }
  const headerRow = rows[index];
  const headers = headerRow ? headerRow.cells.map(headerText) : [];
  const headerLine = headerRow?.line ?? 1;
  const columns = columnsFor(headers, mapping);
  const problems: ImportProblem[] = [];

  if (mapping) {
    const present = new Set(headers.map(headerKey));
    for (const source of Object.keys(mapping)) {
      if (!present.has(headerKey(source))) {
        problems.push({ line: headerLine, column: source, reason: 'v.import.unknownHeader' });
      }
    }
  }
  const seen = new Map<ImportField, number>();
  columns.forEach((field, i) => {
    if (!field) return;
    const earlier = seen.get(field);
    if (earlier === undefined) {
      seen.set(field, i);
      return;
    }
    problems.push({
      line: headerLine,
      column: headers[i] || columnLetter(i),
      reason: 'v.import.duplicateColumn',
      detail: `${headers[earlier]} (${columnLetter(earlier)}) / ${headers[i]} (${columnLetter(i)})`,
    });
  });
  const missingFields = importFields
    .filter((f) => f.required && !seen.has(f.field))
    .map((f) => f.field);
  for (const field of missingFields) {
    const spec = importFields.find((f) => f.field === field)!;
    problems.push({
      line: headerLine,
      column: `${spec.zh}/${spec.en}`,
      reason: 'v.import.missingColumn',
    });
  }
  return {
    headerLine,
    headers,
    columns,
    missingFields,
    problems,
    dataRows: headerRow ? rows.slice(index + 1) : [],
  };
}
