/**
 * The waivers messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
export const waiverMessages = {
  'v.waiver.amount': { zh: '请填写大于零的金额', en: 'Enter an amount above zero' },
  'v.waiver.loan': { zh: '请选择贷款', en: 'Choose the loan' },
  'v.waiver.overOwed': {
    zh: '减免金额不能超过所欠金额',
    en: 'The amount waived cannot exceed what is owed',
  },
  'v.waiver.payNotLess': {
    zh: '和解还款金额须少于所欠总额（本金、利息、罚息合计）',
    en: 'A settlement pays less than the total owed (principal, interest and penalty)',
  },
  'v.waiver.payByPast': { zh: '还款期限不能早于今天', en: 'The pay-by date cannot be in the past' },
  'v.waiver.caseExited': {
    zh: '案件已退出上门催收，不能再提出减免或和解',
    en: 'The case has left doorstep collection: no new waiver or settlement',
  },
  'v.waiver.openExists': {
    zh: '该笔贷款已有一项待审批的减免或和解',
    en: 'This loan already has a waiver or settlement awaiting approval',
  },
  'e.waiver.ownProposal': {
    zh: '不能审批本人提出的减免或和解',
    en: 'You cannot approve a waiver or settlement you proposed',
  },
  'e.waiver.twice': {
    zh: '同一人不能给出两次审批',
    en: 'The same person cannot give both approvals',
  },
  'e.waiver.role': {
    zh: '按支行设置，此项审批须由另一角色给出（一位经理和一位第二审批人）',
    en: 'By the branch’s setting this approval must come from another role (a manager and the second approver)',
  },
  'e.waiver.notApproved': {
    zh: '减免或和解须经两人审批后才能打印协议',
    en: 'The agreement prints only once both approvals are in',
  },
  'e.waiver.notOpen': {
    zh: '该项减免或和解已不在待审批状态',
    en: 'This waiver or settlement is no longer awaiting a decision',
  },
} as const;
