/**
 * The cases messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
/** Bilingual messages the case schemas and services use; spread into messages.ts. */
export const caseMessages = {
  'v.divisionCode': { zh: '行政区划代码不正确', en: 'Not a valid division code' },
  'v.tooMany': { zh: '条目过多', en: 'Too many entries' },
  'v.tooLarge': { zh: '数值过大', en: 'The number is too large' },
  'v.dateTime': { zh: '时间格式不正确', en: 'Not a valid date and time' },
  'v.case.duplicateId': {
    zh: '该身份证号已有案件档案',
    en: 'A case file with this resident ID already exists',
  },
  'v.case.officer': { zh: '该员工不存在或已停用', en: 'No such active staff member' },
  'v.case.contact': {
    zh: '该联系人不属于此借款人',
    en: 'This contact belongs to another borrower',
  },
  'v.case.noConsent': {
    zh: '该联系人未记录同意联系，不得联系（只可联系借款人和担保人）',
    en: 'No recorded consent to approach this contact (only the borrower and guarantors)',
  },
  'v.case.future': { zh: '不能晚于当前时间', en: 'Cannot be in the future' },
  'v.case.alreadyClosed': {
    zh: '该案件已结案，不能再次转出',
    en: 'This case is already closed',
  },
  'v.case.exitInFuture': { zh: '生效日期不能晚于今天', en: 'The date cannot be after today' },
  'v.case.exitInForce': {
    zh: '该案件已退出上门催收，请先撤销结案再修改状态',
    en: 'This case left doorstep collection; undo the exit to change its status',
  },
  'v.case.noExit': {
    zh: '该案件没有生效的结案记录',
    en: 'This case has no exit in force',
  },
  'e.case.demoExists': {
    zh: '演示网点数据已载入，不能重复载入',
    en: 'The demo branch is already loaded',
  },
  'e.case.notEmpty': {
    zh: '已有案件档案，演示数据只能载入空库',
    en: 'Case files exist; the demo branch loads only into an empty database',
  },
  'e.case.loanOwner': {
    zh: '该贷款编号属于另一位借款人',
    en: 'This loan number belongs to another borrower',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
