import { purposeRuleText } from '../../../electron/shared/schemas/export-purpose-text';
import { defineText } from '../i18n/define';

/** Texts of the export-purpose dialog (components/PurposeDialog.tsx), shared by every screen. */
export const purposeText = defineText(
  {
    // The rule's own words come with the rule (shared with the CLI).
    ...purposeRuleText.zh,
    'purpose.label': '导出用途',
    'purpose.why': '导出含个人信息，须说明用途（《个人信息保护法》），用途将记入审计。',
    'purpose.quick': '常用用途',
    'purpose.quick.monthly': '报送总行月度报表',
    'purpose.quick.audit': '内部稽核检查',
    'purpose.quick.regulator': '配合监管检查',
    'purpose.quick.correction': '退回总行更正数据',
    'purpose.quick.complaint': '处理借款人投诉',
    'purpose.export': '导出',
    // What leaves, for screens whose own texts live in another feature's file.
    'purpose.contents.importReport': '导入校验报告，含被拒行的借款人姓名、身份证号等原始内容。',
    'purpose.contents.caseList':
      '当前筛选条件下的 {{count}} 个案件（身份证号、手机号{{masking}}）。',
    'purpose.contents.masked': '已脱敏',
    'purpose.contents.full': '为完整号码',
    'caseExport.button': '导出清单',
    'caseExport.title': '导出案件清单 CSV',
    'caseExport.fullNumbers': '包含完整身份证号和手机号（否则脱敏）',
    'caseExport.tooMany': '超过 {{max}} 个案件，请先缩小筛选范围再导出',
    'caseExport.done': '已导出 {{rows}} 个案件：{{file}}',
  },
  {
    ...purposeRuleText.en,
    'purpose.label': 'Purpose of the export',
    'purpose.why':
      'The export contains personal data, so its purpose must be stated (PIPL); it is audited.',
    'purpose.quick': 'Common purposes',
    'purpose.quick.monthly': 'Monthly report to head office',
    'purpose.quick.audit': 'Internal audit review',
    'purpose.quick.regulator': 'Regulatory inspection',
    'purpose.quick.correction': 'Return to head office for correction',
    'purpose.quick.complaint': 'Handling a borrower complaint',
    'purpose.export': 'Export',
    'purpose.contents.importReport':
      'The import problem report, echoing rejected rows as given: borrower names, ID numbers.',
    'purpose.contents.caseList':
      'The {{count}} cases of the current filter (ID and phone numbers {{masking}}).',
    'purpose.contents.masked': 'masked',
    'purpose.contents.full': 'in full',
    'caseExport.button': 'Export list',
    'caseExport.title': 'Export the case list as CSV',
    'caseExport.fullNumbers': 'Full ID and phone numbers (masked otherwise)',
    'caseExport.tooMany': 'More than {{max}} cases: narrow the filter before exporting',
    'caseExport.done': 'Exported {{rows}} cases: {{file}}',
  },
);
