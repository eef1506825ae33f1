import ExcelJS from 'exceljs';
import { importFields } from '../../shared/schemas/imports';
import { toCsv } from '../../shared/spreadsheet';

/** The name offered when the user downloads the template. */
export const TEMPLATE_DOWNLOAD_NAME = '案件导入模板';

/** The standard template as CSV: the Chinese headers only, UTF-8 with BOM for Excel. */
export function standardTemplateCsv(): string {
  return toCsv([importFields.map((f) => f.zh)]);
}

const notes: Record<(typeof importFields)[number]['kind'], string> = {
  text: '文本',
  idNumber: '18 位居民身份证号，末位可为 X',
  mobile: '11 位手机号',
  code: '贷款唯一编号，不含空格',
  amount: '金额（元），如 1234.5、1,234.50、¥1,234.50',
  date: '日期，如 2026-10-03、2026/10/03、2026年10月3日',
  tier: '正常、关注、次级、可疑、损失，或代码 1–5；留空则保留上次导入的分类',
};

/**
 * The standard template as XLSX: the first sheet holds the headers, with the ID, mobile and
 * loan number columns formatted as text so Excel cannot turn an ID into 3.3E+17; a second
 * sheet explains each column (the importer reads only the first sheet).
 */
export async function standardTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = importFields.map((f) => ({
    header: f.zh,
    width: f.kind === 'idNumber' ? 22 : f.field === 'address' ? 30 : 14,
    style:
      f.kind === 'amount'
        ? { numFmt: '#,##0.00' }
        : f.kind === 'date'
          ? { numFmt: 'yyyy-mm-dd' }
          : { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('说明');
  help.columns = [
    { header: '列', width: 14 },
    { header: 'Column', width: 24 },
    { header: '必填', width: 6 },
    { header: '说明', width: 50 },
  ];
  for (const f of importFields) {
    const note = f.field === 'officer' ? '员工工号或姓名' : notes[f.kind];
    help.addRow([f.zh, f.en, f.required ? '是' : '', note]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
