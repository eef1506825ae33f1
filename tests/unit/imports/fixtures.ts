import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { importFields } from '../../../electron/shared/schemas/imports';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID with a correct GB 11643 check character for 17 given digits. */
export function residentId(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return first17 + '10X98765432'[sum % 11]!;
}

/** The n-th synthetic borrower's ID, unique for n below ten million (born 1960–1999). */
export function idFor(n: number): string {
  const area = `33${String(Math.floor(n / 1000) % 10_000).padStart(4, '0')}`;
  const year = 1960 + (n % 40);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  return residentId(`${area}${year}${month}${day}${String(n % 1000).padStart(3, '0')}`);
}

/** The same ID with its check character changed. */
export function wrongCheck(id: string): string {
  const last = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + last;
}

export const zhHeaders = importFields.map((f) => f.zh);
export const enHeaders = importFields.map((f) => f.en);

export type CaseCells = Record<(typeof importFields)[number]['field'], string>;

/** A complete, valid template row for the n-th borrower (one loan each). */
export function caseRow(n: number, overrides: Partial<CaseCells> = {}): CaseCells {
  return {
    name: `借款人${n}`,
    id_number: idFor(n),
    mobile: `138${String(n).padStart(8, '0')}`,
    province: '浙江省',
    city: '杭州市',
    county: '青山县',
    township: `石桥镇`,
    village: `${['东', '西', '南', '北'][n % 4]}村`,
    address: `${n}号`,
    loan_no: `L${String(n).padStart(6, '0')}`,
    product: '农户小额信用贷款',
    principal: '50,000.00',
    disbursed_on: '2024-03-01',
    maturity_on: '2026-03-01',
    outstanding_principal: '30000',
    overdue_principal: '￥1,234.50',
    overdue_interest: '88.8',
    penalty: '12.34',
    overdue_since: '2025/12/01',
    officer: '',
    last_paid_on: '',
    classification: '',
    ...overrides,
  };
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text with the template's Chinese headers (or others) and the given rows. */
export function csvText(rows: CaseCells[], headers: string[] = zhHeaders): string {
  const lines = [headers.map(quote).join(',')];
  for (const row of rows) lines.push(importFields.map((f) => quote(row[f.field])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
export const utf8Bom = (text: string) => new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8'));
export const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
export const gb18030 = (text: string) => new Uint8Array(iconv.encode(text, 'gb18030'));

/** An XLSX workbook whose first sheet holds `rows` (values as given: strings, numbers, dates). */
export async function xlsxBytes(
  rows: (string | number | Date | null)[][],
  extraSheetFirst = false,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  if (extraSheetFirst) workbook.addWorksheet('说明').addRow(['本表为导入数据']);
  const sheet = workbook.addWorksheet('清单');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * The shipped fixture tests/fixtures/imports/head-office-gbk-bad-rows.csv (GBK, no BOM, CRLF),
 * for end-to-end tests of the import screen: five good rows and four bad ones.
 */
export function headOfficeGbkRows(): CaseCells[] {
  return [
    caseRow(101, { name: '张三丰', township: '石桥镇', village: '东村', officer: '' }),
    caseRow(102, { name: '李秀英', township: '石桥镇', village: '西村' }),
    caseRow(103, { name: '王芳', principal: '￥20,000.00', outstanding_principal: '￥12,000.00' }),
    caseRow(104, { name: '赵敏', id_number: wrongCheck(idFor(104)) }),
    caseRow(105, { name: '钱进', disbursed_on: '2024年2月30日' }),
    caseRow(106, { name: '孙丽', overdue_interest: '八十八' }),
    caseRow(107, { name: '周杰', loan_no: '' }),
    caseRow(108, { name: '吴刚', overdue_since: '2025年11月5日', mobile: '139 0000 0108' }),
    caseRow(109, { name: '郑小梅', address: '=HYPERLINK("http://x","y")' }),
  ];
}

export const headOfficeGbkBytes = () => gbk(csvText(headOfficeGbkRows()));
