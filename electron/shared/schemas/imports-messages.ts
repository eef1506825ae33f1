/**
 * The imports messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
/** Bilingual reasons for import problems; spread into messages.ts. */
export const importMessages = {
  'v.import.notText': {
    zh: '无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030 文本',
    en: 'Unknown encoding: the file is neither UTF-8 nor GBK/GB18030 text',
  },
  'v.import.utf16': {
    zh: '文件为 UTF-16 编码，请另存为“CSV UTF-8”或 XLSX',
    en: 'The file is UTF-16; save it as "CSV UTF-8" or XLSX',
  },
  'v.import.nul': {
    zh: '文件含空字符（NUL），不是普通文本表格，可能是二进制或 UTF-16 文件',
    en: 'The file contains NUL characters: not a plain text table (binary or UTF-16?)',
  },
  'v.import.notXlsx': {
    zh: '不是有效的 XLSX 工作簿（文件已损坏或并非 Excel 文件）',
    en: 'Not a valid XLSX workbook (damaged, or not an Excel file)',
  },
  'v.import.empty': { zh: '文件中没有数据行', en: 'The file has no data rows' },
  'v.import.tooLarge': {
    zh: '文件过大（上限 50 MB）',
    en: 'The file is too large (50 MB at most)',
  },
  'v.import.unterminatedQuote': {
    zh: '引号未闭合：此处起的内容被当作同一个单元格',
    en: 'Unterminated quote: everything from here is read as one cell',
  },
  'v.import.ragged': {
    zh: '该行的列数与表头不一致',
    en: 'This row has a different number of columns than the header',
  },
  'v.import.cellTooLong': {
    zh: '单元格内容过长（超过 2000 个字符）',
    en: 'Cell too long (over 2,000 characters)',
  },
  'v.import.cellError': {
    zh: '单元格为公式错误值（如 #N/A）',
    en: 'The cell holds a formula error (such as #N/A)',
  },
  'v.import.duplicateColumn': {
    zh: '列重复：同一字段出现在多列',
    en: 'Duplicated column: the same field appears in more than one column',
  },
  'v.import.missingColumn': { zh: '缺少必需的列', en: 'A required column is missing' },
  'v.import.unknownHeader': {
    zh: '映射中的列在文件中不存在',
    en: 'The mapping names a column the file does not have',
  },
  'v.import.tier': {
    zh: '五级分类无效（可写作 正常、关注、次级、可疑、损失，或代码 1–5）',
    en: 'Not a loan classification (write Pass, Special mention, Substandard, Doubtful, Loss, or the code 1–5)',
  },
  'v.import.date': {
    zh: '日期无效（可写作 2026-10-03、2026/10/03 或 2026年10月3日）',
    en: 'Not a valid date (write 2026-10-03, 2026/10/03 or 2026年10月3日)',
  },
  'v.import.amount': {
    zh: '金额无效（可写作 1234.5、1,234.50 或 ¥1,234.50，最多两位小数）',
    en: 'Not a valid amount (write 1234.5, 1,234.50 or ¥1,234.50, at most 2 decimals)',
  },
  'v.import.numberAsText': {
    zh: '该值被存成数字，已丢失精度；请把此列设为“文本”格式后重新导出',
    en: 'Stored as a number and lost precision; format the column as text and export again',
  },
  'v.import.controlChars': {
    zh: '含有不可见的控制字符',
    en: 'Contains invisible control characters',
  },
  'v.import.loanNo': {
    zh: '贷款编号只能含字母、数字和 - _ / .',
    en: 'Loan number: letters, digits and - _ / . only',
  },
  'v.import.maturityBeforeDisbursed': {
    zh: '到期日期早于放款日期',
    en: 'The maturity date is before the disbursement date',
  },
  'v.import.outstandingOverPrincipal': {
    zh: '剩余本金大于贷款本金',
    en: 'Outstanding principal exceeds the principal',
  },
  'v.import.overdueOverOutstanding': {
    zh: '逾期本金大于剩余本金',
    en: 'Overdue principal exceeds the outstanding principal',
  },
  'v.import.duplicateLoan': {
    zh: '同一贷款编号在文件中出现多次',
    en: 'The same loan number appears more than once in the file',
  },
  'v.import.conflictingBorrower': {
    zh: '同一身份证号在文件中对应不同的姓名',
    en: 'The same resident ID appears with different names in the file',
  },
  'v.import.loanOfOtherBorrower': {
    zh: '该贷款编号已属于另一位借款人',
    en: 'This loan number already belongs to another borrower',
  },
  'v.import.unknownOfficer': {
    zh: '找不到该客户经理（请填写工号或姓名）',
    en: 'No such loan officer (give the staff number or name)',
  },
  'v.import.officerNotOnStaff': {
    zh: '客户经理不在员工名单中：此行照常导入，但不分配给此人（姓名见详情）；经理可新建该员工，或把姓名对应到现有员工',
    en: 'The officer is not on the staff list: the row imports without this assignment (name in the detail); a manager can add the officer or map the name to a staff member',
  },
  'v.import.paidOnAfterAsOf': {
    zh: '最近还款日晚于本文件的数据日期，未采用；这笔还款按两次文件之间的期间计',
    en: 'The last repayment date is after the file’s as-of date and was not used; the repayment counts as made between the two files',
  },
  'v.import.paidOnBeforePrevious': {
    zh: '本金比上一份文件减少，但最近还款日早于上一份文件的日期，未采用；这笔还款按两次文件之间的期间计',
    en: 'Principal fell since the previous file, but the last repayment date is before that file and was not used; the repayment counts as made between the two files',
  },
  'v.import.sameDateFall': {
    zh: '剩余本金比同一数据日期已导入的文件少：同日期的文件按更正处理，减少的部分未记为还款；若是新的还款，请用新的数据日期导入',
    en: 'Outstanding principal is lower than in a file of the same as-of date already imported: a file of the same date counts as a correction, so the fall was not recorded as a repayment; if it is new money, import the file with its own (later) as-of date',
  },
  'v.import.ambiguousOfficer': {
    zh: '有多名员工同名，请填写工号',
    en: 'Several staff share this name; give the staff number',
  },
  'v.import.idBirthDate': {
    zh: '身份证号中的出生日期不可能：晚于今天，或早于 120 年前',
    en: 'The birth date in the resident ID cannot be right: after today, or more than 120 years ago',
  },
  'v.import.moreWarnings': {
    zh: '还有更多提醒未列出（条数见详情）',
    en: 'More warnings not listed (the count is in the detail)',
  },
  'v.import.officerName': {
    zh: '客户经理姓名为 1–50 个字符',
    en: 'Officer name: 1–50 characters',
  },
  'v.import.officerNotAssignable': {
    zh: '案件只能分配给在职的催收员或经理',
    en: 'Cases can be assigned only to an active collection officer or manager',
  },
  'v.import.mappingName': {
    zh: '映射名称为 1–40 个字符',
    en: 'Mapping name: 1–40 characters',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
